import RichOutput
import ShopMineData

/// Renders a ``Table`` as a Jupyter MIME bundle: `text/plain`, `text/html` and ``ShopMineMIME/table``.
///
/// Every representation shows the same window of rows (first and last halves around a `…` row past
/// ``TableOptions/displayRows``) and ends with an `N rows × M columns` footer; the JSON form carries up to
/// ``TableOptions/jsonRowLimit`` rows plus `total_rows`.
public enum TableRenderer {
  /// The full bundle for `table`.
  ///
  /// - Complexity: O(shown cells) for text and HTML, O(min(rows, jsonRowLimit) × columns) for JSON.
  public static func bundle(_ table: Table, options: TableOptions = .default) -> MIMEBundle {
    MIMEBundle(data: [
      "text/plain": .string(plainText(table, options: options)),
      "text/html": .string(html(table, options: options)),
      ShopMineMIME.table: json(table, options: options),
    ])
  }

  /// The cells of the displayed window, formatted once for both text and HTML.
  struct FormattedWindow {
    let window: TableWindow
    let headers: [String]
    let rightAligned: [Bool]
    /// `cells[c][r]`: shown column `c`, shown row `r`.
    let cells: [[String]]
  }

  static func formatWindow(_ table: Table, options: TableOptions) -> FormattedWindow {
    let window = TableWindow(
      rowCount: table.rowCount, columnCount: table.columnCount, maxRows: options.displayRows,
      maxColumns: options.maxColumns)
    var headers: [String] = []
    var rightAligned: [Bool] = []
    var cells: [[String]] = []
    for c in window.columns {
      let column = table.columns[c]
      headers.append(column.name)
      rightAligned.append(CellFormatter.isRightAligned(column.type))
      cells.append(CellFormatter.format(column, rows: window.rows, precision: options.precision))
    }
    return FormattedWindow(window: window, headers: headers, rightAligned: rightAligned, cells: cells)
  }
}
