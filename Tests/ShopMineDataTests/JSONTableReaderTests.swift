import XCTest

@testable import ShopMineData

final class JSONTableReaderTests: XCTestCase {
  func parse(_ text: String) throws -> Table { try JSONTableReader.parse(bytes: Array(text.utf8)) }

  func testLinesFlattenNestedObjectsAndKeepFirstSeenColumnOrder() throws {
    let t = try parse(
      """
      {"user": 1, "event": "view", "ctx": {"page": "/a", "ab": {"arm": "B"}}, "ts": "2024-03-01T10:00:00"}

      {"event": "buy", "user": 2, "price": 9.5, "tags": ["x", "y]"], "ts": "2024-03-02"}
      {"user": null, "ctx": {"page": "/b"}, "price": 3, "ok": true}
      """)
    XCTAssertEqual(t.columnNames, ["user", "event", "ctx.page", "ctx.ab.arm", "ts", "price", "tags", "ok"])
    XCTAssertEqual(t.columns.map(\.type), [.int, .string, .string, .string, .timestamp, .float, .string, .bool])
    XCTAssertEqual(t.rowCount, 3)
    XCTAssertEqual(t.value(row: 2, column: "user"), .missing)
    XCTAssertEqual(t.value(row: 1, column: "tags"), .string(#"["x", "y]"]"#))
    XCTAssertEqual(t.value(row: 2, column: "price"), .float(3))
    XCTAssertEqual(t.value(row: 0, column: "ok"), .missing)
    XCTAssertEqual(t.value(row: 1, column: "ts"), .timestamp(Timestamp.make(year: 2024, month: 3, day: 2)))
  }

  func testAnArrayOfRecordsEscapesAndMixedTypes() throws {
    let t = try parse(
      #"[{"name": "caf\u00e9 \ud83d\ude00", "q": "say \"hi\"\n", "v": 1}, {"name": "b", "v": "two"}, {"v": 12345678901234567890}]"#
    )
    XCTAssertEqual(t.value(row: 0, column: "name"), .string("café 😀"))
    XCTAssertEqual(t.value(row: 0, column: "q"), .string("say \"hi\"\n"))
    // Numbers and text in one column: text, as pandas keeps an object column.
    XCTAssertEqual(t.column(named: "v")?.type, .string)
    XCTAssertEqual(t.value(row: 1, column: "v"), .string("two"))
    XCTAssertEqual(try parse("[]").rowCount, 0)
  }

  func testErrorsNameTheLine() {
    let cases = [
      ("{\"a\": 1}\n{\"a\": 2,}\n", "line 2: expected a key in quotes, found '}'"),
      ("{\"a\": 1}\n[1, 2]\n", "line 2: a record must be a JSON object ({…}), not '['"),
      ("{\"a\": 1} {\"a\": 2}\n", "line 1: expected one JSON object per line; more text follows the object"),
      ("{\"a\": \"open\n", "line 1: a string is not closed with '\"'"),
      ("{\"a\": tru}", "line 1: expected true, found 't'"),
      ("[{\"a\": 1}", "line 1: the array of records is not closed with ']'"),
    ]
    for (text, message) in cases {
      XCTAssertThrowsError(try parse(text), text) { error in
        XCTAssertEqual((error as? TableError)?.message, message, text)
        XCTAssertEqual((error as? TableError)?.code, .parse, text)
      }
    }
  }

  func testDeepNestingIsAnErrorNotACrash() {
    let deep = String(repeating: "{\"a\": ", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
    XCTAssertThrowsError(try parse(deep)) { error in
      XCTAssertEqual((error as? TableError)?.message, "line 1: objects nested more than 200 deep")
    }
  }

  func testStackingMatchesColumnsByNameAndFillsMissing() throws {
    let a = try Table(columns: [Column(name: "x", ints: [1, 2]), Column(name: "s", strings: ["p", "q"])])
    let b = try Table(columns: [Column(name: "y", floats: [0.5]), Column(name: "x", floats: [2.5])])
    let t = try Table.stacking([a, b])
    XCTAssertEqual(t.columnNames, ["x", "s", "y"])
    XCTAssertEqual(t.column(named: "x")?.type, .float)
    XCTAssertEqual(
      t.rows,
      [
        [.float(1), .string("p"), .missing], [.float(2), .string("q"), .missing], [.float(2.5), .missing, .float(0.5)],
      ])
  }
}
