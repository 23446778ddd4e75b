import Foundation
import ShopMineData

/// The demand curve an optimal price is computed under.
public enum DemandModel: String, Sendable, Hashable {
  /// Q = A·P^ε (the log-log fit): profit optimum P* = c·ε/(1+ε) for ε < −1.
  case constantElasticity = "constant elasticity"
  /// Q = a − b·P (the linear fit): revenue optimum a/(2b), profit optimum (a + b·c)/(2b).
  case linear = "linear"
}

/// The unit cost c that turns a revenue optimum into a profit optimum.
public enum UnitCost: Sendable, Hashable {
  /// No cost: optimise revenue.
  case none
  /// The same unit cost for every group.
  case constant(Double)
  /// A cost per group from a table keyed by the group column (`key`, matched on the key's text) with the
  /// cost in column `cost`; `cost: nil` takes a column named "cost", else the table's only other numeric
  /// column.
  case table(Table, key: String, cost: String?)
}

/// One group's optimal price, or the plain reason there is none.
public struct OptimalPrice: Sendable, Hashable {
  public var group: String
  public var model: DemandModel
  /// "profit" with a unit cost, "revenue" without.
  public var objective: String
  public var elasticity: Double
  public var unitCost: Double
  /// The optimum clamped to the observed price range; NaN when there is no interior optimum.
  public var price: Double
  /// The optimum from the formula before clamping; NaN when there is none.
  public var unclampedPrice: Double
  public var priceMin: Double
  public var priceMax: Double
  /// True when the formula's optimum lies outside the observed prices (so `price` was clamped).
  public var extrapolated: Bool
  /// Fitted demand, revenue and profit at `price` (profit NaN without a cost).
  public var quantity: Double
  public var revenue: Double
  public var profit: Double
  /// "ok", "clamped to …", or why there is no optimum.
  public var status: String
}

/// Optimal prices from fitted demand curves.
public enum PriceOptimizer {
  /// Computes the optimal price of every group of `elasticity` under `model`.
  ///
  /// With a unit cost the objective is profit (P − c)·Q(P), otherwise revenue P·Q(P). Under constant
  /// elasticity revenue has no interior optimum at all (it is monotone in P unless ε = −1), and profit has
  /// one only when demand is elastic (ε < −1); those groups get a status sentence and no price.
  ///
  /// - Returns: the per-group results and a table of them: the group key column, `model`, `objective`,
  ///   `elasticity`, `unit_cost`, `optimal_price`, `unclamped_price`, `price_min`, `price_max`,
  ///   `extrapolated`, `quantity`, `revenue`, `profit`, `status`.
  /// - Throws: ``TableError`` when the cost table lacks the key or cost column.
  public static func optimize(
    _ elasticity: ElasticityResult, model: DemandModel = .constantElasticity, cost: UnitCost = .none
  ) throws(TableError) -> (prices: [OptimalPrice], table: Table) {
    let costs = try costLookup(cost)
    var out: [OptimalPrice] = []
    for e in elasticity.estimates {
      var c: Double? = nil
      switch cost {
      case .none: c = nil
      case .constant(let v): c = v
      case .table: c = costs[e.group]
      }
      out.append(optimum(e, model: model, hasCost: !isNone(cost), cost: c))
    }
    let keyColumn = elasticity.table.columns.first ?? Column(name: "group", strings: out.map(\.group))
    let table = Table(
      uncheckedColumns: [
        keyColumn,
        Column(name: "model", strings: out.map { $0.model.rawValue }),
        Column(name: "objective", strings: out.map(\.objective)),
        Columns.floats("elasticity", out.map(\.elasticity)),
        Columns.floats("unit_cost", out.map(\.unitCost)),
        Columns.floats("optimal_price", out.map(\.price)),
        Columns.floats("unclamped_price", out.map(\.unclampedPrice)),
        Columns.floats("price_min", out.map(\.priceMin)),
        Columns.floats("price_max", out.map(\.priceMax)),
        Column(name: "extrapolated", bools: out.map(\.extrapolated)),
        Columns.floats("quantity", out.map(\.quantity)),
        Columns.floats("revenue", out.map(\.revenue)),
        Columns.floats("profit", out.map(\.profit)),
        Column(name: "status", strings: out.map(\.status)),
      ], rowCount: out.count)
    return (out, table)
  }

  private static func isNone(_ cost: UnitCost) -> Bool {
    if case .none = cost { return true }
    return false
  }

