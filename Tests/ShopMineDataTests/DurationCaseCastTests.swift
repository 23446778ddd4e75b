import XCTest

@testable import ShopMineData

/// Durations (numbers of days), `case when`, casts and `calendar`, evaluated over small tables whose
/// answers follow from the definitions.
final class DurationCaseCastTests: XCTestCase {
  let t0 = Timestamp.make(year: 2024, month: 3, day: 30, hour: 22)
  lazy var table: Table =
    (try? Table(
      names: ["ts", "q", "text", "f"],
      rows: [
        [.timestamp(t0), .int(6), .string(" 42 "), .float(3.7)],
        [.timestamp(t0 + 5_400_000_000), .int(2), .string("3.0"), .float(-3.7)],
        [.missing, .int(1), .string("abc"), .missing],
        [.timestamp(t0 - Timestamp.microsPerDay), .missing, .missing, .float(1e30)],
      ])) ?? .empty

  func eval(_ e: RowExpression) throws -> [Value] {
    let c = try ExpressionEvaluator(table: table).evaluate(e)
    return (0..<c.count).map { c[$0] }
  }

  func error(_ e: RowExpression) -> ExpressionError? {
    do {
      _ = try ExpressionEvaluator(table: table).evaluate(e)
      return nil
    } catch {
      return error
    }
  }

  func testTimestampPlusDurationIsATimestampToTheMicrosecond() throws {
    XCTAssertEqual(
      try eval(bin(.add, col("ts"), call("days", lit(.int(7)))))[0], .timestamp(t0 + 7 * Timestamp.microsPerDay))
    XCTAssertEqual(
      try eval(bin(.subtract, col("ts"), call("minutes", lit(.int(90)))))[0], .timestamp(t0 - 5_400_000_000))
    XCTAssertEqual(try eval(bin(.add, call("hours", lit(.int(2))), col("ts")))[0], .timestamp(t0 + 7_200_000_000))
    XCTAssertEqual(try eval(bin(.add, col("ts"), call("seconds", lit(.int(10)))))[0], .timestamp(t0 + 10_000_000))
    XCTAssertEqual(
      try eval(bin(.add, col("ts"), call("weeks", lit(.int(2)))))[0], .timestamp(t0 + 14 * Timestamp.microsPerDay))
    XCTAssertEqual(try eval(bin(.add, col("ts"), call("days", lit(.int(7)))))[2], .missing)
  }

  func testTimestampDifferenceIsDaysWithFractions() throws {
    let d = try eval(bin(.subtract, col("ts"), lit(.timestamp(t0))))
    XCTAssertEqual(d[0], .float(0))
    XCTAssertEqual(d[1], .float(1.5 / 24))
    XCTAssertEqual(d[2], .missing)
    XCTAssertEqual(d[3], .float(-1))
    // Comparable with a duration, and multiplied by a number.
    let late = try eval(bin(.greater, bin(.subtract, col("ts"), lit(.timestamp(t0))), call("hours", lit(.int(1)))))
    XCTAssertEqual(late, [.bool(false), .bool(true), .missing, .bool(false)])
  }

  func testADayIsTwentyFourHoursAcrossDaylightSaving() throws {
    // 2024-03-30 22:00 UTC + 1 day crosses Berlin's change to summer time (31 March, 01:00 UTC).
    let next = try eval(bin(.add, col("ts"), call("days", lit(.int(1)))))[0]
    XCTAssertEqual(next, .timestamp(t0 + 24 * 3_600_000_000))
    // The wall clocks in Berlin are 23:00 and 00:00 two days later: 25 hours apart.
    let berlin = bin(
      .subtract, call("to_tz", bin(.add, col("ts"), call("days", lit(.int(1)))), lit(.string("Europe/Berlin"))),
      call("to_tz", col("ts"), lit(.string("Europe/Berlin"))))
    XCTAssertEqual(try eval(berlin)[0], .float(25.0 / 24))
  }

  func testTimestampArithmeticErrorsAndOverflow() {
    let times = "a timestamp takes + or − a duration (`ts + 7 days`) and − another timestamp"
    XCTAssertEqual(
      error(bin(.multiply, col("ts"), lit(.int(2))))?.message,
      "cannot apply '*' to timestamp column 'ts' and a number: \(times)")
    XCTAssertEqual(
      error(bin(.add, col("ts"), col("ts")))?.message,
      "cannot apply '+' to timestamp column 'ts' and timestamp column 'ts': \(times)")
    XCTAssertEqual(error(bin(.add, col("ts"), lit(.float(1e300))))?.error.code, .overflow)
  }

  func testDurationLiteralIsReadableAsASpan() {
    XCTAssertEqual(call("days", lit(.int(7))).durationMicroseconds, 7 * Timestamp.microsPerDay)
    XCTAssertEqual(call("hours", lit(.float(1.5))).durationMicroseconds, 5_400_000_000)
    XCTAssertNil(lit(.int(7)).durationMicroseconds)
  }

