import ShopMineData

extension VerbSpec {
  /// `describe users`: count, missing, mean, std, min, quartiles, max, unique, top per column.
  static let describe = VerbSpec(
    "describe", summary: "summary statistics of every column",
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let cancellation = inv.cancellation
      let statistics = try inv.data { () throws(TableError) in try table.describe(cancellation: cancellation) }
      // Every statistic shows, whatever `set rows` says: a cut describe hides the max or the top value.
      let rows = CountText.grouped(table.rowCount) + (table.rowCount == 1 ? " row" : " rows")
      return .object(TitledTable(kind: "describe", table: statistics, title: "Summary statistics of \(rows)"))
    })

  /// `schema orders`: column names, types and missing counts.
  static let schema = VerbSpec(
    "schema", summary: "column names, types and missing counts",
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      .table(try inv.table().schema())
    })

  /// `corr on a, b, c`: the correlation matrix of numeric columns.
  static let corr = VerbSpec(
    "corr", summary: "Pearson correlation matrix of numeric columns",
    options: [ParameterSpec("on", .columns, "columns (default: every numeric column)")],
    schema: { q in
      guard case .exprs(let e)? = q.call.arguments["on"]?.value else { return nil }
      return ["column"] + e.compactMap(\.nameValue)
    },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let columns = inv.has("on") ? try inv.columns("on", in: table) : nil
      return .table(try inv.data { () throws(TableError) in try table.correlation(columns: columns) })
    })
}
