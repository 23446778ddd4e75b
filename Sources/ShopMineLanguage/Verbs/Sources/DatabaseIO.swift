import ShopMineData
import ShopMineSources

/// `load sql "…" from DB` and `save TABLE to table NAME in DB mode …`: the database halves of the data
/// pack's `load` and `save`.
enum DatabaseIO {
  /// `load sql "select …" from db`: a remote table of the user's query (nothing fetched but its columns).
  static func load(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue {
    guard let text = try inv.string("path") else { throw inv.error("'load sql' needs the query, in quotes") }
    guard inv.has("from") else {
      throw inv.error("'load sql' needs a connection: load sql \"select …\" from db")
    }
    let connection = try inv.connection("from")
    let cancellation = inv.cancellation
    return .object(
      try inv.data { () throws(TableError) in
        try RemoteTable.sql(text, in: connection.database, cancellation: cancellation)
      })
  }

  /// `save t to table NAME in db [mode create|replace|append]`: one transaction.
  static func save(_ inv: VerbInvocation, table name: String) throws(Diagnostic) -> RuntimeValue {
    guard inv.has("in") else {
      throw inv.error(at: "to", "'save … to table \(name)' needs a connection: save t to table \(name) in db")
    }
    let connection = try inv.connection("in")
    let mode = inv.word("mode").flatMap(WriteMode.init(rawValue:)) ?? .create
    let table = try inv.table()
    let progress = inv.progress(label: "save", total: table.rowCount)
    let report = progress.callback
    let total = table.rowCount
    let control = FetchControl(cancellation: inv.cancellation, progress: { rows in report(rows, total, "rows") })
    do throws(Diagnostic) {
      try inv.data { () throws(TableError) in
        try connection.database.write(table, to: name, mode: mode, control: control)
      }
      progress.finish(note: nil)
    } catch {
      progress.stop(reason: error.name == "KeyboardInterrupt" ? "interrupted" : "failed")
      var d = error
      d.notes.append("nothing was written: the database is as it was")
      throw d
    }
    let rows = "\(CountText.grouped(table.rowCount)) row\(table.rowCount == 1 ? "" : "s")"
    inv.sink.stream(
      .stdout, "saved \(rows) to table \(name) in \(connection.database.displayURL) (mode \(mode.rawValue))\n")
    return .nothing
  }
}
