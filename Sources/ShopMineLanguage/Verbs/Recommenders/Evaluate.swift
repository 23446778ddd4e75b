import ShopMineData

extension VerbSpec {
  /// `evaluate mf on test k 10`: held-out metrics as a table, with their definitions under it.
  ///
  /// Dispatches on the model's type; other model families add their case here.
  static let evaluate = VerbSpec(
    "evaluate", summary: "score a model on held-out data (metrics table with definitions)",
    options: [
      ParameterSpec("on", .value, "the test table"),
      ParameterSpec("k", .value, "list length for ranking metrics (10)"),
      ParameterSpec("against", .column, "anomaly flags: the truth column (evaluate flags against is_anomaly)"),
    ],
    schema: { _ in ["metric", "value"] },
    evaluate: { inv throws(Diagnostic) in
      if case .object(let o)? = inv.input, let model = o as? RecommenderModel {
        return try RecommenderEvaluation.evaluate(inv, model)
      }
      // Anomaly flags (or any table with score and anomaly columns) against a truth column.
      if inv.has("against") { return try InsightVerbs.evaluateAgainst(inv) }
      if let value = try LearningDispatch.evaluate(inv) { return value }
      throw Diagnostic(
        "'evaluate' works on a fitted model, not \(inv.input?.describeForError ?? "nothing")",
        at: inv.call.subject?.span ?? inv.call.verbSpan, name: "TypeError")
    })
}
