import JupyterProtocol
import ShopMineData
import ShopMineRendering

/// A table shown with a caption, lines of notes under it (metric definitions) and optionally a chart
/// after it — the display of `evaluate`, `compare` and `similar`. Table verbs see the plain table.
public struct TitledTable: TableBackedObject {
  public var kind: String
  public var table: Table
  public var title: String
  /// Lines printed under the table.
  public var notes: [String]
  /// A chart drawn under the notes (`compare`'s bars).
  public var chart: RenderedChart?

  public init(kind: String, table: Table, title: String, notes: [String] = [], chart: RenderedChart? = nil) {
    self.kind = kind
    self.table = table
    self.title = title
    self.notes = notes
    self.chart = chart
  }

  public var shape: String { "\(table.rowCount) rows × \(table.columnCount) columns" }

  public func bundle(_ options: DisplayOptions) -> MIMEBundle {
    var bundle = TableRenderer.bundle(
      table,
      options: options.tableOptions(title: title, rows: max(options.rows, table.rowCount)))
    if !notes.isEmpty {
      let text = bundle.plainText ?? ""
      bundle.data["text/plain"] = .string(text + "\n\n" + notes.joined(separator: "\n"))
    }
    var html = bundle.data["text/html"]?.stringValue ?? ""
    if !notes.isEmpty {
      let rows = notes.map { "<div>\(Escaping.html($0))</div>" }.joined()
      html += "<div style=\"margin-top:0.4em;font-size:90%;color:#444\">\(rows)</div>"
    }
    if let chart {
      html += "<div>\(ChartBundle.imgTag(chart))</div>"
      bundle.data["image/svg+xml"] = .string(chart.svg)
    }
    bundle.data["text/html"] = .string(html)
    return bundle
  }
}
