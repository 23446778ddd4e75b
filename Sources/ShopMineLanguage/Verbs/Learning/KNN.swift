import ShopMineData
import ShopMineLearning

extension VerbSpec {
  /// `kn = knn train target churned k 5 on …`: k-nearest-neighbour votes, predictions equal to
  /// scikit-learn's `KNeighborsClassifier`.
  static let knn = VerbSpec(
    "knn", summary: "k-nearest-neighbours classifier (uniform or distance weights)",
    options: [
      LearningArguments.target, LearningArguments.features,
      ParameterSpec.integer("k", default: 5, in: 1...100_000, "neighbours that vote"),
      ParameterSpec("weights", .word(KNNModel.Weights.allCases.map(\.rawValue)), "uniform (default) or distance (1/d)"),
      ParameterSpec("metric", .word(DistanceMetric.allCases.map(\.rawValue)), "euclidean (default) or manhattan"),
    ],
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      let k = try inv.integer("k")
      let weights = inv.word("weights").flatMap(KNNModel.Weights.init(rawValue:)) ?? .uniform
      let metric = inv.word("metric").flatMap(DistanceMetric.init(rawValue:)) ?? .euclidean
      let (object, _) = try ClassifierFit.run(inv, label: "knn") { data, _, _ throws(TableError) in
        .knn(try KNNModel.fit(data, k: k, weights: weights, metric: metric))
      }
      return .object(object)
    })
}
