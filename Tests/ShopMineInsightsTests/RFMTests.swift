import ShopMineData
import XCTest

@testable import ShopMineInsights

final class RFMTests: XCTestCase {
  private func fixtureOrders() throws -> Table {
    let raw = try FixtureFiles.table(
      "rfm_orders.csv", ints: ["order_id", "user_id", "ts", "quantity"], floats: ["price"])
    // The fixture stores ts as integer microseconds; make it a real timestamp column.
    var columns = raw.columns
    if let i = raw.columnIndex(named: "ts"), case .int(let micros) = columns[i].storage {
      columns[i] = Column(name: "ts", timestamps: micros)
    }
    return try Table(columns: columns)
  }

  private func values(_ t: Table) throws -> [Double] {
    zip(try t.doublesForTest("price"), try t.doublesForTest("quantity")).map { $0 * $1 }
  }

  func testMatchesPandasRecipePerCustomer() throws {
    let orders = try fixtureOrders()
    let result = try RFM.analyze(
      orders, options: RFMOptions(customer: "user_id", time: "ts", order: "order_id", value: .values(values(orders))))
    let expected = try FixtureFiles.csv("rfm_expected.csv")
    XCTAssertEqual(result.customers.rowCount, expected.rows.count)
    XCTAssertEqual(result.customers.rowCount, 240)
    let users = try result.customers.stringsForTest("user_id")
    let recency = try result.customers.stringsForTest("recency")
    let frequency = try result.customers.stringsForTest("frequency")
    let monetary = try result.customers.doublesForTest("monetary")
    let r = try result.customers.stringsForTest("r_score")
    let f = try result.customers.stringsForTest("f_score")
    let m = try result.customers.stringsForTest("m_score")
    let segment = try result.customers.stringsForTest("segment")
    for (i, row) in expected.rows.enumerated() {
      XCTAssertEqual(users[i], row[0])
      XCTAssertEqual(recency[i], row[1], "recency of user \(row[0])")
      XCTAssertEqual(frequency[i], row[2], "frequency of user \(row[0])")
      XCTAssertEqual(monetary[i], try XCTUnwrap(Double(row[3])), accuracy: 1e-6, "monetary of user \(row[0])")
      XCTAssertEqual(r[i], row[4], "R of user \(row[0])")
      XCTAssertEqual(f[i], row[5], "F of user \(row[0])")
      XCTAssertEqual(m[i], row[6], "M of user \(row[0])")
      XCTAssertEqual(segment[i], row[7], "segment of user \(row[0])")
    }
    XCTAssertFalse(result.recencyScoredByRank)
    XCTAssertFalse(result.monetaryScoredByRank)
    XCTAssertEqual(result.skippedRows, 0)
  }

  func testSegmentSummaryMatchesPandas() throws {
    let orders = try fixtureOrders()
    let result = try RFM.analyze(
      orders, options: RFMOptions(customer: "user_id", time: "ts", value: .values(values(orders))))
    let expected = try FixtureFiles.csv("rfm_summary_expected.csv")
    XCTAssertEqual(try result.summary.stringsForTest("segment"), expected.rows.map { $0[0] })
    XCTAssertEqual(try result.summary.stringsForTest("count"), expected.rows.map { $0[1] })
    for (k, name) in ["share", "recency_mean", "frequency_mean", "monetary_mean"].enumerated() {
      let got = try result.summary.doublesForTest(name)
      for (i, row) in expected.rows.enumerated() {
        XCTAssertEqual(got[i], try XCTUnwrap(Double(row[k + 2])), accuracy: 1e-9, "\(name) of \(row[0])")
      }
    }
    // The grid holds every customer once, and its long form lists cells r-major with their segment.
    XCTAssertEqual(result.grid.flatMap { $0 }.reduce(0, +), 240)
    XCTAssertEqual(result.gridTable.rowCount, 25)
    XCTAssertEqual(
      try result.gridTable.stringsForTest("segment").prefix(6),
      ["hibernating", "hibernating", "at risk", "at risk", "can't lose", "hibernating"])
    XCTAssertEqual(try result.gridTable.doublesForTest("count").reduce(0, +), 240)
  }

  func testValueColumnAndRowOrderDoNotChangeTheResult() throws {
    let orders = try fixtureOrders()
    let v = try values(orders)
    let withColumn = try Table(columns: orders.columns + [Column(name: "value", floats: v)])
    let a = try RFM.analyze(withColumn, options: RFMOptions(customer: "user_id", time: "ts", value: .column("value")))
    // Reverse every column: groups sort by key, so the output must be identical.
    let reversed = Table(
      uncheckedColumns: withColumn.columns.map {
        Columns.select($0, rows: Array((0..<withColumn.rowCount).reversed()))
      },
      rowCount: withColumn.rowCount)
    let b = try RFM.analyze(reversed, options: RFMOptions(customer: "user_id", time: "ts", value: .column("value")))
    XCTAssertEqual(try a.customers.stringsForTest("segment"), try b.customers.stringsForTest("segment"))
    XCTAssertEqual(try a.customers.stringsForTest("rfm_score"), try b.customers.stringsForTest("rfm_score"))
  }

