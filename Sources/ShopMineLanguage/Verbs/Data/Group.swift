import ShopMineData
import ShopMineSources

extension VerbSpec {
  /// `group by user_id aggregate total = sum(revenue), n = count()`.
  static let group = VerbSpec(
    "group", summary: "group rows by key columns and aggregate each group",
    options: [
      ParameterSpec("by", .columns, "key columns"),
      ParameterSpec("aggregate", .assignments, "NAME = AGGREGATE(EXPR), …"),
    ],
    schema: { q in
      var out: [String] = []
      if case .exprs(let e)? = q.call.arguments["by"]?.value { out += e.compactMap(\.nameValue) }
      if case .assignments(let a)? = q.call.arguments["aggregate"]?.value { out += a.map(\.name) }
      return out
    },
    push: { inv, remote throws(Diagnostic) in
      let prototype = remote.prototype
      let keys = try inv.columns("by", in: prototype)
      let aggregates = try inv.assignments("aggregate", in: prototype)
      guard !keys.isEmpty || !aggregates.isEmpty else { return nil }
      let grouped = try inv.expressions { () throws(ExpressionError) in
        try prototype.groupAggregate(by: keys, aggregates)
      }
      let typed = aggregates.compactMap { a in
        grouped.column(named: a.name).map { (name: a.name, expression: a.expression, type: $0.type) }
      }
      return remote.with(
        grouped,
        remote.query.grouped(
          by: keys, aggregates: typed, types: TypeOracle.over(prototype, keys: keys), dialect: remote.database.dialect))
    },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let keys = try inv.columns("by", in: table)
      let aggregates = try inv.assignments("aggregate", in: table)
      guard !keys.isEmpty || !aggregates.isEmpty else {
        throw inv.error(
          "'group' needs 'by' columns and/or 'aggregate' definitions",
          suggestions: ["group by city aggregate n = count()"])
      }
      let cancellation = inv.cancellation
      return .table(
        try inv.expressions { () throws(ExpressionError) in
          try table.groupAggregate(by: keys, aggregates, cancellation: cancellation)
        })
    })
}
