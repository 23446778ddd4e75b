import ShopMineData

/// How a classifier does on labelled rows: the numbers `evaluate MODEL on TABLE` shows.
public struct ClassifierEvaluation: Sendable, Hashable {
  public var classes: [ClassValue]
  /// Rows evaluated.
  public var rows: Int
  public var accuracy: Double
  /// Precision/recall/F1 of the positive class (the second class: `true`, `1`, …) when binary.
  public var binary: (precision: Double, recall: Double, f1: Double)?
  public var macro: (precision: Double, recall: Double, f1: Double)
  /// True classes as rows, predicted as columns.
  public var confusion: [[Int]]
  /// For two classes: the ROC curve of the positive-class probability.
  public var roc: ROCCurve?

  public static func == (a: ClassifierEvaluation, b: ClassifierEvaluation) -> Bool {
    a.classes == b.classes && a.rows == b.rows && a.accuracy == b.accuracy && a.confusion == b.confusion
      && a.roc == b.roc && a.macro == b.macro && a.binary?.precision == b.binary?.precision
      && a.binary?.recall == b.binary?.recall && a.binary?.f1 == b.binary?.f1
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(classes)
    hasher.combine(accuracy)
    hasher.combine(confusion)
  }

  /// Evaluates `model` on `table`, whose `target` column holds the true classes.
  public init(
    _ model: any Classifier, on table: Table, target: String, cancellation: Cancellation = .none
  ) throws(TableError) {
    let x = try FeatureMatrix(table, encoding: model.encoding)
    let truthTarget = try EncodedTarget(classes: model.classes, codes: [])
      .encode(table.requireColumn(target))
    let probabilities = try model.probabilities(x, cancellation: cancellation)
    try self.init(classes: model.classes, truth: truthTarget, probabilities: probabilities)
  }

  /// Evaluates from true class indices and a row-major `rows × classes` probability matrix.
  public init(classes: [ClassValue], truth: [Int32], probabilities: [Double]) throws(TableError) {
    let k = classes.count
    guard k >= 2, probabilities.count == truth.count * k else {
      throw .invalidArgument("evaluation needs \(truth.count) × \(k) probabilities")
    }
    guard !truth.isEmpty else { throw TableError(code: .emptyTable, message: "cannot evaluate on an empty table") }
    let predicted = argmaxRows(probabilities, classes: k)
    self.classes = classes
    rows = truth.count
    accuracy = ClassificationMetrics.accuracy(truth: truth, predicted: predicted)
    confusion = ClassificationMetrics.confusionMatrix(truth: truth, predicted: predicted, classCount: k)
    macro = ClassificationMetrics.macroScores(confusion: confusion)
    if k == 2 {
      binary = ClassificationMetrics.scores(of: 1, confusion: confusion)
      let positive = truth.map { $0 == 1 }
      let scores = (0..<truth.count).map { probabilities[$0 * 2 + 1] }
      // A test set holding one class has no ROC curve; the other metrics still stand.
      roc = try? ROCCurve(positive: positive, scores: scores)
    } else {
      binary = nil
      roc = nil
    }
  }

  /// `metric`, `value` rows: accuracy, precision/recall/F1 (positive class when binary, then macro), AUC.
  public func metricsTable() -> Table {
    var names = ["accuracy"]
    var values = [accuracy]
    if let binary {
      let positive = classes[1].description
      names += ["precision (\(positive))", "recall (\(positive))", "f1 (\(positive))"]
      values += [binary.precision, binary.recall, binary.f1]
    }
    names += ["precision (macro)", "recall (macro)", "f1 (macro)"]
    values += [macro.precision, macro.recall, macro.f1]
    if let roc {
      names.append("roc auc")
      values.append(roc.auc)
    }
    return Table(
      uncheckedColumns: [Column(name: "metric", strings: names), Column(name: "value", floats: values)],
      rowCount: names.count)
  }

  /// The confusion matrix as a table: `actual`, then one column per predicted class.
  public func confusionTable() -> Table {
    var columns = [classes.column(named: "actual", codes: (0..<Int32(classes.count)).map { $0 })]
    for (p, c) in classes.enumerated() {
      columns.append(
        Column(name: uniqueName("predicted \(c)", avoiding: ["actual"]), ints: confusion.map { Int64($0[p]) }))
    }
    return Table(uncheckedColumns: columns, rowCount: classes.count)
  }
}
