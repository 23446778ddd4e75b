import XCTest

@testable import ShopMineData

/// Shorthands for building IR as the parser would.
func col(_ n: String) -> RowExpression { .column(n) }
func lit(_ v: Value) -> RowExpression { .literal(v) }
func bin(_ op: BinaryOperator, _ a: RowExpression, _ b: RowExpression, span: SourceSpan? = nil) -> RowExpression {
  .binary(op, a, b, span: span)
}
func call(_ f: String, _ args: RowExpression...) -> RowExpression { .call(f, args) }

final class ExpressionTests: XCTestCase {
  let users =
    (try? Table(
      names: ["name", "city", "spend", "visits", "ts"],
      rows: [
        [
          .string("Ann"), .string("Shanghai"), .float(620.5), .int(3),
          .timestamp(Timestamp.make(year: 2024, month: 3, day: 4, hour: 10)),
        ],
        [
          .string("Bo"), .string("Beijing"), .float(80), .int(0),
          .timestamp(Timestamp.make(year: 2024, month: 3, day: 9)),
        ],
        [.string("Cy"), .string("Shanghai"), .missing, .int(5), .missing],
        [
          .string("Di"), .missing, .float(900), .int(2),
          .timestamp(Timestamp.make(year: 2023, month: 12, day: 31, hour: 23)),
        ],
      ])) ?? .empty

  func eval(_ e: RowExpression) throws -> [Value] {
    let c = try ExpressionEvaluator(table: users).evaluate(e)
    return (0..<c.count).map { c[$0] }
  }

  func testArithmeticKeepsIntsAndPropagatesMissing() throws {
    XCTAssertEqual(try eval(bin(.add, col("visits"), lit(.int(1)))), [.int(4), .int(1), .int(6), .int(3)])
    XCTAssertEqual(
      try eval(bin(.multiply, col("spend"), col("visits"))), [.float(1861.5), .float(0), .missing, .float(1800)])
    XCTAssertEqual(
      try eval(bin(.divide, col("visits"), lit(.int(2)))), [.float(1.5), .float(0), .float(2.5), .float(1)])
    XCTAssertEqual(try eval(bin(.modulo, lit(.int(-7)), lit(.int(3))))[0], .int(2))
  }

  func testDivisionByZeroIsAnErrorWithSpan() {
    XCTAssertThrowsError(try eval(bin(.divide, col("spend"), col("visits"), span: 4..<18))) { error in
      let e = error as? ExpressionError
      XCTAssertEqual(e?.message, "division by zero")
      XCTAssertEqual(e?.span, 4..<18)
    }
  }

  func testWhereConditionWithAndTreatsMissingAsFalse() throws {
    let cond = bin(
      .and, bin(.greater, col("spend"), lit(.int(500))), bin(.equal, col("city"), lit(.string("Shanghai"))))
    XCTAssertEqual(try ExpressionEvaluator(table: users).predicate(cond), [true, false, false, false])
    XCTAssertEqual(try users.filtered(where: cond).column(named: "name")?[0], .string("Ann"))
  }

  func testThreeValuedLogic() throws {
    let gt = bin(.greater, col("spend"), lit(.int(100)))
    XCTAssertEqual(try eval(bin(.or, gt, lit(.bool(true))))[2], .bool(true))
    XCTAssertEqual(try eval(bin(.and, gt, lit(.bool(false))))[2], .bool(false))
    XCTAssertEqual(try eval(bin(.and, gt, lit(.bool(true))))[2], .missing)
    XCTAssertEqual(try eval(.unary(.not, gt)), [.bool(false), .bool(true), .missing, .bool(false)])
  }

  func testComparingStringColumnWithNumberNamesBoth() {
    XCTAssertThrowsError(try eval(bin(.greater, col("city"), lit(.int(3)), span: 0..<8))) { error in
      let e = error as? ExpressionError
      XCTAssertEqual(e?.message, "cannot compare string column 'city' with a number")
      XCTAssertEqual(e?.error.column, "city")
    }
  }

  func testUnknownColumnCarriesCandidates() {
    XCTAssertThrowsError(try eval(.column("spnd", span: 3..<7))) { error in
      let e = error as? ExpressionError
      XCTAssertEqual(e?.message, "unknown column 'spnd'")
      XCTAssertEqual(e?.error.candidates, ["name", "city", "spend", "visits", "ts"])
      XCTAssertEqual(e?.span, 3..<7)
    }
  }

  func testInListIsMissingAndTimestampLiteralComparison() throws {
    XCTAssertEqual(
      try eval(.isIn(col("city"), [lit(.string("Beijing")), lit(.string("Paris"))])),
      [.bool(false), .bool(true), .bool(false), .missing])
    XCTAssertEqual(try eval(.isMissing(col("spend"))), [.bool(false), .bool(false), .bool(true), .bool(false)])
    XCTAssertEqual(
      try eval(bin(.greaterOrEqual, col("ts"), lit(.string("2024-03-05")))),
      [.bool(false), .bool(true), .missing, .bool(false)])
  }

  func testScalarFunctions() throws {
    XCTAssertEqual(try eval(call("round", col("spend"), lit(.int(-2))))[0], .float(600))
    XCTAssertEqual(try eval(call("round", lit(.float(2.5))))[0], .float(2))  // half to even, like numpy
    XCTAssertEqual(try eval(call("sqrt", lit(.int(-1))))[0], .missing)
    XCTAssertEqual(
      try eval(call("upper", col("city"))), [.string("SHANGHAI"), .string("BEIJING"), .string("SHANGHAI"), .missing])
    XCTAssertEqual(try eval(call("len", col("name"))), [.int(3), .int(2), .int(2), .int(2)])
    XCTAssertEqual(
      try eval(call("contains", col("city"), lit(.string("hai")))), [.bool(true), .bool(false), .bool(true), .missing])
    XCTAssertEqual(try eval(call("coalesce", col("spend"), lit(.int(0))))[2], .float(0))
    XCTAssertEqual(
      try eval(call("if", bin(.greater, col("visits"), lit(.int(2))), lit(.string("hi")), lit(.string("lo")))),
      [.string("hi"), .string("lo"), .string("hi"), .string("lo")])
    XCTAssertEqual(
      try eval(call("max", col("spend"), lit(.int(100)))), [.float(620.5), .float(100), .float(100), .float(900)])
    XCTAssertEqual(try eval(call("weekday", col("ts"))), [.int(0), .int(5), .missing, .int(6)])
    XCTAssertEqual(try eval(call("year", col("ts"))), [.int(2024), .int(2024), .missing, .int(2023)])
    XCTAssertEqual(try eval(call("hour", col("ts")))[0], .int(10))
    XCTAssertEqual(try eval(call("date", col("ts")))[0], .timestamp(Timestamp.make(year: 2024, month: 3, day: 4)))
    XCTAssertEqual(
      try eval(call("days_between", col("ts"), lit(.timestamp(Timestamp.make(year: 2024, month: 3, day: 10)))))[3],
      .int(70))
  }

  func testUnknownFunctionAndAggregateOutsideAggregate() {
    XCTAssertThrowsError(try eval(call("sqr", col("spend")))) { error in
      XCTAssertEqual((error as? ExpressionError)?.message, "unknown function 'sqr'")
      XCTAssertTrue((error as? ExpressionError)?.error.candidates.contains("sqrt") ?? false)
    }
    XCTAssertThrowsError(try eval(call("sum", col("spend")))) { error in
      XCTAssertEqual(
        (error as? ExpressionError)?.message, "aggregate 'sum' can only be used in 'aggregate' (after 'group by')")
    }
  }
}
