import ShopMineData
import ShopMineSources

extension VerbSpec {
  /// `group by user_id aggregate total = sum(revenue), n = count()`.
  static let group = VerbSpec(
    "group", summary: "group rows by key columns and aggregate each group",
    options: [
      ParameterSpec("by", .keys, "key columns, or NAME = EXPR for a computed key (month = date(ts))"),
      ParameterSpec("aggregate", .assignments, "NAME = AGGREGATE(EXPR), …"),
    ],
    schema: { q in
      var out: [String] = []
      if case .assignments(let k)? = q.call.arguments["by"]?.value { out += k.map(\.name) }
      if case .assignments(let a)? = q.call.arguments["aggregate"]?.value { out += a.map(\.name) }
      return out
    },
    push: { inv, remote throws(Diagnostic) in
      let (keys, computed) = try groupKeys(inv, columns: remote.prototype.columnNames)
      guard let remote = computed.isEmpty ? remote : try deriving(computed, on: remote, inv) else { return nil }
      let prototype = remote.prototype
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
      var table = try inv.table()
      let (keys, computed) = try groupKeys(inv, columns: table.columnNames)
      table = try deriving(computed, in: table, inv)
      let aggregates = try inv.assignments("aggregate", in: table)
      guard !keys.isEmpty || !aggregates.isEmpty else {
        throw inv.error(
          "'group' needs 'by' columns and/or 'aggregate' definitions",
          suggestions: ["group by city aggregate n = count()"])
      }
      let input = table
      let cancellation = inv.cancellation
      return .table(
        try inv.expressions { () throws(ExpressionError) in
          try input.groupAggregate(by: keys, aggregates, cancellation: cancellation)
        })
    })

  /// The key names of `group by`, and the computed keys (`month = date(ts)`) to derive first. A bare
  /// name must be a column; a computed key may not take an existing column's name, which the aggregates
  /// would then read as the key instead of the column.
  private static func groupKeys(_ inv: VerbInvocation, columns: [String]) throws(Diagnostic)
    -> (keys: [String], computed: [Assignment])
  {
    guard case .assignments(let list)? = inv.argument("by")?.value else { return ([], []) }
    var computed: [Assignment] = []
    for key in list {
      if case .name(let n, _) = key.expr.kind, n == key.name {
        guard columns.contains(n) else { throw Errors.unknownColumn(n, at: key.expr.span, in: columns) }
        continue
      }
      guard !columns.contains(key.name) else {
        throw Diagnostic(
          "the key '\(key.name)' is already a column", at: key.nameSpan, name: "NameError",
          suggestions: ["name the computed key differently: \(key.name)_key = …"])
      }
      computed.append(key)
    }
    return (list.map(\.name), computed)
  }
}
