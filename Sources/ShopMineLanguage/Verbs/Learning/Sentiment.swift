import ShopMineData
import ShopMineLearning

extension VerbSpec {
  /// `s = sentiment reviews text text label rating`: a review-sentiment classifier (TF-IDF terms,
  /// multinomial naive Bayes); 1–5 star ratings become negative / neutral / positive.
  static let sentiment = VerbSpec(
    "sentiment", summary: "text sentiment classifier (TF-IDF + naive Bayes; English and CJK)",
    options: [
      ParameterSpec("text", .column, "the column holding the text"),
      ParameterSpec("label", .column, "the classes: a text column, or 1–5 star ratings"),
    ],
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      guard inv.has("text"), inv.has("label") else {
        throw inv.error(
          "'sentiment' needs the text and label columns: sentiment TABLE text COLUMN label COLUMN",
          suggestions: table.column(named: "rating") != nil ? ["sentiment reviews text text label rating"] : [])
      }
      let text = try inv.columns("text", in: table).first ?? ""
      let label = try inv.columns("label", in: table).first ?? ""
      // The training accuracy scores every row again, so it is part of the interruptible work; any other
      // failure of it only leaves the accuracy out of the summary.
      let (model, accuracy) = try LearningArguments.run(inv, label: "sentiment") {
        cancellation, _ throws(TableError) -> (SentimentModel, Double?) in
        let model = try SentimentModel.fit(table, textColumn: text, labelColumn: label, cancellation: cancellation)
        let accuracy = try LearningArguments.unlessFailing { () throws(TableError) in
          try model.evaluate(table, labelColumn: label, cancellation: cancellation).accuracy
        }
        return (model, accuracy)
      }
      return .object(
        SentimentObject(model: model, label: label, trainingRows: table.rowCount, trainingAccuracy: accuracy))
    })
}
