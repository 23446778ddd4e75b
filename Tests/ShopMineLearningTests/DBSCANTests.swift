import ShopMineData
import XCTest

@testable import ShopMineLearning

final class DBSCANTests: XCTestCase {
  func testLabelsIdenticalToScikitLearn() throws {
    for c in try Fixture.cases("dbscan") {
      let name = try c["data"].string()
      let (x, _) = try Fixture.dataset(name)
      let metric = try XCTUnwrap(DistanceMetric(rawValue: c["metric"].string()))
      let options = DBSCANOptions(
        eps: try c["eps"].double(), minPoints: try c["minpts"].int(), metric: metric)
      let model = try DBSCAN.fit(x, options: options)
      XCTAssertEqual(model.labels.map(Int.init), try c["labels"].ints(), "\(name) \(options)")
      if let expected = c["silhouette_without_noise"].optionalDouble {
        assertClose(try Silhouette.score(x, labels: model.labels), expected, absolute: 1e-9, "\(name) silhouette")
      }
    }
  }

  func testBorderPointKeepsFirstCluster() throws {
    // Row 5 (3.5) has 3 < 4 neighbours, so it is a border point; core rows 4 (2) and 6 (5) both reach it.
    // Cluster 0 grows first (from row 0) and keeps it.
    let xs: [Double] = [0, 0.5, 1, 1.5, 2, 3.5, 5, 5.5, 6, 6.5, 7]
    let model = try DBSCAN.fit(FeatureMatrix(rows: xs.map { [$0] }), options: DBSCANOptions(eps: 1.5, minPoints: 4))
    XCTAssertEqual(model.labels, [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
    XCTAssertEqual(model.coreRows, [0, 1, 2, 3, 4, 6, 7, 8, 9, 10])
    // A chain of core points joins everything into one cluster.
    let chain = try DBSCAN.fit(
      FeatureMatrix(rows: [0, 1, 2, 2.5, 3, 4, 5].map { [$0] }), options: DBSCANOptions(eps: 1.0, minPoints: 3))
    XCTAssertEqual(chain.labels, [0, 0, 0, 0, 0, 0, 0])
  }

  /// An eps that reaches every row makes n² neighbour pairs: past the limit the fit is refused with an
  /// error naming eps (instead of the process growing until the OS kills it); at the limit it runs.
  func testNeighbourPairsPastTheLimitAreRefused() throws {
    let x = try FeatureMatrix(rows: (0..<300).map { [Double($0 % 17), Double($0 % 5)] })
    let options = DBSCANOptions(eps: 1000, minPoints: 5)
    XCTAssertThrowsError(try DBSCAN.fit(x, options: options, maximumPairs: 300 * 300 - 1)) { error in
      let error = error as? TableError
      XCTAssertEqual(error?.code, .overMemoryBudget)
      XCTAssertEqual(
        error?.message,
        "dbscan with eps 1000 finds more than 89,999 pairs of neighbouring rows, more than the memory budget "
          + "holds: choose a smaller eps (`kdist TABLE k 5 on COLUMNS` helps)")
    }
    let model = try DBSCAN.fit(x, options: options, maximumPairs: 300 * 300)
    XCTAssertEqual(model.labels, [Int32](repeating: 0, count: 300))
  }

  /// A cancelled token stops the fit in the tree's build, the neighbourhood search and the expansion.
  func testCancelledTokenStopsTheFit() throws {
    let x = try FeatureMatrix(rows: (0..<3_000).map { [Double($0 % 17), Double($0 % 5)] })
    let token = Cancellation()
    token.cancel()
    XCTAssertThrowsError(try DBSCAN.fit(x, options: DBSCANOptions(eps: 1000, minPoints: 5), cancellation: token)) {
      XCTAssertEqual($0 as? TableError, .interrupted)
    }
  }

  func testNoiseAndClusterTable() throws {
    let x = try FeatureMatrix(rows: [[0, 0], [0, 0.1], [0.1, 0], [5, 5], [9, 9], [9, 9.1], [9.1, 9]])
    let model = try DBSCAN.fit(x, options: DBSCANOptions(eps: 0.2, minPoints: 3))
    XCTAssertEqual(model.labels, [0, 0, 0, -1, 1, 1, 1])
    XCTAssertEqual(model.clusterCount, 2)
    XCTAssertEqual(model.noiseCount, 1)
    let table = model.clusterTable()
    XCTAssertEqual(table.columnNames, ["cluster", "size", "core"])
    XCTAssertEqual(table.columns[0].storage, .int([0, 1, -1]))
    XCTAssertEqual(table.columns[1].storage, .int([3, 3, 1]))
  }

  func testKDistanceCountsThePointItself() throws {
    let x = try FeatureMatrix(rows: [[0], [1], [3], [6]])
    // k = 1 is the point itself; k = 2 its nearest other point.
    XCTAssertEqual(try KDistance.distances(x, k: 1), [0, 0, 0, 0])
    XCTAssertEqual(try KDistance.distances(x, k: 2), [1, 1, 2, 3])
    XCTAssertEqual(try KDistance.distances(x, k: 3), [3, 2, 3, 5])
    let curve = try KDistance.curve(x, k: 2)
    XCTAssertEqual(curve.columns[1].storage, .float([3, 2, 1, 1]))
    XCTAssertEqual(curve.columns[0].storage, .int([1, 2, 3, 4]))
  }

  func testKDistanceMatchesCoreDefinition() throws {
    // With k = minpts a row is core exactly when its k-distance ≤ eps.
    let (x, _) = try Fixture.dataset("moons")
    let kd = try KDistance.distances(x, k: 5)
    let model = try DBSCAN.fit(x, options: DBSCANOptions(eps: 0.1, minPoints: 5))
    let core = Set(model.coreRows)
    for i in 0..<x.rowCount { XCTAssertEqual(kd[i] <= 0.1, core.contains(i), "row \(i)") }
  }
}

final class TableEntryPointTests: XCTestCase {
  func testTableEntryPointsAndSilhouetteSummary() throws {
    let table = try Table(columns: [
      Column(name: "a", floats: [0, 0, 0.1, 5, 9, 9, 9.1]), Column(name: "b", floats: [0, 0.1, 0, 5, 9, 9.1, 9]),
    ])
    let db = try DBSCAN.fit(table, columns: ["a", "b"], options: DBSCANOptions(eps: 0.2, minPoints: 3))
    XCTAssertEqual(db.labels, [0, 0, 0, -1, 1, 1, 1])
    let summary = try XCTUnwrap(Silhouette.summary(FeatureMatrix(table, columns: ["a", "b"]), labels: db.labels))
    XCTAssertEqual(summary.noiseExcluded, 1)
    XCTAssertEqual(summary.rowsScored, 6)
    XCTAssertFalse(summary.sampled)
    XCTAssertGreaterThan(summary.score, 0.98)
    let km = try KMeans.fit(table, columns: ["a", "b"], options: KMeansOptions(k: 2, initialization: .first))
    XCTAssertEqual(km.model.encoding.columns, ["a", "b"])
    XCTAssertNil(try Silhouette.summary(FeatureMatrix(table, columns: ["a"]), labels: [0, 0, 0, 0, 0, 0, 0]))
  }
}
