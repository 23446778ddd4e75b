import JupyterProtocol
import ShopMineData
import ShopMineInsights
import ShopMineRendering

/// The value of `elasticity`: fitted demand curves per group (log-log and linear), usable by `optimize`
/// and `plot demand`.
///
/// Table verbs see the estimates table (`el | sort elasticity`); the display shows ε with its confidence
/// interval, R² and n, and the demand scatter with the fitted curves on log-log axes.
public struct ElasticityModel: TableBackedObject {
  public var result: ElasticityResult
  /// How the observations were formed, for the display and the model file: `none`, `price` or `day`.
  public var aggregation: String

  public init(result: ElasticityResult, aggregation: String) {
    self.result = result
    self.aggregation = aggregation
  }

  public var kind: String { "elasticity model" }
  public var table: Table { result.table }
  public var shape: String {
    let groups = result.estimates.count
    return "\(groups) group\(groups == 1 ? "" : "s"), \(result.observations.rowCount) observations"
  }

  /// The columns users read first: key, ε, its interval, R², n (and the note when any group has one).
  var headline: Table {
    var names = [
      result.table.columns.first?.name ?? "group", "elasticity", "ci_low", "ci_high", "std_error", "r2", "n",
    ]
    if result.estimates.contains(where: { !$0.note.isEmpty }) { names.append("note") }
    return (try? result.table.selecting(names)) ?? result.table
  }

  /// One sentence sorting groups into elastic and inelastic demand.
  var interpretation: String {
    let elastic = result.estimates.filter { $0.elasticity < -1 }.map(\.group)
    let inelastic = result.estimates.filter { $0.elasticity >= -1 && $0.elasticity.isFinite }.map(\.group)
    var parts: [String] = []
    if !elastic.isEmpty {
      parts.append("Elastic (ε < −1, a price cut raises revenue): " + elastic.joined(separator: ", ") + ".")
    }
    if !inelastic.isEmpty {
      parts.append(
        "Inelastic (ε ≥ −1, no interior revenue optimum under constant elasticity): "
          + inelastic.joined(separator: ", ") + ".")
    }
    return parts.joined(separator: " ")
  }

  public func bundle(_ options: DisplayOptions) -> MIMEBundle {
    let level = Int((result.confidence * 100).rounded())
    let by = result.groupColumn.map { " by \($0)" } ?? ""
    let observations = aggregation == "none" ? "order lines" : aggregation == "day" ? "daily points" : "price points"
    let document = SummaryDocument(
      title: "Price elasticity of demand\(by)",
      sections: [
        .init(blocks: [
          .keyValues([
            ("model", .string("ln Q = a + ε ln P (OLS per group)")),
            ("observations", .string("\(NumberFormat.count(result.observations.rowCount)) \(observations)")),
            ("interval", .string("\(level)% (Student t, n − 2 df)")),
          ]),
          .table(headline, title: nil),
          .text(interpretation),
        ]),
        .init(heading: "Demand (log-log)", blocks: [.chart(InsightCharts.demand(result))]),
      ])
    return SummaryRenderer.bundle(
      document, options: options.tableOptions(rows: max(options.rows, headline.rowCount)))
  }
}
