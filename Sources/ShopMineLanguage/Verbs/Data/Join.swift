import ShopMineData
import ShopMineSources

extension VerbSpec {
  /// `orders | join users on user_id [how left]`.
  static let join = VerbSpec(
    "join", summary: "join with another table on key columns (inner or left)",
    positionals: [ParameterSpec("other", .value, "the table to join with")],
    options: [
      ParameterSpec("on", .columns, "key columns present in both tables"),
      ParameterSpec("how", .word(["inner", "left"]), "inner (default) or left"),
    ],
    schema: { q in
      guard var out = q.input, case .expr(let e)? = q.call.arguments["other"]?.value, let name = e.nameValue,
        let other = q.columnsOf(name)
      else { return q.input }
      let keys: [String]
      if case .exprs(let k)? = q.call.arguments["on"]?.value { keys = k.compactMap(\.nameValue) } else { keys = [] }
      for c in other where !keys.contains(c) { out.append(out.contains(c) ? c + "_y" : c) }
      return out
    },
    // Both sides in the same database: one query. Otherwise both are fetched and joined in memory.
    push: { inv, remote throws(Diagnostic) in
      guard let other = try inv.remoteValue("other")?.object(RemoteTable.self), other.database === remote.database,
        inv.has("on")
      else { return nil }
      let keys = try inv.columns("on", in: remote.prototype)
      for e in inv.expressions("on") {
        if let k = e.nameValue, other.prototype.column(named: k) == nil {
          throw Errors.unknownColumn(k, at: e.span, in: other.prototype.columnNames)
        }
      }
      let isLeft = inv.word("how") == "left"
      let joined = try inv.data { () throws(TableError) in
        try remote.prototype.joined(with: other.prototype, on: keys, kind: isLeft ? .left : .inner)
      }
      return remote.with(
        joined,
        SQLQuery.joining(
          remote.query, other.query, on: keys, left: isLeft, names: joined.columnNames,
          dialect: remote.database.dialect))
    },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      guard case .table(let other)? = try inv.value("other") else {
        throw inv.error(at: "other", "'join' needs a table to join with")
      }
      guard inv.has("on") else { throw inv.error("'join' needs key columns: join users on user_id") }
      let keys = try inv.columns("on", in: table)
      for e in inv.expressions("on") {
        if let k = e.nameValue, other.column(named: k) == nil {
          throw Errors.unknownColumn(k, at: e.span, in: other.columnNames)
        }
      }
      let kind: JoinKind = inv.word("how") == "left" ? .left : .inner
      let cancellation = inv.cancellation
      // The memory budget is checked by the join once it has counted its output rows, before it builds them.
      let evaluator = inv.evaluator
      let rowBytes = evaluator.joinRowBytes(table, other)
      let budget = Double(evaluator.memoryBudget.bytes)
      var refusedRows: Int?
      do throws(Diagnostic) {
        return .table(
          try inv.data { () throws(TableError) in
            try table.joined(with: other, on: keys, kind: kind, cancellation: cancellation) { rows throws(TableError) in
              guard Double(rows) * rowBytes > budget else { return }
              refusedRows = rows
              throw TableError.invalidArgument("the join's output is over the memory budget")
            }
          })
      } catch {
        guard let rows = refusedRows else { throw error }
        throw evaluator.memoryRefusal(
          "this join (\(ProgressReporter.grouped(rows)) rows)", bytes: Double(rows) * rowBytes, at: inv.call.span,
          when: "before its output was built")
      }
    })

  /// `union other`: rows of both tables (same columns).
  static let union = VerbSpec(
    "union", summary: "stack the rows of two tables with the same columns",
    positionals: [ParameterSpec("other", .value, "the table to append")],
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      guard case .table(let other)? = try inv.value("other") else {
        throw inv.error(at: "other", "'union' needs a table")
      }
      return .table(try inv.data { () throws(TableError) in try table.union(other) })
    })

  /// `distinct [on a, b]` (alias `dedupe`): drop repeated rows, keeping the first.
  static let distinct = VerbSpec(
    "distinct", aliases: ["dedupe"], summary: "remove duplicate rows, keeping the first",
    options: [ParameterSpec("on", .columns, "compare only these columns")],
    // `distinct on` keeps each key's first row: pushed down after a `sort` (a window function numbers the
    // rows in that order); without one, the rows have no order in the database and it runs in memory.
    push: { inv, remote throws(Diagnostic) in
      let dialect = remote.database.dialect
      guard inv.has("on") else { return remote.with(remote.prototype, remote.query.distinctRows(dialect: dialect)) }
      let keys = try inv.columns("on", in: remote.prototype)
      return remote.with(remote.prototype, remote.query.firstRows(on: keys, dialect: dialect))
    },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let on = inv.has("on") ? try inv.columns("on", in: table) : nil
      let cancellation = inv.cancellation
      return .table(try inv.data { () throws(TableError) in try table.distinct(on: on, cancellation: cancellation) })
    })
}
