import ShopMineData

/// What distinguishes each cluster: sizes, raw and standardised feature means, and a sentence per cluster.
///
/// Standardised mean of feature j in cluster k: (mean_k(j) − mean(j)) / σ(j), with the overall mean and
/// population σ over all profiled rows (the same σ as `normalize zscore`), so +1.0 means "one standard
/// deviation above the average user". A constant feature standardises to 0.
public struct ClusterProfile: Sendable, Hashable {
  /// One row per cluster (ascending label): `cluster`, `size`, `share`, then each feature's mean.
  public var means: Table
  /// The same shape with standardised means (z-scores of the cluster means) — the heatmap's values.
  public var standardized: Table
  /// The heatmap in long form: `cluster`, `feature`, `z`, `mean` (cluster-major, features in input order).
  public var heatmap: Table
  /// Distinguishing features: `cluster`, `rank`, `feature`, `z`, `direction` ("high"/"low"), up to
  /// `topFeatures` per cluster with |z| ≥ `minimumEffect`, largest |z| first.
  public var distinguishing: Table
  /// One sentence per cluster, e.g. "Cluster 2 (34 users): high spend (+1.8σ), low browse_time (−1.1σ)".
  public var sentences: [String]
  public var clusterLabels: [Int]
  public var sizes: [Int]
  public var features: [String]

  /// Profiles `features` of `table` by the cluster label of each row.
  ///
  /// - Parameters:
  ///   - labels: one cluster label per row (any integers; −1 noise from DBSCAN is just another cluster).
  ///   - noun: what a row is, for the sentences ("users").
  ///   - topFeatures: how many distinguishing features each sentence names.
  ///   - minimumEffect: the smallest |z| worth naming; a cluster with none reads "close to average on
  ///     every feature".
  /// - Throws: ``TableError`` for unknown or non-numeric features or a label count that does not match
  ///   the rows.
  public static func make(
    _ table: Table, features: [String], labels: [Int], noun: String = "users", topFeatures: Int = 3,
    minimumEffect: Double = 0.5
  ) throws(TableError) -> ClusterProfile {
    let n = table.rowCount
    guard labels.count == n else {
      throw TableError.invalidArgument("profile: \(labels.count) cluster labels for a table of \(n) rows")
    }
    guard !features.isEmpty else { throw TableError.invalidArgument("profile: name at least one feature") }
    var data: [[Double]] = []
    for f in features { data.append(try ColumnReading.doubles(table, f, role: "profile feature")) }
    let clusters = Array(Set(labels)).sorted()
    var index: [Int: Int] = [:]
    for (i, c) in clusters.enumerated() { index[c] = i }
    let k = clusters.count
    var sizes = [Int](repeating: 0, count: k)
    for l in labels { if let i = index[l] { sizes[i] += 1 } }

    // Per feature: overall mean/σ over non-missing rows, cluster means over each cluster's non-missing rows.
    var clusterMeans = [[Double]](repeating: [Double](repeating: .nan, count: features.count), count: k)
    var z = clusterMeans
    for (j, col) in data.enumerated() {
      var sum = [Double](repeating: 0, count: k)
      var count = [Int](repeating: 0, count: k)
      var total = 0.0
      var totalCount = 0
      for row in 0..<n where !col[row].isNaN {
        guard let i = index[labels[row]] else { continue }
        sum[i] += col[row]
        count[i] += 1
        total += col[row]
        totalCount += 1
      }
      guard totalCount > 0 else { continue }
      let mean = total / Double(totalCount)
      var ss = 0.0
      for row in 0..<n where !col[row].isNaN {
        let d = col[row] - mean
        ss += d * d
      }
      let sigma = (ss / Double(totalCount)).squareRoot()
      for i in 0..<k where count[i] > 0 {
        let m = sum[i] / Double(count[i])
        clusterMeans[i][j] = m
        z[i][j] = sigma > 0 ? (m - mean) / sigma : 0
      }
    }

    func wide(_ values: [[Double]]) -> Table {
      var columns = [
        Column(name: "cluster", ints: clusters.map { Int64($0) }),
        Column(name: "size", ints: sizes.map { Int64($0) }),
        Column(name: "share", floats: sizes.map { n > 0 ? Double($0) / Double(n) : 0 }, meaning: .share),
      ]
      for (j, f) in features.enumerated() where !["cluster", "size", "share"].contains(f) {
        columns.append(Columns.floats(f, values.map { $0[j] }))
      }
      return Table(uncheckedColumns: columns, rowCount: k)
    }

    var hc: [Int64] = []
    var hf: [String?] = []
    var hz: [Double] = []
    var hm: [Double] = []
    var dc: [Int64] = []
    var dr: [Int64] = []
    var df: [String?] = []
    var dz: [Double] = []
    var dd: [String?] = []
    var sentences: [String] = []
    for i in 0..<k {
      for (j, f) in features.enumerated() {
        hc.append(Int64(clusters[i]))
        hf.append(f)
        hz.append(z[i][j])
        hm.append(clusterMeans[i][j])
      }
      // Largest |z| first; ties keep the input feature order so the sentence is stable.
      let ranked = features.indices
        .filter { z[i][$0].isFinite && abs(z[i][$0]) >= minimumEffect }
        .sorted { abs(z[i][$0]) > abs(z[i][$1]) || (abs(z[i][$0]) == abs(z[i][$1]) && $0 < $1) }
        .prefix(max(topFeatures, 0))
      var phrases: [String] = []
      for (r, j) in ranked.enumerated() {
        let direction = z[i][j] > 0 ? "high" : "low"
        dc.append(Int64(clusters[i]))
        dr.append(Int64(r + 1))
        df.append(features[j])
        dz.append(z[i][j])
        dd.append(direction)
        phrases.append(
          "\(direction) \(features[j]) (\(DecimalFormat.sentence(z[i][j], decimals: 1, signed: true))σ)")
      }
      let body = phrases.isEmpty ? "close to average on every feature" : phrases.joined(separator: ", ")
      sentences.append("Cluster \(clusters[i]) (\(sizes[i]) \(noun)): \(body)")
    }
    return ClusterProfile(
      means: wide(clusterMeans), standardized: wide(z),
      heatmap: Table(
        uncheckedColumns: [
          Column(name: "cluster", ints: hc), Column(name: "feature", strings: hf), Columns.floats("z", hz),
          Columns.floats("mean", hm),
        ], rowCount: hc.count),
      distinguishing: Table(
        uncheckedColumns: [
          Column(name: "cluster", ints: dc), Column(name: "rank", ints: dr), Column(name: "feature", strings: df),
          Columns.floats("z", dz), Column(name: "direction", strings: dd),
        ], rowCount: dc.count),
      sentences: sentences, clusterLabels: clusters, sizes: sizes, features: features)
  }

  /// Profiles by a label column of `table` itself (int, or string/bool labels numbered in sorted order).
  public static func make(
    _ table: Table, features: [String], labelColumn: String, noun: String = "users", topFeatures: Int = 3,
    minimumEffect: Double = 0.5
  ) throws(TableError) -> ClusterProfile {
    let column = try table.requireColumn(labelColumn)
    var labels: [Int]
    if case .int(let a) = column.storage {
      labels = a.map { Int(truncatingIfNeeded: $0) }
      for row in 0..<a.count where !column.isValid(row) { labels[row] = -1 }
    } else {
      labels = try GroupKeys(column).codes.map { Int($0) }
    }
    return try make(
      table, features: features.filter { $0 != labelColumn }, labels: labels, noun: noun,
      topFeatures: topFeatures, minimumEffect: minimumEffect)
  }
}