  func testReferenceDayIsTheDayAfterTheLastOrder() throws {
    let day: Int64 = 86_400_000_000
    let t = try Table(columns: [
      Column(name: "c", strings: ["a", "b", "b"]),
      Column(name: "o", ints: [1, 2, 3]),
      // a: 1970-01-03 23:59; b: 1970-01-05 00:00 and 1970-01-01 10:00 (the day, not the hour, counts).
      Column(name: "ts", timestamps: [3 * day - 60_000_000, 4 * day, day / 2]),
      Column(name: "v", floats: [5, 1, 2]),
    ])
    let r = try RFM.analyze(t, options: RFMOptions(customer: "c", time: "ts", order: "o", value: .column("v")))
    XCTAssertEqual(r.referenceDay, 5)
    XCTAssertEqual(try r.customers.stringsForTest("recency"), ["3", "1"])
    XCTAssertEqual(try r.customers.stringsForTest("frequency"), ["1", "2"])
    XCTAssertEqual(try r.customers.doublesForTest("monetary"), [5, 3])
  }

  func testTiedRecencyFallsBackToRankFirstLikeTheRecipeDoesForFrequency() throws {
    // pandas: pd.qcut(recency, 5) raises "Bin edges must be unique" here; the rank('first') scores are
    // [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]; monetary qcut works directly: [2, 5, 3, 3, 3, 1, 5, 1, 1, 4].
    let day: Int64 = 86_400_000_000
    let lastDay: Int64 = 100
    let recency: [Int64] = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5]
    let money: [Double] = [10, 50, 20, 20, 20, 5, 100, 7, 7, 30]
    let t = try Table(columns: [
      Column(name: "user_id", ints: Array(1...10)),
      Column(name: "order_id", ints: Array(101...110)),
      Column(name: "ts", timestamps: recency.map { (lastDay + 1 - $0) * day + 3_600_000_000 }),
      Column(name: "value", floats: money),
    ])
    let r = try RFM.analyze(t, options: RFMOptions(customer: "user_id", time: "ts", value: .column("value")))
    XCTAssertTrue(r.recencyScoredByRank)
    XCTAssertFalse(r.monetaryScoredByRank)
    XCTAssertEqual(try r.customers.stringsForTest("r_score"), ["5", "5", "4", "4", "3", "3", "2", "2", "1", "1"])
    XCTAssertEqual(try r.customers.stringsForTest("m_score"), ["2", "5", "3", "3", "3", "1", "5", "1", "1", "4"])
    XCTAssertEqual(try r.customers.stringsForTest("f_score"), ["1", "1", "2", "2", "3", "3", "4", "4", "5", "5"])
    XCTAssertEqual(
      try r.customers.stringsForTest("segment"),
      [
        "new customers", "new customers", "potential loyalists", "potential loyalists", "need attention",
        "need attention", "at risk", "at risk", "can't lose", "can't lose",
      ])
  }

  func testSegmentMapCoversEveryCellOnce() {
    var counts: [RFMSegment: Int] = [:]
    for r in 1...5 {
      for f in 1...5 { if let s = RFMSegment(recencyScore: r, frequencyScore: f) { counts[s, default: 0] += 1 } }
    }
    XCTAssertEqual(counts.values.reduce(0, +), 25)
    XCTAssertEqual(counts[.champions], 2)
    XCTAssertEqual(counts[.loyalCustomers], 4)
    XCTAssertEqual(counts[.hibernating], 4)
    XCTAssertEqual(counts[.needAttention], 1)
    XCTAssertNil(RFMSegment(recencyScore: 0, frequencyScore: 3))
  }

  func testErrorsNameTheProblem() {
    let t = Table(uncheckedColumns: [Column(name: "c", strings: ["x"]), Column(name: "ts", floats: [1])], rowCount: 1)
    XCTAssertThrowsError(
      try RFM.analyze(t, options: RFMOptions(customer: "c", time: "ts", order: nil, value: .values([1])))
    ) {
      XCTAssertEqual(
        ($0 as? TableError)?.message, "the time column 'ts' must be a timestamp, but it holds float values")
    }
    XCTAssertThrowsError(
      try RFM.analyze(t, options: RFMOptions(customer: "user", time: "ts", order: nil, value: .values([1])))
    ) {
      XCTAssertEqual(($0 as? TableError)?.message, "unknown column 'user'")
    }
  }

  func testCancellationStopsTheAnalysis() {
    let token = Cancellation()
    token.cancel()
    let t = Table(
      uncheckedColumns: [
        Column(name: "c", ints: [1]), Column(name: "ts", timestamps: [0]), Column(name: "v", floats: [1]),
      ], rowCount: 1)
    XCTAssertThrowsError(
      try RFM.analyze(
        t, options: RFMOptions(customer: "c", time: "ts", order: nil, value: .column("v")), cancellation: token)
    ) { XCTAssertEqual(($0 as? TableError)?.code, .interrupted) }
  }
}
