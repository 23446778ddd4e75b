import JupyterProtocol
import ShopMineData
import ShopMineRendering

/// The display of a table. Uses the rendering module's renderer when present; this text form is the
/// fallback the language always has.
enum TableDisplay {
  static func bundle(_ table: Table, _ options: DisplayOptions) -> MIMEBundle {
    TableRenderer.bundle(table, options: options.tableOptions())
  }

  /// An aligned text table: the first `rows` rows, then `…` and a `N rows × M columns` footer.
  static func text(_ table: Table, _ options: DisplayOptions) -> String {
    let shown = min(table.rowCount, max(0, options.rows))
    var cells: [[String]] = [table.columnNames]
    for row in 0..<shown {
      cells.append(table.columns.map { cell($0[row], options) })
    }
    var widths = [Int](repeating: 0, count: table.columnCount)
    for line in cells {
      for (i, c) in line.enumerated() { widths[i] = max(widths[i], c.count) }
    }
    var lines: [String] = []
    for (r, line) in cells.enumerated() {
      var parts: [String] = []
      for (i, c) in line.enumerated() {
        let numeric = r > 0 && table.columns[i].type.isNumeric
        let padding = String(repeating: " ", count: widths[i] - c.count)
        parts.append(numeric ? padding + c : c + padding)
      }
      var joined = parts.joined(separator: "  ")
      while joined.hasSuffix(" ") { joined.removeLast() }
      lines.append(joined)
    }
    if shown < table.rowCount { lines.append("…") }
    lines.append("\(table.rowCount) rows × \(table.columnCount) columns")
    return lines.joined(separator: "\n")
  }

  static func cell(_ v: Value, _ options: DisplayOptions) -> String {
    switch v {
    case .float(let d) where d.isFinite:
      return formatFixed(d, digits: options.precision)
    case .string(let s): return s
    default: return ValueFormatter.text(v)
    }
  }

  /// `d` with at most `digits` decimals, trailing zeros trimmed (pandas-like without the padding).
  static func formatFixed(_ d: Double, digits: Int) -> String {
    let digits = max(0, min(digits, 15))
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let r = (d * scale).rounded() / scale
    guard r.isFinite, abs(r) < 1e15 else { return ValueFormatter.number(d) }
    var s = "\(r)"
    if s.contains("e") { return s }
    if s.hasSuffix(".0") { s.removeLast(2) }
    return s
  }
}
