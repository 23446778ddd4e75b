import JupyterProtocol
import ShopMineData
import ShopMineRendering

/// A value other modules add to the language: a fitted model, a chart, a recommendation list.
///
/// Conform a model's wrapper to this to make it bindable, displayable and inspectable.
public protocol LanguageObject: Sendable {
  /// The kind shown by `vars` and inspect (`kmeans model`, `chart`).
  var kind: String { get }
  /// A short shape description for `vars` (`3 clusters, 5 features`).
  var shape: String { get }
  /// The rich display of the value.
  func bundle(_ options: DisplayOptions) -> MIMEBundle
}

/// Display settings from the session (`set rows 20`, `set precision 3`, `set width 80`).
public struct DisplayOptions: Sendable, Hashable {
  /// Rows shown for a table before it is truncated.
  public var rows: Int
  /// Digits after the decimal point for floats in tables.
  public var precision: Int
  /// Characters a table cell shows before it is cut with `…`.
  public var width: Int
  public init(rows: Int = 10, precision: Int = 4, width: Int = TableOptions.default.maxCellWidth) {
    self.rows = rows
    self.precision = precision
    self.width = width
  }

  /// The table options these settings mean — the one place a display setting reaches the renderer.
  /// `rows` overrides the session's row limit (a summary that always shows its whole table).
  public func tableOptions(title: String? = nil, rows: Int? = nil) -> TableOptions {
    TableOptions(displayRows: rows ?? self.rows, precision: precision, title: title, maxCellWidth: width)
  }
}

/// A value of the language.
public enum RuntimeValue: Sendable {
  case scalar(Value)
  case table(Table)
  case list([RuntimeValue])
  /// `1..10`, inclusive on both ends.
  case range(Int64, Int64)
  /// Several results of one command (`train, test = split …`).
  case tuple([RuntimeValue])
  case object(any LanguageObject)
  /// A pre-rendered display (help text, a chart already drawn).
  case display(MIMEBundle)
  /// The result of a command that only has effects (`print`, `del`); displays nothing.
  case nothing

  /// The kind as `vars`, inspect and error messages name it.
  public var kind: String {
    switch self {
    case .scalar(let v):
      switch v {
      case .missing: return "missing"
      case .int: return "integer"
      case .float: return "number"
      case .bool: return "boolean"
      case .string: return "string"
      case .timestamp: return "timestamp"
      }
    case .table: return "table"
    case .list: return "list"
    case .range: return "range"
    case .tuple(let t): return "\(t.count) values"
    case .object(let o): return o.kind
    case .display: return "display"
    case .nothing: return "nothing"
    }
  }

  /// A short shape (`100 rows × 12 columns`).
  public var shape: String {
    switch self {
    case .table(let t): return "\(t.rowCount) rows × \(t.columnCount) columns"
    case .list(let l): return "\(l.count) items"
    case .range(let a, let b): return "\(a)..\(b)"
    case .tuple(let t): return "\(t.count) values"
    case .object(let o): return o.shape
    case .scalar(let v): return ValueFormatter.plain(v)
    case .display, .nothing: return ""
    }
  }

  /// The single value it stands for: a value, or the cell of a table with one row and one column (a total
  /// computed by `group aggregate`, used as a number in later cells).
  var singleValue: Value? {
    switch self {
    case .scalar(let v): return v
    case .table(let t) where t.rowCount == 1 && t.columnCount == 1: return t.columns[0][0]
    default: return nil
    }
  }

  /// The values of a list or range, in order (ranges expand).
  var elements: [RuntimeValue]? {
    switch self {
    case .list(let l): return l
    case .range(let a, let b):
      let width = b.subtractingReportingOverflow(a)
      guard a <= b, !width.overflow, width.partialValue < 10_000_000 else { return a > b ? [] : nil }
      return (a...b).map { .scalar(.int($0)) }
    default: return nil
    }
  }

  /// Rough bytes held, for `vars` (column buffers only).
  var memoryBytes: Int {
    guard case .table(let t) = self else { return 0 }
    var bytes = 0
    for c in t.columns {
      switch c.storage {
      case .int(let a): bytes += a.count * 8
      case .float(let a): bytes += a.count * 8
      case .bool(let a): bytes += a.count
      case .timestamp(let a): bytes += a.count * 8
      case .string(let codes, let dictionary):
        bytes += codes.count * 4 + dictionary.reduce(0) { $0 + $1.utf8.count + 16 }
      }
      if let v = c.validity { bytes += v.words.count * 8 }
    }
    return bytes
  }
}
