import ShopMineData

extension VerbSpec {
  /// `compare pop, icf, ucf, mf, sv on test k 10`: models side by side, one row each, and a bar chart.
  static let compare = VerbSpec(
    "compare", summary: "evaluate several models on the same test table, side by side with bars",
    subject: .none,
    positionals: [ParameterSpec("models", .values, "the models, separated by commas")],
    options: [
      ParameterSpec("on", .value, "the test table"),
      ParameterSpec.integer("k", default: 10, in: 1...100_000, "list length for ranking metrics"),
    ],
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in try RecommenderEvaluation.compare(inv) })
}
