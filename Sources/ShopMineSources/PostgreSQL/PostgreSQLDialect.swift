import Foundation
import ShopMineData

/// PostgreSQL's SQL with ShopMine's meaning.
///
/// Connections run with `TimeZone = UTC` and `standard_conforming_strings = on` (set at startup), so
/// `timestamptz` reads as UTC and `'…'` literals need only doubled quotes. Arithmetic runs in `bigint`
/// and `double precision` whatever the columns' own widths (an `integer` column times another would
/// overflow at 2³¹ where ShopMine's Int64 does not); PostgreSQL raises `division by zero` and
/// `bigint out of range` where ShopMine does, and the database maps them back to ShopMine's errors.
/// Strings compare and sort with `COLLATE "C"`: by code point in a UTF-8 database, as ShopMine orders.
///
/// Not pushed (they run in memory instead): `log`, `exp` (PostgreSQL raises errors where ShopMine gives
/// infinities or missing values), `%` of floats by anything but a whole literal up to 2²⁰ (C's `fmod`
/// is exact; see ``fmod(_:_:)``), `lower`/`upper` (ShopMine's are Unicode-aware; PostgreSQL's depend on the
/// collation), `str`, scalar `min`/`max`, and `first`/`last`.
public struct PostgreSQLDialect: SQLDialect {
  public let name = "PostgreSQL"

  public init() {}

  public func timestamp(_ micros: Int64) -> String { "TIMESTAMP '\(Self.timestampText(micros))'" }

  public func float(_ value: Double) -> String? {
    // A bare `1.5` is `numeric` in PostgreSQL, exact decimal arithmetic; ShopMine's floats are doubles.
    guard value.isFinite else { return nil }
    return "CAST(\(value) AS double precision)"
  }

  private func asFloat(_ x: SQLOperand) -> String {
    x.type == .float && x.sql.hasPrefix("CAST(") ? x.sql : "CAST(\(x.sql) AS double precision)"
  }

  public func arithmetic(_ symbol: String, _ a: SQLOperand, _ b: SQLOperand, result: ColumnType) -> String {
    // One side widened is enough: PostgreSQL then picks the bigint (or double) operator.
    switch result {
    case .int: return "(CAST(\(a.sql) AS bigint) \(symbol) \(b.sql))"
    case .float: return "(\(asFloat(a)) \(symbol) \(b.sql))"
    default: return "(\(a.sql) \(symbol) \(b.sql))"
    }
  }

  public func divide(_ a: SQLOperand, _ b: SQLOperand) -> String? {
    // float8 / float8 raises `division by zero` for a zero divisor and is NULL when either side is.
    "(\(asFloat(a)) / \(asFloat(b)))"
  }

  public func remainder(_ a: SQLOperand, _ b: SQLOperand) -> String? {
    // PostgreSQL's `%` takes the dividend's sign and raises `division by zero`; moving a remainder of the
    // other sign by the divisor gives Python's floor modulo without overflow.
    func floorMod(_ r: String, _ divisor: String) -> String {
      "(CASE WHEN \(r) <> 0 AND (\(r) < 0) <> (\(divisor) < 0) THEN \(r) + \(divisor) ELSE \(r) END)"
    }
    if a.type == .int, b.type == .int { return floorMod("(CAST(\(a.sql) AS bigint) % \(b.sql))", b.sql) }
    guard a.type == .float, let y = Int64(b.sql), y != 0, y.magnitude <= 1 << 20 else { return nil }
    return floorMod(fmod(asFloat(a), y), "CAST(\(y) AS double precision)")
  }

  /// C's `fmod(x, y)`, exactly, for a whole divisor `0 < |y| ≤ 2²⁰` (ShopMine's float `%` is fmod, then the
  /// floor adjustment). For |x| < 2⁵², `q = trunc(x / y)` is the true quotient or off by one, `q · y` is a
  /// whole number below 2⁵³ (exact), and `x − q · y` is exact too (the operands are within a factor of two,
  /// or the result is x): one correction by |y| then gives fmod's result, which is representable. From 2⁵²
  /// up x is whole and its bigint remainder is exact; beyond 2⁶³ the cast raises `bigint out of range`
  /// (an overflow error where memory gives a value — the one difference, for floats beyond 9.2·10¹⁸).
  private func fmod(_ x: String, _ y: Int64) -> String {
    let r0 = "(\(x) - trunc(\(x) / \(y)) * \(y))"
    let a = "CAST(\(y.magnitude) AS double precision)"
    let exact =
      "(CASE WHEN \(r0) <> 0 AND (\(r0) < 0) <> (\(x) < 0) THEN \(r0) + sign(\(x)) * \(a) "
      + "WHEN abs(\(r0)) >= \(a) THEN \(r0) - sign(\(x)) * \(a) ELSE \(r0) END)"
    return "(CASE WHEN abs(\(x)) < 4503599627370496 THEN \(exact) "
      + "ELSE CAST(CAST(\(x) AS bigint) % \(y) AS double precision) END)"
  }

