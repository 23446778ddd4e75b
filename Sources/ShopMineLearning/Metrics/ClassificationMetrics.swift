import ShopMineData

/// Classification metrics with scikit-learn's definitions (`zero_division=0`).
public enum ClassificationMetrics {
  /// Share of rows predicted correctly.
  public static func accuracy(truth: [Int32], predicted: [Int32]) -> Double {
    guard !truth.isEmpty else { return 0 }
    var right = 0
    for i in 0..<min(truth.count, predicted.count) where truth[i] == predicted[i] { right += 1 }
    return Double(right) / Double(truth.count)
  }

  /// Counts with true classes as rows and predicted classes as columns (`confusion_matrix`).
  public static func confusionMatrix(truth: [Int32], predicted: [Int32], classCount: Int) -> [[Int]] {
    var m = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
    for i in 0..<min(truth.count, predicted.count) {
      let t = Int(truth[i])
      let p = Int(predicted[i])
      if t >= 0, t < classCount, p >= 0, p < classCount { m[t][p] += 1 }
    }
    return m
  }

  /// Precision, recall and F1 of one class from a confusion matrix (0 where undefined).
  public static func scores(of c: Int, confusion m: [[Int]]) -> (precision: Double, recall: Double, f1: Double) {
    let tp = Double(m[c][c])
    let predicted = Double(m.reduce(0) { $0 + $1[c] })
    let actual = Double(m[c].reduce(0, +))
    let precision = predicted > 0 ? tp / predicted : 0
    let recall = actual > 0 ? tp / actual : 0
    // scikit-learn computes F from counts: 2tp / (2tp + fp + fn).
    let denominator = predicted + actual
    let f1 = denominator > 0 ? 2 * tp / denominator : 0
    return (precision, recall, f1)
  }

  /// Unweighted means over classes of precision, recall and F1 (`average="macro"`).
  public static func macroScores(confusion m: [[Int]]) -> (precision: Double, recall: Double, f1: Double) {
    let k = m.count
    guard k > 0 else { return (0, 0, 0) }
    var p = 0.0
    var r = 0.0
    var f = 0.0
    for c in 0..<k {
      let s = scores(of: c, confusion: m)
      p += s.precision
      r += s.recall
      f += s.f1
    }
    return (p / Double(k), r / Double(k), f / Double(k))
  }
}

/// A receiver operating characteristic curve, as scikit-learn's `roc_curve(drop_intermediate=True)`.
public struct ROCCurve: Sendable, Hashable {
  public var falsePositiveRate: [Double]
  public var truePositiveRate: [Double]
  /// Score thresholds; the first is +∞ (no row predicted positive).
  public var thresholds: [Double]
  /// Area under the curve by the trapezoidal rule (`roc_auc_score`).
  public var auc: Double

  /// Builds the curve from positive-class scores; tied scores form one point, as in scikit-learn.
  ///
  /// - Complexity: O(n log n).
  public init(positive: [Bool], scores: [Double]) throws(TableError) {
    let n = min(positive.count, scores.count)
    guard n > 0 else { throw .invalidArgument("ROC curve of no rows") }
    // Stable descending order of scores (mergesort reversed ≡ descending with ties in reverse row order;
    // tied rows collapse into one threshold, so their order does not change the curve).
    let order = (0..<n).sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 > $1 }
    var tps: [Double] = []
    var fps: [Double] = []
    var thresholds: [Double] = []
    var tp = 0.0
    for (rank, i) in order.enumerated() {
      if positive[i] { tp += 1 }
      let last = rank == n - 1
      if last || scores[order[rank + 1]] != scores[i] {
        tps.append(tp)
        fps.append(Double(rank + 1) - tp)
        thresholds.append(scores[i])
      }
    }
    guard let totalP = tps.last, let totalN = fps.last, totalP > 0, totalN > 0 else {
      throw .invalidArgument("ROC needs both classes among the true labels")
    }
    // Drop points collinear with their neighbours (second differences zero), keeping the ends.
    var keep: [Int] = []
    for i in 0..<tps.count {
      if i == 0 || i == tps.count - 1 {
        keep.append(i)
        continue
      }
      let dF = fps[i + 1] - 2 * fps[i] + fps[i - 1]
      let dT = tps[i + 1] - 2 * tps[i] + tps[i - 1]
      if dF != 0 || dT != 0 { keep.append(i) }
    }
    var fpr = [0.0]
    var tpr = [0.0]
    var th = [Double.infinity]
    for i in keep {
      fpr.append(fps[i] / totalN)
      tpr.append(tps[i] / totalP)
      th.append(thresholds[i])
    }
    var area = 0.0
    for i in 1..<fpr.count { area += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2 }
    falsePositiveRate = fpr
    truePositiveRate = tpr
    self.thresholds = th
    auc = area
  }

  /// The curve as a table `threshold` (missing for the +∞ start), `fpr`, `tpr`.
  public func table() -> Table {
    let finite = thresholds.map(\.isFinite)
    return Table(
      uncheckedColumns: [
        Column(name: "threshold", floats: thresholds.map { $0.isFinite ? $0 : 0 }, validity: ValidityMask(finite)),
        Column(name: "fpr", floats: falsePositiveRate), Column(name: "tpr", floats: truePositiveRate),
      ], rowCount: thresholds.count)
  }
}

/// The adjusted Rand index between two labelings (scikit-learn's `adjusted_rand_score`, pair-counting form).
public func adjustedRandIndex(_ a: [Int32], _ b: [Int32]) -> Double {
  let n = min(a.count, b.count)
  guard n > 0 else { return 1 }
  var ia: [Int32: Int] = [:]
  var ib: [Int32: Int] = [:]
  for i in 0..<n {
    if ia[a[i]] == nil { ia[a[i]] = ia.count }
    if ib[b[i]] == nil { ib[b[i]] = ib.count }
  }
  let ra = ia.count
  let rb = ib.count
  var table = [Double](repeating: 0, count: ra * rb)
  var rowSums = [Double](repeating: 0, count: ra)
  var colSums = [Double](repeating: 0, count: rb)
  for i in 0..<n {
    let r = ia[a[i]] ?? 0
    let c = ib[b[i]] ?? 0
    table[r * rb + c] += 1
    rowSums[r] += 1
    colSums[c] += 1
  }
  let nn = Double(n)
  let sumSquares = table.reduce(0) { $0 + $1 * $1 }
  // pair_confusion_matrix, all in doubles (exact below 2⁵³, far beyond realistic row counts squared).
  var cDotColumns = 0.0
  for r in 0..<ra { for c in 0..<rb { cDotColumns += table[r * rb + c] * colSums[c] } }
  var cDotRows = 0.0
  for r in 0..<ra { for c in 0..<rb { cDotRows += table[r * rb + c] * rowSums[r] } }
  let tp = sumSquares - nn
  let fp = cDotColumns - sumSquares
  let fn = cDotRows - sumSquares
  let tn = nn * nn - fp - fn - sumSquares
  if fn == 0 && fp == 0 { return 1 }
  return 2 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))
}
