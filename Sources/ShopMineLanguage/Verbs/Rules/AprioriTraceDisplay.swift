import JupyterProtocol
import ShopMineData
import ShopMineRendering
import ShopMineRules

/// The display of `apriori … trace`: one row per level, titled with the threshold, with the meaning of each
/// column under it (the textbook walk-through).
enum AprioriTraceDisplay {
  /// What each column counts, printed under the table.
  static let legend = [
    "candidates: k-itemsets built by joining frequent (k−1)-itemsets that share their first k−2 items (level 1: distinct items)",
    "pruned: candidates with an infrequent (k−1)-subset, dropped by the Apriori property before counting",
    "counted: candidates whose support was counted (candidates − pruned)",
    "kept: counted candidates with support ≥ the threshold (frequent k-itemsets)",
  ]

  static func bundle(
    _ result: AprioriResult, options: MiningOptions, minimumCount minimum: Int, display: DisplayOptions
  ) -> MIMEBundle {
    let table = result.traceTable()
    let support = ValueFormatter.number(options.minSupport)
    let title =
      "Apriori trace: support ≥ \(support) of \(result.itemsets.basketCount) baskets (≥ \(minimum) baskets), "
      + "\(result.itemsets.count) frequent itemsets"
    var bundle = TableRenderer.bundle(
      table, options: display.tableOptions(title: title, rows: max(display.rows, table.rowCount)))
    let text = bundle.plainText ?? ""
    bundle.data["text/plain"] = .string(text + "\n" + legend.map { "  " + $0 }.joined(separator: "\n"))
    if case .string(let html)? = bundle.data["text/html"] {
      let items = legend.map { "<li>\(Escaping.html($0))</li>" }.joined()
      bundle.data["text/html"] = .string(html + "<ul style=\"margin-top:0.3em;font-size:90%\">\(items)</ul>")
    }
    return bundle
  }
}
