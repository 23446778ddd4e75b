import ShopMineData
import ShopMineSources

extension VerbSpec {
  /// `sort spend desc, age`: order rows by keys (stable; missing values last).
  static let sort = VerbSpec(
    "sort", summary: "order rows by one or more keys",
    positionals: [ParameterSpec("keys", .sortKeys, "EXPR [asc|desc], …")],
    push: { inv, remote throws(Diagnostic) in
      guard case .sortKeys(let keys)? = inv.argument("keys")?.value else { return .object(remote) }
      var lowered: [(expression: RowExpression, descending: Bool)] = []
      for key in keys {
        lowered.append((try inv.rowExpression(key.expr, in: remote.prototype), key.descending))
      }
      return remote.with(
        remote.prototype,
        remote.query.sorted(by: lowered, types: TypeOracle.over(remote.prototype), dialect: remote.database.dialect))
    },
    evaluate: { inv throws(Diagnostic) in
      var table = try inv.table()
      guard case .sortKeys(let keys)? = inv.argument("keys")?.value else { return .table(table) }
      var sortKeys: [ShopMineData.SortKey] = []
      var temporary: [String] = []
      let cancellation = inv.cancellation
      for (i, key) in keys.enumerated() {
        if let name = key.expr.nameValue, table.column(named: name) != nil {
          sortKeys.append(ShopMineData.SortKey(name, descending: key.descending))
          continue
        }
        // An expression key sorts through a temporary column, dropped afterwards.
        let e = try inv.rowExpression(key.expr, in: table)
        let name = "\u{1}sort\(i)"
        let current = table
        table = try inv.expressions { () throws(ExpressionError) in
          try current.deriving([(name, e)], cancellation: cancellation)
        }
        temporary.append(name)
        sortKeys.append(ShopMineData.SortKey(name, descending: key.descending))
      }
      let source = table
      var sorted = try inv.data { () throws(TableError) in try source.sorted(by: sortKeys, cancellation: cancellation) }
      if !temporary.isEmpty {
        let s = sorted
        sorted = try inv.data { () throws(TableError) in try s.dropping(temporary) }
      }
      return .table(sorted)
    })
}
