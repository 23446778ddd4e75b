import ShopMineData
import ShopMineSources

extension VerbSpec {
  /// `describe users`: count, missing, mean, std, min, quartiles, max, unique, top per column.
  static let describe = VerbSpec(
    "describe", summary: "summary statistics of every column",
    schema: { _ in nil },
    // A remote table's statistics are computed in the database (two queries, see SQLDescribe): no rows
    // are fetched.
    push: { inv, remote throws(Diagnostic) in
      let database = remote.database
      let plan = SQLDescribe(
        remote.query, types: remote.prototype.columns.map(\.type), dialect: database.dialect)
      let control = FetchControl(cancellation: inv.cancellation)
      let (rows, statistics) = try inv.data { () throws(TableError) in
        let query = plan.firstQuery()
        let first = try database.fetch(query.sql, types: query.types, control: control)
        let counts = first.columns.map { $0[0] }
        let known = plan.known(first: counts)
        var second: [Value]?
        if let next = plan.secondQuery(known) {
          second = try database.fetch(next.sql, types: next.types, control: control).columns.map { $0[0] }
        }
        let (rows, summaries) = plan.summaries(first: counts, second: second)
        return (rows, try Table.describing(summaries))
      }
      return describeDisplay(statistics, rows: rows)
    },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let cancellation = inv.cancellation
      let statistics = try inv.data { () throws(TableError) in try table.describe(cancellation: cancellation) }
      return describeDisplay(statistics, rows: table.rowCount)
    })

  /// Every statistic shows, whatever `set rows` says: a cut describe hides the max or the top value.
  private static func describeDisplay(_ statistics: Table, rows: Int) -> RuntimeValue {
    let count = CountText.grouped(rows) + (rows == 1 ? " row" : " rows")
    return .object(TitledTable(kind: "describe", table: statistics, title: "Summary statistics of \(count)"))
  }

  /// `schema orders`: column names, types and missing counts.
  static let schema = VerbSpec(
    "schema", summary: "column names, types and missing counts",
    schema: { _ in nil },
    // A remote table's schema without fetching its rows: the missing counts are one query in the database.
    push: { inv, remote throws(Diagnostic) in
      let counts = try inv.data { () throws(TableError) in
        try remote.database.fetch(
          remote.query.missingCounts(dialect: remote.database.dialect).text(remote.database.dialect),
          types: remote.prototype.columns.map { _ in .int }, control: FetchControl(cancellation: inv.cancellation))
      }
      let columns = remote.prototype.columns
      return .table(
        Table(
          uncheckedColumns: [
            Column(name: "column", strings: columns.map(\.name)),
            Column(name: "type", strings: columns.map { $0.type.rawValue }),
            Column(name: "missing", ints: counts.columns.map { $0[0].integerValue ?? 0 }),
          ], rowCount: columns.count))
    },
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
