/// A single cell or scalar: what a row expression yields for one row, what `count(users)` returns.
public enum Value: Sendable, Hashable {
  case missing
  case int(Int64)
  case float(Double)
  case bool(Bool)
  case string(String)
  /// Microseconds since 1970-01-01T00:00:00Z.
  case timestamp(Int64)
}

extension Value {
  /// The number of an integer value (`nil` for any other).
  public var integerValue: Int64? {
    if case .int(let i) = self { return i }
    return nil
  }

  /// The numeric value as a double (ints, floats, bools as 0/1, timestamps as microseconds).
  public var doubleValue: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .float(let d): return d
    case .bool(let b): return b ? 1 : 0
    case .timestamp(let t): return Double(t)
    case .missing, .string: return nil
    }
  }

  public var isMissing: Bool {
    if case .missing = self { return true }
    return false
  }

  /// The type this value would have in a column, or `nil` for `missing`.
  public var columnType: ColumnType? {
    switch self {
    case .missing: return nil
    case .int: return .int
    case .float: return .float
    case .bool: return .bool
    case .string: return .string
    case .timestamp: return .timestamp
    }
  }

  /// `text` as a ShopMine string literal: double quotes, with `"`, `\`, newline, tab and carriage return
  /// escaped (what the lexer reads back to `text`). Displays, errors and injected notebook parameters
  /// all write strings this way.
  public static func stringLiteral(_ text: String) -> String {
    var out = "\""
    for c in text.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default: out.unicodeScalars.append(c)
      }
    }
    return out + "\""
  }
}
