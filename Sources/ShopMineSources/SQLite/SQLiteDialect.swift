import ShopMineData

/// SQLite's SQL with ShopMine's meaning.
///
/// Timestamps are stored as fixed-width text `YYYY-MM-DD HH:MM:SS.ffffff` (SQLite has no timestamp type,
/// and its date functions read this text), so they compare and sort as text. A zero divisor raises an
/// error through `shopmine_fail`, a function each connection registers. Math functions (`sqrt`, `pow`,
/// `floor`…) push down only when this SQLite was built with them.
public struct SQLiteDialect: SQLDialect {
  public let name = "SQLite"
  /// Whether SQLite's math functions are compiled in (`SQLITE_ENABLE_MATH_FUNCTIONS`).
  public var hasMath: Bool
  /// Whether this SQLite has `RIGHT JOIN` and `FULL JOIN` (3.39 and later).
  public var hasRightAndFullJoins: Bool

  public init(hasMath: Bool, hasRightAndFullJoins: Bool = true) {
    self.hasMath = hasMath
    self.hasRightAndFullJoins = hasRightAndFullJoins
  }

  public func timestamp(_ micros: Int64) -> String { "'\(Self.timestampText(micros))'" }

  public func float(_ value: Double) -> String? {
    guard value.isFinite else { return nil }
    return "\(value)"
  }

  private func failing(_ condition: String, _ message: String, else value: String) -> String {
    "(CASE WHEN \(condition) THEN shopmine_fail('\(message)') ELSE \(value) END)"
  }

  public func divide(_ a: SQLOperand, _ b: SQLOperand) -> String? {
    failing("\(b.sql) = 0 AND \(a.sql) IS NOT NULL", "division by zero", else: "CAST(\(a.sql) AS REAL) / \(b.sql)")
  }

  public func remainder(_ a: SQLOperand, _ b: SQLOperand) -> String? {
    // SQLite's `%` truncates its operands to integers and takes the dividend's sign.
    let r: String
    if a.type == .int && b.type == .int {
      r = "\(a.sql) % \(b.sql)"
    } else if hasMath {
      r = "mod(\(a.sql), \(b.sql))"
    } else {
      return nil
    }
    let floor = "(CASE WHEN \(r) <> 0 AND ((\(r)) < 0) <> (\(b.sql) < 0) THEN \(r) + \(b.sql) ELSE \(r) END)"
    return failing("\(b.sql) = 0 AND \(a.sql) IS NOT NULL", "division by zero", else: floor)
  }

  public func power(_ a: SQLOperand, _ b: SQLOperand) -> String? {
    hasMath ? "pow(\(a.sql), \(b.sql))" : nil
  }

  public func compare(_ op: String, _ a: SQLOperand, _ b: SQLOperand) -> String {
    // Text compares byte by byte (BINARY), which for UTF-8 is code-point order, as ShopMine orders.
    "(\(a.sql) \(op) \(b.sql))"
  }

  public func concatenate(_ a: SQLOperand, _ b: SQLOperand) -> String { "(\(a.sql) || \(b.sql))" }