  public func power(_ a: SQLOperand, _ b: SQLOperand) -> String? {
    // C's pow gives NaN (missing) for a negative base and a fractional exponent and +∞ for 0 to a negative
    // power, where PostgreSQL's power() raises errors; those cases are written out. A result beyond the
    // doubles is still an error here (∞ in memory).
    let x = asFloat(a)
    let y = asFloat(b)
    return "(CASE WHEN \(x) < 0 AND \(y) <> floor(\(y)) THEN NULL WHEN \(x) = 0 AND \(y) < 0 "
      + "THEN CAST('Infinity' AS double precision) ELSE power(\(x), \(y)) END)"
  }

  public func compare(_ op: String, _ a: SQLOperand, _ b: SQLOperand) -> String {
    a.type == .string ? "(\(a.sql) COLLATE \"C\" \(op) \(b.sql))" : "(\(a.sql) \(op) \(b.sql))"
  }

  public func concatenate(_ a: SQLOperand, _ b: SQLOperand) -> String { "(\(a.sql) || \(b.sql))" }

  public func function(_ name: String, _ args: [SQLOperand], result: ColumnType) -> String? {
    let a = args.map(\.sql)
    func field(_ part: String) -> String { "CAST(EXTRACT(\(part) FROM \(a[0])) AS bigint)" }
    switch (name, a.count) {
    case ("abs", 1): return "abs(\(a[0]))"
    case ("round", _):
      return round(args, result: result)
    case ("floor", 1), ("ceil", 1):
      if args[0].type == .int && result == .int { return a[0] }
      guard args[0].type == .float else { return nil }
      return "\(name)(\(asFloat(args[0])))"
    case ("sqrt", 1):
      // ShopMine's square root of a negative number is NaN, a missing value; PostgreSQL's is an error.
      guard args[0].type == .float || args[0].type == .int else { return nil }
      return "(CASE WHEN \(a[0]) < 0 THEN NULL ELSE sqrt(\(asFloat(args[0]))) END)"
    case ("pow", 2): return power(args[0], args[1])
    case ("contains", 2) where args[0].type == .string && args[1].type == .string:
      // strpos compares code points; Swift compares characters, which differs only around combining marks.
      return "(strpos(\(a[0]), \(a[1])) > 0)"
    case ("if", 3): return "(CASE WHEN \(a[0]) THEN \(a[1]) ELSE \(a[2]) END)"
    case ("coalesce", _): return a.count == 1 ? a[0] : "coalesce(\(a.joined(separator: ", ")))"
    case ("len", 1) where args[0].type == .string:
      // length() counts code points in a UTF-8 database, as ShopMine's `len` counts Unicode scalars.
      return "CAST(length(\(a[0])) AS bigint)"
    case ("year", 1) where args[0].type == .timestamp: return field("YEAR")
    case ("month", 1) where args[0].type == .timestamp: return field("MONTH")
    case ("day", 1) where args[0].type == .timestamp: return field("DAY")
    case ("hour", 1) where args[0].type == .timestamp: return field("HOUR")
    case ("weekday", 1) where args[0].type == .timestamp: return "(\(field("ISODOW")) - 1)"
    case ("date", 1) where args[0].type == .timestamp: return "date_trunc('day', \(a[0]))"
    case ("date", 1) where args[0].type == .string:
      // `date("2024-01-01")`: read here by ShopMine's own parser, so the literal means what it means in memory.
      guard let text = Self.stringLiteral(a[0]), let t = Timestamp.parse(text) else { return nil }
      return timestamp(Timestamp.date(t))
    case ("days_between", 2) where args[0].type == .timestamp && args[1].type == .timestamp:
      return "CAST(CAST(\(a[1]) AS date) - CAST(\(a[0]) AS date) AS bigint)"
    case ("quarter", 1) where args[0].type == .timestamp: return field("QUARTER")
    // EXTRACT(WEEK) is the ISO 8601 week, as `week` is.
    case ("week", 1) where args[0].type == .timestamp: return field("WEEK")
    case ("dayofyear", 1) where args[0].type == .timestamp: return field("DOY")
    // `Day` is spelled in English whatever lc_time says (only the `TM` prefix would translate it).
    case ("weekday_name", 1) where args[0].type == .timestamp: return "to_char(\(a[0]), 'FMDay')"
    case ("date_trunc", 2) where args[1].type == .timestamp:
      // Weeks start on Monday in PostgreSQL as in ShopMine.
      guard let unit = Self.stringLiteral(a[0]), CalendarPeriod(rawValue: unit) != nil else { return nil }
      return "date_trunc('\(unit)', \(a[1]))"
    case ("right", 2):
      guard args[0].type == .string, let k = Self.wholeLiteral(args[1], atLeast: 1) else { return nil }
      return "right(\(a[0]), \(k))"
    case ("ends_with", 2):
      guard args[0].type == .string, let suffix = Self.stringLiteral(a[1]), !suffix.isEmpty else { return nil }
      return compare("=", SQLOperand("right(\(a[0]), \(suffix.unicodeScalars.count))", .string), args[1])
    case ("float", 1) where args[0].type == .int: return "CAST(\(a[0]) AS double precision)"
    default: return sharedFunction(name, args, result: result)
    }
  }

