import ShopMineData
import XCTest

@testable import ShopMineLearning

/// Properties every PCA fit must have, whatever the data (scikit-learn agreement on real data sets is
/// Tests/python/test_pca_sklearn.py): orthonormal components, variances in decreasing order that add
/// up to the total variance, scores whose variance along each component is that component's variance.
final class PCATests: XCTestCase {
  /// 300 rows of 5 correlated features from a fixed linear congruential sequence.
  private func data() throws -> FeatureMatrix {
    var state: UInt64 = 12_345
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53) - 0.5
    }
    let rows = (0..<300).map { _ -> [Double] in
      let a = next()
      let b = next()
      return [a, 2 * a + 0.1 * next(), b, a - b + 0.3 * next(), 5 * next()]
    }
    return try FeatureMatrix(rows: rows, featureNames: ["a", "b", "c", "d", "e"])
  }

  private func variance(_ values: [Double]) -> Double {
    let mean = values.reduce(0, +) / Double(values.count)
    return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
  }

  func testComponentsAreOrthonormalAndVariancesAddUp() throws {
    let x = try data()
    for standardize in [false, true] {
      let model = try PCAModel.fit(x, components: nil, standardize: standardize)
      let d = x.columnCount
      XCTAssertEqual(model.components.count, d)
      for i in 0..<d {
        for j in 0..<d {
          let dot = zip(model.components[i], model.components[j]).reduce(0) { $0 + $1.0 * $1.1 }
          XCTAssertEqual(dot, i == j ? 1 : 0, accuracy: 1e-12, "components \(i)·\(j)")
        }
        // scikit-learn's sign rule: the largest weight of each component is positive.
        let largest = model.components[i].max { abs($0) < abs($1) } ?? 0
        XCTAssertGreaterThan(largest, 0)
      }
      XCTAssertEqual(model.explainedVariance, model.explainedVariance.sorted(by: >))
      // The total variance is the sum of the (scaled) features' variances.
      let columns = (0..<d).map { j in (0..<x.rowCount).map { x.values[$0 * d + j] } }
      let total = columns.map { c -> Double in
        guard standardize else { return variance(c) }
        // StandardScaler divides by the population deviation, so each column's ddof-1 variance is n/(n-1).
        return Double(c.count) / Double(c.count - 1)
      }.reduce(0, +)
      XCTAssertEqual(model.explainedVariance.reduce(0, +), total, accuracy: 1e-9 * total)
      XCTAssertEqual(model.explainedVarianceRatio.reduce(0, +), 1, accuracy: 1e-12)
      // Scores: mean zero, and their variance along each component is its explained variance.
      let scores = try model.transform(x)
      for c in 0..<d {
        let s = (0..<x.rowCount).map { scores[$0 * d + c] }
        XCTAssertEqual(s.reduce(0, +) / Double(s.count), 0, accuracy: 1e-12)
        XCTAssertEqual(variance(s), model.explainedVariance[c], accuracy: 1e-9 * total)
      }
    }
  }

  func testKeepsTheLargestComponentsAndRefusesTooFewRows() throws {
    let x = try data()
    let all = try PCAModel.fit(x, components: nil, standardize: false)
    let two = try PCAModel.fit(x, components: 2, standardize: false)
    XCTAssertEqual(two.components, Array(all.components.prefix(2)))
    XCTAssertEqual(two.explainedVarianceRatio, Array(all.explainedVarianceRatio.prefix(2)))
    let one = try FeatureMatrix(rows: [[1, 2]], featureNames: ["a", "b"])
    XCTAssertThrowsError(try PCAModel.fit(one, components: nil, standardize: false))
  }

  func testAnInterruptStopsTheFit() throws {
    let cancellation = Cancellation()
    cancellation.cancel()
    XCTAssertThrowsError(try PCAModel.fit(try data(), components: nil, standardize: false, cancellation: cancellation))
    {
      XCTAssertEqual(($0 as? TableError)?.code, .interrupted)
    }
  }
}
