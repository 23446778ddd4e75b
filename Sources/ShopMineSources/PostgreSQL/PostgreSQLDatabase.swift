import Dispatch
import PostgresNIO
import ShopMineData
import Synchronization

/// PostgreSQL through vapor/postgres-nio.
///
/// The kernel evaluates a cell synchronously on its shell thread, and postgres-nio is asynchronous on a
/// SwiftNIO event loop. Every call here starts with postgres-nio's `EventLoopFuture` API and blocks the
/// calling thread (never the event loop) on a semaphore the future signals, waking every 10 ms to look at
/// the statement's ``Cancellation``: an interrupt then sends PostgreSQL a cancel request (below) and the
/// call returns as soon as the server stops the statement. Futures rather than a `Task` per call: no
/// hop through the cooperative pool, no actor, and the same path for connect, queries and writes.
///
/// postgres-nio keeps the backend's cancel key to itself, so a cancel is `SELECT pg_cancel_backend(pid)`
/// on a short second connection (the same role may cancel its own backends), with the pid read at
/// connect. If that connection cannot be made, the first one is closed instead, so that an interrupt
/// never waits on an unreachable server.
///
/// All connections share one event loop thread (``eventLoops``), created on first use.
public final class PostgreSQLDatabase: Database, @unchecked Sendable {
  // @unchecked: `connection` is replaced only by the thread running the kernel's statement (one at a
  // time); postgres-nio's connection is itself thread-safe.
  private var connection: PostgresConnection?
  private let settings: PostgreSQLSettings
  private let configuration: PostgresConnection.Configuration
  private let backendPID: Int64
  public let dialect: any SQLDialect = PostgreSQLDialect()
  public let displayURL: String
  private static let logger = Logger(label: "shopmine.postgresql")
  /// One event loop thread for every PostgreSQL connection of the process.
  static let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)

  /// Connects and authenticates (SCRAM-SHA-256, md5 or cleartext, as the server asks), with TLS when
  /// `settings.sslMode` asks for it.
  public init(settings: PostgreSQLSettings, cancellation: Cancellation = .none) throws(TableError) {
    self.settings = settings
    displayURL = settings.displayURL
    configuration = try Self.configuration(settings)
    let connection = try Self.connect(configuration, settings, cancellation: cancellation)
    self.connection = connection
    do throws(TableError) {
      let pid = try Self.wait(
        connection.query("SELECT CAST(pg_backend_pid() AS bigint)", logger: Self.logger), settings,
        doing: "starting the session", cancellation: cancellation)
      backendPID = (try? pid.rows.first?.decode(Int64.self)) ?? 0
    } catch {
      Self.closing(connection)
      throw error
    }
  }

  deinit { if let connection { Self.closing(connection) } }

  public func close() {
    guard let connection else { return }
    self.connection = nil
    try? Self.closing(connection).wait()
  }

  /// Starts closing `connection` (postgres-nio's future-returning `close`, not its async one).
  @discardableResult
  static func closing(_ connection: PostgresConnection) -> EventLoopFuture<Void> {
    let closed: EventLoopFuture<Void> = connection.close()
    return closed
  }

  // MARK: Connecting

  private static func configuration(_ s: PostgreSQLSettings) throws(TableError) -> PostgresConnection.Configuration {
    var c: PostgresConnection.Configuration
    if let socket = s.socketPath {
      c = .init(unixSocketPath: socket, username: s.user, password: s.password, database: s.database)
    } else {
      var tls = PostgresConnection.Configuration.TLS.disable
      if s.sslMode.usesTLS {
        var t = TLSConfiguration.makeClientConfiguration()
        t.certificateVerification =
          s.sslMode == .require ? .none : s.sslMode == .verifyCA ? .noHostnameVerification : .fullVerification
        if let root = s.rootCertificate { t.trustRoots = .file(root) }
        do {
          tls = .require(try NIOSSLContext(configuration: t))
        } catch {
          throw TableError.database(
            "PostgreSQL at \(s.target): cannot set up TLS (sslmode=\(s.sslMode.rawValue)): \(error)")
        }
      }
      c = .init(host: s.host, port: s.port, username: s.user, password: s.password, database: s.database, tls: tls)
    }
    c.options.connectTimeout = .seconds(Int64(s.connectTimeoutSeconds))
    // Timestamps with a time zone read as UTC, as ShopMine keeps them; `'…'` literals take no backslash
    // escapes (the dialect writes them so).
    c.options.additionalStartupParameters = [
      ("TimeZone", "UTC"), ("standard_conforming_strings", "on"), ("application_name", "ShopMine"),
    ]
    return c
  }

  private static func connect(
    _ configuration: PostgresConnection.Configuration, _ settings: PostgreSQLSettings, cancellation: Cancellation
  ) throws(TableError) -> PostgresConnection {
    let future = PostgresConnection.connect(
      on: eventLoops.next(), configuration: configuration, id: 0, logger: logger)
    // The connect timeout covers the TCP connection; the deadline here covers a server that accepts and
    // then never answers the startup (and TLS) exchange.
    let deadline = DispatchTime.now() + .seconds(settings.connectTimeoutSeconds + 1)
    do {
      return try wait(future, settings, doing: "connecting", cancellation: cancellation, deadline: deadline)
    } catch {
      future.whenSuccess { Self.closing($0) }
      throw error
    }
  }

  private func live() throws(TableError) -> PostgresConnection {
    guard let connection else { throw TableError.database("the connection to \(displayURL) is closed") }
    guard !connection.isClosed else {
      throw TableError.database(
        "the connection to PostgreSQL at \(settings.target) was lost: connect again (connect \"\(displayURL)\")")
    }
    return connection
  }

  // MARK: Waiting

  /// Blocks until `future` completes; the error as a ShopMine error. While waiting, an interrupt sends a
  /// cancel request (``cancelRunningStatement(on:)``), and a `deadline` that passes is a timeout.
  private static func wait<T: Sendable>(
    _ future: EventLoopFuture<T>, _ settings: PostgreSQLSettings, doing what: String,
    cancellation: Cancellation = .none, deadline: DispatchTime? = nil, onCancel: (() -> EventLoopFuture<Void>)? = nil
  ) throws(TableError) -> T {
    let done = DispatchSemaphore(value: 0)
    let outcome = Mutex<Result<T, any Error>?>(nil)
    future.whenComplete { result in
      outcome.withLock { $0 = result }
      done.signal()
    }
    var cancelled: EventLoopFuture<Void>?
    while done.wait(timeout: .now() + .milliseconds(10)) == .timedOut {
      if let deadline, DispatchTime.now() > deadline {
        throw TableError.database(
          "PostgreSQL at \(settings.target) did not answer within \(settings.connectTimeoutSeconds) s (\(what))")
      }
      if cancelled == nil && cancellation.isCancelled {
        guard let onCancel else { throw TableError.interrupted }
        cancelled = onCancel()
      }
    }
    // The cancel request has been answered before the next statement starts, so it cannot stop that one.
    if let cancelled { _ = try? cancelled.wait() }
    switch outcome.withLock({ $0 }) {
    case .success(let value)?: return value
    case .failure(let error)?:
      if cancelled != nil || cancellation.isCancelled { throw TableError.interrupted }
      throw PostgreSQLErrors.tableError(error, settings, doing: what)
    case nil: throw TableError.database("PostgreSQL at \(settings.target): no answer (\(what))")
    }
  }

  /// Asks the server to cancel what this connection is running: `pg_cancel_backend` on a second
  /// connection; when that fails, the first connection is closed (its statement fails at once).
  private func cancelRunningStatement(on connection: PostgresConnection) -> EventLoopFuture<Void> {
    let pid = backendPID
    return PostgresConnection.connect(
      on: Self.eventLoops.next(), configuration: configuration, id: 1, logger: Self.logger
    ).flatMap { canceller in
      canceller.query("SELECT pg_cancel_backend(\(unescaped: String(pid)))", logger: Self.logger)
        .map { _ in () }
        .always { _ in Self.closing(canceller) }
    }.flatMapError { _ in Self.closing(connection) }
  }

  /// Runs one statement, its rows handed to `onRow` on the event loop thread.
  private func run(
    _ query: PostgresQuery, doing what: String, cancellation: Cancellation = .none,
    onRow: @escaping @Sendable (PostgresRow) throws -> Void = { _ in }
  ) throws(TableError) {
    let connection = try live()
    let future = connection.query(query, logger: Self.logger, onRow)
    _ = try Self.wait(
      future, settings, doing: what, cancellation: cancellation,
      onCancel: { self.cancelRunningStatement(on: connection) })
  }

  /// Runs `sql` and collects every row (for the small catalog queries).
  private func rows(_ sql: String, doing what: String) throws(TableError) -> [PostgresRow] {
    let collected = Mutex<[PostgresRow]>([])
    try run(PostgresQuery(unsafeSQL: sql), doing: what) { row in collected.withLock { $0.append(row) } }
    return collected.withLock { $0 }
  }

  private func execute(_ sql: String, doing what: String, cancellation: Cancellation = .none) throws(TableError) {
    try run(PostgresQuery(unsafeSQL: sql), doing: what, cancellation: cancellation)
  }

  // MARK: Reading

  public func fetch(_ sql: String, types: [ColumnType?]?, control: FetchControl) throws(TableError) -> Table {
    let reader = RowReader(types: types, control: control)
    try run(PostgresQuery(unsafeSQL: sql), doing: "running the query", cancellation: control.cancellation) { row in
      try reader.read(row)
    }
    if let failure = reader.failure { throw failure }
    control.progress?(reader.rows)
    guard let builders = reader.builders else {
      // No rows, so no row description reached us: the columns come from the query's description (none
      // for a statement that is not a query, such as `CREATE TABLE`).
      let columns = (try? self.columns(ofQuery: sql, control: control)) ?? []
      return Table(
        uncheckedColumns: columns.enumerated().map { i, c in
          ResultColumnBuilder(name: c.name, type: types.flatMap { i < $0.count ? $0[i] : nil } ?? c.type).column()
        }, rowCount: 0)
    }
    return Table(uncheckedColumns: builders.map { $0.column() }, rowCount: reader.rows)
  }

  /// A table's path as a `regclass` argument: each part quoted, so any name is one identifier.
  private func regclass(_ path: [String]) -> String {
    "to_regclass(\(dialect.string(path.map(dialect.identifier).joined(separator: ".")) ?? "''"))"
  }

  private func exists(_ path: [String]) throws(TableError) -> Bool {
    try !rows("SELECT 1 WHERE \(regclass(path)) IS NOT NULL", doing: "looking for '\(path.joined(separator: "."))'")
      .isEmpty
  }

  /// `sales.orders` is a table of that name in the search path if there is one, else `orders` in schema
  /// `sales` if that exists.
  public func tablePath(_ name: String) throws(TableError) -> [String] {
    guard let dot = name.firstIndex(of: "."), try !exists([name]) else { return [name] }
    let path = [String(name[..<dot]), String(name[name.index(after: dot)...])]
    return try exists(path) ? path : [name]
  }

  private static func columnsSQL(of relation: String) -> String {
    """
    SELECT a.attname, t.typname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a \
    JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = \(relation) AND a.attnum > 0 \
    AND NOT a.attisdropped ORDER BY a.attnum
    """
  }

  /// Catalog rows of `(attname, typname, format_type)` as columns, or an error for a type ShopMine does
  /// not read.
  private func describe(_ rows: [PostgresRow], of what: String) throws(TableError) -> [DatabaseColumn] {
    var out: [DatabaseColumn] = []
    for row in rows {
      let cells = row.makeRandomAccess()
      guard cells.count == 3, let name = try? cells[0].decode(String.self),
        let typname = try? cells[1].decode(String.self), let shown = try? cells[2].decode(String.self)
      else { continue }
      // A domain or an array reads as nothing ShopMine has: the user casts it in SQL.
      guard let type = PostgreSQLDialect.type(named: typname) else {
        throw TableError.database(
          "column '\(name)' of \(what) has PostgreSQL type \(shown), which ShopMine does not read: cast it in "
            + "SQL (load sql \"select \(name)::text …\" from …)", column: name)
      }
      out.append(DatabaseColumn(name: name, type: type, databaseType: shown))
    }
    return out
  }

  public func columns(ofTable name: String) throws(TableError) -> [DatabaseColumn] {
    let rows = try rows(Self.columnsSQL(of: regclass(tablePath(name))), doing: "reading the columns of '\(name)'")
    guard !rows.isEmpty else {
      let names = (try? tableNames()) ?? []
      throw TableError(
        code: .database, message: "no table or view named '\(name)' in \(displayURL)", column: name,
        candidates: names)
    }
    return try describe(rows, of: "table '\(name)'")
  }

  public func columns(ofQuery sql: String, control: FetchControl) throws(TableError) -> [DatabaseColumn] {
    // A temporary view describes the query without running it; the transaction rolls it back.
    try execute("BEGIN", doing: "describing the query")
    defer { try? execute("ROLLBACK", doing: "describing the query") }
    try execute("CREATE TEMPORARY VIEW shopmine_describe AS \(sql)", doing: "describing the query")
    let rows = try rows(Self.columnsSQL(of: "'pg_temp.shopmine_describe'::regclass"), doing: "describing the query")
    return try describe(rows, of: "the query")
  }

  /// Tables of the search path by name, those of other schemas as `SCHEMA.NAME` (as `db.NAME` reads them).
  private static let tablesSQL = """
    SELECT name, rows, columns FROM (SELECT CASE WHEN pg_table_is_visible(c.oid) THEN c.relname \
    ELSE n.nspname || '.' || c.relname END AS name, \
    CASE WHEN c.reltuples < 0 THEN NULL ELSE CAST(c.reltuples AS bigint) END AS rows, \
    (SELECT string_agg(a.attname, ', ' ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = c.oid \
    AND a.attnum > 0 AND NOT a.attisdropped) AS columns \
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
    WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') \
    AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%') AS t ORDER BY name COLLATE "C"
    """

  private func tableNames() throws(TableError) -> [String] {
    try rows(Self.tablesSQL, doing: "listing the tables").compactMap {
      try? $0.makeRandomAccess()[0].decode(String.self)
    }
  }

  public func tables() throws(TableError) -> Table {
    // `rows` is PostgreSQL's estimate (pg_class.reltuples, kept by VACUUM and ANALYZE): missing for a
    // table never analysed. Counting every table would scan them all.
    try fetch(Self.tablesSQL, types: [.string, .int, .string], control: FetchControl())
      .renamingColumns(["name", "rows", "columns"])
  }

  public func plan(_ sql: String) throws(TableError) -> String {
    let lines = try rows("EXPLAIN \(sql)", doing: "explaining the query").compactMap { try? $0.decode(String.self) }
    return lines.joined(separator: "\n")
  }

  // MARK: Writing

  public func write(_ table: Table, to name: String, mode: WriteMode, control: FetchControl) throws(TableError) {
    let c = control.cancellation
    try execute("BEGIN", doing: "starting the transaction")
    do throws(TableError) {
      try writeInTransaction(table, to: name, mode: mode, control: control)
      try execute("COMMIT", doing: "committing the transaction", cancellation: c)
    } catch {
      if let connection, !connection.isClosed { try? execute("ROLLBACK", doing: "rolling back") }
      throw error
    }
    // Statistics for the planner and for `tables`' row estimates.
    try? execute("ANALYZE \(dialect.identifier(name))", doing: "analysing the new table")
  }

  private func writeInTransaction(
    _ table: Table, to name: String, mode: WriteMode, control: FetchControl
  ) throws(TableError) {
    let quoted = dialect.identifier(name)
    let exists = try exists([name])
    let c = control.cancellation
    switch (mode, exists) {
    case (.create, true):
      throw TableError(
        code: .database, message: "a table named '\(name)' already exists in \(displayURL)", column: name)
    case (.replace, true):
      try execute("DROP TABLE \(quoted)", doing: "dropping '\(name)'", cancellation: c)
      try execute(createTable(table, quoted), doing: "creating '\(name)'", cancellation: c)
    case (.append, true):
      let existing = Set(try columns(ofTable: name).map(\.name))
      for column in table.columns where !existing.contains(column.name) {
        throw TableError(
          code: .database, message: "table '\(name)' has no column '\(column.name)' to append to",
          column: column.name, candidates: existing.sorted())
      }
    case (_, false):
      try execute(createTable(table, quoted), doing: "creating '\(name)'", cancellation: c)
    }
    try insert(table, into: quoted, control: control)
  }

  /// Multi-row `INSERT`s with bound parameters, up to 30 000 values each (PostgreSQL allows 65 535
  /// parameters), a timestamp bound as its text and cast.
  ///
  /// - Complexity: O(rows × columns); one round trip per statement.
  private func insert(_ table: Table, into quoted: String, control: FetchControl) throws(TableError) {
    guard table.columnCount > 0, table.rowCount > 0 else { return }
    let names = table.columns.map { dialect.identifier($0.name) }.joined(separator: ", ")
    let perStatement = max(1, min(1000, 30_000 / table.columnCount))
    var sqlByCount: [Int: String] = [:]
    var start = 0
    while start < table.rowCount {
      try control.cancellation.check()
      let end = min(table.rowCount, start + perStatement)
      let sql =
        sqlByCount[end - start]
        ?? {
          let text = insertSQL(table, quoted, names, rows: end - start)
          sqlByCount[end - start] = text
          return text
        }()
      var binds = PostgresBindings(capacity: (end - start) * table.columnCount)
      for r in start..<end {
        for column in table.columns { PostgreSQLValues.bind(column[r], into: &binds) }
      }
      try run(
        PostgresQuery(unsafeSQL: sql, binds: binds), doing: "inserting rows \(start + 1)–\(end)",
        cancellation: control.cancellation)
      control.progress?(end)
      start = end
    }
  }

  private func insertSQL(_ table: Table, _ quoted: String, _ names: String, rows: Int) -> String {
    var sql = "INSERT INTO \(quoted) (\(names)) VALUES "
    var p = 0
    for r in 0..<rows {
      sql += r == 0 ? "(" : ", ("
      for (i, column) in table.columns.enumerated() {
        p += 1
        if i > 0 { sql += ", " }
        sql += column.type == .timestamp ? "CAST($\(p) AS timestamp)" : "$\(p)"
      }
      sql += ")"
    }
    return sql
  }

  private func createTable(_ table: Table, _ quoted: String) -> String {
    let columns = table.columns.map { "\(dialect.identifier($0.name)) \(dialect.columnType($0.type))" }
    return "CREATE TABLE \(quoted) (\(columns.joined(separator: ", ")))"
  }
}

