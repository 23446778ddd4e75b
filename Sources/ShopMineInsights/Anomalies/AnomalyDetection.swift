import ShopMineData

/// How rows are scored for anomaly detection.
public enum AnomalyMethod: Sendable, Hashable {
  /// |x − mean| / σ with the population σ (ddof 0); a row's score is its largest |z| over the columns;
  /// anomalous when the score exceeds `threshold` (strictly). A constant column scores 0.
  case zscore(threshold: Double = 3)
  /// Tukey's fences Q1 − k·IQR and Q3 + k·IQR (numpy's linear percentiles); a row's score is its largest
  /// distance beyond a fence in IQR units (0 inside; raw distance when IQR = 0); anomalous when outside
  /// any fence, i.e. score > 0.
  case iqr(k: Double = 1.5)
  /// ``IsolationForest``; the score is the paper's anomaly score s = 2^(−E(h)/c(ψ)) = −`score_samples`,
  /// anomalous when `score_samples` < offset (−0.5 for 'auto', else its contamination percentile).
  case isolationForest(IsolationForestOptions)

  /// The method's name as users write it.
  public var name: String {
    switch self {
    case .zscore: return "zscore"
    case .iqr: return "iqr"
    case .isolationForest: return "isolation"
    }
  }
}

/// Rows scored and flagged by an anomaly detector.
public struct AnomalyResult: Sendable, Hashable {
  /// The input table with `score` (higher is more anomalous, missing where an input was) and `anomaly`
  /// (bool) columns, replacing existing columns of those names.
  public var table: Table
  public var method: AnomalyMethod
  /// The score above which a row is flagged (3 for z, 0 for IQR, −offset for the isolation forest), for
  /// the threshold line of a score histogram.
  public var threshold: Double
  public var flaggedCount: Int
  /// Rows left unscored because an input column was missing there.
  public var skippedRows: Int
  /// Per-column fences for IQR (`column`, `q1`, `q3`, `low`, `high`) or mean/σ for z-scores (`column`,
  /// `mean`, `std`); empty for the isolation forest.
  public var parameters: Table
}

/// Z-score, IQR and isolation-forest anomaly detection over numeric columns.
public enum AnomalyDetection {
  /// Scores every row of `table` on `columns` and flags anomalies.
  ///
  /// - Throws: ``TableError`` for an unknown or non-numeric column, an empty column list, a contamination
  ///   outside (0, 0.5], or ``TableError/interrupted``.
  public static func detect(
    _ table: Table, columns: [String], method: AnomalyMethod, cancellation: Cancellation = .none,
    progress: ProgressCallback? = nil
  ) throws(TableError) -> AnomalyResult {
    guard !columns.isEmpty else { throw TableError.invalidArgument("anomalies: name at least one column") }
    let n = table.rowCount
    var data: [[Double]] = []
    for name in columns { data.append(try ColumnReading.doubles(table, name, role: "anomaly input column")) }
    var complete = [Bool](repeating: true, count: n)
    for col in data { for row in 0..<n where col[row].isNaN { complete[row] = false } }
    let skipped = complete.lazy.filter { !$0 }.count

    var scores = [Double](repeating: .nan, count: n)
    var flags = [Bool](repeating: false, count: n)
    var threshold = 0.0
    var parameters = Table.empty
    switch method {
    case .zscore(let t):
      threshold = t
      var means: [Double] = []
      var stds: [Double] = []
      for (c, col) in data.enumerated() {
        try cancellation.check()
        let (mean, std) = moments(col, complete)
        means.append(mean)
        stds.append(std)
        for row in 0..<n where complete[row] {
          let z = std > 0 ? abs(col[row] - mean) / std : 0
          scores[row] = c == 0 ? z : max(scores[row], z)
        }
      }
      for row in 0..<n where complete[row] { flags[row] = scores[row] > t }
      parameters = Table(
        uncheckedColumns: [
          Column(name: "column", strings: columns), Columns.floats("mean", means), Columns.floats("std", stds),
        ], rowCount: columns.count)
    case .iqr(let k):
      var q1s: [Double] = []
      var q3s: [Double] = []
      for (c, col) in data.enumerated() {
        try cancellation.check()
        let sorted = (0..<n).filter { complete[$0] }.map { col[$0] }.sorted()
        let q1 = Quantiles.linear(sorted: sorted, 0.25)
        let q3 = Quantiles.linear(sorted: sorted, 0.75)
        q1s.append(q1)
        q3s.append(q3)
        let iqr = q3 - q1
        let lo = q1 - k * iqr
        let hi = q3 + k * iqr
        let unit = iqr > 0 ? iqr : 1
        for row in 0..<n where complete[row] {
          let v = col[row]
          let beyond = v < lo ? (lo - v) / unit : v > hi ? (v - hi) / unit : 0
          scores[row] = c == 0 ? beyond : max(scores[row], beyond)
          if v < lo || v > hi { flags[row] = true }
        }
      }
      parameters = Table(
        uncheckedColumns: [
          Column(name: "column", strings: columns), Columns.floats("q1", q1s), Columns.floats("q3", q3s),
          Columns.floats("low", zip(q1s, q3s).map { $0 - k * ($1 - $0) }),
          Columns.floats("high", zip(q1s, q3s).map { $1 + k * ($1 - $0) }),
        ], rowCount: columns.count)
    case .isolationForest(let options):
      if let c = options.contamination, !(c > 0 && c <= 0.5) {
        throw TableError.invalidArgument("anomalies: contamination must be in (0, 0.5], got \(c)")
      }
      let rows = (0..<n).filter { complete[$0] }
      let d = columns.count
      // Row-major copy of the complete rows: tree walks read one row's features together.
      var matrix = [Double](repeating: 0, count: rows.count * d)
      for (c, col) in data.enumerated() {
        for (i, row) in rows.enumerated() { matrix[i * d + c] = col[row] }
      }
      let forest = try IsolationForest.fit(
        matrix: matrix, rows: rows.count, featureCount: d, options: options, cancellation: cancellation,
        progress: progress)
      let samples = try forest.scoreSamples(matrix: matrix, rows: rows.count, cancellation: cancellation)
      var offset = -0.5
      if let c = options.contamination {
        // np.percentile(score_samples, 100·c): numpy divides the percentile by 100 again.
        offset = Quantiles.linear(sorted: samples.sorted(), (100 * c) / 100)
      }
      threshold = -offset
      for (i, row) in rows.enumerated() {
        scores[row] = -samples[i]
        flags[row] = samples[i] < offset
      }
    }
    let scoreColumn = Columns.floats("score", scores)
    let out = try table.settingColumn(scoreColumn).settingColumn(Column(name: "anomaly", bools: flags))
    return AnomalyResult(
      table: out, method: method, threshold: threshold, flaggedCount: flags.lazy.filter { $0 }.count,
      skippedRows: skipped, parameters: parameters)
  }

  /// Mean and population standard deviation over the complete rows (two passes, for accuracy).
  static func moments(_ x: [Double], _ complete: [Bool]) -> (Double, Double) {
    var sum = 0.0
    var count = 0
    for i in x.indices where complete[i] {
      sum += x[i]
      count += 1
    }
    guard count > 0 else { return (.nan, .nan) }
    let mean = sum / Double(count)
    var ss = 0.0
    for i in x.indices where complete[i] {
      let d = x[i] - mean
      ss += d * d
    }
    return (mean, (ss / Double(count)).squareRoot())
  }
}
