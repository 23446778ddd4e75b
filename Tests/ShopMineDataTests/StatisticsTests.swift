import Foundation
import XCTest

@testable import ShopMineData

/// Statistics against pandas 3.1.1 reference values (Fixtures/make_fixtures.py writes them).
final class StatisticsTests: XCTestCase {
  struct Expected: Decodable {
    let describe: [String: [String: Double]]
    let groups: [String]
    let groupby: [String: [Double?]]
    let corr: [[Double]]
    let cut_price_5: [Int?]
    let qcut_score_4: [Int?]
    let zscore_score: [Double?]
    let fill_median_price: Double
  }

  func load() throws -> (Table, Expected) {
    let dir = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    let table = try CSVReader.read(path: dir.appendingPathComponent("stats_input.csv").path)
    let data = try Data(contentsOf: dir.appendingPathComponent("stats_expected.json"))
    return (table, try JSONDecoder().decode(Expected.self, from: data))
  }

  func assertClose(_ a: Value?, _ b: Double?, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
    guard let b else {
      XCTAssertEqual(a, .missing, what, file: file, line: line)
      return
    }
    guard let x = a?.doubleValue else {
      return XCTFail("\(what): got \(String(describing: a)), want \(b)", file: file, line: line)
    }
    XCTAssertEqual(x, b, accuracy: 1e-9 * max(1, abs(b)), what, file: file, line: line)
  }

  func testDescribeMatchesPandas() throws {
    let (t, e) = try load()
    let d = try t.describe()
    for (r, name) in ["group", "price", "qty", "score"].enumerated() {
      XCTAssertEqual(d.value(row: r, column: "column"), .string(name))
      guard let ref = e.describe[name] else { continue }
      assertClose(d.value(row: r, column: "count"), ref["count"], "\(name) count")
      for stat in ["mean", "std", "min", "25%", "50%", "75%", "max"] {
        assertClose(d.value(row: r, column: stat), ref[stat], "\(name) \(stat)")
      }
    }
    XCTAssertEqual(d.value(row: 0, column: "unique"), .int(5))
    XCTAssertEqual(d.value(row: 1, column: "missing"), .int(25))
  }

  func testGroupAggregatesMatchPandas() throws {
    let (t, e) = try load()
    let specs: [(String, RowExpression)] = [
      ("sum_price", call("sum", col("price"))), ("mean_price", call("mean", col("price"))),
      ("median_score", call("median", col("score"))), ("std_score", call("std", col("score"))),
      ("var_price", call("var", col("price"))), ("q30_price", call("quantile", col("price"), lit(.float(0.3)))),
      ("nunique_qty", call("distinct", col("qty"))), ("first_price", call("first", col("price"))),
      ("last_score", call("last", col("score"))), ("sum_qty", call("sum", col("qty"))),
      ("count_price", call("count", col("price"))),
    ]
    let g = try t.groupAggregate(by: ["group"], specs)
    XCTAssertEqual(g.column(named: "group").map { c in (0..<c.count).map { c[$0] } }, e.groups.map { .string($0) })
    XCTAssertEqual(g.column(named: "sum_qty")?.type, .int)
    for (name, _) in specs {
      let ref = try XCTUnwrap(e.groupby[name])
      for r in 0..<g.rowCount { assertClose(g.value(row: r, column: name), ref[r], "\(name)[\(r)]") }
    }
  }

  func testCorrelationMatchesPandasPairwise() throws {
    let (t, e) = try load()
    let c = try t.correlation()
    XCTAssertEqual(c.columnNames, ["column", "price", "qty", "score"])
    for (i, a) in ["price", "qty", "score"].enumerated() {
      for (j, _) in ["price", "qty", "score"].enumerated() {
        assertClose(c.value(row: j, column: a), e.corr[i][j], "corr \(i),\(j)")
      }
    }
  }

  func testBinsMatchPandasCutAndQcut() throws {
    let (t, e) = try load()
    let cut = try t.binned("price", bins: 5)
    let qcut = try t.binned("score", bins: 4, method: .quantile)
    for r in 0..<t.rowCount {
      XCTAssertEqual(
        cut.value(row: r, column: "price_bin"), e.cut_price_5[r].map { .int(Int64($0)) } ?? .missing, "cut \(r)")
      XCTAssertEqual(
        qcut.value(row: r, column: "score_bin"), e.qcut_score_4[r].map { .int(Int64($0)) } ?? .missing, "qcut \(r)")
    }
  }

  func testZscoreAndMedianFillMatchPandas() throws {
    let (t, e) = try load()
    let z = try t.normalized(.zscore, columns: ["score"])
    for r in 0..<t.rowCount { assertClose(z.value(row: r, column: "score"), e.zscore_score[r], "z \(r)") }
    let filled = try t.fillingMissing(.median, in: ["price"])
    XCTAssertEqual(filled.column(named: "price")?.missingCount, 0)
    let firstMissing = try XCTUnwrap((0..<t.rowCount).first { t.value(row: $0, column: "price") == .missing })
    assertClose(filled.value(row: firstMissing, column: "price"), e.fill_median_price, "median fill")
  }
}
