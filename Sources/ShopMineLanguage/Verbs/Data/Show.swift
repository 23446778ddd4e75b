import ShopMineData

extension VerbSpec {
  /// `show users`, `show users 20`: the first rows (as many as `set rows`, or N).
  static let show = VerbSpec(
    "show", summary: "display the first rows of a table",
    positionals: [ParameterSpec("rows", .value, optional: true, "how many rows")],
    // Only the rows shown are fetched.
    push: { inv, remote throws(Diagnostic) in
      let n = try inv.int("rows", default: inv.session.rows, in: 0...Int.max) ?? inv.session.rows
      return .table(try inv.evaluator.fetch(remote, limit: n, for: "'show'", at: inv.call.span))
    },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let n = try inv.int("rows", default: inv.session.rows, in: 0...Int.max) ?? inv.session.rows
      return .table(table.head(n))
    })

  /// `head 5`: the first N rows (5 by default).
  static let head = VerbSpec(
    "head", summary: "keep the first rows",
    positionals: [ParameterSpec.integer("rows", default: 5, in: 0...Int.max, optional: true, "how many rows")],
    push: { inv, remote throws(Diagnostic) in
      remote.with(remote.prototype, remote.query.limited(try inv.integer("rows")))
    },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      return .table(table.head(try inv.integer("rows")))
    })

  /// `tail 5`: the last N rows.
  static let tail = VerbSpec(
    "tail", summary: "keep the last rows",
    positionals: [ParameterSpec.integer("rows", default: 5, in: 0...Int.max, optional: true, "how many rows")],
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      return .table(table.tail(try inv.integer("rows")))
    })
}
