import ShopMineData
import XCTest

@testable import ShopMineInsights

final class ClusterProfileTests: XCTestCase {
  private func users() throws -> Table {
    try Table(columns: [
      Column(name: "spend", floats: [10, 12, 11, 90, 95, 50]),
      Column(name: "browse_time", floats: [30, 32, 31, 5, 6, 20]),
      Column(name: "rating", floats: [4, 4, 4, 4, 4, 4]),
    ])
  }

  func testMeansStandardisedMeansAndSentences() throws {
    let p = try ClusterProfile.make(users(), features: ["spend", "browse_time", "rating"], labels: [0, 0, 0, 2, 2, 1])
    XCTAssertEqual(p.clusterLabels, [0, 1, 2])
    XCTAssertEqual(p.sizes, [3, 1, 2])
    XCTAssertEqual(try p.means.doublesForTest("spend"), [11, 50, 92.5])
    // spend: mean 44.666…, population σ 36.44…; cluster 2 mean 92.5 → z = 1.31.
    let spendZ = try p.standardized.doublesForTest("spend")
    let values: [Double] = [10, 12, 11, 90, 95, 50]
    let mean = values.reduce(0, +) / 6
    let sigma = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 6).squareRoot()
    XCTAssertEqual(spendZ[2], (92.5 - mean) / sigma, accuracy: 1e-12)
    XCTAssertEqual(try p.standardized.doublesForTest("rating"), [0, 0, 0])
    XCTAssertEqual(
      p.sentences,
      [
        "Cluster 0 (3 users): low spend (−0.9σ), high browse_time (+0.9σ)",
        "Cluster 1 (1 users): close to average on every feature",
        "Cluster 2 (2 users): low browse_time (−1.3σ), high spend (+1.3σ)",
      ])
    XCTAssertEqual(p.heatmap.rowCount, 9)
    XCTAssertEqual(try p.distinguishing.stringsForTest("feature"), ["spend", "browse_time", "browse_time", "spend"])
    XCTAssertEqual(try p.distinguishing.stringsForTest("direction"), ["low", "high", "low", "high"])
  }

  func testLabelColumnAndErrors() throws {
    var columns = try users().columns
    columns.append(Column(name: "cluster_id", ints: [1, 1, 1, 0, 0, 0]))
    let t = try Table(columns: columns)
    let p = try ClusterProfile.make(t, features: ["spend"], labelColumn: "cluster_id", noun: "customers")
    XCTAssertEqual(p.sentences[0], "Cluster 0 (3 customers): high spend (+0.9σ)")
    XCTAssertThrowsError(try ClusterProfile.make(t, features: ["spend"], labels: [0])) {
      XCTAssertEqual(($0 as? TableError)?.message, "profile: 1 cluster labels for a table of 6 rows")
    }
  }
}
