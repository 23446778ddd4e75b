import ShopMineData

/// Which rows and columns of a table a display shows, and where the `…` gap goes.
///
/// Past the limits, the first half and the last half are shown with one elided row (or column) between
/// them, like pandas: with the default limit of 10, a 100-row table shows rows 0–4, `…`, 95–99.
struct TableWindow: Sendable, Hashable {
  /// Row indexes shown, in order.
  let rows: [Int]
  /// Position in `rows` before which the `…` row goes, or `nil` when every row is shown.
  let rowGap: Int?
  /// Column indexes shown, in order.
  let columns: [Int]
  /// Position in `columns` before which the `…` column goes, or `nil`.
  let columnGap: Int?

  init(rowCount: Int, columnCount: Int, maxRows: Int, maxColumns: Int) {
    (rows, rowGap) = Self.window(count: rowCount, limit: maxRows)
    (columns, columnGap) = Self.window(count: columnCount, limit: maxColumns)
  }

  private static func window(count: Int, limit: Int) -> ([Int], Int?) {
    guard count > limit else { return (Array(0..<count), nil) }
    let head = (limit + 1) / 2
    let tail = limit / 2
    return (Array(0..<head) + Array((count - tail)..<count), head)
  }
}

/// `N rows × M columns`, with singular nouns for one.
func shapeFooter(rows: Int, columns: Int) -> String {
  "\(rows) \(rows == 1 ? "row" : "rows") × \(columns) \(columns == 1 ? "column" : "columns")"
}
