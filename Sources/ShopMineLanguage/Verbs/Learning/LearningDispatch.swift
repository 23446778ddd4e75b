import JupyterProtocol
import ShopMineData
import ShopMineLearning
import ShopMineRendering

/// `predict` and `evaluate` for clustering and classification models, as their capabilities, and what
/// they share.

extension KMeansObject: PredictingObject, ClusteringObject {
  var encoding: FeatureEncoding { model.encoding }

  /// `predict seg on users as segment`: the nearest centroid of each row.
  func predict(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue {
    let table = try LearningArguments.onTable(inv, usage: LearningDispatch.predictUsage)
    let assigned = try inv.data { () throws(TableError) in try self.labels(for: table) }
    let name = LearningDispatch.predictedName(inv) ?? "cluster"
    return try LearningDispatch.adding([Column(name: name, ints: assigned.map { Int64($0) })], to: table, inv)
  }

  func clusterLabels(for table: Table?) throws(TableError) -> [Int32] {
    guard let table else { return model.labels }
    return try labels(for: table)
  }
}

extension DBSCANObject: PredictingObject, ClusteringObject {
  var encoding: FeatureEncoding { model.encoding }

  /// DBSCAN has no rule for new rows (as scikit-learn's, which only has fit_predict): it labels the rows
  /// it clustered.
  func predict(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue {
    let table = try LearningArguments.onTable(inv, usage: LearningDispatch.predictUsage)
    guard let training, training == table else {
      throw inv.error(
        at: "on", "DBSCAN labels only the table it clustered; it has no rule for new rows",
        notes: ["run dbscan on this table instead, or use kmeans, which assigns new rows to the nearest centroid"])
    }
    let name = LearningDispatch.predictedName(inv) ?? "cluster"
    return try LearningDispatch.adding([Column(name: name, ints: model.labels.map { Int64($0) })], to: table, inv)
  }

  /// Its own labels, for the rows it clustered (the caller checks the row count).
  func clusterLabels(for table: Table?) throws(TableError) -> [Int32] { model.labels }
}

extension ClassifierObject: PredictingObject, EvaluatingObject {
  var predictsProbabilities: Bool { true }