extension Table {
  /// The same columns under new names, in order.
  func renamingColumns(_ names: [String]) -> Table {
    Table(uncheckedColumns: zip(columns, names).map { $0.renamed($1) }, rowCount: rowCount)
  }
}

/// Gathers a result's rows on the event loop thread, for the shell thread waiting on the query.
private final class RowReader: @unchecked Sendable {
  // @unchecked: written only by the event loop thread while the reading thread waits on the query's
  // future, and read after it completed (the future's completion orders the two).
  let types: [ColumnType?]?
  let control: FetchControl
  var builders: [ResultColumnBuilder]?
  var rows = 0
  var bytes = 0
  var failure: TableError?

  init(types: [ColumnType?]?, control: FetchControl) {
    self.types = types
    self.control = control
  }

  func read(_ row: PostgresRow) throws {
    if builders == nil {
      builders = row.map { cell in
        ResultColumnBuilder(
          name: cell.columnName, type: types.flatMap { cell.columnIndex < $0.count ? $0[cell.columnIndex] : nil })
      }
    }
    do throws(TableError) {
      var i = 0
      for cell in row {
        let value = try PostgreSQLValues.value(cell)
        if case .missing = value {
          builders?[i].appendMissing()
        } else {
          try builders?[i].append(value, row: rows)
        }
        bytes += cell.bytes?.readableBytes ?? 0
        i += 1
      }
      rows += 1
      try control.checkpoint(rows: rows, bytes: bytes)
    } catch {
      failure = error
      throw error
    }
  }
}
