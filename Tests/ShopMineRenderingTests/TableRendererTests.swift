import RichOutput
import ShopMineData
import XCTest

@testable import ShopMineRendering

final class TableRendererTests: XCTestCase {
  /// Three rows with a missing value, a string needing escaping, CJK and a timestamp.
  func smallTable() -> Table {
    Table(
      uncheckedColumns: [
        Column(name: "id", ints: [1, 2, 30]),
        Column(name: "city", strings: ["上海", "<b>&Co</b>", nil]),
        Column(name: "spend", floats: [512.25, 10.5, 3]),
        Column(name: "vip", bools: [true, false, true]),
        Column(
          name: "ts",
          timestamps: [
            Timestamp.make(year: 2024, month: 3, day: 5),
            Timestamp.make(year: 2024, month: 3, day: 5, hour: 14, minute: 3),
            Timestamp.make(year: 2023, month: 12, day: 31, hour: 23, minute: 59, second: 59),
          ]),
      ], rowCount: 3)
  }

  func testPlainTextAlignsNumbersRightAndCJKByCells() {
    let text = TableRenderer.plainText(smallTable())
    XCTAssertEqual(
      text,
      """
         id  city         spend  vip    ts
      0   1  上海        512.25  true   2024-03-05
      1   2  <b>&Co</b>   10.50  false  2024-03-05 14:03:00
      2  30  missing       3.00  true   2023-12-31 23:59:59

      3 rows × 5 columns
      """)
  }

  func testPlainTextElidesMiddleRowsPastTheLimit() {
    let n = 25
    let table = Table(
      uncheckedColumns: [
        Column(name: "n", ints: (0..<n).map { Int64($0 * $0) }),
        Column(name: "name", strings: (0..<n).map { "item \($0)" }),
      ], rowCount: n)
    Golden.check(TableRenderer.plainText(table), named: "table_elided.txt")
    let text = TableRenderer.plainText(table, options: TableOptions(displayRows: 4))
    XCTAssertEqual(
      text,
      """
            n  name
       0    0  item 0
       1    1  item 1
       …    …  …
      23  529  item 23
      24  576  item 24

      25 rows × 2 columns
      """)
  }

  func testHTMLIsEscapedRightAlignedAndScriptFree() {
    let html = TableRenderer.html(smallTable(), options: TableOptions(title: "Users <top>"))
    Golden.check(html, named: "table_small.html")
    XCTAssertTrue(html.contains("<td align=\"left\">&lt;b&gt;&amp;Co&lt;/b&gt;</td>"))
    XCTAssertTrue(html.contains("<td align=\"right\">512.25</td>"))
    XCTAssertTrue(html.contains("<caption>Users &lt;top&gt;</caption>"))
    XCTAssertTrue(html.contains("<p>3 rows × 5 columns</p>"))
    XCTAssertFalse(html.lowercased().contains("<script"))
    XCTAssertFalse(html.contains("style="))
    XCTAssertTrue(parseXML(html).ok, "HTML table should be well-formed XML: \(parseXML(html).error ?? "")")
  }

