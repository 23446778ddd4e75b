import ShopMineData

extension VerbSpec {
  /// `evaluate mf on test k 10`: held-out metrics as a table, with their definitions under it; any
  /// ``EvaluatingObject`` answers, and `against` scores anomaly flags.
  static let evaluate = VerbSpec(
    "evaluate", summary: "score a model on held-out data (metrics table with definitions)",
    options: [
      ParameterSpec("on", .value, "the test table"),
      ParameterSpec.integer("k", default: 10, in: 1...100_000, "list length for ranking metrics"),
      ParameterSpec("against", .column, "anomaly flags: the truth column (evaluate flags against is_anomaly)"),
    ],
    schema: { _ in ["metric", "value"] },
    evaluate: { inv throws(Diagnostic) in
      // Anomaly flags (or any table with score and anomaly columns) against a truth column.
      if inv.has("against"), inv.subject((any EvaluatingObject).self) == nil {
        return try InsightVerbs.evaluateAgainst(inv)
      }
      if let model = inv.subject((any EvaluatingObject).self) {
        if inv.has("against") {
          throw inv.error(
            at: "against", "'against' scores anomaly flags; a model is scored on a test table",
            suggestions: ["evaluate MODEL on TEST"])
        }
        return try model.evaluate(inv)
      }
      if inv.subject((any ClusteringObject).self) != nil {
        throw inv.error(
          "a clustering has no right answers to evaluate against",
          suggestions: [
            "silhouette MODEL (how well the clusters hold together)", "elbow TABLE k 1..10 on COLUMNS (choosing k)",
          ])
      }
      throw Diagnostic(
        "'evaluate' works on a fitted model, not \(inv.input?.describeForError ?? "nothing")",
        at: inv.call.subject?.span ?? inv.call.verbSpan, name: "TypeError")
    })
}
