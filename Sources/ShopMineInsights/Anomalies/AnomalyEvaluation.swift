import ShopMineData

/// Precision, recall and average precision of anomaly flags and scores against a truth column.
public struct AnomalyEvaluation: Sendable, Hashable {
  /// Of the flagged rows, the share truly anomalous (0 when nothing is flagged, as sklearn's
  /// `zero_division=0`).
  public var precision: Double
  /// Of the truly anomalous rows, the share flagged.
  public var recall: Double
  public var f1: Double
  /// sklearn's `average_precision_score`: Σₖ (Rₖ − Rₖ₋₁)·Pₖ over descending distinct score thresholds.
  public var averagePrecision: Double
  public var truePositives: Int
  public var falsePositives: Int
  public var falseNegatives: Int
  /// Rows evaluated (score and truth both present).
  public var rows: Int
  /// `metric`, `value` rows: precision, recall, f1, average_precision, true_positives, false_positives,
  /// false_negatives, rows.
  public var metrics: Table
  /// sklearn's `precision_recall_curve`: `threshold` ascending, `precision`, `recall`, then the final
  /// point (precision 1, recall 0) with a missing threshold.
  public var curve: Table

  /// Evaluates the `score` and `flag` columns of `table` against the boolean (or 0/1) `truth` column.
  ///
  /// - Throws: ``TableError`` for missing or mistyped columns, or when no row has both a score and a truth.
  public static func evaluate(
    _ table: Table, truth: String, score: String = "score", flag: String = "anomaly"
  ) throws(TableError) -> AnomalyEvaluation {
    let y = try ColumnReading.flags(table, truth, role: "truth column")
    let s = try ColumnReading.doubles(table, score, role: "score column")
    let f = try ColumnReading.flags(table, flag, role: "anomaly column")
    var labels: [Bool] = []
    var scores: [Double] = []
    var tp = 0
    var fp = 0
    var fn = 0
    for row in 0..<table.rowCount {
      guard let t = y[row], !s[row].isNaN else { continue }
      labels.append(t)
      scores.append(s[row])
      let flagged = f[row] ?? false
      if flagged && t { tp += 1 } else if flagged { fp += 1 } else if t { fn += 1 }
    }
    guard !labels.isEmpty else {
      throw TableError(
        code: .emptyTable, message: "evaluate: no row has both a '\(score)' and a '\(truth)' value")
    }
    let precision = tp + fp > 0 ? Double(tp) / Double(tp + fp) : 0
    let recall = tp + fn > 0 ? Double(tp) / Double(tp + fn) : 0
    let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    let pr = PrecisionRecall.curve(labels: labels, scores: scores)
    let metrics = Table(
      uncheckedColumns: [
        Column(
          name: "metric",
          strings: [
            "precision", "recall", "f1", "average_precision", "true_positives", "false_positives",
            "false_negatives", "rows",
          ]),
        Columns.floats(
          "value",
          [precision, recall, f1, pr.averagePrecision, Double(tp), Double(fp), Double(fn), Double(labels.count)]),
      ], rowCount: 8)
    let thresholds = pr.thresholds + [.nan]
    let curve = Table(
      uncheckedColumns: [
        Columns.floats("threshold", thresholds), Column(name: "precision", floats: pr.precision),
        Column(name: "recall", floats: pr.recall),
      ], rowCount: thresholds.count)
    return AnomalyEvaluation(
      precision: precision, recall: recall, f1: f1, averagePrecision: pr.averagePrecision, truePositives: tp,
      falsePositives: fp, falseNegatives: fn, rows: labels.count, metrics: metrics, curve: curve)
  }
}

/// scikit-learn's `precision_recall_curve` and `average_precision_score` for binary labels.
public enum PrecisionRecall {
  /// Thresholds ascending with precision and recall at each, plus the final (1, 0) point (so `precision`
  /// and `recall` have one more entry than `thresholds`), and the average precision.
  ///
  /// Ties are one threshold (sklearn's `_binary_clf_curve`); with no positive labels recall is 1
  /// everywhere, matching sklearn 1.9.
  /// - Complexity: O(n log n).
  public static func curve(labels: [Bool], scores: [Double]) -> (
    thresholds: [Double], precision: [Double], recall: [Double], averagePrecision: Double
  ) {
    let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
    var tps: [Double] = []
    var fps: [Double] = []
    var thresholds: [Double] = []
    var tp = 0.0
    var fp = 0.0
    for (k, i) in order.enumerated() {
      if labels[i] { tp += 1 } else { fp += 1 }
      let last = k == order.count - 1
      if last || scores[order[k + 1]] != scores[i] {
        tps.append(tp)
        fps.append(fp)
        thresholds.append(scores[i])
      }
    }
    let positives = tp
    // Descending-threshold arrays first, as sklearn computes them, then reversed with (1, 0) appended.
    var precision = zip(tps, fps).map { $0 + $1 > 0 ? $0 / ($0 + $1) : 0 }
    var recall = tps.map { positives > 0 ? $0 / positives : 1 }
    var ap = 0.0
    var previousRecall = 0.0
    for k in precision.indices {
      ap += (recall[k] - previousRecall) * precision[k]
      previousRecall = recall[k]
    }
    precision.reverse()
    recall.reverse()
    thresholds.reverse()
    precision.append(1)
    recall.append(0)
    return (thresholds, precision, recall, ap)
  }
}
