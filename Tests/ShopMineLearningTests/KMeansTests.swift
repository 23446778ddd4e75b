import CShopMineKernels
import ShopMineData
import XCTest

@testable import ShopMineLearning

final class KMeansTests: XCTestCase {
  func testInitFirstMatchesScikitLearnOnRealData() throws {
    for c in try Fixture.cases("kmeans") {
      let name = try c["data"].string()
      let k = try c["k"].int()
      let (x, _) = try Fixture.dataset(name)
      let fit = try KMeans.fit(x, options: KMeansOptions(k: k, initialization: .first))
      let expected = try c["inertia"].double()
      assertClose(fit.model.inertia, expected, relative: 1e-6, "\(name) k=\(k) inertia")
      XCTAssertEqual(fit.model.labels.map(Int.init), try c["labels"].ints(), "\(name) k=\(k) labels")
      XCTAssertEqual(fit.model.iterations, try c["iterations"].int(), "\(name) k=\(k) iterations")
      let centers = try c["centers"].matrix()
      for (a, b) in zip(fit.model.centroids.flatMap { $0 }, centers.flatMap { $0 }) {
        assertClose(a, b, relative: 1e-9, absolute: 1e-9, "\(name) centre")
      }
      let silhouette = try Silhouette.score(x, labels: fit.model.labels)
      assertClose(silhouette, try c["silhouette"].double(), absolute: 1e-9, "\(name) silhouette")
    }
  }

  /// The assignment loop is C compiled twice (AVX2 and baseline x86-64, chosen at run time): both must give
  /// the same bits, and each label must be the nearest centre by a plain Swift scan (first index on ties).
  func testAVX2AndBaselineKernelsGiveTheSameBitsAsAPlainScan() throws {
    defer { _ = sm_kernels_select(1) }
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    // Odd n (the two-point loop's tail), k within one block, exactly one, and spanning two with padding.
    for (n, d, k) in [(1_001, 3, 5), (2_049, 8, 8), (777, 5, 13)] {
      let rows = (0..<n).map { i in (0..<d).map { f in Double((i * 7 + f) % k) * 4 + next() } }
      let x = try FeatureMatrix(rows: rows)
      let options = KMeansOptions(k: k, initialization: .first, maxIterations: 20)
      let wide = sm_kernels_select(1)
      let a = try KMeans.fit(x, options: options)
      XCTAssertEqual(sm_kernels_select(0), 0)
      let b = try KMeans.fit(x, options: options)
      XCTAssertEqual(a.model, b.model, "n=\(n) d=\(d) k=\(k), avx2 in use: \(wide)")
      XCTAssertEqual(a.model.inertia.bitPattern, b.model.inertia.bitPattern)
      // One more assignment against the final centres, checked against a plain scan.
      let centres = a.model.centroids
      var labels = [Int32](repeating: -1, count: n)
      let pass = try LloydKernel(points: x.values, n: n, d: d).assign(
        centroids: centres.flatMap { $0 }, k: k, labels: &labels, accumulate: false, cancellation: .none)
      var expectedInertia = 0.0
      var expectedLabels: [Int32] = []
      for row in rows {
        var best = 0
        var bestDistance = Double.infinity
        for (j, centre) in centres.enumerated() {
          var s = 0.0
          for f in 0..<d { s += (row[f] - centre[f]) * (row[f] - centre[f]) }
          if s < bestDistance { (best, bestDistance) = (j, s) }
        }
        expectedInertia += bestDistance
        expectedLabels.append(Int32(best))
      }
      XCTAssertEqual(labels, expectedLabels, "n=\(n) d=\(d) k=\(k)")
      XCTAssertEqual(Set(labels).count, k)
      XCTAssertEqual(pass.changed, n)
      XCTAssertEqual(pass.inertia, expectedInertia, accuracy: expectedInertia * 1e-12)
    }
  }

  func testHandMadeTwoClustersExactNumbers() throws {
    let x = try FeatureMatrix(rows: [[0, 0], [0, 1], [10, 10], [10, 11], [1, 0]])
    let fit = try KMeans.fit(x, options: KMeansOptions(k: 2, initialization: .first))
    XCTAssertEqual(fit.model.labels, [0, 0, 1, 1, 0])
    XCTAssertEqual(fit.model.centroids, [[1.0 / 3, 1.0 / 3], [10, 10.5]])
    // 2/9 + 5/9 + 5/9 around (1/3, 1/3) plus 0.25 + 0.25 around (10, 10.5).
    XCTAssertEqual(fit.model.inertia, 4.0 / 3 + 0.5, accuracy: 1e-12)
    XCTAssertEqual(fit.model.iterations, 3)
    XCTAssertTrue(fit.model.converged)
    let spread = try KMeans.fit(x, options: KMeansOptions(k: 2, initialization: .kmeansPlusPlus, seed: 3))
    XCTAssertEqual(spread.model.labels, [1, 1, 0, 0, 1])
    XCTAssertEqual(spread.model.inertia, 4.0 / 3 + 0.5, accuracy: 1e-12)
  }

