/// Quantiles and quantile binning that reproduce numpy/pandas to the last bit.
enum Quantiles {
  /// The q-quantile of ascending-sorted `sorted` with numpy's default `method='linear'`.
  ///
  /// numpy's virtual index is (n−1)·q and it interpolates with `_lerp`, which switches to
  /// `b − (b−a)(1−t)` when t ≥ 0.5; copying that switch keeps edges bit-identical to pandas' `qcut`, which
  /// matters because a value exactly on an edge falls in the lower bin.
  static func linear(sorted: [Double], _ q: Double) -> Double {
    let n = sorted.count
    guard n > 0 else { return .nan }
    let virtual = Double(n - 1) * q
    if virtual >= Double(n - 1) { return sorted[n - 1] }
    if virtual <= 0 { return sorted[0] }
    let previous = virtual.rounded(.down)
    let i = Int(previous)
    let a = sorted[i]
    let b = sorted[i + 1]
    let t = virtual - previous
    let d = b - a
    return t >= 0.5 ? b - d * (1 - t) : a + d * t
  }

  /// The probabilities `pd.qcut(x, k)` asks for: `np.linspace(0, 1, k+1)`, nudged up one ulp where
  /// `k·q` is not exactly the integer (pandas does this so 0.6000000000000001 rounds the way users expect).
  static func qcutProbabilities(_ k: Int) -> [Double] {
    let step = 1.0 / Double(k)
    var qs = (0...k).map { Double($0) * step }
    qs[k] = 1
    for i in 0...k where Double(k) * qs[i] != Double(i) {
      qs[i] = qs[i].nextUp
    }
    return qs
  }

  /// Bin numbers 1…k of `pd.qcut(x, k, labels=False) + 1`, or `nil` when pandas would raise
  /// "Bin edges must be unique" (too many ties). NaN rows get 0.
  ///
  /// Bins are right-closed with the lowest edge included: a value v gets bin i where
  /// edge[i−1] < v ≤ edge[i] (`searchsorted(side='left')`).
  static func qcutBins(_ x: [Double], k: Int) -> [Int]? {
    let sorted = x.filter { !$0.isNaN }.sorted()
    guard !sorted.isEmpty else { return [Int](repeating: 0, count: x.count) }
    let edges = qcutProbabilities(k).map { linear(sorted: sorted, $0) }
    for i in 1..<edges.count where edges[i] == edges[i - 1] { return nil }
    return x.map { v in
      guard !v.isNaN else { return 0 }
      if v == edges[0] { return 1 }
      // Binary search for the first edge ≥ v; at most k+1 edges, so a linear scan would do too.
      var lo = 0
      var hi = edges.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if edges[mid] < v { lo = mid + 1 } else { hi = mid }
      }
      return min(max(lo, 1), k)
    }
  }

  /// pandas' `rank(method='first')`: 1…n by value, ties broken by position.
  static func rankFirst(_ x: [Double]) -> [Double] {
    let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
    var ranks = [Double](repeating: 0, count: x.count)
    for (r, i) in order.enumerated() { ranks[i] = Double(r + 1) }
    return ranks
  }

  /// Quintile-style scores 1…k: `pd.qcut(x, k)` when its edges are unique, otherwise
  /// `pd.qcut(x.rank(method='first'), k)`, the recipe's own fix for ties. Also reports which was used.
  static func scores(_ x: [Double], k: Int, rankFirst useRank: Bool) -> (bins: [Int], ranked: Bool) {
    if !useRank, let bins = qcutBins(x, k: k) { return (bins, false) }
    let ranks = rankFirst(x)
    // With fewer than two rows even ranks tie; every row then takes the lowest bin, as `duplicates='drop'`.
    return (qcutBins(ranks, k: k) ?? [Int](repeating: 1, count: x.count), true)
  }
}
