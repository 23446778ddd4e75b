import Foundation

/// Lloyd's k-means with a deterministic farthest-point start: enough to check that the planted segments
/// are recoverable without depending on the models module.
enum SimpleKMeans {
  static func fit(columns: [[Double]], k: Int, iterations: Int = 100) -> [Int] {
    let n = columns.first?.count ?? 0
    let d = columns.count
    func point(_ i: Int) -> [Double] { (0..<d).map { columns[$0][i] } }
    func distance(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
    func nearest(_ i: Int, _ centers: [[Double]]) -> (index: Int, distance: Double) {
      var best = (index: 0, distance: Double.infinity)
      for (c, center) in centers.enumerated() {
        let dist = distance(point(i), center)
        if dist < best.distance { best = (c, dist) }
      }
      return best
    }
    var centers = [point(0)]
    while centers.count < k {
      var far = 0
      var farthest = -1.0
      for i in 0..<n {
        let dist = nearest(i, centers).distance
        if dist > farthest { (far, farthest) = (i, dist) }
      }
      centers.append(point(far))
    }
    var labels = [Int](repeating: 0, count: n)
    for _ in 0..<iterations {
      labels = (0..<n).map { nearest($0, centers).index }
      var sums = [[Double]](repeating: [Double](repeating: 0, count: d), count: k)
      var counts = [Int](repeating: 0, count: k)
      for i in 0..<n {
        counts[labels[i]] += 1
        for j in 0..<d { sums[labels[i]][j] += columns[j][i] }
      }
      let moved = (0..<k).map { c in counts[c] == 0 ? centers[c] : sums[c].map { $0 / Double(counts[c]) } }
      if moved == centers { break }
      centers = moved
    }
    return labels
  }
}

/// The adjusted Rand index (Hubert & Arabie), as sklearn's `adjusted_rand_score`.
enum AdjustedRand {
  static func index(_ a: [String], _ b: [String]) -> Double {
    var table: [String: Int] = [:]
    var rows: [String: Int] = [:]
    var cols: [String: Int] = [:]
    for i in a.indices {
      table[a[i] + "\u{1}" + b[i], default: 0] += 1
      rows[a[i], default: 0] += 1
      cols[b[i], default: 0] += 1
    }
    func pairs(_ x: Int) -> Double { Double(x * (x - 1)) / 2 }
    let index = table.values.map(pairs).reduce(0, +)
    let rowSum = rows.values.map(pairs).reduce(0, +)
    let colSum = cols.values.map(pairs).reduce(0, +)
    let expected = rowSum * colSum / pairs(a.count)
    let maximum = (rowSum + colSum) / 2
    return (index - expected) / (maximum - expected)
  }
}

enum OLS {
  /// The least-squares slope of y on x.
  static func slope(x: [Double], y: [Double]) -> Double {
    let mx = x.reduce(0, +) / Double(x.count)
    let my = y.reduce(0, +) / Double(y.count)
    var sxy = 0.0
    var sxx = 0.0
    for i in x.indices {
      sxy += (x[i] - mx) * (y[i] - my)
      sxx += (x[i] - mx) * (x[i] - mx)
    }
    return sxy / sxx
  }

  /// Pearson correlation.
  static func correlation(_ x: [Double], _ y: [Double]) -> Double {
    let mx = x.reduce(0, +) / Double(x.count)
    let my = y.reduce(0, +) / Double(y.count)
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for i in x.indices {
      sxy += (x[i] - mx) * (y[i] - my)
      sxx += (x[i] - mx) * (x[i] - mx)
      syy += (y[i] - my) * (y[i] - my)
    }
    return sxy / (sxx * syy).squareRoot()
  }
}

/// Average precision of a ranking by descending score (ties broken pessimistically, as a check should).
enum AveragePrecision {
  static func of(scores: [Double], truth: [Bool]) -> Double {
    let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : (!truth[$0] && truth[$1]) }
    let positives = truth.filter { $0 }.count
    var hits = 0
    var sum = 0.0
    for (rank, i) in order.enumerated() where truth[i] {
      hits += 1
      sum += Double(hits) / Double(rank + 1)
    }
    return positives == 0 ? 0 : sum / Double(positives)
  }
}
