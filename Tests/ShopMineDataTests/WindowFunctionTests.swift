import XCTest

@testable import ShopMineData

/// Window functions on small tables whose answers are written out by hand: partitions, order, ties, missing
/// values, empty and one-row partitions, and the errors.
final class WindowFunctionTests: XCTestCase {
  /// Rows in an order that is neither the partition's nor the time's.
  let sales =
    (try? Table(
      names: ["shop", "day", "amount", "units"],
      rows: [
        [.string("b"), .int(2), .float(5), .int(1)],
        [.string("a"), .int(3), .float(30), .int(3)],
        [.string("a"), .int(1), .float(10), .int(1)],
        [.string("b"), .int(1), .missing, .missing],
        [.string("a"), .int(2), .float(20), .int(2)],
        [.string("c"), .int(1), .float(7), .int(7)],
        [.string("b"), .int(3), .float(5), .int(4)],
      ])) ?? .empty

  let byShop = [RowExpression.column("shop")]
  let byDay = [WindowOrderKey(.column("day"))]

  func window(
    _ f: String, _ args: [RowExpression] = [], descending: [Bool]? = nil, timeSpan: Int64? = nil,
    partition: [RowExpression] = [], order: [WindowOrderKey] = [], in table: Table? = nil
  ) throws -> [Value] {
    let t = table ?? sales
    let e = RowExpression.window(
      WindowCall(f, args, descending: descending, timeSpan: timeSpan, partition: partition, order: order))
    let c = try ExpressionEvaluator(table: t, windows: true).evaluate(e)
    return (0..<c.count).map { c[$0] }
  }

  func ints(_ values: [Int?]) -> [Value] { values.map { $0.map { .int(Int64($0)) } ?? .missing } }
  func floats(_ values: [Double?]) -> [Value] { values.map { $0.map { .float($0) } ?? .missing } }

  func testRowNumberAndCumcountFollowTheOrderWithinEachPartition() throws {
    XCTAssertEqual(try window("row_number", partition: byShop, order: byDay), ints([2, 3, 1, 1, 2, 1, 3]))
    XCTAssertEqual(try window("cumcount", partition: byShop, order: byDay), ints([1, 2, 0, 0, 1, 0, 2]))
    // Without order: the input order within the partition.
    XCTAssertEqual(try window("row_number", partition: byShop), ints([1, 1, 2, 2, 3, 1, 3]))
  }

  func testLagLeadWithOffsetAndDefaultLikePandasShift() throws {
    XCTAssertEqual(
      try window("lag", [.column("amount")], partition: byShop, order: byDay),
      floats([nil, 20, nil, nil, 10, nil, 5]))
    XCTAssertEqual(
      try window("lead", [.column("units"), .literal(.int(2))], partition: byShop, order: byDay),
      ints([nil, nil, 3, 4, nil, nil, nil]))
    // The default fills only rows with nothing to shift in; a missing value shifted in stays missing.
    XCTAssertEqual(
      try window("lag", [.column("units"), .literal(.int(1)), .literal(.int(0))], partition: byShop, order: byDay),
      ints([nil, 2, 0, 0, 1, 0, 1]))
  }

  func testRanksShareTiesAndPutMissingLast() throws {
    // Shop b holds 5, missing, 5: the two 5s share rank 1 and the missing amount ranks last.
    let amount = [RowExpression.column("amount")]
    XCTAssertEqual(try window("rank", amount, partition: byShop), ints([1, 3, 1, 3, 2, 1, 1]))
    XCTAssertEqual(try window("dense_rank", amount, partition: byShop), ints([1, 3, 1, 2, 2, 1, 1]))
    XCTAssertEqual(
      try window("rank", amount, descending: [true], partition: byShop), ints([1, 1, 3, 3, 2, 1, 1]))
    XCTAssertEqual(
      try window("percent_rank", amount, partition: byShop), floats([0, 1, 0, 1, 0.5, 0, 0]))
    XCTAssertEqual(try window("row_number", amount, partition: byShop), ints([1, 3, 1, 3, 2, 1, 2]))
  }

  func testNtileGivesLargerBucketsFirstAndOneRowEachWhenThereAreFewerRows() throws {
    let t = try Table(names: ["x"], rows: (0..<7).map { [.int(Int64($0))] })
    XCTAssertEqual(try window("ntile", [.literal(.int(3))], in: t), ints([1, 1, 1, 2, 2, 3, 3]))
    XCTAssertEqual(try window("ntile", [.literal(.int(10))], in: t), ints([1, 2, 3, 4, 5, 6, 7]))
  }

