import ShopMineData
import ShopMineSources

extension VerbSpec {
  /// `where spend > 500 and city == "Shanghai"`: keep rows where the condition is true.
  static let `where` = VerbSpec(
    "where", aliases: ["filter"], summary: "keep the rows where a condition holds",
    positionals: [ParameterSpec("condition", .row, "a true/false row expression")],
    push: { inv, remote throws(Diagnostic) in
      guard let condition = try inv.rowExpression("condition", in: remote.prototype) else { return .object(remote) }
      return try remote.pushing(inv) { q, types, dialect in q.filtered(condition, types: types, dialect: dialect) }
    },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      guard let condition = try inv.rowExpression("condition", in: table) else { return .table(table) }
      let cancellation = inv.cancellation
      return .table(
        try inv.expressions { () throws(ExpressionError) in
          try table.filtered(where: condition, cancellation: cancellation)
        })
    })

  /// `derive revenue = price * quantity, big = revenue > 100`: add or replace columns.
  static let derive = VerbSpec(
    "derive", aliases: ["mutate"], summary: "add columns computed from row expressions",
    positionals: [ParameterSpec("columns", .assignments, "NAME = EXPR, …")],
    schema: { q in
      guard case .assignments(let list)? = q.call.arguments["columns"]?.value, var out = q.input else { return q.input }
      for a in list where !out.contains(a.name) { out.append(a.name) }
      return out
    },
    push: { inv, remote throws(Diagnostic) in
      guard case .assignments(let list)? = inv.argument("columns")?.value else { return .object(remote) }
      return try deriving(list, on: remote, inv, windows: true).map { .object($0) }
    },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      guard case .assignments(let list)? = inv.argument("columns")?.value else { return .table(table) }
      return .table(try deriving(list, in: table, inv, windows: true))
    })

  /// `table` with the columns `list` defines, one definition at a time, so later ones can use earlier
  /// ones (`derive r = p * q, big = r > 100`); window functions only when `windows` (in `derive`).
  static func deriving(_ list: [Assignment], in table: Table, _ inv: VerbInvocation, windows: Bool = false)
    throws(Diagnostic) -> Table
  {
    var table = table
    let cancellation = inv.cancellation
    for a in list {
      let e = try inv.rowExpression(a.expr, in: table)
      let current = table
      table = try inv.expressions { () throws(ExpressionError) in
        try current.deriving([(a.name, e)], cancellation: cancellation, windows: windows)
      }
    }
    return table
  }

  /// The same in the database: each definition typed by running it on the empty prototype, then compiled
  /// into the query; `nil` when one cannot run there.
  static func deriving(
    _ list: [Assignment], on remote: RemoteTable, _ inv: VerbInvocation, windows: Bool = false
  ) throws(Diagnostic) -> RemoteTable? {
    var prototype = remote.prototype
    var query: SQLQuery? = remote.query
    for a in list {
      let e = try inv.rowExpression(a.expr, in: prototype)
      let before = prototype
      prototype = try inv.expressions { () throws(ExpressionError) in
        try before.deriving([(a.name, e)], windows: windows)
      }
      guard let type = prototype.column(named: a.name)?.type else { return nil }
      query = query?.deriving(a.name, e, type: type, types: TypeOracle.over(before), dialect: remote.database.dialect)
    }
    return remote.with(prototype, query)?.object(RemoteTable.self)
  }
}
