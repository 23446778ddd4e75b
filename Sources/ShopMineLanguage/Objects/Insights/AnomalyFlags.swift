import JupyterProtocol
import ShopMineData
import ShopMineInsights
import ShopMineRendering

/// The value of `anomalies`: the input rows with `score` and `anomaly` columns added.
///
/// Table verbs see the scored table (`flags | where anomaly | head 10`); the display adds the method, the
/// threshold, the most anomalous rows and a score histogram with the threshold line.
public struct AnomalyFlags: TableBackedObject {
  public var result: AnomalyResult
  /// The columns that were scored.
  public var columns: [String]
  /// How the method was configured, as the user would write it (`isolation seed 1 contamination 0.01`).
  public var methodDescription: String

  public init(result: AnomalyResult, columns: [String], methodDescription: String) {
    self.result = result
    self.columns = columns
    self.methodDescription = methodDescription
  }

  public var kind: String { "anomaly flags" }
  public var table: Table { result.table }
  public var shape: String {
    "\(result.table.rowCount) rows, \(result.flaggedCount) flagged"
  }

  /// The most anomalous rows, highest score first (ties in row order), at most `limit`.
  func topRows(_ limit: Int) -> Table {
    let scores = (result.table.column(named: "score")?.doubles() ?? []).map { $0 ?? -.infinity }
    let flags = result.table.column(named: "anomaly")
    let rows = scores.indices
      .filter { row in flags.map { $0[row] == .bool(true) } ?? false }
      .sorted { (scores[$0], $1) > (scores[$1], $0) }
    return result.table.gatheringRows(Array(rows.prefix(limit)))
  }

  public func bundle(_ options: DisplayOptions) -> MIMEBundle {
    let share = result.table.rowCount > 0 ? Double(result.flaggedCount) / Double(result.table.rowCount) : 0
    var facts: [(String, Value)] = [
      ("method", .string(methodDescription)),
      ("columns", .string(columns.joined(separator: ", "))),
      ("rows", .int(Int64(result.table.rowCount))),
      ("flagged", .string("\(result.flaggedCount) (\(DecimalFormat.sentence(share * 100, decimals: 2))%)")),
      ("score threshold", .float(result.threshold)),
    ]
    if result.skippedRows > 0 { facts.append(("rows not scored (missing)", .int(Int64(result.skippedRows)))) }
    var blocks: [SummaryDocument.Block] = [.keyValues(facts), .text(Self.explanation(result.method))]
    if result.parameters.rowCount > 0 { blocks.append(.table(result.parameters, title: nil)) }
    let top = min(options.rows, 10)
    let document = SummaryDocument(
      title: "Anomalies: \(result.flaggedCount) of \(NumberFormat.count(result.table.rowCount)) rows flagged",
      sections: [
        .init(blocks: blocks),
        .init(heading: "Most anomalous rows", blocks: [.table(topRows(top), title: nil)]),
        .init(heading: "Scores", blocks: [.chart(InsightCharts.scores(result))]),
      ])
    return SummaryRenderer.bundle(
      document, options: options.tableOptions(rows: top))
  }

  /// What the score means for each method, in one line.
  static func explanation(_ method: AnomalyMethod) -> String {
    switch method {
    case .zscore(let t):
      return
        "score = largest |x − mean| / σ over the columns (population σ); flagged above \(ValueFormatter.number(t))."
    case .iqr(let k):
      return
        "score = distance beyond Tukey's fences Q1 − \(ValueFormatter.number(k))·IQR, Q3 + \(ValueFormatter.number(k))·IQR in IQR units; flagged outside the fences."
    case .isolationForest(let o):
      return
        "score = 2^(−E(h)/c(ψ)) over \(o.trees) isolation trees of \(o.samples) samples (sklearn's −score_samples); "
        + (o.contamination.map { "the top \(ValueFormatter.number($0 * 100))% are flagged." }
          ?? "flagged above 0.5 ('auto').")
    }
  }
}
