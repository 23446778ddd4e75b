import CSQLite
import ShopMineData
import Synchronization

/// SQLite through the system's libsqlite3 (Debian's libsqlite3-dev), called directly.
///
/// The C API is small and is what the pushdown needs: statements, the storage class of each value,
/// `sqlite3_progress_handler` to stop a query when the kernel is interrupted, and functions registered per
/// connection. A wrapper library (GRDB, sqlite-nio) would add records, observation or an event loop that
/// the kernel has no use for, and a build of its own in every CI run. See docs/SOURCES.md.
public final class SQLiteDatabase: Database, @unchecked Sendable {
  // @unchecked: the handle is used by one statement at a time (the kernel runs one cell at a time); the
  // interrupt flag the progress handler reads is atomic.
  private var handle: OpaquePointer?
  public let dialect: any SQLDialect
  public let displayURL: String
  /// The token of the statement running now, read by the progress handler on SQLite's thread.
  private let interrupt = InterruptBox()

  /// Opens (creating if missing) the database file at `path`, or an in-memory one for `:memory:`.
  public init(path: String, displayURL: String) throws(TableError) {
    var db: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
    let status = sqlite3_open_v2(path, &db, flags, nil)
    guard status == SQLITE_OK, let db else {
      let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(db)
      throw TableError.database("cannot open SQLite database '\(path)': \(message)")
    }
    handle = db
    self.displayURL = displayURL
    sqlite3_busy_timeout(db, 5000)
    sqlite3_create_function_v2(
      db, "shopmine_fail", 1, SQLITE_UTF8, nil,
      { context, _, values in
        guard let values, let value = values[0], let text = sqlite3_value_text(value) else { return }
        sqlite3_result_error(context, UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self), -1)
      }, nil, nil, nil)
    sqlite3_progress_handler(
      db, 1000,
      { box in
        guard let box else { return 0 }
        return Unmanaged<InterruptBox>.fromOpaque(box).takeUnretainedValue().isCancelled ? 1 : 0
      }, Unmanaged.passUnretained(interrupt).toOpaque())
    var probe: OpaquePointer?
    let hasMath = sqlite3_prepare_v2(db, "SELECT pow(2, 3), floor(1.5), mod(5, 3)", -1, &probe, nil) == SQLITE_OK
    sqlite3_finalize(probe)
    dialect = SQLiteDialect(hasMath: hasMath, hasRightAndFullJoins: sqlite3_libversion_number() >= 3_039_000)
  }

  deinit { close() }

  public func close() {
    if let handle { sqlite3_close_v2(handle) }
    handle = nil
  }

  private func db() throws(TableError) -> OpaquePointer {
    guard let handle else { throw TableError.database("the connection to \(displayURL) is closed") }
    return handle
  }

  // MARK: Statements

  /// The last error of the connection as a ShopMine error: ShopMine's own errors (`division by zero`)
  /// keep their codes, an interrupt is an interrupt.
  private func failure(_ db: OpaquePointer, _ status: Int32, doing what: String) -> TableError {
    if status == SQLITE_INTERRUPT || interrupt.isCancelled { return TableError.interrupted }
    let message = String(cString: sqlite3_errmsg(db))
    if message == TableError.divisionByZero.message { return .divisionByZero }
    if message == "integer overflow" { return .overflow(in: "the query") }
    return TableError.database("SQLite: \(message) (\(what))")
  }

  private func prepare(_ sql: String, _ db: OpaquePointer) throws(TableError) -> OpaquePointer {
    var statement: OpaquePointer?
    let status = sqlite3_prepare_v2(db, sql, -1, &statement, nil)
    guard status == SQLITE_OK, let statement else {
      sqlite3_finalize(statement)
      throw failure(db, status, doing: "preparing the query")
    }
    return statement
  }

  /// Runs `body` with `cancellation` watched by the progress handler.
  private func watching<T>(_ cancellation: Cancellation, _ body: () throws(TableError) -> T) throws(TableError) -> T {
    interrupt.token = cancellation
    defer { interrupt.token = nil }
    return try body()
  }

  /// Runs a statement that returns no rows.
  private func execute(_ sql: String, _ db: OpaquePointer) throws(TableError) {
    let statement = try prepare(sql, db)
    defer { sqlite3_finalize(statement) }
    let status = sqlite3_step(statement)
    guard status == SQLITE_DONE || status == SQLITE_ROW else { throw failure(db, status, doing: "running \(sql)") }
  }

  // MARK: Reading

  public func fetch(_ sql: String, types: [ColumnType?]?, control: FetchControl) throws(TableError) -> Table {
    let db = try db()
    return try watching(control.cancellation) { () throws(TableError) in
      let statement = try prepare(sql, db)
      defer { sqlite3_finalize(statement) }
      let n = Int(sqlite3_column_count(statement))
      var builders = (0..<n).map { i in
        ResultColumnBuilder(
          name: String(cString: sqlite3_column_name(statement, Int32(i))),
          type: types.flatMap { i < $0.count ? $0[i] : nil })
      }
      var rows = 0
      var bytes = 0
      while true {
        let status = sqlite3_step(statement)
        if status == SQLITE_DONE { break }
        guard status == SQLITE_ROW else { throw failure(db, status, doing: "reading the result") }
        for i in 0..<n {
          let c = Int32(i)
          switch sqlite3_column_type(statement, c) {
          case SQLITE_NULL: builders[i].appendMissing()
          case SQLITE_INTEGER: try builders[i].append(.int(sqlite3_column_int64(statement, c)), row: rows)
          case SQLITE_FLOAT: try builders[i].append(.float(sqlite3_column_double(statement, c)), row: rows)
          case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(statement, c))
            let text = sqlite3_column_text(statement, c).map {
              String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
            }
            bytes += count
            try builders[i].append(.string(text ?? ""), row: rows)
          default:
            throw TableError.database(
              "column '\(builders[i].name)' holds binary data (a BLOB), which ShopMine does not read",
              column: builders[i].name)
          }
        }
        rows += 1
        bytes += 8 * n
        try control.checkpoint(rows: rows, bytes: bytes)
      }
      control.progress?(rows)
      return Table(uncheckedColumns: builders.map { $0.column() }, rowCount: rows)
    }
  }

  public func columns(ofTable name: String) throws(TableError) -> [DatabaseColumn] {
    let info = try fetch(
      "SELECT name, type FROM pragma_table_info(\(dialect.string(name) ?? "''"))", types: [.string, .string],
      control: FetchControl())
    guard info.rowCount > 0 else {
      let names = (try? fetch(Self.tableNamesSQL, types: [.string], control: FetchControl()))?.columns.first
      let candidates = names.map { c in (0..<c.count).compactMap { c[$0].text } } ?? []
      throw TableError(
        code: .database, message: "no table or view named '\(name)' in \(displayURL)", column: name,
        candidates: candidates)
    }
    let names = info.columns[0]
    let declared = info.columns[1]
    var out: [DatabaseColumn] = []
    var undecided: [Int] = []
    for r in 0..<info.rowCount {
      let columnName = names[r].text ?? ""
      let decl = declared[r].text ?? ""
      if SQLiteDialect.type(declared: decl) == nil { undecided.append(r) }
      out.append(
        DatabaseColumn(name: columnName, type: SQLiteDialect.type(declared: decl) ?? .string, databaseType: decl))
    }
    if !undecided.isEmpty {
      // No declared type (a view's computed column): the first values decide, as for a CSV file.
      let sample = try fetch(
        "SELECT * FROM \(dialect.identifier(name)) LIMIT 1000", types: nil, control: FetchControl())
      for r in undecided where r < sample.columnCount { out[r].type = sample.columns[r].type }
    }
    return out
  }

  public func columns(ofQuery sql: String, control: FetchControl) throws(TableError) -> [DatabaseColumn] {
    let db = try db()
    let statement = try prepare(sql, db)
    let n = Int(sqlite3_column_count(statement))
    var out: [DatabaseColumn] = []
    var undecided = false
    for i in 0..<n {
      let name = String(cString: sqlite3_column_name(statement, Int32(i)))
      let decl = sqlite3_column_decltype(statement, Int32(i)).map { String(cString: $0) } ?? ""
      let type = SQLiteDialect.type(declared: decl)
      if type == nil { undecided = true }
      out.append(DatabaseColumn(name: name, type: type ?? .string, databaseType: decl))
    }
    sqlite3_finalize(statement)
    if undecided {
      // Computed columns carry no declared type in SQLite: the first rows' values decide.
      let sample = try fetch("SELECT * FROM (\(sql)) LIMIT 1000", types: nil, control: control)
      for i in out.indices where out[i].databaseType.isEmpty && i < sample.columnCount {
        out[i].type = sample.columns[i].type
      }
    }
    return out
  }

  static let tableNamesSQL =
    "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name"

  public func tables() throws(TableError) -> Table {
    let names = try fetch(Self.tableNamesSQL, types: [.string], control: FetchControl())
    var nameValues: [String?] = []
    var rows: [Value] = []
    var columns: [String?] = []
    for r in 0..<names.rowCount {
      guard let name = names.columns[0][r].text else { continue }
      nameValues.append(name)
      let count = try fetch(
        "SELECT COUNT(*) FROM \(dialect.identifier(name))", types: [.int], control: FetchControl())
      rows.append(count.columns[0][0])
      columns.append(try self.columns(ofTable: name).map(\.name).joined(separator: ", "))
    }
    return Table(
      uncheckedColumns: [
        Column(name: "name", strings: nameValues), Column(name: "rows", values: rows),
        Column(name: "columns", strings: columns),
      ], rowCount: nameValues.count)
  }

  public func plan(_ sql: String) throws(TableError) -> String {
    let rows = try fetch("EXPLAIN QUERY PLAN " + sql, types: [.int, .int, .int, .string], control: FetchControl())
    var depth: [Int64: Int] = [0: 0]
    var lines: [String] = []
    for r in 0..<rows.rowCount {
      let id = rows.columns[0][r].integerValue ?? 0
      let parent = rows.columns[1][r].integerValue ?? 0
      let d = (depth[parent] ?? 0) + 1
      depth[id] = d
      lines.append(String(repeating: "  ", count: d - 1) + (rows.columns[3][r].text ?? ""))
    }
    return lines.joined(separator: "\n")
  }

  // MARK: Writing

  public func write(_ table: Table, to name: String, mode: WriteMode, control: FetchControl) throws(TableError) {
    let db = try db()
    try watching(control.cancellation) { () throws(TableError) in
      try execute("BEGIN IMMEDIATE", db)
      do throws(TableError) {
        try writeInTransaction(table, to: name, mode: mode, control: control, db)
        try execute("COMMIT", db)
      } catch {
        // Without the progress handler's interrupt flag, so that the rollback itself runs.
        interrupt.token = nil
        try? execute("ROLLBACK", db)
        throw error
      }
    }
  }

  private func writeInTransaction(
    _ table: Table, to name: String, mode: WriteMode, control: FetchControl, _ db: OpaquePointer
  ) throws(TableError) {
    let quoted = dialect.identifier(name)
    let exists =
      try fetch(
        "SELECT COUNT(*) FROM sqlite_master WHERE name = \(dialect.string(name) ?? "''")", types: [.int],
        control: FetchControl()
      ).columns[0][0].integerValue ?? 0 > 0
    switch (mode, exists) {
    case (.create, true):
      throw TableError(
        code: .database, message: "a table named '\(name)' already exists in \(displayURL)", column: name)
    case (.replace, true):
      try execute("DROP TABLE \(quoted)", db)
      try execute(createTable(table, quoted), db)
    case (.append, true):
      let existing = Set(try columns(ofTable: name).map(\.name))
      for c in table.columns where !existing.contains(c.name) {
        throw TableError(
          code: .database, message: "table '\(name)' has no column '\(c.name)' to append to", column: c.name,
          candidates: existing.sorted())
      }
    case (_, false):
      try execute(createTable(table, quoted), db)
    }
    let names = table.columns.map { dialect.identifier($0.name) }.joined(separator: ", ")
    let marks = Array(repeating: "?", count: table.columnCount).joined(separator: ", ")
    let insert = try prepare("INSERT INTO \(quoted) (\(names)) VALUES (\(marks))", db)
    defer { sqlite3_finalize(insert) }
    let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    for r in 0..<table.rowCount {
      for (i, column) in table.columns.enumerated() {
        let p = Int32(i + 1)
        switch column[r] {
        case .missing: sqlite3_bind_null(insert, p)
        case .int(let v): sqlite3_bind_int64(insert, p, v)
        case .float(let v): _ = v.isNaN ? sqlite3_bind_null(insert, p) : sqlite3_bind_double(insert, p, v)
        case .bool(let v): sqlite3_bind_int64(insert, p, v ? 1 : 0)
        case .string(let s): sqlite3_bind_text(insert, p, s, -1, transient)
        case .timestamp(let t): sqlite3_bind_text(insert, p, SQLiteDialect.timestampText(t), -1, transient)
        }
      }
      let status = sqlite3_step(insert)
      guard status == SQLITE_DONE else { throw failure(db, status, doing: "inserting row \(r + 1)") }
      sqlite3_reset(insert)
      if r & 4095 == 4095 {
        try control.cancellation.check()
        control.progress?(r + 1)
      }
    }
  }

  private func createTable(_ table: Table, _ quoted: String) -> String {
    let columns = table.columns.map { "\(dialect.identifier($0.name)) \(dialect.columnType($0.type))" }
    return "CREATE TABLE \(quoted) (\(columns.joined(separator: ", ")))"
  }
}

/// The cancellation token of the running statement, shared with SQLite's progress handler.
final class InterruptBox: Sendable {
  private let current = Mutex<Cancellation?>(nil)
  var token: Cancellation? {
    get { current.withLock { $0 } }
    set { current.withLock { $0 = newValue } }
  }
  var isCancelled: Bool { current.withLock { $0?.isCancelled ?? false } }
}