  /// ShopMine's `round(x, d)`: `x · 10^d` rounded half to even, divided by `10^d`, in doubles. PostgreSQL's
  /// `round(double precision)` is `rint()`, half to even under the default rounding mode, and the scale is
  /// written as the exact double ShopMine multiplies by, so every step is the same IEEE operation.
  private func round(_ args: [SQLOperand], result: ColumnType) -> String? {
    var digits: Int64 = 0
    if args.count == 2 {
      guard let d = Int64(args[1].sql), (-15...15).contains(d) else { return nil }
      digits = d
    }
    guard args.count == 1 || args.count == 2 else { return nil }
    let x = args[0]
    if x.type == .int && digits >= 0 { return x.sql }
    guard x.type == .float || x.type == .int, result == .float else { return nil }
    if digits == 0 { return "round(\(asFloat(x)))" }
    guard let scale = float(pow10(Int(digits))) else { return nil }
    return "(round(\(asFloat(x)) * \(scale)) / \(scale))"
  }

  /// The scale ShopMine's `round` computes, by the same call; its literal reads back as the same double.
  private func pow10(_ d: Int) -> Double { pow(10.0, Double(d)) }

  public func aggregate(_ function: AggregateFunction, _ argument: SQLOperand?, level: Double?, result: ColumnType)
    -> String?
  {
    guard let argument else { return function == .count ? "COUNT(*)" : nil }
    let x = argument.sql
    let numeric = argument.type == .int || argument.type == .float
    switch function {
    case .count: return "COUNT(\(x))"
    case .distinct: return "COUNT(DISTINCT \(x))"
    case .sum where argument.type == .int && result == .int:
      // SUM(bigint) is numeric, which never overflows: the cast raises `bigint out of range` where
      // ShopMine's Int64 sum overflows.
      return "CAST(COALESCE(SUM(\(x)), 0) AS bigint)"
    case .sum where numeric: return "COALESCE(SUM(\(asFloat(argument))), 0)"
    case .mean where numeric: return "AVG(\(asFloat(argument)))"
    case .min, .max:
      guard numeric || argument.type == .string || argument.type == .timestamp else { return nil }
      let collated = argument.type == .string ? "\(x) COLLATE \"C\"" : x
      return "\(function == .min ? "MIN" : "MAX")(\(collated))"
    case .std where numeric: return "stddev_samp(\(asFloat(argument)))"
    case .var where numeric: return "var_samp(\(asFloat(argument)))"
    case .median where numeric: return "percentile_cont(0.5) WITHIN GROUP (ORDER BY \(asFloat(argument)))"
    case .quantile where numeric:
      guard let level, (0...1).contains(level), let q = float(level) else { return nil }
      return "percentile_cont(\(q)) WITHIN GROUP (ORDER BY \(asFloat(argument)))"
    default: return nil
    }
  }

  public func orderTerm(_ operand: SQLOperand, descending: Bool) -> String {
    let x = operand.type == .string ? "\(operand.sql) COLLATE \"C\"" : operand.sql
    return "\(x) \(descending ? "DESC" : "ASC") NULLS LAST"
  }

  public func columnType(_ type: ColumnType) -> String {
    switch type {
    case .int: return "bigint"
    case .float: return "double precision"
    case .bool: return "boolean"
    case .string: return "text"
    case .timestamp: return "timestamp"
    }
  }

  /// The ShopMine type of a PostgreSQL type (by its `pg_type.typname`), or `nil` for one ShopMine does
  /// not read.
  public static func type(named typname: String) -> ColumnType? {
    switch typname {
    case "int2", "int4", "int8": return .int
    case "float4", "float8", "numeric": return .float
    case "bool": return .bool
    case "text", "varchar", "bpchar", "name", "char", "unknown": return .string
    case "timestamp", "timestamptz", "date": return .timestamp
    default: return nil
    }
  }
}
