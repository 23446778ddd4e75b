import ShopMineData

/// The silhouette coefficient, as scikit-learn's `silhouette_score` / `silhouette_samples` (euclidean).
///
/// For row i in cluster A: a = mean distance to the other rows of A, b = the lowest mean distance to the
/// rows of another cluster, s = (b − a) / max(a, b); s = 0 for a row alone in its cluster. Rows labelled
/// −1 (DBSCAN noise) are left out entirely — they neither get a score nor count as a cluster.
public enum Silhouette {
  /// Mean silhouette over the (non-noise) rows, or over a seeded sample of `sampleSize` of them.
  ///
  /// - Complexity: O(m² × d) for m scored rows; pass a `sampleSize` for large data.
  public static func score(
    _ x: FeatureMatrix, labels: [Int32], sampleSize: Int? = nil, seed: UInt64 = 0,
    cancellation: Cancellation = .none
  ) throws(TableError) -> Double {
    var rows = labels.indices.filter { labels[$0] >= 0 }
    if let sampleSize, sampleSize < rows.count {
      guard sampleSize >= 2 else { throw .invalidArgument("silhouette sample size must be at least 2") }
      var rng = SeededRandom(seed: seed)
      rows = rng.sample(sampleSize, from: rows.count).map { rows[$0] }
    }
    let s = try samples(x.selecting(rows: rows), labels: rows.map { labels[$0] }, cancellation: cancellation)
    return s.reduce(0, +) / Double(max(s.count, 1))
  }

  /// The silhouette of every row (no noise rows allowed here; filter them first).
  public static func samples(
    _ x: FeatureMatrix, labels: [Int32], cancellation: Cancellation = .none
  ) throws(TableError) -> [Double] {
    let n = x.rowCount
    let d = x.columnCount
    guard labels.count == n else { throw .invalidArgument("silhouette: \(labels.count) labels for \(n) rows") }
    // Relabel to 0..<L in order of the sorted distinct labels.
    let distinct = Array(Set(labels)).sorted()
    guard distinct.count >= 2, distinct.count <= n - 1 else {
      throw .invalidArgument(
        "silhouette needs between 2 and \(max(n - 1, 0)) clusters (noise excluded), found \(distinct.count)")
    }
    var index: [Int32: Int] = [:]
    for (i, l) in distinct.enumerated() { index[l] = i }
    let codes = labels.map { index[$0] ?? 0 }
    let clusters = distinct.count
    var sizes = [Double](repeating: 0, count: clusters)
    for c in codes { sizes[c] += 1 }
    var result = [Double](repeating: 0, count: n)
    let ranges = Parallel.chunks(count: n, chunkRows: 256)
    x.values.withUnsafeBufferPointer { xp in
      result.withUnsafeMutableBufferPointer { rp in
        codes.withUnsafeBufferPointer { cp in
          guard let xb = xp.baseAddress, let rb = rp.baseAddress, let cb = cp.baseAddress else { return }
          Parallel.forEachChunk(ranges) { _, range in
            // One per-cluster accumulator per chunk, reused for every row of the chunk.
            var sums = [Double](repeating: 0, count: clusters)
            for i in range {
              // A row costs n distances: poll per row, so that a chunk of 256 rows over thousands does not
              // delay an interrupt (the language fuzz target runs such silhouettes under its sanitizer).
              if cancellation.isCancelled { return }
              for c in 0..<clusters { sums[c] = 0 }
              let xi = xb + i * d
              for j in 0..<n where j != i {
                let xj = xb + j * d
                var s = 0.0
                for f in 0..<d {
                  let t = xi[f] - xj[f]
                  s += t * t
                }
                sums[cb[j]] += s.squareRoot()
              }
              let own = cb[i]
              guard sizes[own] > 1 else {
                rb[i] = 0
                continue
              }
              let a = sums[own] / (sizes[own] - 1)
              var b = Double.infinity
              for c in 0..<clusters where c != own { b = min(b, sums[c] / sizes[c]) }
              let m = max(a, b)
              rb[i] = m > 0 ? (b - a) / m : 0
            }
          }
        }
      }
    }
    try cancellation.check()
    return result
  }
}