  func testHTMLShowsFirstFiveAndLastFiveRowsAroundEllipsis() {
    let table = Table(uncheckedColumns: [Column(name: "x", ints: (0..<100).map(Int64.init))], rowCount: 100)
    let html = TableRenderer.html(table)
    let body = html.components(separatedBy: "<tbody>")[1]
    let shown = body.components(separatedBy: "<th align=\"right\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    XCTAssertEqual(shown, ["0", "1", "2", "3", "4", "95", "96", "97", "98", "99"])
    XCTAssertTrue(html.contains("<tr><th>…</th><td align=\"right\">…</td></tr>"))
    XCTAssertTrue(html.contains("<p>100 rows × 1 column</p>"))
  }

  func testWideTablesElideMiddleColumns() {
    let columns = (0..<30).map { Column(name: "c\($0)", ints: [Int64($0)]) }
    let table = Table(uncheckedColumns: columns, rowCount: 1)
    let text = TableRenderer.plainText(table, options: TableOptions(maxColumns: 4))
    XCTAssertEqual(
      text,
      """
         c0  c1  …  c28  c29
      0   0   1  …   28   29

      1 row × 30 columns
      """)
  }

  func testJSONTurnsNaNIntoNullAndInfinityIntoStrings() {
    let table = Table(
      uncheckedColumns: [
        Column(name: "v", storage: .float([1.5, .nan, .infinity, -.infinity])),
        Column(name: "s", strings: ["a", nil, "c", "d"]),
        Column(name: "t", timestamps: [0, 0, 0, Timestamp.make(year: 2024, month: 1, day: 2, hour: 3)]),
      ], rowCount: 4)
    let json = TableRenderer.json(table)
    XCTAssertEqual(
      json,
      .object([
        "columns": ["v", "s", "t"],
        "types": ["float", "string", "timestamp"],
        "rows": [
          [1.5, "a", "1970-01-01"], [nil, nil, "1970-01-01"], ["inf", "c", "1970-01-01"],
          ["-inf", "d", "2024-01-02T03:00:00"],
        ],
        "total_rows": 4,
      ]))
    let limited = TableRenderer.json(table, options: TableOptions(jsonRowLimit: 1))
    XCTAssertEqual(limited["rows"]?.arrayValue?.count, 1)
    XCTAssertEqual(limited["total_rows"], 4)
  }

  func testBundleCarriesThreeRepresentationsAndNoPlainJSON() {
    // Plain `application/json` would make JupyterLab show a JSON tree instead of the HTML table.
    let bundle = TableRenderer.bundle(smallTable())
    XCTAssertEqual(bundle.data.keys.sorted(), ["application/vnd.shopmine.table.v1+json", "text/html", "text/plain"])
  }

  func testFloatPrecisionOptionAndScientificExtremes() {
    let table = Table(uncheckedColumns: [Column(name: "x", floats: [3.14159265, 2e-9, 1.5e17])], rowCount: 3)
    XCTAssertEqual(
      TableRenderer.plainText(table, options: TableOptions(precision: 2)),
      """
                x
      0      3.14
      1  2.00e-09
      2  1.50e+17

      3 rows × 1 column
      """)
  }

  func testEmptyTables() {
    XCTAssertEqual(TableRenderer.plainText(.empty), "(empty table) 0 rows × 0 columns")
    let noRows = Table(uncheckedColumns: [Column(name: "a", ints: [])], rowCount: 0)
    XCTAssertEqual(TableRenderer.plainText(noRows), "  a\n\n0 rows × 1 column")
  }

  func testLongCellsAreTruncatedWithEllipsisAtFiftyCharacters() {
    let table = Table(
      uncheckedColumns: [
        Column(name: "s", strings: [String(repeating: "x", count: 50), String(repeating: "y", count: 60)])
      ],
      rowCount: 2)
    let lines = TableRenderer.plainText(table).split(separator: "\n")
    XCTAssertEqual(lines[1], "0  " + String(repeating: "x", count: 50))
    XCTAssertEqual(lines[2], "1  " + String(repeating: "y", count: 49) + "…")
  }

  func testNumbersAsPeopleReadThem() {
    let table = Table(
      uncheckedColumns: [
        Column(name: "user_id", ints: [1_234_567, 42]),
        Column(name: "orders", ints: [1_234_567, 42]),
        Column(name: "year", ints: [2024, 2025]),
        Column(name: "avg_spend", floats: [1234.5, 3]),
        Column(name: "inertia", floats: [2_570_772.3821, 1_234_567.25]),
        Column(name: "rate", floats: [0.123456, 0.5]),
        // A z-scored column's mean beside its standard deviation: rounding residue shows as 0.
        Column(name: "z", floats: [2.0324e-16, 1.0]),
        Column(name: "lift", floats: [.nan, 36.38]),
        Column(name: "score", floats: [1, 2], validity: ValidityMask([false, true])),
      ],
      rowCount: 2)
    XCTAssertEqual(
      TableRenderer.plainText(table),
      """
         user_id     orders  year  avg_spend    inertia    rate  z   lift    score
      0  1234567  1,234,567  2024   1,234.50  2,570,772  0.1235  0    n/a  missing
      1       42         42  2025       3.00  1,234,567  0.5000  1  36.38        2

      2 rows × 9 columns
      """)
  }

  func testSharesShowAsPercentagesAndKeepTheirFractionInJSON() {
    let table = Table(
      uncheckedColumns: [
        Column(name: "segment", strings: ["champions", "promising", "new"]),
        Column(name: "share", floats: [0.2778, 0.0078, 0.051], meaning: .share),
        // The same numbers without the mark stay fractions.
        Column(name: "fraction", floats: [0.2778, 0.0078, 0.051]),
      ],
      rowCount: 3)
    XCTAssertEqual(
      TableRenderer.plainText(table),
      """
         segment    share  fraction
      0  champions  27.8%    0.2778
      1  promising   0.8%    0.0078
      2  new         5.1%    0.0510

      3 rows × 3 columns
      """)
    XCTAssertTrue(TableRenderer.html(table).contains("<td align=\"right\">27.8%</td>"))
    guard case .object(let form) = TableRenderer.json(table),
      case .array(let rows)? = form["rows"], case .array(let first)? = rows.first
    else { return XCTFail("no JSON table form") }
    XCTAssertEqual(first[1], .double(0.2778))
    XCTAssertEqual(form["meanings"], .object(["share": .string("share")]))
    // Small shares: two significant digits at the column's median (0.12%), the same decimals for every row.
    let rare = Table(
      uncheckedColumns: [Column(name: "share", floats: [0.0035, 0.00035, 0.0012], meaning: .share)], rowCount: 3)
    XCTAssertEqual(
      TableRenderer.plainText(rare).split(separator: "\n").dropFirst().prefix(3).map { $0.split(separator: " ").last! },
      ["0.35%", "0.03%", "0.12%"])
    // A table without marked columns has no "meanings" key.
    guard case .object(let plain) = TableRenderer.json(smallTable()) else { return XCTFail("no JSON table form") }
    XCTAssertNil(plain["meanings"])
  }

  func testCellWidthCutsTextAndHTMLAlike() {
    let table = Table(
      uncheckedColumns: [Column(name: "text", strings: ["Absolutely love it, would buy again", "ok"])], rowCount: 2)
    let options = TableOptions(maxCellWidth: 12)
    XCTAssertEqual(TableRenderer.plainText(table, options: options).split(separator: "\n")[1], "0  Absolutely …")
    XCTAssertTrue(TableRenderer.html(table, options: options).contains("<td align=\"left\">Absolutely …</td>"))
    XCTAssertFalse(TableRenderer.html(table, options: options).contains("love"))
  }

  func testScalarValues() {
    XCTAssertEqual(ValueRenderer.bundle(.int(42)).plainText, "42")
    XCTAssertEqual(ValueRenderer.bundle(.float(2.0 / 3.0)).plainText, "0.6667")
    XCTAssertEqual(ValueRenderer.bundle(.float(2.5)).plainText, "2.5")
    XCTAssertEqual(ValueRenderer.bundle(.missing).plainText, "missing")
    XCTAssertEqual(ValueRenderer.bundle(.string("héllo")).plainText, "héllo")
    XCTAssertEqual(ValueRenderer.bundle(.bool(true)).plainText, "true")
    XCTAssertEqual(
      ValueRenderer.bundle(.timestamp(Timestamp.make(year: 2024, month: 2, day: 29))).plainText, "2024-02-29")
  }
}

final class InlineMarkdownTests: XCTestCase {
  func testCodeSpansAndBoldBecomeTagsAndTheRestIsEscaped() {
    XCTAssertEqual(
      InlineMarkdown.html("try `dbscan TABLE eps 0.283 <x>`. Rows & **noise**"),
      "try <code>dbscan TABLE eps 0.283 &lt;x&gt;</code>. Rows &amp; <strong>noise</strong>")
    // Unpaired markers stay as they are; an empty span is not a span.
    XCTAssertEqual(InlineMarkdown.html("a ` b"), "a ` b")
    XCTAssertEqual(InlineMarkdown.html("2 * 3 ** 4"), "2 * 3 ** 4")
    XCTAssertEqual(InlineMarkdown.html("``"), "``")
  }

  func testSummaryHTMLShowsNoRawBackticks() {
    let document = SummaryDocument(
      title: "k-distance", sections: [.init(blocks: [.text("try `dbscan users eps 0.3 minpts 5`")])])
    let html = SummaryRenderer.html(document)
    XCTAssertTrue(html.contains("<p>try <code>dbscan users eps 0.3 minpts 5</code></p>"), html)
    XCTAssertFalse(html.contains("`"), html)
  }
}
