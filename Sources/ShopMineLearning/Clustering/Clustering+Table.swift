import ShopMineData

extension KMeans {
  /// Fits k-means on `columns` of `table` (encoded by ``FeatureMatrix``).
  public static func fit(
    _ table: Table, columns: [String], options: KMeansOptions, cancellation: Cancellation = .none,
    progress: ProgressCallback? = nil
  ) throws(TableError) -> Result {
    try fit(FeatureMatrix(table, columns: columns), options: options, cancellation: cancellation, progress: progress)
  }
}

extension DBSCAN {
  /// Runs DBSCAN on `columns` of `table`.
  public static func fit(
    _ table: Table, columns: [String], options: DBSCANOptions, cancellation: Cancellation = .none,
    progress: ProgressCallback? = nil
  ) throws(TableError) -> DBSCANModel {
    try fit(FeatureMatrix(table, columns: columns), options: options, cancellation: cancellation, progress: progress)
  }
}

extension Silhouette {
  /// A silhouette for a model summary, with what the summary should say about how it was computed.
  public struct Summary: Sendable, Hashable {
    /// The mean silhouette.
    public var score: Double
    /// Rows scored (all non-noise rows, or the sample).
    public var rowsScored: Int
    /// Whether a seeded sample stood in for all rows.
    public var sampled: Bool
    /// Noise rows (label −1) left out.
    public var noiseExcluded: Int
  }

  /// Rows scored exactly before a summary switches to a seeded sample (the cost is quadratic).
  public static let summarySampleLimit = 10_000

  /// The silhouette a summary shows: exact up to ``summarySampleLimit`` non-noise rows, else a seeded
  /// sample of that many; `nil` when fewer than 2 clusters (or no room for one) remain.
  public static func summary(
    _ x: FeatureMatrix, labels: [Int32], seed: UInt64 = 0, cancellation: Cancellation = .none
  ) throws(TableError) -> Summary? {
    let kept = labels.filter { $0 >= 0 }
    let clusters = Set(kept).count
    guard clusters >= 2, clusters <= kept.count - 1 else { return nil }
    let sampled = kept.count > summarySampleLimit
    let size = sampled ? summarySampleLimit : kept.count
    if sampled {
      // A sample might, rarely, hold a single cluster; fall back to reporting nothing rather than failing.
      guard let s = try? score(x, labels: labels, sampleSize: size, seed: seed, cancellation: cancellation) else {
        try cancellation.check()
        return nil
      }
      return Summary(score: s, rowsScored: size, sampled: true, noiseExcluded: labels.count - kept.count)
    }
    let s = try score(x, labels: labels, cancellation: cancellation)
    return Summary(score: s, rowsScored: size, sampled: false, noiseExcluded: labels.count - kept.count)
  }
}
