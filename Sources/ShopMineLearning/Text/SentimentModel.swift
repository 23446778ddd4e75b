import Foundation
import ShopMineData

/// A text classifier for review sentiment: TF-IDF features and multinomial naive Bayes (alpha 1).
public struct SentimentModel: Sendable, Hashable, Codable {
  /// The column of text the model reads.
  public var textColumn: String
  public var vectorizer: TFIDF
  public var classes: [ClassValue]
  public var classCounts: [Int]
  public var classLogPrior: [Double]
  /// log P(term | class), `classes × vocabulary`.
  public var featureLogProbabilities: [[Double]]
  /// Whether numeric 1–5 labels were bucketed into negative / neutral / positive.
  public var bucketedRatings: Bool

  /// Maps star ratings to sentiment: 1–2 `negative`, 3 `neutral`, 4–5 `positive`.
  public static func bucket(rating: Double) -> String {
    rating >= 4 ? "positive" : rating <= 2 ? "negative" : "neutral"
  }

  /// Trains on `table[textColumn]` with classes from `labelColumn`.
  ///
  /// A numeric label column whose values all lie in 1…5 is read as star ratings and bucketed (see
  /// ``bucket(rating:)``); other labels are used as they are.
  public static func fit(
    _ table: Table, textColumn: String, labelColumn: String, alpha: Double = 1, minDocuments: Int = 1,
    cancellation: Cancellation = .none
  ) throws(TableError) -> SentimentModel {
    let texts = try documents(table, column: textColumn)
    let labelCol = try table.requireColumn(labelColumn)
    var bucketed = false
    let target: EncodedTarget
    if labelCol.type.isNumeric, labelCol.missingCount == 0 {
      let ratings = labelCol.doubles().map { $0 ?? 0 }
      if ratings.allSatisfy({ $0 >= 1 && $0 <= 5 }) {
        bucketed = true
        target = try EncodedTarget(values: ratings.map { .string(bucket(rating: $0)) }, name: labelColumn)
      } else {
        target = try EncodedTarget(labelCol)
      }
    } else {
      target = try EncodedTarget(labelCol)
    }
    try cancellation.check()
    let vectorizer = try TFIDF.fit(texts, minDocuments: minDocuments, cancellation: cancellation)
    let index = vectorizer.termIndex()
    let k = target.classes.count
    let v = vectorizer.vocabulary.count
    var featureCounts = [[Double]](repeating: [Double](repeating: 0, count: v), count: k)
    var classCounts = [Int](repeating: 0, count: k)
    for (i, text) in texts.enumerated() {
      if i % TFIDF.pollEvery == 0 { try cancellation.check() }
      let c = Int(target.codes[i])
      classCounts[c] += 1
      for (term, weight) in vectorizer.transform(text, index: index) { featureCounts[c][Int(term)] += weight }
    }
    let n = Double(texts.count)
    return SentimentModel(
      textColumn: textColumn, vectorizer: vectorizer, classes: target.classes, classCounts: classCounts,
      classLogPrior: classCounts.map { log(Double($0)) - log(n) },
      featureLogProbabilities: featureCounts.map { row in
        let total = log(row.reduce(0, +) + alpha * Double(v))
        return row.map { log($0 + alpha) - total }
      },
      bucketedRatings: bucketed)
  }

  static func documents(_ table: Table, column: String) throws(TableError) -> [String] {
    let col = try table.requireColumn(column)
    guard case .string(let codes, let dictionary) = col.storage else {
      throw TableError.typeMismatch(
        "text column '\(column)' must hold strings, it is \(col.type.rawValue)", column: column)
    }
    // Missing text reads as empty text (predicts the prior's favourite).
    return codes.enumerated().map { row, code in
      col.isValid(row) && Int(code) < dictionary.count ? dictionary[Int(code)] : ""
    }
  }

  /// Class probabilities for each text, `texts × classes`, row-major; polls `cancellation` as the fit does.
  public func probabilities(_ texts: [String], cancellation: Cancellation = .none) throws(TableError) -> [Double] {
    let index = vectorizer.termIndex()
    let k = classes.count
    var jll = [Double](repeating: 0, count: texts.count * k)
    for (i, text) in texts.enumerated() {
      if i % TFIDF.pollEvery == 0 { try cancellation.check() }
      let vector = vectorizer.transform(text, index: index)
      for c in 0..<k {
        var s = classLogPrior[c]
        for (term, weight) in vector { s += weight * featureLogProbabilities[c][Int(term)] }
        jll[i * k + c] = s
      }
    }
    return softmaxRows(jll, classes: k)
  }

  /// Predicted class index per text.
  public func predict(_ texts: [String], cancellation: Cancellation = .none) throws(TableError) -> [Int32] {
    argmaxRows(try probabilities(texts, cancellation: cancellation), classes: classes.count)
  }

  /// Predicted classes for `table[textColumn]` as a string column.
  public func predictColumn(
    _ table: Table, named name: String, cancellation: Cancellation = .none
  ) throws(TableError) -> Column {
    let texts = try SentimentModel.documents(table, column: textColumn)
    return classes.column(named: name, codes: try predict(texts, cancellation: cancellation))
  }

  /// Evaluation on labelled rows (labels bucketed as at fit time).
  public func evaluate(
    _ table: Table, labelColumn: String, cancellation: Cancellation = .none
  ) throws(TableError) -> ClassifierEvaluation {
    let texts = try SentimentModel.documents(table, column: textColumn)
    let labelCol = try table.requireColumn(labelColumn)
    let truth: [Int32]
    let lookup = EncodedTarget(classes: classes, codes: [])
    if bucketedRatings {
      let values = labelCol.doubles().map { $0 ?? 3 }
      truth = try lookup.encode(Column(name: labelColumn, strings: values.map { SentimentModel.bucket(rating: $0) }))
    } else {
      truth = try lookup.encode(labelCol)
    }
    let probabilities = try probabilities(texts, cancellation: cancellation)
    return try ClassifierEvaluation(classes: classes, truth: truth, probabilities: probabilities)
  }

  /// The `count` terms most indicative of each class (highest log-probability over the other classes' mean).
  public func topTermsTable(count: Int = 10) -> Table {
    var classColumn: [String] = []
    var rank: [Int64] = []
    var term: [String] = []
    var score: [Double] = []
    let k = classes.count
    let v = vectorizer.vocabulary.count
    for c in 0..<k {
      let lift = (0..<v).map { t -> Double in
        var others = 0.0
        for o in 0..<k where o != c { others += featureLogProbabilities[o][t] }
        return featureLogProbabilities[c][t] - others / Double(max(k - 1, 1))
      }
      let best = (0..<v).sorted { lift[$0] != lift[$1] ? lift[$0] > lift[$1] : $0 < $1 }.prefix(count)
      for (r, t) in best.enumerated() {
        classColumn.append(classes[c].description)
        rank.append(Int64(r + 1))
        term.append(vectorizer.vocabulary[t])
        score.append(lift[t])
      }
    }
    return Table(
      uncheckedColumns: [
        Column(name: "class", strings: classColumn), Column(name: "rank", ints: rank),
        Column(name: "term", strings: term), Column(name: "lift", floats: score),
      ], rowCount: term.count)
  }
}
