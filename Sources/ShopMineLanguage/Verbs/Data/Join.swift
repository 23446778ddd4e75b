import ShopMineData
import ShopMineSources

extension VerbSpec {
  /// `orders | join users on user_id [kind left] [suffixes "_x", "_y"]`.
  static let join = VerbSpec(
    "join", summary: "join with another table on key columns (inner, left, right, outer, semi or anti)",
    positionals: [ParameterSpec("other", .value, "the table to join with")],
    options: [
      ParameterSpec("on", .columns, "key columns present in both tables"),
      ParameterSpec("kind", .word(JoinKind.allCases.map(\.rawValue)), "which rows to keep (inner)"),
      ParameterSpec("how", .word(JoinKind.allCases.map(\.rawValue)), "the same as kind (pandas' word)"),
      ParameterSpec("suffixes", .values, "two texts added to clashing non-key names (\"_x\", \"_y\")"),
    ],
    schema: { q in
      guard let input = q.input, case .expr(let e)? = q.call.arguments["other"]?.value, let name = e.nameValue,
        let other = q.columnsOf(name)
      else { return q.input }
      let keys: [String]
      if case .exprs(let k)? = q.call.arguments["on"]?.value { keys = k.compactMap(\.nameValue) } else { keys = [] }
      var kind: String?
      for option in ["kind", "how"] {
        if case .word(let w, _)? = q.call.arguments[option]?.value { kind = w }
      }
      if kind == "semi" || kind == "anti" { return input }
      let extra = other.filter { !keys.contains($0) }
      return input.map { extra.contains($0) ? $0 + "_x" : $0 } + extra.map { input.contains($0) ? $0 + "_y" : $0 }
    },
    // Both sides in the same database: one query, when the database has the join kind. Otherwise both are
    // fetched and joined in memory.
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
      let kind = try joinKind(inv)
      let suffixes = try joinSuffixes(inv)
      let joined = try inv.data { () throws(TableError) in
        try remote.prototype.joined(with: other.prototype, on: keys, kind: kind, suffixes: suffixes)
      }
      guard
        let query = SQLQuery.joining(
          remote.query, other.query, on: keys, kind: kind, names: joined.columnNames, dialect: remote.database.dialect)
      else { return nil }
      return remote.with(joined, query)
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
      let kind = try joinKind(inv)
      let suffixes = try joinSuffixes(inv)
      let cancellation = inv.cancellation
      // The memory budget is checked by the join once it has counted its output rows, before it builds them.
      let evaluator = inv.evaluator
      let rowBytes = evaluator.joinRowBytes(table, other)
      let budget = Double(evaluator.memoryBudget.bytes)
      var refusedRows: Int?
      do throws(Diagnostic) {
        return .table(
          try inv.data { () throws(TableError) in
            try table.joined(with: other, on: keys, kind: kind, suffixes: suffixes, cancellation: cancellation) {
              rows throws(TableError) in
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

  /// The join's kind: `kind`, or its pandas spelling `how`; inner when neither is given.
  private static func joinKind(_ inv: VerbInvocation) throws(Diagnostic) -> JoinKind {
    if inv.has("kind") && inv.has("how") {
      throw inv.error(at: "how", "'join' takes 'kind' or 'how', not both")
    }
    let word = inv.word("kind") ?? inv.word("how") ?? JoinKind.inner.rawValue
    return JoinKind(rawValue: word) ?? .inner
  }

  /// `suffixes "_a", "_b"`: what clashing non-key names get on each side (pandas' default `_x`, `_y`).
  private static func joinSuffixes(_ inv: VerbInvocation) throws(Diagnostic) -> (String, String) {
    let given = inv.expressions("suffixes")
    guard !given.isEmpty else { return ("_x", "_y") }
    var texts: [String] = []
    for e in given {
      guard case .scalar(.string(let s)) = try inv.evaluate(e) else {
        throw Diagnostic(
          "'suffixes' takes two texts", at: e.span, name: "TypeError", suggestions: ["suffixes \"_x\", \"_y\""])
      }
      texts.append(s)
    }
    guard texts.count == 2, texts[0] != texts[1] else {
      throw inv.error(
        at: "suffixes", "'suffixes' takes two different texts, one per side", suggestions: ["suffixes \"_x\", \"_y\""])
    }
    return (texts[0], texts[1])
  }

  /// `union other [common]`: rows of both tables, columns matched by name.
  static let union = VerbSpec(
    "union", summary: "stack the rows of two tables, matching columns by name",
    positionals: [ParameterSpec("other", .value, "the table to append")],
    options: [ParameterSpec("common", .flag, "keep only the columns both tables have")],
    schema: { q in
      guard let input = q.input, case .expr(let e)? = q.call.arguments["other"]?.value, let name = e.nameValue,
        let other = q.columnsOf(name)
      else { return q.input }
      if q.call.arguments["common"] != nil { return input.filter { other.contains($0) } }
      return input + other.filter { !input.contains($0) }
    },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      guard case .table(let other)? = try inv.value("other") else {
        throw inv.error(at: "other", "'union' needs a table")
      }
      let common = inv.has("common")
      return .table(try inv.data { () throws(TableError) in try table.union(other, commonOnly: common) })
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
