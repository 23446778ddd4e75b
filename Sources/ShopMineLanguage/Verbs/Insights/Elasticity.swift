import ShopMineData
import ShopMineInsights

extension VerbSpec {
  /// `el = elasticity orders price price quantity quantity by category [aggregate day|price] [time ts]
  /// [level 0.95]`: constant-elasticity demand fitted per group by OLS on ln Q = a + ε ln P.
  static let elasticity = VerbSpec(
    "elasticity", summary: "fit price elasticity of demand per group (OLS on ln Q = a + ε ln P)",
    options: [
      .column("price", of: [.int, .float], "the unit price column (price)"),
      .column("quantity", of: [.int, .float], "the quantity column (quantity)"),
      ParameterSpec("by", .column, "fit one curve per value of this column"),
      ParameterSpec(
        "aggregate", .word(["day", "price", "none"]),
        "first aggregate: day (mean price, total quantity per day), price (mean quantity per price)"),
      .column("time", of: [.timestamp], "with 'aggregate day': the time column (ts)"),
      ParameterSpec.number("level", default: 0.95, "confidence level of the interval on ε"),
    ],
    schema: { query in
      let by = query.call.arguments["by"].flatMap { arg -> String? in
        if case .expr(let e) = arg.value { return e.nameValue }
        return nil
      }
      return [
        by ?? "group", "elasticity", "std_error", "ci_low", "ci_high", "r2", "n", "intercept", "price_min",
        "price_max", "linear_a", "linear_b", "note",
      ]
    },
    evaluate: { inv throws(Diagnostic) in try InsightVerbs.elasticity(inv) })
}

extension InsightVerbs {
  static func elasticity(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue {
    let table = try inv.table()
    func column(_ name: String, default fallback: String?) throws(Diagnostic) -> String? {
      if inv.has(name) { return try inv.columns(name, in: table).first }
      return fallback
    }
    guard let price = try column("price", default: "price"), table.column(named: price) != nil else {
      throw inv.error(
        "'elasticity' needs a price column: elasticity orders price price quantity quantity",
        notes: [Errors.columnsNote(table.columnNames)])
    }
    guard let quantity = try column("quantity", default: "quantity"), table.column(named: quantity) != nil else {
      throw inv.error(
        "'elasticity' needs a quantity column: elasticity orders price price quantity quantity",
        notes: [Errors.columnsNote(table.columnNames)])
    }
    let group = try column("by", default: nil)
    let level = try inv.number("level")
    guard level > 0, level < 1 else {
      throw inv.error(at: "level", "'level' must be between 0 and 1, not \(ValueFormatter.number(level))")
    }
    let word = inv.word("aggregate") ?? "none"
    let aggregation: ElasticityAggregation
    switch word {
    case "day":
      let fallback = table.column(named: "ts") != nil ? "ts" : nil
      guard let time = try column("time", default: fallback) else {
        throw inv.error(at: "aggregate", "'aggregate day' needs a time column: add 'time COLUMN'")
      }
      aggregation = .day(time: time)
    case "price": aggregation = .pricePoint
    default:
      if inv.has("time") { throw inv.error(at: "time", "'time' is only used with 'aggregate day'") }
      aggregation = .none
    }
    let options = ElasticityOptions(
      price: price, quantity: quantity, group: group, aggregation: aggregation,
      confidence: level)
    let result = try inv.withProgress(label: "elasticity") { cancellation, progress throws(TableError) in
      try Elasticity.estimate(table, options: options, cancellation: cancellation, progress: progress)
    }
    return .object(ElasticityModel(result: result, aggregation: word))
  }

  /// The subject as an elasticity model, or an error saying how to make one.
  static func elasticityModel(_ inv: VerbInvocation, verb: String) throws(Diagnostic) -> ElasticityModel {
    if let model = inv.subject(ElasticityModel.self) { return model }
    throw Diagnostic(
      "'\(verb)' needs an elasticity model, not \(inv.input?.describeForError ?? "nothing")",
      at: inv.call.subject?.span ?? inv.call.verbSpan, name: "TypeError",
      suggestions: ["el = elasticity orders price price quantity quantity by category"])
  }
}
