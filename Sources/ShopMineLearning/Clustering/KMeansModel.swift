import ShopMineData

/// A fitted k-means clustering: centroids, training labels and the numbers a summary shows.
public struct KMeansModel: Sendable, Hashable, Codable {
  /// How table columns were turned into features.
  public var encoding: FeatureEncoding
  public var options: KMeansOptions
  /// One row of `encoding.width` coordinates per cluster.
  public var centroids: [[Double]]
  /// Cluster of each training row (0-based).
  public var labels: [Int32]
  /// Sum over training rows of the squared distance to their centroid.
  public var inertia: Double
  /// Lloyd iterations of the kept run.
  public var iterations: Int
  /// Whether the kept run stopped by convergence (labels stable or shift within tolerance) rather than the cap.
  public var converged: Bool
  /// The absolute tolerance used: `tolerance × mean feature variance`.
  public var absoluteTolerance: Double

  /// Number of clusters.
  public var k: Int { centroids.count }

  /// Training rows per cluster.
  public var clusterSizes: [Int] {
    var sizes = [Int](repeating: 0, count: centroids.count)
    for l in labels where l >= 0 && Int(l) < sizes.count { sizes[Int(l)] += 1 }
    return sizes
  }

  /// The nearest centroid of each row of `x` (first cluster wins exact ties).
  public func predict(_ x: FeatureMatrix) throws(TableError) -> [Int32] {
    guard x.columnCount == encoding.width else {
      throw .invalidArgument("k-means model expects \(encoding.width) features, got \(x.columnCount)")
    }
    let kernel = LloydKernel(points: x.values, n: x.rowCount, d: x.columnCount)
    var labels = [Int32](repeating: -1, count: x.rowCount)
    _ = try kernel.assign(
      centroids: centroids.flatMap { $0 }, k: k, labels: &labels, accumulate: false, cancellation: .none)
    return labels
  }

  /// The nearest centroid of each row of `table`, encoded as at fit time.
  public func predict(_ table: Table) throws(TableError) -> [Int32] {
    try predict(FeatureMatrix(table, encoding: encoding))
  }

  /// A table with one row per cluster: `cluster`, `size`, then the centroid coordinate per feature.
  public func centroidTable() -> Table {
    var columns = [
      Column(name: "cluster", ints: (0..<k).map { Int64($0) }),
      Column(name: "size", ints: clusterSizes.map { Int64($0) }),
    ]
    for (f, name) in encoding.featureNames.enumerated() {
      columns.append(Column(name: uniqueName(name, avoiding: ["cluster", "size"]), floats: centroids.map { $0[f] }))
    }
    return Table(uncheckedColumns: columns, rowCount: k)
  }

  /// Key figures as a two-column table (`metric`, `value`), for summaries.
  public func summaryTable() -> Table {
    var names = ["k", "rows", "inertia", "iterations", "converged", "init", "restarts", "seed"]
    var values = [
      "\(k)", "\(labels.count)", formatNumber(inertia), "\(iterations)", converged ? "yes" : "no",
      options.initialization.rawValue, "\(options.effectiveRestarts)", "\(options.seed)",
    ]
    if let note = encoding.oneHotNote {
      names.append("encoding")
      values.append(note)
    }
    return Table(
      uncheckedColumns: [Column(name: "metric", strings: names), Column(name: "value", strings: values)],
      rowCount: names.count)
  }
}

/// `name`, or `name_` repeated until it clashes with none of `taken`.
func uniqueName(_ name: String, avoiding taken: Set<String>) -> String {
  var n = name
  while taken.contains(n) { n += "_" }
  return n
}

/// Shortest round-trip text of a number (integral values without a fraction).
func formatNumber(_ x: Double) -> String {
  if x.isFinite, x.rounded() == x, abs(x) < 1e15 { return String(Int64(x)) }
  return "\(x)"
}
