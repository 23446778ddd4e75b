import ShopMineData

extension VerbSpec {
  /// `predict sv on test as predicted`: the table with the model's predictions added as a column.
  ///
  /// Dispatches on the model's type; other model families add their case here.
  static let predict = VerbSpec(
    "predict", summary: "add a model's predictions to a table as a new column",
    options: [
      ParameterSpec("on", .value, "the table to predict for"),
      ParameterSpec("as", .column, "name of the new column (predicted)"),
      ParameterSpec(
        "probabilities", .flag, "classifiers: also add one column p_CLASS per class with its probability"),
    ],
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      if case .object(let o)? = inv.input, let model = o as? RecommenderModel {
        if inv.has("probabilities") {
          throw inv.error(at: "probabilities", "'probabilities' is for classifiers; a recommender predicts ratings")
        }
        return try RecommenderEvaluation.predict(inv, model)
      }
      if let value = try LearningDispatch.predict(inv) { return value }
      throw Diagnostic(
        "'predict' works on a fitted model, not \(inv.input?.describeForError ?? "nothing")",
        at: inv.call.subject?.span ?? inv.call.verbSpan, name: "TypeError")
    })
}
