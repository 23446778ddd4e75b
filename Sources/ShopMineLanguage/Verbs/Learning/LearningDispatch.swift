import JupyterProtocol
import ShopMineData
import ShopMineLearning
import ShopMineRendering

/// `predict` and `evaluate` for clustering and classification models; the shared verbs call these first
/// and fall through to other families when the subject is not one of ours (`nil`).
enum LearningDispatch {
  /// `predict MODEL on TABLE [as NAME]`: the table with the model's labels as column NAME, replacing a
  /// column of that name in place (`predict seg on users as segment` overwrites the planted segment).
  static func predict(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue? {
    guard case .object(let o)? = inv.input else { return nil }
    let name = inv.expressions("as").first?.nameValue
    let usage = "predict MODEL on TABLE as COLUMN"
    let column: Column
    let table: Table
    var probabilities: [Column] = []
    if inv.has("probabilities"), !(o is ClassifierObject) {
      throw inv.error(
        at: "probabilities", "'probabilities' is for classifiers (tree, logistic, bayes, knn), not \(RuntimeValue.object(o).describeForError)")
    }
    switch o {
    case let m as KMeansObject:
      table = try LearningArguments.onTable(inv, usage: usage)
      let labels = try inv.data { () throws(TableError) in try m.labels(for: table) }
      column = Column(name: name ?? "cluster", ints: labels.map { Int64($0) })
    case let m as DBSCANObject:
      table = try LearningArguments.onTable(inv, usage: usage)
      // DBSCAN has no rule for new rows (as scikit-learn's, which only has fit_predict): it labels the
      // rows it clustered.
      guard let training = m.training, training == table else {
        throw inv.error(
          at: "on", "DBSCAN labels only the table it clustered; it has no rule for new rows",
          notes: ["run dbscan on this table instead, or use kmeans, which assigns new rows to the nearest centroid"])
      }
      column = Column(name: name ?? "cluster", ints: m.model.labels.map { Int64($0) })
    case let m as ClassifierObject:
      table = try LearningArguments.onTable(inv, usage: usage)
      let classifier = m.model.classifier
      let cancellation = inv.cancellation
      column = try inv.data { () throws(TableError) in
        try classifier.predictColumn(table, named: name ?? "predicted", cancellation: cancellation)
      }
      if inv.has("probabilities") {
        probabilities = try inv.data { () throws(TableError) in
          try probabilityColumns(classifier, table, cancellation: cancellation)
        }
      }
    case let m as SentimentObject:
      table = try LearningArguments.onTable(inv, usage: usage)
      let cancellation = inv.cancellation
      column = try inv.data { () throws(TableError) in
        try m.model.predictColumn(table, named: name ?? "predicted", cancellation: cancellation)
      }
    default:
      return nil
    }
    var result = replacing(column, in: table)
    for p in probabilities { result = replacing(p, in: result) }
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

  /// `table` with `column` in place of the column of the same name, or added at the end.
  static func replacing(_ column: Column, in table: Table) -> Table {
    var columns = table.columns
    if let i = columns.firstIndex(where: { $0.name == column.name }) {
      columns[i] = column
    } else {
      columns.append(column)
    }
    return Table(uncheckedColumns: columns, rowCount: table.rowCount)
  }

  /// `evaluate MODEL on TEST`: metrics, the confusion matrix as a heatmap and, for two classes, the ROC.
  static func evaluate(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue? {
    guard case .object(let o)? = inv.input else { return nil }
    switch o {
    case let m as ClassifierObject:
      let test = try LearningArguments.onTable(inv, usage: "evaluate MODEL on TEST")
      let evaluation = try classifierEvaluation(inv, m, test)
      return .object(report(evaluation, model: m.model.name, target: m.target))
    case let m as SentimentObject:
      let test = try LearningArguments.onTable(inv, usage: "evaluate MODEL on TABLE")
      guard test.column(named: m.label) != nil else {
        throw inv.error(at: "on", "the table has no label column '\(m.label)' to compare with",
                        notes: [Errors.columnsNote(test.columnNames)])
      }
      let cancellation = inv.cancellation
      let evaluation = try inv.data { () throws(TableError) in
        try m.model.evaluate(test, labelColumn: m.label, cancellation: cancellation)
      }
      return .object(report(evaluation, model: "sentiment", target: m.label))
    case is KMeansObject, is DBSCANObject:
      throw inv.error(
        "a clustering has no right answers to evaluate against",
        suggestions: ["silhouette MODEL (how well the clusters hold together)", "elbow TABLE k 1..10 on COLUMNS (choosing k)"])
    default:
      return nil
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
      "accuracy: share of rows predicted right. precision: of the rows predicted a class, the share that are it; recall: of the rows of a class, the share found; F1: their harmonic mean. Macro: the plain mean over classes.",
    ]
    if e.binary != nil {
      notes.append("Positive class: '\(labels[1])'. ROC AUC: the chance that a random '\(labels[1])' row scores above a random '\(labels[0])' row (0.5 is guessing).")
    }
    if let majority = e.confusion.map({ $0.reduce(0, +) }).max(), e.rows > 0 {
      notes.append("Always predicting the most common class would score accuracy \(ModelDisplay.number(Double(majority) / Double(e.rows))).")
    }
    var json: [String: JSONValue] = [
      "confusion": .array(e.confusion.map { .array($0.map { .int($0) }) }),
      "classes": .array(labels.map { .string($0) }),
    ]
    if let roc = e.roc {
      json["roc"] = .object([
        "fpr": .array(roc.falsePositiveRate.map { .double($0) }), "tpr": .array(roc.truePositiveRate.map { .double($0) }),
        "auc": .double(roc.auc),
      ])
    }
    return ChartedTable(
      kind: "evaluation", table: e.metricsTable(),
      title: "\(model) on \(e.rows) rows (target \(target)): accuracy \(ModelDisplay.number(e.accuracy))", notes: notes,
      charts: charts, extraTables: [(title: "confusion matrix (rows: actual, columns: predicted)", table: e.confusionTable())],
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
