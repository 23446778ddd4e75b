import ShopMineData
import ShopMineSources

extension VerbSpec {
  /// `select user_id, spend`: keep these columns, in this order.
  static let select = VerbSpec(
    "select", summary: "keep the named columns",
    positionals: [ParameterSpec("columns", .columns, "the columns to keep")],
    schema: { q in
      guard case .exprs(let e)? = q.call.arguments["columns"]?.value else { return q.input }
      return e.compactMap(\.nameValue)
    },
    push: { inv, remote throws(Diagnostic) in
      let names = try inv.columns("columns", in: remote.prototype)
      return try remote.pushing(inv) { q, _, dialect in q.selecting(names, dialect: dialect) }
    },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let names = try inv.columns("columns", in: table)
      return .table(try inv.data { () throws(TableError) in try table.selecting(names) })
    })

  /// `drop a, b` removes columns; `drop missing [on a, b]` removes rows with missing values.
  static let drop = VerbSpec(
    "drop", summary: "remove columns, or rows with missing values (drop missing)",
    positionals: [
      ParameterSpec("missing", .word(["missing"]), optional: true, "drop rows with missing values"),
      ParameterSpec("columns", .columns, optional: true, "the columns to remove"),
    ],
    options: [ParameterSpec("on", .columns, "with 'drop missing': only look at these columns")],
    schema: { q in
      guard case .exprs(let e)? = q.call.arguments["columns"]?.value else { return q.input }
      let gone = Set(e.compactMap(\.nameValue))
      return q.input?.filter { !gone.contains($0) }
    },
    push: { inv, remote throws(Diagnostic) in
      let prototype = remote.prototype
      if inv.has("missing") {
        let on = inv.has("on") ? try inv.columns("on", in: prototype) : prototype.columnNames
        let condition = on.reduce(RowExpression?.none) { sum, name in
          let present = RowExpression.isMissing(.column(name), negated: true)
          return sum.map { .binary(.and, $0, present) } ?? present
        }
        guard let condition else { return .object(remote) }
        return try remote.pushing(inv) { q, types, dialect in q.filtered(condition, types: types, dialect: dialect) }
      }
      let gone = Set(try inv.columns("columns", in: prototype))
      let kept = prototype.columnNames.filter { !gone.contains($0) }
      return try remote.pushing(inv) { q, _, dialect in q.selecting(kept, dialect: dialect) }
    },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      if inv.has("missing") {
        let on = inv.has("on") ? try inv.columns("on", in: table) : nil
        return .table(try inv.data { () throws(TableError) in try table.droppingMissing(in: on) })
      }
      guard inv.has("columns") else {
        throw inv.error(
          "'drop' needs columns to remove, or 'missing'", suggestions: ["drop col1, col2", "drop missing"])
      }
      let names = try inv.columns("columns", in: table)
      return .table(try inv.data { () throws(TableError) in try table.dropping(names) })
    })

  /// `rename spend to total_spend, age to years`.
  static let rename = VerbSpec(
    "rename", summary: "rename columns",
    positionals: [ParameterSpec("pairs", .renames, "OLD to NEW, …")],
    schema: { q in
      guard case .renames(let r)? = q.call.arguments["pairs"]?.value else { return q.input }
      return q.input?.map { name in r.first { $0.old == name }?.new ?? name }
    },
    push: { inv, remote throws(Diagnostic) in
      guard case .renames(let list)? = inv.argument("pairs")?.value else { return .object(remote) }
      let pairs = list.map { (from: $0.old, to: $0.new) }
      return try remote.pushing(inv) { q, _, dialect in q.renaming(pairs, dialect: dialect) }
    },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      guard case .renames(let list)? = inv.argument("pairs")?.value else { return .table(table) }
      for r in list where table.column(named: r.old) == nil {
        throw Errors.unknownColumn(r.old, at: r.oldSpan, in: table.columnNames)
      }
      let pairs = list.map { (from: $0.old, to: $0.new) }
      return .table(try inv.data { () throws(TableError) in try table.renaming(pairs) })
    })
}