  public func function(_ name: String, _ args: [SQLOperand], result: ColumnType) -> String? {
    let a = args.map(\.sql)
    func part(_ format: String, _ t: String) -> String { "CAST(strftime('\(format)', \(t)) AS INTEGER)" }
    switch (name, a.count) {
    case ("abs", 1): return "abs(\(a[0]))"
    case ("floor", 1), ("ceil", 1):
      if args[0].type == .int && result == .int { return a[0] }
      guard hasMath, args[0].type == .float else { return nil }
      return "\(name == "ceil" ? "ceiling" : "floor")(\(a[0]))"
    case ("sqrt", 1), ("exp", 1): return hasMath ? "\(name)(\(a[0]))" : nil
    case ("pow", 2): return hasMath ? "pow(\(a[0]), \(a[1]))" : nil
    case ("if", 3): return "(CASE WHEN \(a[0]) THEN \(a[1]) ELSE \(a[2]) END)"
    case ("coalesce", _): return a.count == 1 ? a[0] : "coalesce(\(a.joined(separator: ", ")))"
    case ("contains", 2): return "(instr(\(a[0]), \(a[1])) > 0)"
    case ("len", 1) where args[0].type == .string: return "length(\(a[0]))"
    case ("year", 1): return part("%Y", a[0])
    case ("month", 1): return part("%m", a[0])
    case ("day", 1): return part("%d", a[0])
    case ("hour", 1): return part("%H", a[0])
    case ("weekday", 1): return "((\(part("%w", a[0])) + 6) % 7)"
    case ("date", 1): return "(date(\(a[0])) || ' 00:00:00.000000')"
    case ("days_between", 2): return "CAST(julianday(date(\(a[1]))) - julianday(date(\(a[0]))) AS INTEGER)"
    case ("quarter", 1) where args[0].type == .timestamp: return "((\(part("%m", a[0])) + 2) / 3)"
    case ("dayofyear", 1) where args[0].type == .timestamp: return part("%j", a[0])
    case ("weekday_name", 1) where args[0].type == .timestamp:
      let names = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
      return "(CASE \(part("%w", a[0])) "
        + names.enumerated().map { "WHEN \($0.offset) THEN '\($0.element)'" }.joined(separator: " ") + " END)"
    case ("date_trunc", 2) where args[1].type == .timestamp:
      guard let unit = Self.stringLiteral(a[0]).flatMap(CalendarPeriod.init(rawValue:)) else { return nil }
      return truncate(a[1], to: unit)
    case ("right", 2):
      // substr(s, -n) is the whole text when n is longer, as `right` gives it.
      guard args[0].type == .string, let k = Self.wholeLiteral(args[1], atLeast: 1) else { return nil }
      return "substr(\(a[0]), -\(k))"
    case ("ends_with", 2):
      guard args[0].type == .string, let suffix = Self.stringLiteral(a[1]), !suffix.isEmpty else { return nil }
      return compare("=", SQLOperand("substr(\(a[0]), -\(suffix.unicodeScalars.count))", .string), args[1])
    case ("float", 1) where args[0].type == .int: return "CAST(\(a[0]) AS REAL)"
    default: return sharedFunction(name, args, result: result)
    }
  }

  /// The start of `unit` holding timestamp `t`, written as SQLite's timestamps are (`YYYY-MM-DD HH:MM:SS.ffffff`).
  private func truncate(_ t: String, to unit: CalendarPeriod) -> String {
    let midnight = " || ' 00:00:00.000000'"
    switch unit {
    case .hour: return "strftime('%Y-%m-%d %H:00:00.000000', \(t))"
    case .day: return "(date(\(t))\(midnight))"
    case .week:
      // Back to Monday: %w counts from Sunday = 0.
      return "(date(\(t), '-' || ((CAST(strftime('%w', \(t)) AS INTEGER) + 6) % 7) || ' days')\(midnight))"
    case .month: return "strftime('%Y-%m-01 00:00:00.000000', \(t))"
    case .quarter:
      return "(CASE WHEN \(t) IS NULL THEN NULL ELSE printf('%s-%02d-01 00:00:00.000000', strftime('%Y', \(t)), "
        + "(CAST(strftime('%m', \(t)) AS INTEGER) - 1) / 3 * 3 + 1) END)"
    case .year: return "strftime('%Y-01-01 00:00:00.000000', \(t))"
    }
  }

  public func aggregate(_ function: AggregateFunction, _ argument: SQLOperand?, level: Double?, result: ColumnType)
    -> String?
  {
    guard let x = argument?.sql else { return function == .count ? "COUNT(*)" : nil }
    switch function {
    case .count: return "COUNT(\(x))"
    case .sum: return "COALESCE(SUM(\(x)), 0)"
    case .mean: return "AVG(\(x))"
    case .min: return "MIN(\(x))"
    case .max: return "MAX(\(x))"
    case .distinct: return "COUNT(DISTINCT \(x))"
    default: return nil
    }
  }

  public func orderTerm(_ operand: SQLOperand, descending: Bool) -> String {
    "\(operand.sql) \(descending ? "DESC" : "ASC") NULLS LAST"
  }

  public func columnType(_ type: ColumnType) -> String {
    switch type {
    case .int: return "INTEGER"
    case .float: return "REAL"
    case .bool: return "BOOLEAN"
    case .string: return "TEXT"
    case .timestamp: return "TIMESTAMP"
    }
  }

  /// The ShopMine type of a declared SQLite column type (`nil`: none declared, decided by the values).
  public static func type(declared: String) -> ColumnType? {
    let t = declared.uppercased()
    if t.isEmpty { return nil }
    if t.contains("BOOL") { return .bool }
    if t.contains("TIMESTAMP") || t.contains("DATETIME") || t == "DATE" { return .timestamp }
    if t.contains("INT") { return .int }
    if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") { return .string }
    if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") || t.contains("NUMERIC")
      || t.contains("DECIMAL")
    {
      return .float
    }
    return nil
  }
}
