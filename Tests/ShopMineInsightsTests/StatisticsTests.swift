import ShopMineData
import XCTest

@testable import ShopMineInsights

final class StatisticsTests: XCTestCase {
  func testStudentTQuantilesMatchScipy() throws {
    let facts = try FixtureFiles.json()
    let t = try XCTUnwrap(facts["t_ppf"] as? [String: Double])
    for nu in [1, 2, 5, 30, 398] {
      let expected = try XCTUnwrap(t[String(nu)])
      XCTAssertEqual(StudentT.quantile(0.975, degreesOfFreedom: Double(nu)), expected, accuracy: 1e-12 * expected)
    }
    XCTAssertEqual(StudentT.quantile(0.9, degreesOfFreedom: 7), try XCTUnwrap(t["0.9@7"]), accuracy: 1e-12)
    XCTAssertEqual(StudentT.quantile(0.025, degreesOfFreedom: 12), try XCTUnwrap(t["0.025@12"]), accuracy: 1e-12)
    XCTAssertEqual(StudentT.quantile(0.5, degreesOfFreedom: 3), 0)
    XCTAssertTrue(StudentT.quantile(1, degreesOfFreedom: 3).isNaN)
  }

  func testQcutProbabilitiesAreNudgedLikePandas() {
    // np.linspace(0, 1, 6) gives 0.6000000000000001; pandas nudges it one ulp up because 5·q ≠ 3.
    let q = Quantiles.qcutProbabilities(5)
    XCTAssertEqual(q, [0, 0.2, 0.4, 0.6000000000000002, 0.8, 1])
  }

  func testLinearQuantileMatchesNumpy() {
    // np.quantile([1, 2, 4, 8], [0.25, 0.5, 0.9]) == [1.75, 3.0, 6.8]
    let s: [Double] = [1, 2, 4, 8]
    XCTAssertEqual(Quantiles.linear(sorted: s, 0.25), 1.75)
    XCTAssertEqual(Quantiles.linear(sorted: s, 0.5), 3.0)
    XCTAssertEqual(Quantiles.linear(sorted: s, 0.9), 6.800000000000001)
    XCTAssertEqual(Quantiles.linear(sorted: s, 1), 8)
  }

  func testQcutBinsAreRightClosedWithTheLowestEdgeIncluded() {
    // pd.qcut([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5, labels=False) + 1 == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    XCTAssertEqual(Quantiles.qcutBins((1...10).map(Double.init), k: 5), [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
    XCTAssertNil(Quantiles.qcutBins([1, 1, 1, 1, 2], k: 5))
  }

  func testSplitMix64IsReproducible() {
    var a = SplitMix64(seed: 42)
    var b = SplitMix64(seed: 42)
    XCTAssertEqual((0..<5).map { _ in a.next() }, (0..<5).map { _ in b.next() })
    var c = SplitMix64(seed: 0)
    // The published SplitMix64 reference stream for seed 0.
    XCTAssertEqual(c.next(), 0xE220_A839_7B1D_CDAF)
  }
}
