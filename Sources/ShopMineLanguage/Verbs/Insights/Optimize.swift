import ShopMineData
import ShopMineInsights
import ShopMineRendering

extension VerbSpec {
  /// `optimize el cost costs` (profit-optimal price per group under constant elasticity, unit cost from a
  /// table keyed by the group column, or one number) and `optimize el model linear` (revenue optimum
  /// a/(2b) under linear demand).
  static let optimize = VerbSpec(
    "optimize", summary: "optimal price per group from an elasticity model (profit with a cost, else revenue)",
    options: [
      ParameterSpec("cost", .value, "unit cost: a number, or a table keyed by the group column with a cost column"),
      ParameterSpec("model", .word(["constant", "linear"]), "demand model: constant elasticity (default) or linear"),
    ],
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in try InsightVerbs.optimize(inv) })
}

extension InsightVerbs {
  static func optimize(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue {
    let model = try elasticityModel(inv, verb: "optimize")
    let demand: DemandModel = inv.word("model") == "linear" ? .linear : .constantElasticity
    var cost = UnitCost.none
    var costText = "none (revenue)"
    if let e = inv.expression("cost") {
      let value = try inv.evaluate(e)
      switch value {
      case .scalar(let s) where s.columnType != .bool && s.doubleValue != nil:
        let c = s.doubleValue ?? 0
        guard c.isFinite, c >= 0 else {
          throw Diagnostic(
            "'cost' must be a non-negative number, not \(ValueFormatter.plain(s))", at: e.span,
            name: "ValueError")
        }
        cost = .constant(c)
        costText = ValueFormatter.number(c)
      case .table(let t):
        guard let key = model.result.groupColumn else {
          throw Diagnostic(
            "a cost table needs a model fitted 'by' a group column; give one number instead",
            at: e.span, name: "ValueError", suggestions: ["cost 12.5"])
        }
        guard t.column(named: key) != nil else {
          throw Diagnostic(
            "the cost table has no '\(key)' column to match the model's groups", at: e.span,
            name: "ColumnError", notes: [Errors.columnsNote(t.columnNames)])
        }
        cost = .table(t, key: key, cost: nil)
        costText = "per \(key) from a table"
      default:
        throw Diagnostic(
          "'cost' must be a number or a table, not \(value.describeForError)", at: e.span,
          name: "TypeError", suggestions: ["cost 12.5", "cost costs"])
      }
    }
    let finalCost = cost
    let isRevenue: Bool
    if case .none = finalCost { isRevenue = true } else { isRevenue = false }
    let (prices, table) = try inv.data { () throws(TableError) in
      try PriceOptimizer.optimize(model.result, model: demand, cost: finalCost)
    }
    let objective = prices.first?.objective ?? (isRevenue ? "revenue" : "profit")
    let formula: String
    switch (demand, isRevenue) {
    case (.constantElasticity, false): formula = "P* = c·ε/(1+ε) for ε < −1 (constant elasticity)"
    case (.constantElasticity, true): formula = "constant elasticity: revenue P·Q(P) has no interior optimum"
    case (.linear, true): formula = "P* = a/(2b) (linear demand Q = a − b·P)"
    case (.linear, false): formula = "P* = (a + b·c)/(2b) (linear demand Q = a − b·P)"
    }
    var notes = ["\(objective)-optimal price; \(formula); unit cost: \(costText)."]
    let clamped = prices.filter(\.extrapolated).count
    if clamped > 0 {
      notes.append(
        "\(clamped) of \(prices.count) optima lie outside the observed prices and are clamped to the observed range.")
    }
    let title = "Optimal prices (\(demand.rawValue) demand, \(objective))"
    return .object(OptimalPrices(prices: prices, table: table, title: title, notes: notes))
  }
}
