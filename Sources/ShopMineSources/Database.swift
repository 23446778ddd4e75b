import ShopMineData

/// A column as a database describes it: its name, the ShopMine type it reads as, and the database's own
/// type name.
public struct DatabaseColumn: Sendable, Hashable {
  public var name: String
  public var type: ColumnType
  public var databaseType: String

  public init(name: String, type: ColumnType, databaseType: String) {
    self.name = name
    self.type = type
    self.databaseType = databaseType
  }
}

/// How `save … to table NAME in DB mode …` treats an existing table.
public enum WriteMode: String, Sendable, CaseIterable {
  /// The table must not exist yet.
  case create
  /// An existing table is dropped and written anew (in the same transaction).
  case replace
  /// Rows are added to an existing table (created if missing) whose columns match by name.
  case append
}

/// Limits and feedback for fetching a result into memory.
public struct FetchControl: Sendable {
  public var cancellation: Cancellation
  /// Stop with ``TableError/Code/overMemoryBudget`` past this many bytes of fetched values.
  public var byteBudget: Int
  /// Called every few thousand rows with the rows fetched so far.
  public var progress: (@Sendable (Int) -> Void)?

  public init(cancellation: Cancellation = .none, byteBudget: Int = .max, progress: (@Sendable (Int) -> Void)? = nil) {
    self.cancellation = cancellation
    self.byteBudget = byteBudget
    self.progress = progress
  }

  /// Called after each row read: every 4,096 rows, polls the interrupt, reports progress and stops past
  /// the byte budget.
  @inline(__always)
  public func checkpoint(rows: Int, bytes: Int) throws(TableError) {
    guard rows & 4095 == 0 else { return }
    try cancellation.check()
    progress?(rows)
    if bytes > byteBudget {
      throw TableError(
        code: .overMemoryBudget, message: "the result is over the memory budget after \(CountText.grouped(rows)) rows")
    }
  }
}

/// A database ShopMine can push pipelines into: the seam every engine implements (SQLite, PostgreSQL;
/// a Spark cluster next), sharing ``SQLQuery`` and its compiler through its ``SQLDialect``.
public protocol Database: AnyObject, Sendable {
  var dialect: any SQLDialect { get }
  /// The connection as `vars` shows it: the URL without a password.
  var displayURL: String { get }
  /// Runs `sql` and reads its rows; a column in `types` reads as that type (the type ShopMine computed
  /// for the step), others as their values say.
  func fetch(_ sql: String, types: [ColumnType?]?, control: FetchControl) throws(TableError) -> Table
  /// The columns of a table, by name (as `db.NAME` and `schema` show them).
  func columns(ofTable name: String) throws(TableError) -> [DatabaseColumn]
  /// The path that names table `name` in SQL: `[name]`, or `[schema, table]` where the database has
  /// schemas and `name` is `SCHEMA.TABLE` (`db.sales.orders`) rather than a table of that name.
  func tablePath(_ name: String) throws(TableError) -> [String]
  /// The columns a `SELECT` gives, without fetching its rows where the database can tell.
  func columns(ofQuery sql: String, control: FetchControl) throws(TableError) -> [DatabaseColumn]
  /// The tables and views: name, rows (an estimate where the database keeps one), columns.
  func tables() throws(TableError) -> Table
  /// The database's plan for `sql`, as text.
  func plan(_ sql: String) throws(TableError) -> String
  /// Writes `table` as `name` in one transaction; a failure or an interrupt leaves the database as it was.
  func write(_ table: Table, to name: String, mode: WriteMode, control: FetchControl) throws(TableError)
  /// Closes the connection; later use is an error.
  func close()
}

extension Database {
  public func tablePath(_ name: String) throws(TableError) -> [String] { [name] }
}

extension TableError {
  /// An error the database reported, naming the database.
  public static func database(_ message: String, column: String? = nil) -> TableError {
    TableError(code: .database, message: message, column: column)
  }
}
