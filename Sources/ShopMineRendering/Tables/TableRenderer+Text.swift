import ShopMineData

extension TableRenderer {
  /// The `text/plain` layout: a row-number column, then each column padded to its widest shown cell
  /// (numbers right-aligned, text left-aligned), two spaces apart; CJK counts as two cells.
  ///
  /// ```
  ///    id  city      spend
  /// 0   1  Shanghai  512.25
  /// …   …  …              …
  /// 9  10  Beijing    10.50
  ///
  /// 10 rows × 3 columns
  /// ```
  public static func plainText(_ table: Table, options: TableOptions = .default) -> String {
    let f = formatWindow(table, options: options)
    let footer = shapeFooter(rows: table.rowCount, columns: table.columnCount)
    var lines: [String] = []
    if let title = options.title { lines.append(title) }
    guard table.columnCount > 0 else {
      lines.append("(empty table) " + footer)
      return lines.joined(separator: "\n")
    }
    // Build each shown column as a vertical list: header, then one cell per shown row (gap included).
    var indexColumn = [""] + f.window.rows.map(String.init)
    if let gap = f.window.rowGap { indexColumn.insert("…", at: gap + 1) }
    var columns: [(cells: [String], right: Bool)] = [(indexColumn, true)]
    for (c, header) in f.headers.enumerated() {
      var cells = [DisplayWidth.truncate(header, to: options.maxCellWidth)]
      cells += f.cells[c].map { DisplayWidth.truncate($0, to: options.maxCellWidth) }
      if let gap = f.window.rowGap { cells.insert("…", at: gap + 1) }
      columns.append((cells, f.rightAligned[c]))
    }
    if let gap = f.window.columnGap {
      columns.insert((Array(repeating: "…", count: indexColumn.count), false), at: gap + 1)
    }
    let widths = columns.map { column in column.cells.map(DisplayWidth.of).max() ?? 0 }
    for r in 0..<indexColumn.count {
      var parts: [String] = []
      for (c, column) in columns.enumerated() {
        parts.append(DisplayWidth.pad(column.cells[r], to: widths[c], rightAlign: column.right))
      }
      // Left-aligned last columns pad with spaces; trailing blanks help nobody.
      var line = parts.joined(separator: "  ")
      while line.last == " " { line.removeLast() }
      lines.append(line)
    }
    lines.append("")
    lines.append(footer)
    return lines.joined(separator: "\n")
  }
}
