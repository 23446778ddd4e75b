import JupyterProtocol
import ShopMineData
import ShopMineLearning
import ShopMineRendering

/// A fitted sentiment classifier (`s = sentiment reviews text text label rating`): TF-IDF terms into
/// multinomial naive Bayes. Its display lists the classes, the vocabulary and the words that most
/// indicate each class.
public struct SentimentObject: LanguageObject {
  public var model: SentimentModel
  /// The label column it learned from, so `evaluate s on reviews` finds the truth.
  public var label: String
  public var trainingRows: Int
  public var trainingAccuracy: Double?

  public init(model: SentimentModel, label: String, trainingRows: Int, trainingAccuracy: Double?) {
    self.model = model
    self.label = label
    self.trainingRows = trainingRows
    self.trainingAccuracy = trainingAccuracy
  }

  public var kind: String { "sentiment model" }
  public var shape: String { "\(model.classes.count) classes, \(model.vectorizer.vocabulary.count) terms" }

  public func bundle(_ options: DisplayOptions) -> MIMEBundle {
    let total = model.classCounts.reduce(0, +)
    var pairs: [(String, Value)] = [
      ("text", .string(model.textColumn)),
      (
        "label",
        .string(label + (model.bucketedRatings ? " (star ratings: 1–2 negative, 3 neutral, 4–5 positive)" : ""))
      ),
      ("classes", .string(zip(model.classes, model.classCounts).map { "\($0.0) \($0.1)" }.joined(separator: ", "))),
      ("training rows", .int(Int64(trainingRows))),
      ("vocabulary", .int(Int64(model.vectorizer.vocabulary.count))),
      ("classifier", .string("multinomial naive Bayes (alpha 1) on TF-IDF")),
    ]
    if let trainingAccuracy { pairs.append(("training accuracy", .float(trainingAccuracy))) }
    if let majority = model.classCounts.max(), total > 0 {
      pairs.append(("majority class share", .string(ModelDisplay.percent(majority, of: total))))
    }
    let sections = [
      SummaryDocument.Section(blocks: [
        .keyValues(pairs),
        .text(
          "Tokens: lower-cased words of 2+ letters or digits; Chinese, Japanese and Korean text as overlapping character pairs."
        ),
      ]),
      SummaryDocument.Section(
        heading: "Most indicative terms", blocks: [.table(model.topTermsTable(count: 5), title: nil)]),
      SummaryDocument.Section(blocks: [.text("Next: predict MODEL on TABLE as predicted · evaluate MODEL on TABLE")]),
    ]
    // The top-terms table is short (5 per class): show it whole.
    var options = options
    options.rows = max(options.rows, 5 * model.classes.count)
    return ModelDisplay.bundle(
      SummaryDocument(title: "Sentiment classifier on \(model.textColumn)", sections: sections), kind: "sentiment",
      saved: .sentiment(model), extra: ["label": .string(label)], options: options)
  }
}
