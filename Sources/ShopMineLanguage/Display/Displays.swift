import JupyterProtocol
import ShopMineData

/// Turns language values into MIME bundles for `display_data` and `execute_result`.
enum Displays {
  static func bundle(_ value: RuntimeValue, _ options: DisplayOptions) -> MIMEBundle {
    switch value {
    case .scalar(let v): return .plain(ValueFormatter.plain(v))
    case .table(let t): return TableDisplay.bundle(t, options)
    case .list, .range: return .plain(plain(value))
    case .tuple(let parts):
      return .plain(parts.map { plain($0) }.joined(separator: "\n\n"))
    case .object(let o): return o.bundle(options)
    case .display(let b): return b
    case .nothing: return .plain("")
    }
  }

  /// A short text form (lists, ranges, nested values).
  static func plain(_ value: RuntimeValue) -> String {
    switch value {
    case .scalar(let v): return ValueFormatter.plain(v)
    case .list(let items): return "[" + items.map { plain($0) }.joined(separator: ", ") + "]"
    case .range(let a, let b): return "\(a)..\(b)"
    case .table(let t): return "<table: \(t.rowCount) rows × \(t.columnCount) columns>"
    case .tuple(let parts): return parts.map { plain($0) }.joined(separator: ", ")
    case .object(let o): return "<\(o.kind): \(o.shape)>"
    case .display(let b): return b.plainText ?? ""
    case .nothing: return ""
    }
  }
}
