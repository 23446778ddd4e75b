import ShopMineData
import Synchronization

/// Settings of a DBSCAN fit.
public struct DBSCANOptions: Sendable, Hashable, Codable {
  /// Neighbourhood radius (inclusive).
  public var eps: Double
  /// Points in a neighbourhood, the point itself included, for it to be a core point (`min_samples`).
  public var minPoints: Int
  public var metric: DistanceMetric

  public init(eps: Double, minPoints: Int = 5, metric: DistanceMetric = .euclidean) {
    self.eps = eps
    self.minPoints = minPoints
    self.metric = metric
  }
}

/// A DBSCAN clustering: labels (−1 for noise) and which rows are core points.
public struct DBSCANModel: Sendable, Hashable, Codable {
  public var encoding: FeatureEncoding
  public var options: DBSCANOptions
  /// Cluster of each row, numbered in order of their first core point; −1 is noise.
  public var labels: [Int32]
  /// Rows that are core points, ascending.
  public var coreRows: [Int]

  /// Number of clusters found.
  public var clusterCount: Int { Int((labels.max() ?? -1) + 1) }
  /// Rows labelled noise.
  public var noiseCount: Int { labels.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }

  /// Rows per cluster (noise not included).
  public var clusterSizes: [Int] {
    var sizes = [Int](repeating: 0, count: clusterCount)
    for l in labels where l >= 0 { sizes[Int(l)] += 1 }
    return sizes
  }

  /// One row per cluster and one for noise: `cluster`, `size`, `core`.
  public func clusterTable() -> Table {
    var core = [Int](repeating: 0, count: clusterCount)
    for r in coreRows where labels[r] >= 0 { core[Int(labels[r])] += 1 }
    let ids = (0..<clusterCount).map { Int64($0) } + [-1]
    let sizes = clusterSizes.map { Int64($0) } + [Int64(noiseCount)]
    return Table(
      uncheckedColumns: [
        Column(name: "cluster", ints: ids), Column(name: "size", ints: sizes),
        Column(name: "core", ints: core.map { Int64($0) } + [0]),
      ], rowCount: ids.count)
  }
}

