import ShopMineData
import XCTest

@testable import ShopMineLanguage

/// `first`/`last`/`value`, string interpolation, `def` and `for` (issue #24's "scalars and text" and
/// "reusable steps"). Expected values are computed from the session's own tables, never written in.
final class ScalarsAndBlocksTests: XCTestCase {
  private func table(_ h: Harness, _ name: String) throws -> Table {
    var found: Table?
    if case .table(let t)? = h.engine.session[name] { found = t }
    return try XCTUnwrap(found, "'\(name)' is not a table in the session")
  }

  func testFirstLastAndValueGiveSingleValuesOfTheRowsTheyName() throws {
    var h = Harness()
    h.runAll([
      "orders = generate orders 2000 seed 4",
      "spend = orders | group by user_id aggregate spend = sum(price * quantity) | sort spend desc",
      "best = spend | first spend",
      "least = spend | last spend",
      "total = orders | group aggregate s = sum(price) | value",
    ])
    let spend = try table(h, "spend")
    let column = try XCTUnwrap(spend.column(named: "spend"))
    XCTAssertEqual(h.engine.session["best"]?.singleValue, column[0])
    XCTAssertEqual(h.engine.session["least"]?.singleValue, column[spend.rowCount - 1])
    guard case .scalar(.float(let total))? = h.engine.session["total"] else { return XCTFail("total is no number") }
    let prices = try XCTUnwrap(try table(h, "orders").column(named: "price")?.numericDoubles()?.0)
    XCTAssertEqual(total, prices.reduce(0, +), accuracy: 1e-9 * total)
    // The words stay free as names of bindings and columns.
    h.runAll(["value = 3", "first = value + 1", "t = orders | head 2 | derive value = price * 2 | select value"])
    XCTAssertEqual(h.run("first").result, "4")
    XCTAssertEqual(h.run("t | first").result, (try table(h, "t").columns[0][0]).displayText)
  }

  func testScalarVerbsRefuseWhatHasNoSingleValue() {
    var h = Harness()
    h.run("orders = generate orders 50 seed 4")
    XCTAssertEqual(
      h.run("orders | value").error?.value,
      "'value' needs one row and one column, and this table has 50 rows × 9 columns")
    XCTAssertEqual(h.run("orders | first").error?.value, "'first' needs a column when the table has 9")
    XCTAssertEqual(
      h.run("orders | where price < 0 | last price").error?.value, "'last price' needs a row, and the table has none")
    let typo = h.run("orders | first prise")
    XCTAssertEqual(typo.error?.value, "unknown column 'prise'")
    XCTAssertTrue(typo.plainTraceback?.contains("did you mean 'price'?") ?? false, typo.plainTraceback ?? "")
    let unpiped = h.run("first price")
    XCTAssertEqual(unpiped.error?.value, "'first' takes its table through '|'")
  }

