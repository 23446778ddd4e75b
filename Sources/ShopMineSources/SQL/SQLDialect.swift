import ShopMineData

/// A piece of SQL and the ShopMine type of what it yields (`nil`: a missing literal, of no type yet).
public struct SQLOperand: Sendable, Hashable {
  public var sql: String
  public var type: ColumnType?

  public init(_ sql: String, _ type: ColumnType?) {
    self.sql = sql
    self.type = type
  }
}

/// How one database writes what ShopMine means: quoting, literals, and the operators and functions it
/// can compute with exactly ShopMine's result (types, missing values, rounding, errors).
///
/// The SQL compiler (``SQLCompiler``) is shared by every database; a dialect answers `nil` for anything it
/// cannot do with the same result, and the step that needs it then runs in memory. A new engine (a Spark
/// cluster) is one more dialect and one more ``Database``.
public protocol SQLDialect: Sendable {
  /// The database's name as messages and `explain` show it (`SQLite`, `PostgreSQL`).
  var name: String { get }
  /// A string literal, or `nil` when the text cannot be written (a NUL character).
  func string(_ text: String) -> String?
  /// A timestamp literal (microseconds since the epoch, UTC).
  func timestamp(_ micros: Int64) -> String
  /// A float literal, or `nil` for values the database has no literal for (NaN, infinities).
  func float(_ value: Double) -> String?
  /// A boolean literal.
  func bool(_ value: Bool) -> String
  /// ShopMine's `a + b`, `a - b` or `a * b` (`symbol`) of numbers, of type `result` (Int64 arithmetic
  /// that overflows is an error).
  func arithmetic(_ symbol: String, _ a: SQLOperand, _ b: SQLOperand, result: ColumnType) -> String
  /// ShopMine's `a / b` (a float; a zero divisor is an error), both numeric.
  func divide(_ a: SQLOperand, _ b: SQLOperand) -> String?
  /// ShopMine's `a % b` (the divisor's sign; a zero divisor is an error), or `nil`.
  func remainder(_ a: SQLOperand, _ b: SQLOperand) -> String?
  /// ShopMine's `a ^ b` (a float), or `nil`.
  func power(_ a: SQLOperand, _ b: SQLOperand) -> String?
  /// A comparison with ShopMine's order (strings by Unicode code point).
  func compare(_ op: String, _ a: SQLOperand, _ b: SQLOperand) -> String
  /// String `+` string.
  func concatenate(_ a: SQLOperand, _ b: SQLOperand) -> String
  /// A scalar function of ShopMine's function table with its exact meaning here, or `nil`.
  func function(_ name: String, _ args: [SQLOperand], result: ColumnType) -> String?
  /// An aggregate with ShopMine's meaning (`sum` of no values is 0, `std` is the sample deviation), or `nil`.
  /// `level` is `quantile`'s second argument.
  func aggregate(_ function: AggregateFunction, _ argument: SQLOperand?, level: Double?, result: ColumnType) -> String?
  /// One `ORDER BY` term: missing values last in both directions, strings by code point.
  func orderTerm(_ operand: SQLOperand, descending: Bool) -> String
  /// The column type `CREATE TABLE` writes for a ShopMine type.
  func columnType(_ type: ColumnType) -> String
  /// `a = b` for join keys, where two missing keys do not match (as in ShopMine's join).
  func joinEquality(_ a: String, _ b: String) -> String
  /// Whether `RIGHT JOIN` and `FULL JOIN` exist (SQLite before 3.39 has neither).
  var hasRightAndFullJoins: Bool { get }
}

extension SQLDialect {
  /// A quoted identifier: every name is quoted, so `x"; drop table users; --` is only a name.
  public func identifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A literal for `value` of type `type`, or `nil` when the database cannot write it.
  public func literal(_ value: Value) -> String? {
    switch value {
    case .missing: return "NULL"
    case .int(let i): return i == .min ? "(-9223372036854775807 - 1)" : String(i)
    case .float(let d): return float(d)
    case .bool(let b): return bool(b)
    case .string(let s): return string(s)
    case .timestamp(let t): return timestamp(t)
    }
  }

  public func string(_ text: String) -> String? {
    guard !text.unicodeScalars.contains("\0") else { return nil }
    return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
  }

  public func bool(_ value: Bool) -> String { value ? "TRUE" : "FALSE" }

  public func joinEquality(_ a: String, _ b: String) -> String { "\(a) = \(b)" }

  public var hasRightAndFullJoins: Bool { true }

  public func arithmetic(_ symbol: String, _ a: SQLOperand, _ b: SQLOperand, result: ColumnType) -> String {
    "(\(a.sql) \(symbol) \(b.sql))"
  }

  /// `YYYY-MM-DD HH:MM:SS.ffffff`: fixed width, so that the text sorts as the time does.
  public static func timestampText(_ micros: Int64) -> String {
    let f = Timestamp.fields(micros)
    func pad(_ v: Int, _ width: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(f.year, 4))-\(pad(f.month, 2))-\(pad(f.day, 2)) \(pad(f.hour, 2)):\(pad(f.minute, 2)):"
      + "\(pad(f.second, 2)).\(pad(f.microsecond, 6))"
  }
}
