import Foundation
import ShopMineData
import XCTest

@testable import ShopMineLanguage

/// `case when … end`, durations, casts and `calendar` through the engine: parsing, the canonical lines of
/// issue 24, and the errors a user sees.
final class CaseDurationCastTests: XCTestCase {
  func column(_ h: Harness, _ table: String, _ name: String) -> [Value] {
    guard case .table(let t)? = h.engine.session[table], let c = t.column(named: name) else { return [] }
    return (0..<c.count).map { c[$0] }
  }

  func testIssue24CanonicalLinesRunAsWritten() throws {
    let dir = NSTemporaryDirectory() + "shopmine-exprs-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir + "/notebooks/data", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    try FileManager.default.copyItem(
      atPath: repo.path + "/notebooks/data/eu-orders.csv", toPath: dir + "/notebooks/data/eu-orders.csv")
    let previous = FileManager.default.currentDirectoryPath
    XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir))
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
    var h = Harness()
    let r = h.run(
      """
      orders = generate orders 2000 seed 4
      q = orders | derive quarter = quarter(ts), wd = weekday_name(ts), late = ts + 7 days, age_days = days_between(ts, now())
      raw = load "notebooks/data/eu-orders.csv" dates "%d/%m/%Y" decimal ","
      tidy = raw | derive code = upper(trim(substring(sku, 1, 3))), email_ok = matches(email, "^[^@]+@[^@]+$"), city = replace(city, "Peking", "Beijing"), qty = int(qty_text)
      labels = orders | derive size = case when quantity >= 5 then "bulk" when quantity >= 2 then "multi" else "single" end
      """)
    XCTAssertNil(r.error, r.plainTraceback ?? "")
    let ts = column(h, "q", "ts")
    let late = column(h, "q", "late")
    for (a, b) in zip(ts, late) {
      guard case .timestamp(let x) = a, case .timestamp(let y) = b else { continue }
      XCTAssertEqual(y - x, 7 * Timestamp.microsPerDay)
    }
    let quantity = column(h, "labels", "quantity")
    let size = column(h, "labels", "size")
    XCTAssertFalse(size.isEmpty)
    for (q, s) in zip(quantity, size) {
      guard case .int(let k) = q else { continue }
      XCTAssertEqual(s, .string(k >= 5 ? "bulk" : k >= 2 ? "multi" : "single"))
    }
    XCTAssertEqual(column(h, "tidy", "qty").count, 12)
    XCTAssertTrue(column(h, "tidy", "qty").allSatisfy { $0.integerValue != nil })
  }

  func testCaseWorksInWhereAndValueExpressions() {
    var h = Harness()
    XCTAssertEqual(h.run("case when 1 > 2 then \"a\" else \"b\" end").result, "\"b\"")
    XCTAssertEqual(h.run("x = 3\ncase when x >= 3 then x * 2 end").result, "6")
    XCTAssertEqual(h.run("case when false then 1 end").result, "missing")
    h.run("orders = generate orders 200 seed 1")
    let r = h.run("orders | where case when quantity > 2 then true else false end | head 3")
    XCTAssertNil(r.error, r.plainTraceback ?? "")
    // `case` and `end` stay names outside `case … end`.
    XCTAssertNil(h.run("case = 4\nend = case + 1\nend").error)
  }

  func testCaseSyntaxErrorsSayWhatIsMissingAndWhere() {
    var h = Harness()
    let noEnd = h.run("case when 1 > 2 then 1 else 2")
    XCTAssertEqual(noEnd.error?.name, "SyntaxError")
    XCTAssertTrue(noEnd.error?.value.contains("expected 'when', 'else' or 'end'") ?? false, noEnd.plainTraceback ?? "")
    let noThen = h.run("case when 1 > 2 1 end")
    XCTAssertTrue(noThen.error?.value.contains("expected 'then'") ?? false, noThen.plainTraceback ?? "")
    XCTAssertTrue(noThen.plainTraceback?.contains("line 1, column 17") ?? false, noThen.plainTraceback ?? "")
    let empty = h.run("case when 1 > 2 then end")
    XCTAssertTrue(empty.error?.value.contains("found the keyword 'end'") ?? false, empty.plainTraceback ?? "")
    let mixed = h.run("case when 1 > 2 then 1 else \"one\" end")
    XCTAssertEqual(mixed.error?.name, "TypeError")
    XCTAssertTrue(mixed.plainTraceback?.contains("line 1, column 29") ?? false, mixed.plainTraceback ?? "")
  }

  func testDurationsReadAsDaysAndSurviveErrors() {
    var h = Harness()
    XCTAssertEqual(h.run("7 days").result, "7.0")
    XCTAssertEqual(h.run("2 weeks == 14 days").result, "true")
    XCTAssertEqual(h.run("36 hours - 1 day").result, "0.5")
    XCTAssertEqual(h.run("str(date(\"2024-03-01\") - 1 day)").result, "\"2024-02-29\"")
    XCTAssertEqual(h.run("date(\"2024-03-01\") - date(\"2024-02-01\")").result, "29.0")
    let bad = h.run("date(\"2024-03-01\") * 2")
    XCTAssertEqual(bad.error?.name, "TypeError")
    XCTAssertEqual(h.run("1 + 1").result, "2")
  }

  func testBadCastNamesValueRowAndFunction() {
    var h = Harness()
    h.run("t = generate users 5 seed 1 | derive s = if(user_id == 3, \"x3\", str(user_id))")
    let r = h.run("t | derive n = int(s)")
    XCTAssertTrue(r.error?.value.contains("'int' cannot read \"x3\" (row 3)") ?? false, r.plainTraceback ?? "")
    XCTAssertNil(h.run("t | derive n = try_int(s)").error)
    XCTAssertEqual(h.run("int(\"12\") + try_int(\"x\")").result, "missing")
  }

  func testCalendarFillsDaysAndRefusesANonTime() {
    var h = Harness()
    h.run(
      """
      orders = generate orders 300 seed 2
      daily = orders | derive day = date(ts), revenue = price * quantity | where day(ts) != 5 | group by day, category aggregate revenue = sum(revenue)
      full = daily | calendar day every day by category fill 0
      """)
    let days = column(h, "full", "day")
    XCTAssertFalse(days.isEmpty)
    let bad = h.run("daily | calendar revenue every day")
    XCTAssertEqual(bad.error?.name, "TypeError")
    let word = h.run("daily | calendar day every fortnight")
    XCTAssertEqual(
      word.error?.value,
      "expected 'hour' or 'day' or 'week' or 'month' or 'quarter' or 'year' for 'every' of 'calendar', found 'fortnight'"
    )
  }
}