/// Density-based clustering, label for label as scikit-learn's `DBSCAN(eps, min_samples)`.
///
/// A neighbourhood holds every row within `eps` (inclusive, the row itself included); rows with at least
/// `minPoints` neighbours are core. Clusters grow from core rows taken in row order; a border row keeps the
/// first cluster that reaches it; the rest is noise (−1). Neighbourhoods come from a k-d tree, comparing
/// reduced distances (Σ squared differences ≤ eps²) exactly as scikit-learn's trees do.
public enum DBSCAN {
  /// Clusters the rows of `x`.
  ///
  /// The neighbourhoods are kept in memory, one `Int32` per (row, neighbour) pair: with an `eps` that
  /// reaches most rows that is n² pairs. Past `maximumPairs` the search stops and the fit is refused with
  /// an error naming `eps`, instead of growing until the OS kills the process. Every row's search, the
  /// gathering of the lists and the expansion poll `cancellation`.
  ///
  /// - Complexity: O(n log n) for the tree plus the total neighbourhood size for queries and expansion.
  public static func fit(
    _ x: FeatureMatrix, options: DBSCANOptions, maximumPairs: Int = .max, cancellation: Cancellation = .none,
    progress: ProgressCallback? = nil
  ) throws(TableError) -> DBSCANModel {
    guard options.eps > 0, options.eps.isFinite else {
      throw .invalidArgument("eps must be a positive number, got \(options.eps)")
    }
    guard options.minPoints >= 1 else { throw .invalidArgument("minpts must be at least 1, got \(options.minPoints)") }
    let n = x.rowCount
    let d = x.columnCount
    let tree = try KDTree(points: x.values, n: n, d: d, metric: options.metric, cancellation: cancellation)
    let r = options.metric.reduce(options.eps)
    // Neighbourhoods in fixed chunks (parallel, combined in order): CSR offsets + flat row lists. With a
    // wide eps the lists are hundreds of MB, and returning their pages takes tens of milliseconds: they
    // are freed in the background (`DeferredRelease`), so an interrupt is answered without waiting for it.
    // Chunks of 128 rows: with a wide eps a chunk's list holds about 128 · n pairs, and growing it (a copy at
    // each doubling) or appending it to the flat list is one step no interrupt can stop. At 1,024 rows that
    // was 32 MB at a time on 8,000 rows, which took 173 ms once where fresh pages fault in slowly.
    let ranges = Parallel.chunks(count: n, chunkRows: 128)
    var pieces = [[Int32]](repeating: [], count: ranges.count)
    var neighbours: [Int32] = []
    // However the fit ends (done, interrupted, refused), the lists are freed in the background.
    defer { DeferredRelease.release((pieces, neighbours)) }
    var counts = [Int32](repeating: 0, count: n)
    let pairs = Atomic<Int>(0)
    x.values.withUnsafeBufferPointer { xp in
      pieces.withUnsafeMutableBufferPointer { pp in
        counts.withUnsafeMutableBufferPointer { cp in
          guard let xb = xp.baseAddress, let pb = pp.baseAddress, let cb = cp.baseAddress else { return }
          Parallel.forEachChunk(ranges) { chunk, range in
            var out: [Int32] = []
            for i in range {
              // Per row: with a wide eps one row's neighbourhood is every row.
              if cancellation.isCancelled {
                DeferredRelease.release(out)
                return
              }
              let before = out.count
              tree.radius(query: xb + i * d, reducedRadius: r, into: &out)
              let found = out.count - before
              cb[i] = Int32(found)
              if pairs.add(found, ordering: .relaxed).newValue > maximumPairs {
                DeferredRelease.release(out)
                return
              }
            }
            pb[chunk] = out
          }
        }
      }
    }
    try cancellation.check()
    guard pairs.load(ordering: .relaxed) <= maximumPairs else {
      let eps = options.eps.rounded() == options.eps && options.eps < 1e15 ? String(Int(options.eps)) : "\(options.eps)"
      let limit = CountText.grouped(maximumPairs)
      throw TableError(
        code: .overMemoryBudget,
        message: "dbscan with eps \(eps) finds more than \(limit) pairs of neighbouring rows, more than the memory "
          + "budget holds: choose a smaller eps (`kdist TABLE k \(options.minPoints) on COLUMNS` helps)")
    }
    progress?(1, 2, "dbscan: neighbourhoods found")
    var offsets = [Int](repeating: 0, count: n + 1)
    for i in 0..<n { offsets[i + 1] = offsets[i] + Int(counts[i]) }
    neighbours.reserveCapacity(offsets[n])
    for piece in pieces {
      try cancellation.check()
      neighbours.append(contentsOf: piece)
    }
    DeferredRelease.release(pieces)
    pieces = []
    let isCore = counts.map { Int($0) >= options.minPoints }

    // scikit-learn's `dbscan_inner`: depth-first expansion from each unlabelled core row, in row order.
    // A row is labelled when it is pushed rather than when it is popped, so it is pushed once and the stack
    // holds at most n rows (pushing every unlabelled neighbour of every core row, as `dbscan_inner` does,
    // let it grow to the number of pairs). The labels are the same: an expansion labels exactly the rows
    // reachable from its seed that no earlier cluster took, in whatever order it visits them.
    var labels = [Int32](repeating: -1, count: n)
    var label: Int32 = 0
    var stack: [Int] = []
    var visited = 0
    for seed in 0..<n where labels[seed] == -1 && isCore[seed] {
      labels[seed] = label
      stack.append(seed)
      while let i = stack.popLast() {
        guard isCore[i] else { continue }
        visited &+= offsets[i + 1] - offsets[i]
        if visited >= 1 << 16 {
          visited = 0
          try cancellation.check()
        }
        for q in offsets[i]..<offsets[i + 1] {
          let v = Int(neighbours[q])
          if labels[v] == -1 {
            labels[v] = label
            stack.append(v)
          }
        }
      }
      label += 1
    }
    progress?(2, 2, "dbscan done")
    return DBSCANModel(
      encoding: x.encoding, options: options, labels: labels, coreRows: (0..<n).filter { isCore[$0] })
  }
}
