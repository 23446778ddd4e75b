import JupyterProtocol
import ShopMineData
import ShopMineInsights
import ShopMineRendering

/// The value of `optimize`: one optimal price per group, or the plain reason there is none.
///
/// Table verbs see every column of the optimiser (`unclamped_price`, full `status` …); the display keeps
/// the columns a pricing decision needs and writes each group's status as a sentence under the table, so
/// long reasons are never cut off.
public struct OptimalPrices: TableBackedObject {
  public var prices: [OptimalPrice]
  public var table: Table
  public var title: String
  /// Lines under the table: the formula, the cost, clamping.
  public var notes: [String]

  public var kind: String { "optimal prices" }
  public var shape: String { "\(prices.count) groups" }

  /// The displayed columns: key, ε, unit cost (profit only), the price and its range, the flag, the
  /// objective's value at the price, and a one-word status.
  var displayTable: Table {
    let profit = prices.first?.objective == "profit"
    var names = [table.columns.first?.name ?? "group", "elasticity"]
    if profit { names.append("unit_cost") }
    names += ["optimal_price", "price_min", "price_max", "extrapolated", "quantity", profit ? "profit" : "revenue"]
    var shown = (try? table.selecting(names)) ?? table
    let short = prices.map { p in !p.price.isFinite ? "no optimum" : p.extrapolated ? "clamped" : "ok" }
    shown = (try? shown.settingColumn(Column(name: "status", strings: short))) ?? shown
    return shown
  }

  public func bundle(_ options: DisplayOptions) -> MIMEBundle {
    let statuses = prices.filter { $0.status != "ok" }.map { "\($0.group): \($0.status)" }
    return TitledTable(kind: kind, table: displayTable, title: title, notes: notes + statuses).bundle(options)
  }
}
