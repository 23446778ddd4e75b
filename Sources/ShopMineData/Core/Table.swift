/// An immutable-by-value columnar table: the one data value of ShopMine.
///
/// Data, `describe` output, itemsets, rules, recommendations and metrics are all `Table`s, so every table
/// verb works on every result. Copies share column buffers (copy-on-write).
public struct Table: Sendable, Hashable {
  public private(set) var columns: [Column]
  public let rowCount: Int

  /// Creates a table; every column must have `rowCount` rows and names must be unique.
  public init(columns: [Column]) throws(TableError) {
    let rowCount = columns.first?.count ?? 0
    var seen = Set<String>()
    for column in columns {
      guard column.count == rowCount else {
        throw TableError.lengthMismatch(column: column.name, expected: rowCount, actual: column.count)
      }
      guard seen.insert(column.name).inserted else { throw TableError.duplicateColumn(column.name) }
    }
    self.columns = columns
    self.rowCount = rowCount
  }

  /// An empty table with no columns.
  public static let empty = Table(uncheckedColumns: [], rowCount: 0)

  /// For callers that construct columns of equal length by design (verbs' own outputs).
  public init(uncheckedColumns columns: [Column], rowCount: Int) {
    self.columns = columns
    self.rowCount = rowCount
  }

  public var columnCount: Int { columns.count }
  public var columnNames: [String] { columns.map(\.name) }

  public func column(named name: String) -> Column? {
    columns.first { $0.name == name }
  }

  public func columnIndex(named name: String) -> Int? {
    columns.firstIndex { $0.name == name }
  }

  /// The column called `name`, or an error that names the missing column and suggests the closest one.
  public func requireColumn(_ name: String) throws(TableError) -> Column {
    guard let column = column(named: name) else {
      throw TableError.unknownColumn(name, available: columnNames)
    }
    return column
  }
}

/// Why a table operation failed. Converted to a diagnostic (with a span) at the language boundary.
public struct TableError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Code: Sendable, Hashable {
    case unknownColumn
    case duplicateColumn
    case lengthMismatch
    case typeMismatch
    case invalidArgument
    case emptyTable
    case io
    case parse
    case interrupted
    /// The work would need more memory than the session's budget allows; it stopped before taking it.
    case overMemoryBudget
    /// A division (or `%`) by zero on a row with values.
    case divisionByZero
    /// Integer arithmetic beyond 64 bits.
    case overflow
    /// A database refused a query or a connection (its own message follows).
    case database
  }
  public let code: Code
  public let message: String
  /// The column the error is about, when there is one.
  public let column: String?
  /// Candidate names for a "did you mean" suggestion (for example, the table's columns).
  public let candidates: [String]
  /// 1-based line in a file, for CSV errors.
  public let line: Int?

  public init(code: Code, message: String, column: String? = nil, candidates: [String] = [], line: Int? = nil) {
    self.code = code
    self.message = message
    self.column = column
    self.candidates = candidates
    self.line = line
  }

  public var description: String { message }

  public static func unknownColumn(_ name: String, available: [String]) -> TableError {
    TableError(code: .unknownColumn, message: "unknown column '\(name)'", column: name, candidates: available)
  }
  public static func duplicateColumn(_ name: String) -> TableError {
    TableError(code: .duplicateColumn, message: "duplicate column name '\(name)'", column: name)
  }
  public static func lengthMismatch(column: String, expected: Int, actual: Int) -> TableError {
    TableError(
      code: .lengthMismatch, message: "column '\(column)' has \(actual) rows, expected \(expected)", column: column)
  }
  public static func typeMismatch(_ message: String, column: String? = nil) -> TableError {
    TableError(code: .typeMismatch, message: message, column: column)
  }
  public static func invalidArgument(_ message: String) -> TableError {
    TableError(code: .invalidArgument, message: message)
  }
  public static let interrupted = TableError(code: .interrupted, message: "interrupted")
  public static let divisionByZero = TableError(code: .divisionByZero, message: "division by zero")
  /// Integer overflow in `operation` (`'+'`, `sum of 'qty'`).
  public static func overflow(in operation: String) -> TableError {
    TableError(code: .overflow, message: "integer overflow in \(operation)")
  }
}
