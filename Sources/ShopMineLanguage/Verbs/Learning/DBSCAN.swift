import ShopMineData
import ShopMineLearning

extension VerbSpec {
  /// `db = dbscan users eps 0.5 minpts 5 on browse_time, purchase_freq`: density-based clusters with
  /// noise, label for label as scikit-learn's `DBSCAN`.
  static let dbscan = VerbSpec(
    "dbscan", summary: "density-based clustering with noise (DBSCAN, as scikit-learn)",
    options: [
      ParameterSpec("eps", .value, "neighbourhood radius, inclusive"),
      ParameterSpec.integer(
        "minpts", default: 5, in: 1...1_000_000, "neighbours (the row itself included) that make a core row"),
      ParameterSpec("metric", .word(DistanceMetric.allCases.map(\.rawValue)), "euclidean (default) or manhattan"),
      LearningArguments.features,
    ],
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      guard let eps = try inv.double("eps") else {
        throw inv.error(
          "'dbscan' needs the neighbourhood radius: dbscan TABLE eps 0.5 minpts 5 on COLUMNS",
          notes: ["`kdist TABLE k 5 on COLUMNS` helps choose eps"])
      }
      guard eps > 0, eps.isFinite else {
        throw inv.error(at: "eps", "'eps' must be a positive number, not \(ValueFormatter.number(eps))")
      }
      let minPoints = try inv.integer("minpts")
      let metric = inv.word("metric").flatMap(DistanceMetric.init(rawValue:)) ?? .euclidean
      let features = try LearningArguments.features(inv, table)
      let x = try LearningArguments.matrix(inv, table, features)
      let options = DBSCANOptions(eps: eps, minPoints: minPoints, metric: metric)
      // The neighbourhood lists take 4 bytes a pair, twice over while they are gathered.
      let maximumPairs = inv.evaluator.memoryBudget.bytes / 8
      let model = try LearningArguments.run(
        inv, label: "dbscan", finish: { "\($0.clusterCount) clusters, \($0.noiseCount) noise rows" }
      ) { cancellation, progress throws(TableError) in
        try DBSCAN.fit(x, options: options, maximumPairs: maximumPairs, cancellation: cancellation, progress: progress)
      }
      let seed = try inv.seed()
      let cancellation = inv.cancellation
      // Silhouette with euclidean distances, as scikit-learn's default; noise excluded.
      let silhouette = try inv.data { () throws(TableError) in
        try Silhouette.summary(x, labels: model.labels, seed: seed, cancellation: cancellation)
      }
      return .object(DBSCANObject(model: model, training: table, silhouette: silhouette))
    })
}
