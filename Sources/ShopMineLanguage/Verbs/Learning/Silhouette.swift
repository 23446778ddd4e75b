import JupyterProtocol
import ShopMineData
import ShopMineLearning
import ShopMineRendering

extension VerbSpec {
  /// `silhouette seg`: how well each cluster holds together (scikit-learn's silhouette, noise excluded),
  /// per cluster and overall.
  static let silhouette = VerbSpec(
    "silhouette", summary: "silhouette of a clustering, per cluster and overall (−1 … 1)",
    options: [
      ParameterSpec("on", .value, "the table the model clustered (needed for a model loaded from a file)"),
      LearningArguments.seed,
    ],
    schema: { _ in ["cluster", "size", "silhouette", "min", "max"] },
    evaluate: { inv throws(Diagnostic) in
      let span = inv.call.subject?.span ?? inv.call.verbSpan
      guard let model = inv.subject((any ClusteringObject).self) else {
        throw Diagnostic(
          "'silhouette' works on a kmeans or dbscan model, not \(LearningArguments.modelDescription(inv.input))",
          at: span, name: "TypeError", suggestions: ["seg = kmeans users k 3 on browse_time, spend", "silhouette seg"])
      }
      let encoding = model.encoding
      var table = model.training
      if inv.has("on") { table = try LearningArguments.onTable(inv, usage: "silhouette MODEL on TABLE") }
      let given = inv.has("on") ? table : nil
      let labels = try inv.data { () throws(TableError) in try model.clusterLabels(for: given) }
      guard let data = table else {
        throw inv.error(
          "this model was loaded from a file and has no rows to score", suggestions: ["silhouette MODEL on TABLE"])
      }
      guard data.rowCount == labels.count else {
        throw inv.error(at: "on", "the model labelled \(labels.count) rows; this table has \(data.rowCount)")
      }
      let x = try inv.data { () throws(TableError) in try FeatureMatrix(data, encoding: encoding) }
      let seed = try inv.seed()
      let cancellation = inv.cancellation
      let report = try LearningArguments.run(inv, label: "silhouette") { _, _ throws(TableError) in
        try SilhouetteReport.make(x, labels: labels, seed: seed, cancellation: cancellation)
      }
      return .object(report)
    })
}

/// The per-cluster silhouette table and bars of `silhouette`.
enum SilhouetteReport {
  static func make(_ x: FeatureMatrix, labels: [Int32], seed: UInt64, cancellation: Cancellation)
    throws(TableError) -> ChartedTable
  {
    var rows = labels.indices.filter { labels[$0] >= 0 }
    let noise = labels.count - rows.count
    let clusters = Set(rows.map { labels[$0] }).count
    guard clusters >= 2, clusters < rows.count else {
      throw TableError(
        code: .invalidArgument,
        message:
          "the silhouette needs at least 2 clusters (and more rows than clusters); this clustering has \(clusters)"
          + (noise > 0 ? " besides \(noise) noise rows" : ""))
    }
    // Exact up to the summary limit; beyond it a seeded sample keeps the quadratic cost bounded.
    let limit = Silhouette.summarySampleLimit
    var sampled = false
    if rows.count > limit {
      var rng = SplitMix64(seed: seed)
      var pool = rows
      for i in 0..<limit {
        let j = i + rng.below(pool.count - i)
        pool.swapAt(i, j)
      }
      rows = Array(pool.prefix(limit)).sorted()
      sampled = true
    }
    let subset = rows.map { labels[$0] }
    let scores = try Silhouette.samples(x.selecting(rows: rows), labels: subset, cancellation: cancellation)
    let k = Int(subset.max() ?? 0) + 1
    var sums = [Double](repeating: 0, count: k)
    var counts = [Int](repeating: 0, count: k)
    var mins = [Double](repeating: .infinity, count: k)
    var maxs = [Double](repeating: -.infinity, count: k)
    for (i, l) in subset.enumerated() {
      let c = Int(l)
      sums[c] += scores[i]
      counts[c] += 1
      mins[c] = min(mins[c], scores[i])
      maxs[c] = max(maxs[c], scores[i])
    }
    let present = (0..<k).filter { counts[$0] > 0 }
    let means = present.map { sums[$0] / Double(counts[$0]) }
    let overall = scores.reduce(0, +) / Double(max(scores.count, 1))
    let table = Table(
      uncheckedColumns: [
        Column(name: "cluster", ints: present.map { Int64($0) }),
        Column(name: "size", ints: present.map { Int64(counts[$0]) }),
        Column(name: "silhouette", floats: means),
        Column(name: "min", floats: present.map { mins[$0] }),
        Column(name: "max", floats: present.map { maxs[$0] }),
      ], rowCount: present.count)
    var notes = [
      "Silhouette \(ModelDisplay.number(overall, digits: 4)) over \(sampled ? "a seeded sample of " : "")\(scores.count) rows"
        + (noise > 0 ? " (\(noise) noise rows excluded)" : "") + ".",
      "Per row: (b − a) / max(a, b), a = mean distance to its own cluster, b = to the nearest other cluster. Near 1: well inside its cluster; near 0: on a border; below 0: closer to another cluster.",
    ]
    if let worst = present.indices.min(by: { means[$0] < means[$1] }), means[worst] < 0.25 {
      notes.append("Cluster \(present[worst]) is the loosest (\(ModelDisplay.number(means[worst], digits: 3))).")
    }
    let figure = ChartFigure.horizontalBars(
      labels: present.map { "cluster \($0)" }, values: means, valueTitle: "mean silhouette",
      title: "Silhouette by cluster (overall \(ModelDisplay.number(overall, digits: 3)))")
    return ChartedTable(
      kind: "silhouette", table: table, title: "Silhouette: \(ModelDisplay.number(overall, digits: 4))", notes: notes,
      charts: [RenderedChart(figure: figure)],
      json: ["silhouette": .double(overall), "rows_scored": .int(scores.count)])
  }
}
