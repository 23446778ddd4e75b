import ShopMineData

/// The k-distance curve that guides DBSCAN's `eps`: each row's distance to its k-th nearest row.
///
/// The row itself counts as its own first neighbour (as `NearestNeighbors(n_neighbors=k).kneighbors(X)`),
/// so with `k = minpts` a row is a DBSCAN core point exactly when its k-distance is ≤ eps. The curve is
/// sorted descending; the "knee" suggests eps.
public enum KDistance {
  /// Each row's k-distance, in row order.
  ///
  /// - Complexity: O(n log n) expected for low dimensions (k-d tree).
  public static func distances(
    _ x: FeatureMatrix, k: Int, metric: DistanceMetric = .euclidean, cancellation: Cancellation = .none
  ) throws(TableError) -> [Double] {
    let n = x.rowCount
    guard k >= 1, k <= n else { throw .invalidArgument("kdist needs 1 ≤ k ≤ \(n) rows, got k = \(k)") }
    let d = x.columnCount
    let tree = try KDTree(points: x.values, n: n, d: d, metric: metric, cancellation: cancellation)
    var out = [Double](repeating: 0, count: n)
    let ranges = Parallel.chunks(count: n, chunkRows: 4096)
    x.values.withUnsafeBufferPointer { xp in
      out.withUnsafeMutableBufferPointer { op in
        guard let xb = xp.baseAddress, let ob = op.baseAddress else { return }
        Parallel.forEachChunk(ranges) { _, range in
          if cancellation.isCancelled { return }
          var heap: [(Double, Int32)] = []
          heap.reserveCapacity(k)
          for i in range {
            tree.nearest(query: xb + i * d, k: k, heap: &heap)
            ob[i] = metric.expand(heap.last?.0 ?? 0)
          }
        }
      }
    }
    try cancellation.check()
    return out
  }

  /// The sorted curve as a table: `rank` (1-based) and `distance`, largest first.
  public static func curve(
    _ x: FeatureMatrix, k: Int, metric: DistanceMetric = .euclidean, cancellation: Cancellation = .none
  ) throws(TableError) -> Table {
    let sorted = try distances(x, k: k, metric: metric, cancellation: cancellation).sorted(by: >)
    return Table(
      uncheckedColumns: [
        Column(name: "rank", ints: (1...max(sorted.count, 1)).prefix(sorted.count).map { Int64($0) }),
        Column(name: "distance", floats: sorted),
      ], rowCount: sorted.count)
  }
}
