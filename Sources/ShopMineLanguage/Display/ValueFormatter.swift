import ShopMineData

/// Formats scalar values as users read them, the same way everywhere (displays, `print`, errors).
public enum ValueFormatter {
  /// A value as a display shows it: strings in double quotes, `missing` spelled out.
  public static func plain(_ value: Value) -> String {
    if case .string(let s) = value { return quoted(s) }
    return text(value)
  }

  /// A value as `print` writes it: strings without quotes.
  public static func text(_ value: Value) -> String {
    switch value {
    case .missing: return "missing"
    case .int(let i): return String(i)
    case .float(let d): return number(d)
    case .bool(let b): return b ? "true" : "false"
    case .string(let s): return s
    case .timestamp(let t): return timestamp(t)
    }
  }

  /// Shortest round-trip digits, with `inf`/`-inf`/`nan` spelled as ShopMine reads them.
  public static func number(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d > 0 ? "inf" : "-inf" }
    return "\(d)"
  }

  static func quoted(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.unicodeScalars.append(c)
      }
    }
    return out + "\""
  }

  /// ISO-8601 in UTC: `2024-03-01` at midnight, else `2024-03-01T12:30:00Z` (fractions when present).
  public static func timestamp(_ micros: Int64) -> String {
    let perDay: Int64 = 86_400_000_000
    var days = micros / perDay
    var rest = micros % perDay
    if rest < 0 {
      rest += perDay
      days -= 1
    }
    let (y, m, d) = civil(fromDays: days)
    let date = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    if rest == 0 { return date }
    let seconds = rest / 1_000_000
    let fraction = rest % 1_000_000
    var time = "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
    if fraction != 0 {
      var f = pad(fraction, 6)
      while f.hasSuffix("0") { f.removeLast() }
      time += "." + f
    }
    return "\(date)T\(time)Z"
  }

  /// Howard Hinnant's days-from-civil inverse: proleptic Gregorian date of a day count since 1970.
  static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }

  static func pad(_ v: Int64, _ width: Int) -> String {
    let s = String(abs(v))
    let padded = String(repeating: "0", count: max(0, width - s.count)) + s
    return v < 0 ? "-" + padded : padded
  }
}