  func testTraceRecordsEveryIteration() throws {
    let x = try FeatureMatrix(rows: [[0, 0], [0, 1], [10, 10], [10, 11], [1, 0]])
    let fit = try KMeans.fit(x, options: KMeansOptions(k: 2, initialization: .first, trace: true))
    let trace = try XCTUnwrap(fit.trace)
    XCTAssertEqual(trace.initialCentroids, [[0, 0], [0, 1]])
    XCTAssertEqual(trace.steps.count, fit.model.iterations)
    let first = trace.steps[0]
    XCTAssertEqual(first.labels, [0, 1, 1, 1, 0])
    XCTAssertEqual(first.reassigned, 5)
    let expected: [[Double]] = [[0.5, 0], [20.0 / 3.0, 22.0 / 3.0]]
    for (a, b) in zip(first.centroids.flatMap { $0 }, expected.flatMap { $0 }) { XCTAssertEqual(a, b, accuracy: 1e-12) }
    // Inertia of the first assignment against the initial centres: 0 + 0 + (100+81) + (100+100) + 1.
    XCTAssertEqual(first.inertia, 382, accuracy: 1e-12)
    XCTAssertEqual(first.moves[0], 0.5, accuracy: 1e-12)
    XCTAssertEqual(trace.steps.last?.reassigned, 0)
  }

  func testSameSeedSameBytesAndRestartsKeepBest() throws {
    let (x, _) = try Fixture.dataset("blobs")
    let a = try KMeans.fit(x, options: KMeansOptions(k: 4, seed: 9))
    let b = try KMeans.fit(x, options: KMeansOptions(k: 4, seed: 9))
    XCTAssertEqual(a.model, b.model)
    let r = try KMeans.fit(x, options: KMeansOptions(k: 4, initialization: .random, seed: 9))
    XCTAssertEqual(r.model.options.effectiveRestarts, 10)
    let single = try KMeans.fit(x, options: KMeansOptions(k: 4, initialization: .random, restarts: 1, seed: 9))
    XCTAssertLessThanOrEqual(r.model.inertia, single.model.inertia)
  }

  func testEmptyClusterIsRelocatedToFarthestPoint() throws {
    // Centres 0 and 1 start on duplicates of the same point: cluster 1 is empty in the first pass and takes
    // the point farthest from its centre (row 3, value 100).
    let x = try FeatureMatrix(rows: [[0], [0], [1], [100]])
    let fit = try KMeans.fit(x, options: KMeansOptions(k: 2, initialization: .first, trace: true))
    XCTAssertEqual(fit.trace?.steps.first?.relocated, [1])
    XCTAssertEqual(fit.model.labels, [0, 0, 0, 1])
    XCTAssertEqual(fit.model.centroids, [[1.0 / 3], [100]])
  }

  func testElbowTableAndPredict() throws {
    let (x, _) = try Fixture.dataset("iris")
    let elbow = try KMeans.elbow(x, ks: 1...4, options: KMeansOptions(k: 1, initialization: .first))
    XCTAssertEqual(elbow.columnNames, ["k", "inertia", "iterations"])
    XCTAssertEqual(elbow.rowCount, 4)
    // k = 1: the total sum of squares around the mean of iris (681.3706).
    assertClose(elbow.columns[1][0].doubleValue ?? 0, 681.3706, relative: 1e-12)
    let fit = try KMeans.fit(x, options: KMeansOptions(k: 3, initialization: .first))
    XCTAssertEqual(try fit.model.predict(x), fit.model.labels)
    XCTAssertEqual(fit.model.centroidTable().columnNames, ["cluster", "size", "x0", "x1", "x2", "x3"])
    XCTAssertEqual(fit.model.clusterSizes.reduce(0, +), 150)
  }

  func testRejectsBadArguments() {
    let x = try? FeatureMatrix(rows: [[0], [1]])
    XCTAssertThrowsError(try KMeans.fit(XCTUnwrap(x), options: KMeansOptions(k: 3))) { error in
      XCTAssertEqual((error as? TableError)?.message, "k-means needs at least k = 3 rows, the data has 2")
    }
  }

  func testCancellationStopsTheFit() throws {
    let (x, _) = try Fixture.dataset("blobs")
    let token = Cancellation()
    token.cancel()
    XCTAssertThrowsError(try KMeans.fit(x, options: KMeansOptions(k: 4), cancellation: token)) { error in
      XCTAssertEqual((error as? TableError)?.code, .interrupted)
    }
  }

  /// The silhouette every k-means summary shows polls the token too (per row: each costs n distances).
  func testCancellationStopsTheSilhouette() throws {
    let (x, _) = try Fixture.dataset("blobs")
    let labels = try KMeans.fit(x, options: KMeansOptions(k: 4)).model.labels
    let token = Cancellation()
    XCTAssertEqual(
      try Silhouette.summary(x, labels: labels, cancellation: token)?.score, try Silhouette.score(x, labels: labels))
    token.cancel()
    for sample in [nil, 20] as [Int?] {
      XCTAssertThrowsError(try Silhouette.score(x, labels: labels, sampleSize: sample, cancellation: token)) { error in
        XCTAssertEqual((error as? TableError)?.code, .interrupted)
      }
    }
  }
}