  func testInterpolationFormatsValuesWithPythonSpecsInEveryString() throws {
    var h = Harness()
    h.runAll(["n = 2000", "best = 131220.333", "when = date(\"2024-03-05\")", "who = \"Ann\""])
    let r = h.run(#"print "top {best:,.2f} of {n:,} by {who:>5} on {when:%d %b %Y}; {n:x} {0.5} {{x}}""#)
    XCTAssertNil(r.error, r.plainTraceback ?? "")
    XCTAssertEqual(r.sink.stdout, "top 131,220.33 of 2,000 by   Ann on 05 Mar 2024; 7d0 {0.5} {x}\n")
    // Regular expressions keep their braces.
    XCTAssertEqual(h.run(#"matches("123", "^\\d{3}$")"#).result, "true")
    XCTAssertEqual(h.run(#"matches("é", "^\\p{L}$")"#).result, "true")
    // In rows the names are columns; a missing value reads `missing`.
    h.runAll([
      #"t = generate orders 3 seed 4 | select category, price | derive label = "{category}: {price:.1f}""#,
      #"m = t | derive price = if(price > 0, missing, price) | derive label = "p={price:.1f}""#,
    ])
    let t = try table(h, "t")
    for row in 0..<t.rowCount {
      let category = t.column(named: "category")?[row].displayText ?? ""
      let price = try XCTUnwrap(t.column(named: "price")?[row].doubleValue)
      XCTAssertEqual(t.column(named: "label")?[row], .string("\(category): \(String(format: "%.1f", price))"))
    }
    XCTAssertEqual(try table(h, "m").column(named: "label")?[0], .string("p=missing"))
  }

  func testInterpolationErrorsPointIntoTheString() {
    var h = Harness()
    let unknown = h.run(#"print "total {totl}""#)
    XCTAssertEqual(unknown.error?.value, "unknown name 'totl'")
    XCTAssertTrue(unknown.plainTraceback?.contains("              ^^^^") ?? false, unknown.plainTraceback ?? "")
    XCTAssertEqual(h.run(#"print "{x""#).error?.value, "'{' in this string opens a value that is never closed")
    h.run("n = 3")
    XCTAssertEqual(
      h.run(#"print "{n:,.2q}""#).error?.value,
      #"the format ",.2q" is not a Python format spec: 'q' is not a format type"#)
    XCTAssertEqual(h.run(#"print "{"a":d}""#).result, nil)
  }

  func testDefGivesFunctionsForPipelinesAndRowExpressions() throws {
    var h = Harness()
    h.runAll([
      "orders = generate orders 300 seed 4",
      "def top(t, k) = t | sort price desc | head k",
      "best = top(orders, 3)",
      "def margin(p, c) = (p - c) / p",
      "m = orders | derive m = margin(price, 1), direct = (price - 1) / price",
      "x = margin(10, 4)",
    ])
    let best = try table(h, "best")
    let sorted = try XCTUnwrap(try table(h, "orders").column(named: "price")?.numericDoubles()?.0).sorted(by: >)
    XCTAssertEqual(try XCTUnwrap(best.column(named: "price")?.numericDoubles()?.0), Array(sorted.prefix(3)))
    let m = try table(h, "m")
    XCTAssertEqual(m.column(named: "m")?.numericDoubles()?.0, m.column(named: "direct")?.numericDoubles()?.0)
    XCTAssertEqual(h.engine.session["x"]?.singleValue, .float(0.6))
    // A parameter's name is restored after the call.
    h.runAll(["t = 5", "again = top(orders, 1)"])
    XCTAssertEqual(h.engine.session["t"]?.singleValue, .int(5))
    XCTAssertNil(h.engine.session["k"])
    let vars = h.run("vars").result ?? ""
    let topRow = vars.split(separator: "\n").first { $0.contains(" top ") } ?? ""
    XCTAssertTrue(topRow.contains("function") && topRow.contains("top(t, k)"), vars)
    XCTAssertEqual(h.run("margin").result, "def margin(p, c) = (p - c) / p")
  }

  func testDefErrorsSayWhatAndWhere() {
    var h = Harness()
    h.runAll(["orders = generate orders 30 seed 4", "def top(t, k) = t | sort price desc | head k"])
    XCTAssertEqual(h.run("top(orders)").error?.value, "'top' takes 2 arguments (t, k), got 1")
    XCTAssertEqual(
      h.run("orders | derive x = top(price, 1)").error?.value, "'top' runs verbs, so it gives a value, not a column")
    XCTAssertEqual(h.run("def round(x) = x").error?.value, "'round' is a built-in function and cannot be redefined")
    XCTAssertEqual(h.run("def where(x) = x").error?.value, "'where' is a verb and cannot be a name")
    h.run("def loop(x) = loop(x)")
    XCTAssertEqual(h.run("loop(1)").error?.value, "calls of 'loop' nest more than 64 deep")
    let inner = h.run("top(orders, \"three\")")
    XCTAssertEqual(inner.error?.value, "'rows' must be a whole number, not \"three\"")
    XCTAssertTrue(
      inner.plainTraceback?.contains("in 'top', defined as: def top(t, k) = t | sort price desc | head k") ?? false,
      inner.plainTraceback ?? "")
  }

  func testForRunsItsBodyPerValueInOrderAndNamesTheFailingPass() throws {
    var h = Harness()
    h.run("orders = generate orders 500 seed 4")
    let r = h.run(
      """
      for c in ["books", "home"]
        print "{c}: {count((orders | where category == c))}"
        orders | where category == c | group aggregate n = count()
      end
      """)
    XCTAssertNil(r.error, r.plainTraceback ?? "")
    let orders = try table(h, "orders")
    let categories = try XCTUnwrap(orders.column(named: "category"))
    func count(_ c: String) -> Int { (0..<orders.rowCount).filter { categories[$0] == .string(c) }.count }
    XCTAssertEqual(r.sink.stdout, "books: \(count("books"))\nhome: \(count("home"))\n")
    XCTAssertEqual(r.sink.displays.count, 2)
    XCTAssertTrue(r.sink.displays.last?.contains("\(count("home"))") ?? false, r.sink.displays.joined())
    XCTAssertEqual(h.engine.session["c"]?.singleValue, .string("home"))
    let failing = h.run(
      """
      for k in 1..3
        x = 10 / (2 - k)
      end
      """)
    XCTAssertEqual(failing.error?.value, "division by zero")
    XCTAssertTrue(
      failing.plainTraceback?.contains("in pass 2 of 3 of the 'for' loop, with k = integer 2") ?? false,
      failing.plainTraceback ?? "")
    // The first pass kept its effect.
    XCTAssertEqual(h.engine.session["x"]?.singleValue, .float(10))
  }

  func testForBlocksParseAsBlocks() {
    var h = Harness()
    XCTAssertEqual(h.run("for c in [1, 2]\n  print c").error?.value, "this 'for' has no 'end'")
    let stray = h.run("end")
    XCTAssertEqual(stray.error?.value, "unknown name 'end'")
    XCTAssertTrue(stray.plainTraceback?.contains("no 'for' is open here") ?? false, stray.plainTraceback ?? "")
    XCTAssertEqual(
      h.run("for c in 5\n  print c\nend").error?.value,
      "'for' goes over a list, a range or a one-column table, not a integer")
    // Nested loops and two syntax errors inside a block, both reported.
    let nested = h.run("for a in [1, 2]\n  for b in [10, 20]\n    print a * b\n  end\nend")
    XCTAssertEqual(nested.sink.stdout, "10\n20\n20\n40\n")
    let bad = h.run("for a in [1]\n  print a +\n  x = = 2\nend")
    XCTAssertTrue(bad.error?.value.contains("and 1 more syntax error") ?? false, bad.error?.value ?? "")
    let checker = CompletenessChecker(catalog: .standard)
    XCTAssertEqual(checker.check("for c in [1, 2]\n  print c"), .incomplete(indent: "  "))
    XCTAssertEqual(checker.check("for c in [1, 2]\n  print c\nend"), .complete)
  }

  func testOutliersTakeTheCutoffAfterTheRule() throws {
    var h = Harness()
    h.runAll([
      "orders = generate orders 400 seed 4",
      "a = orders | outliers iqr 1.5 clip", "b = orders | outliers iqr k 1.5 clip",
      "c = orders | outliers zscore 2 remove", "d = orders | outliers zscore t 2 remove",
    ])
    XCTAssertEqual(try table(h, "a"), try table(h, "b"))
    XCTAssertEqual(try table(h, "c"), try table(h, "d"))
    XCTAssertEqual(
      h.run("orders | outliers iqr 2 k 3").error?.value, "the rule's cutoff is given twice: after the rule and as 'k'")
  }
}
