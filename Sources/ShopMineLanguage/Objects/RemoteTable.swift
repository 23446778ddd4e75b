import JupyterProtocol
import ShopMineData
import ShopMineSources

/// A database connection bound by `connect`: `vars` shows its URL without a password.
struct DatabaseConnection: LanguageObject {
  let database: any Database
  var kind: String { "connection" }
  var shape: String { "\(database.displayURL) (\(database.dialect.name))" }
  func bundle(_ options: DisplayOptions) -> MIMEBundle {
    .plain("connection to \(shape); `tables NAME` lists its tables, `NAME.TABLE` is one of them")
  }
}

/// A table in a database: a query that has not run. Verbs that the database can do add to the query
/// (``VerbSpec/push``); displaying it fetches only the rows shown; any other verb, and `collect`, fetch it.
struct RemoteTable: LanguageObject {
  let database: any Database
  let query: SQLQuery
  /// An empty table with the columns and the types ShopMine computes for the query: it checks each
  /// step's arguments exactly as in memory, and gives fetched values their types.
  let prototype: Table

  var kind: String { "remote table" }
  var shape: String {
    "\(prototype.columnCount) column\(prototype.columnCount == 1 ? "" : "s") in \(database.displayURL), not fetched"
  }
  /// The SQL that fetches the table.
  var sql: String { query.text(database.dialect) }

  func bundle(_ options: DisplayOptions) -> MIMEBundle {
    .plain("<remote table: \(shape)>\n\(sql)")
  }

  /// The remote table of `name` in `database` (its columns read from the database, no rows).
  static func table(_ name: String, in database: any Database) throws(TableError) -> RemoteTable {
    let columns = try database.columns(ofTable: name)
    return RemoteTable(
      database: database,
      query: SQLQuery.table(
        try database.tablePath(name), columns: columns.map { ($0.name, $0.type) }, dialect: database.dialect),
      prototype: prototype(columns))
  }

  /// The remote table of the user's `SELECT`.
  static func sql(_ text: String, in database: any Database, cancellation: Cancellation) throws(TableError)
    -> RemoteTable
  {
    var text = text.trimmingCharacters(in: .whitespacesAndNewlines)
    while text.hasSuffix(";") { text.removeLast() }
    let columns = try database.columns(ofQuery: text, control: FetchControl(cancellation: cancellation))
    return RemoteTable(
      database: database,
      query: SQLQuery.sql(text, columns: columns.map { ($0.name, $0.type) }, dialect: database.dialect),
      prototype: prototype(columns))
  }

  static func prototype(_ columns: [DatabaseColumn]) -> Table {
    Table(
      uncheckedColumns: columns.map { c in
        Column.empty(c.name, c.type)
      }, rowCount: 0)
  }

  /// Fetches the rows (at most `limit`).
  func fetch(limit: Int? = nil, control: FetchControl) throws(TableError) -> Table {
    let q = limit.map { query.limited($0) } ?? query
    let table = try database.fetch(q.text(database.dialect), types: prototype.columns.map(\.type), control: control)
    // The database names columns as the query does; ShopMine's names are the prototype's.
    return Table(
      uncheckedColumns: zip(table.columns, prototype.columns).map { $0.renamed($1.name) }, rowCount: table.rowCount)
  }

  /// The table after one more step: `build` adds the step to the query; the prototype is the step run in
  /// memory on the empty prototype (`nil` when the database cannot do the step).
  func pushing(
    _ inv: VerbInvocation, _ build: (SQLQuery, TypeOracle, any SQLDialect) -> SQLQuery?
  ) throws(Diagnostic) -> RuntimeValue? {
    let checked = VerbInvocation(spec: inv.spec, call: inv.call, input: .table(prototype), evaluator: inv.evaluator)
    guard case .table(let next) = try inv.spec.evaluate(checked) else { return nil }
    return with(next, build(query, TypeOracle.over(prototype), database.dialect))
  }

  /// This table's database with `query` and `prototype`, or `nil` when the query is missing or its
  /// columns differ from the prototype's.
  func with(_ prototype: Table, _ query: SQLQuery?) -> RuntimeValue? {
    guard let query, query.columnNames == prototype.columnNames else { return nil }
    return .object(RemoteTable(database: database, query: query, prototype: prototype))
  }
}

extension Column {
  /// An empty column named `name` of `type` (a column of a remote table's or a Parquet file's prototype).
  static func empty(_ name: String, _ type: ColumnType) -> Column {
    switch type {
    case .int: return Column(name: name, ints: [])
    case .float: return Column(name: name, floats: [])
    case .bool: return Column(name: name, bools: [])
    case .timestamp: return Column(name: name, timestamps: [])
    case .string: return Column(name: name, strings: [])
    }
  }
}

extension Evaluator {
  /// A remote table fetched into memory, under the memory budget, with a progress display of the rows;
  /// `step` names the statement that needs it in the refusal. Other values are returned as they are.
  func collected(_ value: RuntimeValue, for step: String, at span: SourceSpan) throws(Diagnostic) -> RuntimeValue {
    guard let deferred = value.object((any DeferredTable).self) else { return value }
    return .table(try deferred.read(limit: nil, evaluator: self, for: step, at: span))
  }

  func fetch(_ remote: RemoteTable, limit: Int?, for step: String, at span: SourceSpan) throws(Diagnostic) -> Table {
    let progress = ProgressReporter(
      sink: sink, label: "fetch", total: 0, displayID: nextProgressDisplayID())
    let report = progress.callback
    let control = FetchControl(
      cancellation: cancellation, byteBudget: memoryBudget.bytes, progress: { rows in report(rows, 0, "rows") })
    do {
      let table = try remote.fetch(limit: limit, control: control)
      progress.finish(note: "\(CountText.grouped(table.rowCount)) row\(table.rowCount == 1 ? "" : "s")")
      return table
    } catch {
      progress.stop(reason: error.code == .interrupted ? "interrupted" : "failed")
      var d = Errors.diagnostic(error, at: span, call: nil)
      if error.code == .overMemoryBudget {
        d.message = "\(step) needs the remote table in memory, and " + error.message
        d.suggestions.insert(
          "aggregate or filter in the database first (group by …, where …), or fetch part: head 100000 | collect",
          at: 0)
      }
      throw d
    }
  }
}
