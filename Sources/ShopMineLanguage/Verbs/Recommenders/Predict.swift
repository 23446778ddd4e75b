import ShopMineData

extension VerbSpec {
  /// `predict sv on test as predicted`: the table with the model's predictions added as a column; any
  /// ``PredictingObject`` answers.
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
      guard let model = inv.subject((any PredictingObject).self) else {
        throw Diagnostic(
          "'predict' works on a fitted model, not \(inv.input?.describeForError ?? "nothing")",
          at: inv.call.subject?.span ?? inv.call.verbSpan, name: "TypeError")
      }
      if inv.has("probabilities"), !model.predictsProbabilities {
        throw inv.error(
          at: "probabilities",
          "'probabilities' is for classifiers (tree, logistic, bayes, knn), not \(RuntimeValue.object(model).describeForError)"
        )
      }
      return try model.predict(inv)
    })
}
