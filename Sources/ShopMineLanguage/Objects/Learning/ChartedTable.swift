import JupyterProtocol
import ShopMineData
import ShopMineRendering

/// A result that is a table with a chart above it and lines of explanation — `elbow`, `kdist`,
/// `silhouette`, `evaluate` of a classifier. Table verbs (`where`, `sort`, `save`) see the plain table.
///
/// One display: the chart (SVG for trusted front ends, an `<img>` in the HTML for untrusted ones) and the
/// table together, so a student sees the picture and the numbers behind it side by side.
public struct ChartedTable: TableBackedObject {
  public var kind: String
  public var table: Table
  public var title: String
  /// Lines shown between the charts and the table (the suggested k, what was excluded…).
  public var notes: [String]
  /// Charts drawn first, in order.
  public var charts: [RenderedChart]
  /// Further tables after the main one (a confusion matrix after the metrics), with their titles.
  public var extraTables: [(title: String, table: Table)]
  /// Extra fields for the model JSON form (``ShopMineMIME/model``) (the fitted numbers behind the table).
  public var json: [String: JSONValue]

  public init(
    kind: String, table: Table, title: String, notes: [String] = [], charts: [RenderedChart] = [],
    extraTables: [(title: String, table: Table)] = [], json: [String: JSONValue] = [:]
  ) {
    self.kind = kind
    self.table = table
    self.title = title
    self.notes = notes
    self.charts = charts
    self.extraTables = extraTables
    self.json = json
  }

  public var shape: String { "\(table.rowCount) rows × \(table.columnCount) columns" }

  public func bundle(_ options: DisplayOptions) -> MIMEBundle {
    var blocks: [SummaryDocument.Block] = charts.map { .chart($0) }
    blocks += notes.map { .text($0) }
    blocks.append(.table(table, title: nil))
    for extra in extraTables { blocks.append(.table(extra.table, title: extra.title)) }
    let document = SummaryDocument(title: title, sections: [SummaryDocument.Section(blocks: blocks)])
    var bundle = ModelDisplay.bundle(document, kind: kind, saved: nil, extra: json, options: options)
    // A front end that skips HTML still gets the (first) picture. No Vega-Lite here: VS Code ranks MIME
    // types it does not list ahead of `text/html`, so a spec would replace the whole display (charts,
    // notes and tables) with its first chart.
    if let chart = charts.first { bundle.data["image/svg+xml"] = .string(chart.svg) }
    return bundle
  }
}