  func testCumulativeFunctionsSkipMissingAndKeepIntegers() throws {
    XCTAssertEqual(
      try window("cumsum", [.column("units")], partition: byShop, order: byDay), ints([1, 6, 1, nil, 3, 7, 5]))
    XCTAssertEqual(
      try window("cummax", [.column("amount")], partition: byShop, order: byDay),
      floats([5, 30, 10, nil, 20, 7, 5]))
  }

  func testFirstLastDiffAndPctChange() throws {
    XCTAssertEqual(
      try window("first", [.column("amount")], partition: byShop, order: byDay),
      floats([nil, 10, 10, nil, 10, 7, nil]))
    XCTAssertEqual(
      try window("last", [.column("amount")], partition: byShop, order: byDay), floats([5, 30, 30, 5, 30, 7, 5]))
    XCTAssertEqual(
      try window("diff", [.column("units")], partition: byShop, order: byDay), ints([nil, 1, nil, nil, 1, nil, 3]))
    XCTAssertEqual(
      try window("pct_change", [.column("amount")], partition: byShop, order: byDay),
      floats([nil, 0.5, nil, nil, 1, nil, 0]))
  }

  func testRollingOverRowsNeedsAFullWindowOfPresentValues() throws {
    let t = try Table(
      names: ["x"], rows: [[.float(1)], [.float(2)], [.missing], [.float(4)], [.float(5)], [.float(6)]])
    XCTAssertEqual(
      try window("rolling_mean", [.column("x"), .literal(.int(2))], in: t), floats([nil, 1.5, nil, nil, 4.5, 5.5]))
    XCTAssertEqual(
      try window("rolling_max", [.column("x"), .literal(.int(2))], in: t), floats([nil, 2, nil, nil, 5, 6]))
    XCTAssertEqual(
      try window("rolling_sum", [.column("x"), .literal(.int(10))], in: t), floats([nil, nil, nil, nil, nil, nil]))
    let std = try window("rolling_std", [.column("x"), .literal(.int(3))], in: t)
    XCTAssertEqual(std.last?.doubleValue ?? 0, 1, accuracy: 1e-12)
  }

  func testRollingOverATimeSpanTakesTheHalfOpenWindowBeforeEachRow() throws {
    let day: Int64 = 86_400_000_000
    let t = try Table(
      names: ["t", "x"],
      rows: [[.timestamp(0), .float(1)], [.timestamp(day), .float(2)], [.timestamp(3 * day), .float(4)]])
    // (t − 2 days, t]: the first row, then the first two, then the third alone (the second is exactly 2 days before).
    XCTAssertEqual(
      try window(
        "rolling_sum", [.column("x")], timeSpan: 2 * day, order: [WindowOrderKey(.column("t"))], in: t),
      floats([1, 3, 4]))
    XCTAssertThrowsError(try window("rolling_sum", [.column("x")], timeSpan: day, in: t)) { error in
      XCTAssertTrue("\(error)".contains("order TIMESTAMP"), "\(error)")
    }
  }

  func testEmptyTableOnePartitionAndAllMissing() throws {
    let empty = try Table(names: ["x"], rows: [])
    XCTAssertEqual(try window("cumsum", [.column("x")], in: empty.settingColumn(Column(name: "x", floats: []))), [])
    XCTAssertEqual(try window("percent_rank", [], partition: [.column("shop")], in: sales).count, 7)
    let missing = try Table(names: ["x"], rows: [[.missing], [.missing]])
    XCTAssertEqual(try window("lag", [.column("x")], in: missing), [.missing, .missing])
    XCTAssertEqual(try window("rank", [.column("x")], in: missing), ints([1, 1]))
  }

  func testWindowsAreRefusedOutsideDeriveAndOnText() throws {
    let e = RowExpression.call("lag", [.column("amount")])
    XCTAssertThrowsError(try ExpressionEvaluator(table: sales).evaluate(e)) { error in
      XCTAssertTrue("\(error)".contains("only be used in 'derive'"), "\(error)")
    }
    XCTAssertThrowsError(try window("cumsum", [.column("shop")])) { error in
      XCTAssertTrue("\(error)".contains("'cumsum' needs a number, but this is string column 'shop'"), "\(error)")
    }
    XCTAssertThrowsError(try window("rolling_mean", [.column("amount"), .literal(.int(0))])) { error in
      XCTAssertTrue("\(error)".contains("≥ 1"), "\(error)")
    }
  }
}