  /// One group's optimum; `hasCost` says whether a cost was asked for (profit), `cost` is its value
  /// (`nil` when the cost table has no row for the group).
  static func optimum(_ e: ElasticityEstimate, model: DemandModel, hasCost: Bool, cost: Double?)
    -> OptimalPrice
  {
    var r = OptimalPrice(
      group: e.group, model: model, objective: hasCost ? "profit" : "revenue", elasticity: e.elasticity,
      unitCost: cost ?? .nan, price: .nan, unclampedPrice: .nan, priceMin: e.priceMin, priceMax: e.priceMax,
      extrapolated: false, quantity: .nan, revenue: .nan, profit: .nan, status: "")
    if hasCost && cost == nil {
      r.status = "no unit cost for '\(e.group)' in the cost table"
      return r
    }
    let eps = e.elasticity
    let raw: Double
    switch model {
    case .constantElasticity:
      guard eps.isFinite else {
        r.status = "no elasticity estimate: \(e.note)"
        return r
      }
      let epsText = DecimalFormat.sentence(eps, decimals: 2)
      guard let c = cost else {
        r.status =
          eps < -1
          ? "no interior revenue optimum: demand is elastic (ε = \(epsText) < −1), so revenue keeps rising as the price falls"
          : eps > -1
            ? "no interior revenue optimum: demand is inelastic (ε = \(epsText) > −1), so revenue keeps rising with the price"
            : "no interior revenue optimum: with ε = −1 revenue does not depend on the price"
        return r
      }
      guard eps < -1 else {
        r.status =
          "no interior profit optimum: demand is inelastic (ε = \(epsText) ≥ −1), so profit keeps rising with the price"
        return r
      }
      guard c > 0 else {
        r.status =
          "no interior profit optimum: the unit cost must be positive, got \(DecimalFormat.sentence(c, decimals: 2))"
        return r
      }
      raw = c * eps / (1 + eps)
    case .linear:
      let a = e.linearA
      let b = e.linearB
      guard a.isFinite, b.isFinite else {
        r.status = "no linear demand estimate: \(e.note)"
        return r
      }
      guard b > 0 else {
        r.status = "no interior optimum: the fitted demand does not fall as the price rises (b ≤ 0)"
        return r
      }
      raw = cost.map { (a + b * $0) / (2 * b) } ?? a / (2 * b)
    }
    r.unclampedPrice = raw
    var p = raw
    if raw < e.priceMin {
      p = e.priceMin
      r.extrapolated = true
      r.status =
        "clamped to the lowest observed price \(DecimalFormat.sentence(e.priceMin, decimals: 2)) (optimum \(DecimalFormat.sentence(raw, decimals: 2)) is outside the data)"
    } else if raw > e.priceMax {
      p = e.priceMax
      r.extrapolated = true
      r.status =
        "clamped to the highest observed price \(DecimalFormat.sentence(e.priceMax, decimals: 2)) (optimum \(DecimalFormat.sentence(raw, decimals: 2)) is outside the data)"
    } else {
      r.status = "ok"
    }
    r.price = p
    switch model {
    case .constantElasticity: r.quantity = exp(e.intercept + eps * log(p))
    case .linear: r.quantity = e.linearA - e.linearB * p
    }
    r.revenue = p * r.quantity
    if let c = cost { r.profit = (p - c) * r.quantity }
    return r
  }

  /// Unit cost per group key text, from the cost table.
  private static func costLookup(_ cost: UnitCost) throws(TableError) -> [String: Double] {
    guard case .table(let table, let key, let costName) = cost else { return [:] }
    let keyColumn = try table.requireColumn(key)
    let name: String
    if let costName {
      name = costName
    } else if table.column(named: "cost") != nil {
      name = "cost"
    } else {
      let numeric = table.columns.filter { $0.name != key && $0.type.isNumeric }
      guard numeric.count == 1, let only = numeric.first else {
        throw TableError.invalidArgument(
          "optimize: the cost table needs a column named 'cost' (or exactly one numeric column besides '\(key)'); it has \(table.columnNames.joined(separator: ", "))"
        )
      }
      name = only.name
    }
    let values = try ColumnReading.doubles(table, name, role: "cost column")
    var out: [String: Double] = [:]
    for row in 0..<table.rowCount where !values[row].isNaN {
      let text: String
      switch keyColumn[row] {
      case .string(let s): text = s
      case .int(let i): text = String(i)
      case .bool(let b): text = b ? "true" : "false"
      case .float(let d): text = "\(d)"
      case .timestamp(let t): text = String(t)
      case .missing: continue
      }
      // First row wins for a duplicated key, so the lookup does not depend on dictionary order.
      if out[text] == nil { out[text] = values[row] }
    }
    return out
  }
}
