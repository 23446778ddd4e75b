import ShopMineData
import ShopMineLearning

/// Arguments and plumbing shared by the clustering and classification verbs.
enum LearningArguments {
  static let features = ParameterSpec(
    "on", .columns, "feature columns (numbers; text columns are one-hot encoded)")
  static let target = ParameterSpec("target", .column, "the column to predict")
  static let seed = ParameterSpec.seed()

  /// The `on` columns, checked against `table` (did-you-mean for typos); required.
  static func features(_ inv: VerbInvocation, _ table: Table) throws(Diagnostic) -> [String] {
    guard inv.has("on") else {
      let numeric = table.columns.filter { $0.type.isNumeric && !$0.name.hasSuffix("_id") }.map(\.name)
      let example = numeric.prefix(3).joined(separator: ", ")
      throw inv.error(
        "'\(inv.spec.name)' needs the feature columns after 'on'",
        notes: numeric.isEmpty ? [] : ["numeric columns: \(numeric.joined(separator: ", "))"],
        suggestions: example.isEmpty ? [] : ["add: on \(example)"])
    }
    let columns = try inv.columns("on", in: table)
    var seen: Set<String> = []
    for c in columns where !seen.insert(c).inserted {
      throw inv.error(at: "on", "column '\(c)' is listed twice in 'on'")
    }
    return columns
  }

  /// The `target` column, checked against `table` and kept out of the features.
  static func target(_ inv: VerbInvocation, _ table: Table, features: [String]) throws(Diagnostic) -> String {
    guard inv.has("target") else {
      throw inv.error(
        "'\(inv.spec.name)' needs the column to predict: \(inv.spec.name) TABLE target COLUMN on FEATURES",
        suggestions: table.column(named: "churned") != nil ? ["add: target churned"] : [])
    }
    let target = try inv.columns("target", in: table).first ?? ""
    if features.contains(target) {
      throw inv.error(
        at: "on", "the target '\(target)' cannot also be a feature",
        suggestions: ["remove \(target) from the 'on' columns"])
    }
    return target
  }

  /// A feature matrix of `columns` (missing values are an error naming the column).
  static func matrix(_ inv: VerbInvocation, _ table: Table, _ columns: [String]) throws(Diagnostic) -> FeatureMatrix {
    do {
      return try FeatureMatrix(table, columns: columns)
    } catch {
      throw missingValueAdvice(inv.diagnostic(error, at: "on"), error)
    }
  }

  /// Features and target of a classifier's training table.
  static func trainingData(_ inv: VerbInvocation, _ table: Table, target: String, features: [String])
    throws(Diagnostic) -> TrainingData
  {
    let x = try matrix(inv, table, features)
    do {
      return try TrainingData(x: x, y: EncodedTarget(table.requireColumn(target)))
    } catch {
      throw missingValueAdvice(inv.diagnostic(error, at: "target"), error)
    }
  }

  /// Adds `fill missing` as a suggestion to a missing-value error.
  static func missingValueAdvice(_ d: Diagnostic, _ error: TableError) -> Diagnostic {
    guard error.message.contains("missing") else { return d }
    var d = d
    let column = error.column ?? "COLUMN"
    d.suggestions.append("fill missing: TABLE | fill missing with median | … or TABLE | where \(column) != missing")
    return d
  }

  /// Runs `body` with the shared progress display and the interrupt token; library errors become
  /// diagnostics. `finish` words the final state (`k-means: 4 iterations, 0.8 s`).
  static func run<T>(
    _ inv: VerbInvocation, label: String, finish: (T) -> String? = { _ in nil },
    _ body: (Cancellation, @escaping ProgressCallback) throws(TableError) -> T
  ) throws(Diagnostic) -> T {
    try inv.withProgress(label: label, finish: finish, body)
  }

  /// The subject of `silhouette`, `predict`, `evaluate`… as a clustering or classification model.
  static func modelDescription(_ value: RuntimeValue?) -> String {
    value?.describeForError ?? "nothing"
  }

  /// The table given with `on` (a test set, rows to predict).
  static func onTable(_ inv: VerbInvocation, usage: String) throws(Diagnostic) -> Table {
    guard let value = try inv.value("on") else { throw inv.error("'\(inv.spec.name)' needs a table: \(usage)") }
    if let backed = value.object((any TableBackedObject).self) { return backed.table }
    guard case .table(let table) = value else {
      throw inv.error(at: "on", "'on' needs a table, not \(value.describeForError)")
    }
    return table
  }

  /// A warning when one feature's spread dwarfs another's, so it decides the distances alone (k-means,
  /// DBSCAN and kNN use raw euclidean distances, as scikit-learn does without a scaler).
  static func scaleNote(_ x: FeatureMatrix) -> String? {
    let names = x.encoding.featureNames
    let sd = x.columnVariances().map { $0.squareRoot() }
    guard sd.count >= 2, let hi = sd.indices.max(by: { sd[$0] < sd[$1] }),
      let lo = sd.indices.filter({ sd[$0] > 0 }).min(by: { sd[$0] < sd[$1] }), sd[lo] > 0, sd[hi] / sd[lo] >= 10
    else { return nil }
    let quotient = sd[hi] / sd[lo]
    let ratio = quotient < 1e15 ? String(Int(quotient.rounded())) : ModelDisplay.number(quotient, digits: 2)
    return
      "Scale: '\(names[hi])' spreads \(ratio)× more than '\(names[lo])' (standard deviation \(ModelDisplay.number(sd[hi], digits: 2)) against \(ModelDisplay.number(sd[lo], digits: 2))), so it dominates the distances. To weigh the features equally, `normalize zscore on \(x.encoding.columns.joined(separator: ", "))` first."
  }

  /// The share of training rows the model gets right; nil when they cannot be scored, and an interrupt
  /// while scoring them stops the statement.
  static func trainingAccuracy(
    _ model: any Classifier, _ data: TrainingData, cancellation: Cancellation
  ) throws(TableError) -> Double? {
    try unlessFailing { () throws(TableError) in
      ClassificationMetrics.accuracy(
        truth: data.y.codes, predicted: try model.predict(data.x, cancellation: cancellation))
    }
  }

  /// `body`'s result, or nil when it fails: for a figure reported beside a fit (training accuracy), whose
  /// failure must not lose the model. An interrupt is not a failure: it is rethrown to stop the statement.
  static func unlessFailing<T>(_ body: () throws(TableError) -> T) throws(TableError) -> T? {
    do throws(TableError) {
      return try body()
    } catch {
      if error.code == .interrupted { throw error }
      return nil
    }
  }
}
