import ShopMineData
import ShopMineInsights

extension VerbSpec {
  /// `r = rfm orders customer user_id time ts value price * quantity [order order_id]`: recency,
  /// frequency and monetary scores per customer, with the ten RF segments.
  static let rfm = VerbSpec(
    "rfm", summary: "score customers by recency, frequency and monetary value, with RF segments",
    options: [
      ParameterSpec("customer", .column, "the customer key column"),
      .column("time", of: [.timestamp], "the order time (timestamp); only its calendar day counts"),
      ParameterSpec("value", .row, "the monetary value of a row: a column or an expression (price * quantity)"),
      ParameterSpec("order", .column, "distinct values count as orders (default order_id when present, else rows)"),
    ],
    schema: { query in
      let customer = query.call.arguments["customer"].flatMap { arg -> String? in
        if case .expr(let e) = arg.value { return e.nameValue }
        return nil
      }
      return [
        customer ?? "customer", "recency", "frequency", "monetary", "r_score", "f_score", "m_score",
        "rf_score", "rfm_score", "segment",
      ]
    },
    evaluate: { inv throws(Diagnostic) in try InsightVerbs.rfm(inv) })
}

/// The evaluation code of the profiling, pricing and risk verbs.
enum InsightVerbs {
  static func rfm(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue {
    let table = try inv.table()
    let usage = "rfm orders customer user_id time ts value price * quantity"
    func required(_ name: String) throws(Diagnostic) -> String {
      guard inv.has(name) else {
        throw inv.error("'rfm' needs '\(name)'", notes: ["usage: \(usage)"])
      }
      guard let column = try inv.columns(name, in: table).first else {
        throw inv.error(at: name, "'\(name)' needs a column name")
      }
      return column
    }
    let customer = try required("customer")
    let time = try required("time")
    guard let valueExpr = inv.expression("value") else {
      throw inv.error(
        "'rfm' needs 'value': a column or a row expression such as price * quantity",
        notes: ["usage: \(usage)"])
    }
    let value: RFMValue
    if let name = valueExpr.nameValue, table.column(named: name) != nil {
      value = .column(name)
    } else {
      // Lowered and evaluated like `derive`: one value per row, missing → NaN (the row is skipped).
      let lowered = try inv.rowExpression(valueExpr, in: table)
      let cancellation = inv.cancellation
      let column = try inv.expressions { () throws(ExpressionError) in
        try ExpressionEvaluator(table: table, cancellation: cancellation).evaluate(lowered)
      }
      guard let values = column.doublesWithNaN() else {
        throw Diagnostic(
          "'value' must be numeric, but it gives \(column.type.rawValue) values", at: valueExpr.span,
          name: "TypeError")
      }
      value = .values(values)
    }
    var order: String? = table.column(named: "order_id") != nil ? "order_id" : nil
    if inv.has("order") { order = try inv.columns("order", in: table).first }
    let options = RFMOptions(customer: customer, time: time, order: order, value: value)
    let result = try inv.withProgress(label: "rfm") { cancellation, progress throws(TableError) in
      try RFM.analyze(table, options: options, cancellation: cancellation, progress: progress)
    }
    let written = inv.source.text(valueExpr.span.start..<valueExpr.span.end)
    return .object(RFMAnalysis(result: result, customerColumn: customer, valueDescription: written))
  }
}
