import ShopMineData

extension VerbSpec {
  /// `… | first spend`: the value of a column in the first row, a single value for later cells.
  static let first = scalarPick("first", summary: "the value of a column in the first row") { $0.head(1) }

  /// `… | last spend`: the value of a column in the last row.
  static let last = scalarPick("last", summary: "the value of a column in the last row") { $0.tail(1) }

  /// `… | value`: the one value of a one-row, one-column table.
  static let value = VerbSpec(
    "value", summary: "the one value of a table with one row and one column", subject: .piped,
    push: { inv, remote throws(Diagnostic) in
      // Two rows are enough to tell "one row" from "more".
      let table = try inv.evaluator.fetch(remote, limit: 2, for: "'value'", at: inv.call.span)
      return .scalar(try onlyValue(table, inv))
    },
    evaluate: { inv throws(Diagnostic) in .scalar(try onlyValue(try inv.table(), inv)) })

  private static func onlyValue(_ table: Table, _ inv: VerbInvocation) throws(Diagnostic) -> Value {
    guard table.rowCount == 1, table.columnCount == 1 else {
      let rows =
        table.rowCount == 1
        ? "1 row"
        : table.rowCount == 2 && inv.input?.object(RemoteTable.self) != nil
          ? "more than one row" : "\(table.rowCount) rows"
      throw inv.error(
        "'value' needs one row and one column, and this table has \(rows) × \(table.columnCount) columns",
        suggestions: table.columnCount == 1
          ? ["keep one row first (head 1, where …), or use 'first COLUMN'"]
          : ["use 'first COLUMN' for a column of the first row"])
    }
    return table.columns[0][0]
  }

  /// `first` and `last`: a column (optional when there is one) of one end row.
  private static func scalarPick(
    _ name: String, summary: String, _ row: @escaping @Sendable (Table) -> Table
  ) -> VerbSpec {
    // Only `first` can stop after one row of a database table.
    let fetchOne: Push = { inv, remote throws(Diagnostic) in
      let table = try inv.evaluator.fetch(remote, limit: 1, for: "'first'", at: inv.call.span)
      return .scalar(try pick(table, inv, row))
    }
    return VerbSpec(
      name, summary: summary, subject: .piped,
      positionals: [ParameterSpec("column", .column, optional: true, "the column (optional with one column)")],
      push: name == "first" ? fetchOne : nil,
      evaluate: { inv throws(Diagnostic) in .scalar(try pick(try inv.table(), inv, row)) })
  }

  private static func pick(
    _ table: Table, _ inv: VerbInvocation, _ row: (Table) -> Table
  ) throws(Diagnostic) -> Value {
    let name = inv.spec.name
    let column: String
    if inv.has("column") {
      column = try inv.columns("column", in: table)[0]
    } else {
      guard table.columnCount == 1 else {
        throw inv.error(
          "'\(name)' needs a column when the table has \(table.columnCount)",
          suggestions: ["name one: \(name) \(table.columnNames.first ?? "COLUMN")"])
      }
      column = table.columnNames[0]
    }
    guard table.rowCount > 0 else {
      throw inv.error("'\(name) \(column)' needs a row, and the table has none")
    }
    return row(table).column(named: column)?[0] ?? .missing
  }
}
