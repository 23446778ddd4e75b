import RichOutput
import ShopMineData

extension TableRenderer {
  /// The `text/html` layout: a plain `<table border="1">` that reads well without any CSS (GitHub and
  /// nbviewer strip styles), numbers `align="right"`, every string HTML-escaped, no scripts.
  ///
  /// The `dataframe` class lets JupyterLab's built-in pandas styling apply where CSS is available.
  public static func html(_ table: Table, options: TableOptions = .default) -> String {
    let f = formatWindow(table, options: options)
    let footer = shapeFooter(rows: table.rowCount, columns: table.columnCount)
    var out = "<div>\n<table border=\"1\" class=\"dataframe\" cellpadding=\"4\" cellspacing=\"0\">\n"
    if let title = options.title { out += "<caption>\(Escaping.html(title))</caption>\n" }
    func cell(_ tag: String, _ text: String, right: Bool) -> String {
      let shown = Escaping.html(DisplayWidth.truncate(text, to: options.maxCellWidth))
      return "<\(tag)\(right ? " align=\"right\"" : " align=\"left\"")>\(shown)</\(tag)>"
    }
    // The `…` column sits between the two halves, before shown column `gap`.
    func row(_ leading: String, _ items: [String], gapItem: String) -> String {
      var items = items
      if let gap = f.window.columnGap { items.insert(gapItem, at: gap) }
      return "<tr>" + leading + items.joined() + "</tr>\n"
    }
    out += "<thead>\n"
    let headerCells = f.headers.enumerated().map { c, h in cell("th", h, right: f.rightAligned[c]) }
    out += row("<th></th>", headerCells, gapItem: "<th>…</th>")
    out += "</thead>\n<tbody>\n"
    for (r, rowIndex) in f.window.rows.enumerated() {
      if r == f.window.rowGap {
        let gapCells = f.rightAligned.map { cell("td", "…", right: $0) }
        out += row("<th>…</th>", gapCells, gapItem: "<td>…</td>")
      }
      let cells = f.cells.indices.map { c in cell("td", f.cells[c][r], right: f.rightAligned[c]) }
      out += row("<th align=\"right\">\(rowIndex)</th>", cells, gapItem: "<td>…</td>")
    }
    out += "</tbody>\n</table>\n<p>\(footer)</p>\n</div>"
    return out
  }
}