  func testCaseWhenTakesTheFirstTrueBranchAndMissingWithoutElse() throws {
    let e = RowExpression.call(
      CaseWhen.name,
      [
        bin(.greaterOrEqual, col("q"), lit(.int(5))), lit(.string("bulk")),
        bin(.greaterOrEqual, col("q"), lit(.int(2))), lit(.string("multi")), lit(.string("single")),
      ])
    XCTAssertEqual(try eval(e), [.string("bulk"), .string("multi"), .string("single"), .string("single")])
    let noElse = RowExpression.call(
      CaseWhen.name, [bin(.greater, col("q"), lit(.int(1))), lit(.int(1)), lit(.missing)])
    XCTAssertEqual(try eval(noElse), [.int(1), .int(1), .missing, .missing])
    let mixed = RowExpression.call(
      CaseWhen.name, [bin(.greater, col("q"), lit(.int(1))), lit(.int(1)), lit(.float(0.5))])
    XCTAssertEqual(try eval(mixed), [.float(1), .float(1), .float(0.5), .float(0.5)])
  }

  func testCaseWhenRefusesTextWithNumbersAtTheBranch() {
    let bad = RowExpression.call(
      CaseWhen.name, [bin(.greater, col("q"), lit(.int(1))), lit(.int(1)), .literal(.string("x"), span: 40..<43)])
    let e = error(bad)
    XCTAssertEqual(e?.span, 40..<43)
    XCTAssertTrue(e?.error.message.contains("'case' branches must give one type") ?? false)
  }

  func testMissingMixesWithAnyTypeOnAnEmptyTableToo() throws {
    // A remote table's prototype has no rows: `if(c, text, missing)` and `case` must type as text there.
    let empty = table.head(0)
    let text = RowExpression.call("if", [bin(.greater, col("q"), lit(.int(1))), col("text"), lit(.missing)])
    XCTAssertEqual(try ExpressionEvaluator(table: empty).evaluate(text).type, .string)
    let branches = RowExpression.call(
      CaseWhen.name, [bin(.greater, col("q"), lit(.int(1))), col("text"), lit(.missing)])
    XCTAssertEqual(try ExpressionEvaluator(table: empty).evaluate(branches).type, .string)
  }

  func testCastsReadTextAsPythonDoes() throws {
    XCTAssertEqual(try eval(call("try_int", col("text"))), [.int(42), .missing, .missing, .missing])
    XCTAssertEqual(try eval(call("try_float", col("text"))), [.float(42), .float(3), .missing, .missing])
    XCTAssertEqual(try eval(call("try_int", col("f"))), [.int(3), .int(-3), .missing, .missing])
    XCTAssertEqual(try eval(call("bool", lit(.string("Yes"))))[0], .bool(true))
    XCTAssertEqual(try eval(call("string", col("q")))[0], .string("6"))
    XCTAssertEqual(
      try eval(call("try_date", lit(.string("31/12/2024")), lit(.string("%d/%m/%Y"))))[0],
      .timestamp(Timestamp.make(year: 2024, month: 12, day: 31)))
    XCTAssertEqual(try eval(call("try_date", lit(.string("soon"))))[0], .missing)
  }

  func testABadCastNamesTheValueAndItsRow() {
    let e = error(call("int", col("text")))
    XCTAssertEqual(e?.error.message.contains("\"3.0\" (row 2)"), true, e?.error.message ?? "no error")
    // 1e30 is beyond 64 bits.
    XCTAssertEqual(error(call("int", col("f")))?.message.contains("out of range"), true)
    XCTAssertEqual(
      error(call("int", col("ts")))?.message, "'int' needs text, a number or a bool, but this is timestamp column 'ts'")
  }

  func testCalendarAddsMissingDaysPerGroup() throws {
    let day = Timestamp.microsPerDay
    let base = Timestamp.make(year: 2024, month: 1, day: 1)
    let t = try Table(
      names: ["day", "g", "v", "note"],
      rows: [
        [.timestamp(base), .string("a"), .int(1), .string("x")],
        [.timestamp(base + 3 * day), .string("a"), .int(4), .missing],
        [.timestamp(base + day), .string("b"), .missing, .string("y")],
        [.timestamp(base + 2 * day), .string("b"), .int(3), .string("z")],
      ])
    let out = try t.calendarFilled(time: "day", every: .day, by: ["g"], fill: .int(0))
    XCTAssertEqual(out.rowCount, 6)
    XCTAssertEqual(
      out.column(named: "v").map { c in (0..<c.count).map { c[$0] } },
      [.int(1), .int(0), .int(0), .int(4), .missing, .int(3)])
    XCTAssertEqual(out.column(named: "note")?[1], .missing)
    XCTAssertEqual(out.column(named: "g")?[2], .string("a"))
    let months = try Table(
      names: ["m"],
      rows: [
        [.timestamp(Timestamp.make(year: 2024, month: 1, day: 31))],
        [.timestamp(Timestamp.make(year: 2024, month: 4, day: 30))],
      ])
    let filled = try months.calendarFilled(time: "m", every: .month)
    XCTAssertEqual(filled.column(named: "m")?[1], .timestamp(Timestamp.make(year: 2024, month: 2, day: 29)))
    XCTAssertEqual(filled.rowCount, 4)
  }
}