  /// `predict t on test as predicted [probabilities]`.
  func predict(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue {
    let table = try LearningArguments.onTable(inv, usage: LearningDispatch.predictUsage)
    let classifier = model.classifier
    let cancellation = inv.cancellation
    let name = LearningDispatch.predictedName(inv) ?? "predicted"
    var columns = [
      try inv.data { () throws(TableError) in
        try classifier.predictColumn(table, named: name, cancellation: cancellation)
      }
    ]
    if inv.has("probabilities") {
      columns += try inv.data { () throws(TableError) in
        try LearningDispatch.probabilityColumns(classifier, table, cancellation: cancellation)
      }
    }
    return try LearningDispatch.adding(columns, to: table, inv)
  }

  /// `evaluate t on test`: metrics, the confusion matrix and, for two classes, the ROC curve.
  func evaluate(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue {
    let test = try LearningArguments.onTable(inv, usage: "evaluate MODEL on TEST")
    let evaluation = try LearningDispatch.classifierEvaluation(inv, self, test)
    return .object(LearningDispatch.report(evaluation, model: model.name, target: target))
  }
}

extension SentimentObject: PredictingObject, EvaluatingObject {
  func predict(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue {
    let table = try LearningArguments.onTable(inv, usage: LearningDispatch.predictUsage)
    let cancellation = inv.cancellation
    let name = LearningDispatch.predictedName(inv) ?? "predicted"
    let column = try inv.data { () throws(TableError) in
      try model.predictColumn(table, named: name, cancellation: cancellation)
    }
    return try LearningDispatch.adding([column], to: table, inv)
  }

  func evaluate(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue {
    let test = try LearningArguments.onTable(inv, usage: "evaluate MODEL on TABLE")
    guard test.column(named: label) != nil else {
      throw inv.error(
        at: "on", "the table has no label column '\(label)' to compare with",
        notes: [Errors.columnsNote(test.columnNames)])
    }
    let cancellation = inv.cancellation
    let evaluation = try inv.data { () throws(TableError) in
      try model.evaluate(test, labelColumn: label, cancellation: cancellation)
    }
    return .object(LearningDispatch.report(evaluation, model: "sentiment", target: label))
  }
}

/// What the learning models' `predict` and `evaluate` share.
enum LearningDispatch {
  static let predictUsage = "predict MODEL on TABLE as COLUMN"

  /// The name given with `as`, if any.
  static func predictedName(_ inv: VerbInvocation) -> String? { inv.expressions("as").first?.nameValue }

  /// `table` with `columns` in place of the columns of the same names, or added at the end
  /// (`predict seg on users as segment` overwrites the planted segment).
  static func adding(_ columns: [Column], to table: Table, _ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue {
    var result = table
    for c in columns { result = try inv.data { () throws(TableError) in try result.settingColumn(c) } }
    return .table(result)
  }

  /// One float column `p_CLASS` per class with the classifier's probability of that class for each row
  /// (`predict nb on test as predicted probabilities`).
  static func probabilityColumns(
    _ classifier: any Classifier, _ table: Table, cancellation: Cancellation
  ) throws(TableError) -> [Column] {
    let x = try FeatureMatrix(table, encoding: classifier.encoding)
    let p = try classifier.probabilities(x, cancellation: cancellation)
    let k = classifier.classes.count
    return classifier.classes.enumerated().map { j, c in
      Column(name: "p_\(c.description)", floats: (0..<table.rowCount).map { p[$0 * k + j] })
    }
  }

  /// The evaluation of a classifier on `test`, whose target column holds the truth.
  static func classifierEvaluation(_ inv: VerbInvocation, _ m: ClassifierObject, _ test: Table)
    throws(Diagnostic) -> ClassifierEvaluation
  {
    guard test.column(named: m.target) != nil else {
      throw Diagnostic(
        "the test table has no column '\(m.target)', the model's target", at: inv.argument("on")?.span ?? inv.call.span,
        name: "ColumnError", notes: [Errors.columnsNote(test.columnNames)])
    }
    let cancellation = inv.cancellation
    return try inv.data { () throws(TableError) in
      try ClassifierEvaluation(m.model.classifier, on: test, target: m.target, cancellation: cancellation)
    }
  }

  /// Metrics table, confusion heatmap and ROC curve, with what each metric means.
  static func report(_ e: ClassifierEvaluation, model: String, target: String) -> ChartedTable {
    let labels = e.classes.map(\.description)
    let heatmap = ChartFigure.annotatedHeatmap(
      e.confusion.map { $0.map(Double.init) }, rowLabels: labels, columnLabels: labels, xTitle: "predicted",
      yTitle: "actual", title: "Confusion matrix (\(e.rows) rows)", colorTitle: "rows", integers: true,
      width: 420, height: 360)
    var charts = [RenderedChart(figure: heatmap)]
    if let roc = e.roc { charts.append(RenderedChart(figure: rocFigure(roc, model: model, positive: labels[1]))) }
    var notes = [
      "accuracy: share of rows predicted right. precision: of the rows predicted a class, the share that are it; recall: of the rows of a class, the share found; F1: their harmonic mean. Macro: the plain mean over classes."
    ]
    if e.binary != nil {
      notes.append(
        "Positive class: '\(labels[1])'. ROC AUC: the chance that a random '\(labels[1])' row scores above a random '\(labels[0])' row (0.5 is guessing)."
      )
    }
    if let majority = e.confusion.map({ $0.reduce(0, +) }).max(), e.rows > 0 {
      notes.append(
        "Always predicting the most common class would score accuracy \(ModelDisplay.number(Double(majority) / Double(e.rows)))."
      )
    }
    var json: [String: JSONValue] = [
      "confusion": .array(e.confusion.map { .array($0.map { .int($0) }) }),
      "classes": .array(labels.map { .string($0) }),
    ]
    if let roc = e.roc {
      json["roc"] = .object([
        "fpr": .array(roc.falsePositiveRate.map { .double($0) }),
        "tpr": .array(roc.truePositiveRate.map { .double($0) }),
        "auc": .double(roc.auc),
      ])
    }
    return ChartedTable(
      kind: "evaluation", table: e.metricsTable(),
      title: "\(model) on \(e.rows) rows (target \(target)): accuracy \(ModelDisplay.number(e.accuracy))", notes: notes,
      charts: charts,
      extraTables: [(title: "confusion matrix (rows: actual, columns: predicted)", table: e.confusionTable())],
      json: json)
  }

  /// The ROC curve with the chance diagonal.
  static func rocFigure(_ roc: ROCCurve, model: String, positive: String) -> ChartFigure {
    ChartFigure.lines(
      [LineSeries(name: model, xs: roc.falsePositiveRate, ys: roc.truePositiveRate, markers: false)],
      xTitle: "false positive rate", yTitle: "true positive rate (recall of \(positive))",
      title: "ROC curve: \(model), AUC \(ModelDisplay.number(roc.auc, digits: 3))", diagonal: true, xDomain: 0...1,
      yDomain: 0...1, width: 600, height: 440)
  }
}
