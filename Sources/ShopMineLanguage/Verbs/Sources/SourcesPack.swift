import JupyterProtocol
import ShopMineData
import ShopMineSources

/// Databases: connecting, listing tables, fetching a remote table, and showing the SQL that runs.
/// (`load sql … from DB` and `save … to table NAME in DB` are the data pack's `load` and `save`.)
enum SourcesPack: VerbPack {
  static let verbs: [VerbSpec] = [.connect, .disconnect, .tables, .collect, .explain]
}

extension VerbInvocation {
  /// Argument `name` as a connection made by `connect`.
  func connection(_ name: String) throws(Diagnostic) -> DatabaseConnection {
    let value = try remoteValue(name)
    guard let connection = value?.object(DatabaseConnection.self) else {
      throw error(
        at: name, "'\(spec.name)' needs a connection, not \(value?.describeForError ?? "nothing")",
        suggestions: ["db = connect \"sqlite:shop.db\""])
    }
    return connection
  }

  /// The subject as a connection.
  func connectionSubject() throws(Diagnostic) -> DatabaseConnection {
    guard let connection = input?.object(DatabaseConnection.self) else {
      throw Diagnostic(
        "'\(spec.name)' works on a connection, not \(input?.describeForError ?? "nothing")",
        at: call.subject?.span ?? call.verbSpan, name: "TypeError",
        suggestions: ["db = connect \"sqlite:shop.db\"", "\(spec.name) db"])
    }
    return connection
  }

  /// The subject as a remote table.
  func remoteSubject() throws(Diagnostic) -> RemoteTable {
    guard let remote = input?.object(RemoteTable.self) else {
      throw Diagnostic(
        "'\(spec.name)' works on a remote table (db.NAME, load sql … from db), not \(input?.describeForError ?? "nothing")",
        at: call.subject?.span ?? call.verbSpan, name: "TypeError")
    }
    return remote
  }
}

extension VerbSpec {
  /// `db = connect "sqlite:shop.db"`, `pg = connect "postgresql://analyst@localhost:5432/shop"`.
  static let connect = VerbSpec(
    "connect", summary: "connect to a database (SQLite file, PostgreSQL server)", subject: .none,
    positionals: [ParameterSpec("url", .value, "sqlite:PATH, sqlite::memory: or postgresql://USER@HOST:PORT/DB")],
    evaluate: { inv throws(Diagnostic) in
      guard let url = try inv.string("url") else { throw inv.error("'connect' needs a database URL") }
      let database = try inv.data { () throws(TableError) in try Connections.open(url, cancellation: inv.cancellation) }
      return .object(DatabaseConnection(database: database))
    })

  /// `disconnect db`: closes the connection and removes its name.
  static let disconnect = VerbSpec(
    "disconnect", summary: "close a database connection", subject: .none,
    positionals: [ParameterSpec("connection", .column, "the connection's name")],
    evaluate: { inv throws(Diagnostic) in
      let connection = try inv.connection("connection")
      connection.database.close()
      if let name = inv.expression("connection")?.nameValue { _ = inv.session.remove(name) }
      inv.sink.stream(.stdout, "disconnected from \(connection.database.displayURL)\n")
      return .nothing
    })

  /// `tables db`: name, rows, columns.
  static let tables = VerbSpec(
    "tables", summary: "the tables of a database: name, rows, columns",
    schema: { _ in ["name", "rows", "columns"] },
    evaluate: { inv throws(Diagnostic) in
      let connection = try inv.connectionSubject()
      return .table(try inv.data { () throws(TableError) in try connection.database.tables() })
    })

  /// `users | collect`: fetch a remote table into memory.
  static let collect = VerbSpec(
    "collect", summary: "fetch a remote table into memory (under the memory budget, with progress)",
    evaluate: { inv throws(Diagnostic) in
      .table(try inv.table())
    })

  /// `explain revenue`: the SQL that runs and the database's plan for it.
  static let explain = VerbSpec(
    "explain", summary: "the SQL a remote table runs, and the database's plan",
    evaluate: { inv throws(Diagnostic) in
      let remote = try inv.remoteSubject()
      let sql = remote.sql
      let plan = try inv.data { () throws(TableError) in try remote.database.plan(sql) }
      let name = remote.database.dialect.name
      let text = "SQL sent to \(name) (\(remote.database.displayURL)):\n\(sql)\n\n\(name)'s plan:\n\(plan)"
      let html =
        "<div class=\"shopmine-explain\"><p><b>SQL sent to \(Escaping.html(name))</b> "
        + "(\(Escaping.html(remote.database.displayURL)))</p><pre>\(Escaping.html(sql))</pre>"
        + "<p><b>\(Escaping.html(name))'s plan</b></p><pre>\(Escaping.html(plan))</pre></div>"
      return .display(MIMEBundle(data: ["text/plain": .string(text), "text/html": .string(html)]))
    })
}
