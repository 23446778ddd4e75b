/// How a table is displayed: row limit, float precision, caption and width limits.
///
/// The session owns one of these (`set rows 20`, `set precision 2`, `set width 80` change it) and passes it to
/// ``TableRenderer/bundle(_:options:)``.
public struct TableOptions: Sendable, Hashable {
  /// Tables with more rows show the first `(displayRows + 1) / 2` and last `displayRows / 2` rows around
  /// a `…` row (pandas' `max_rows`); 10 by default.
  public var displayRows: Int
  /// Decimal places for floats (at most; a column uses as few as its shown values need). Default 4.
  public var precision: Int
  /// A caption shown above the table (`<caption>` in HTML).
  public var title: String?
  /// Tables with more columns show the first and last halves around a `…` column. Default 20.
  public var maxColumns: Int
  /// Cells wider than this (in terminal cells, a CJK character counting two) end in `…`, in text and HTML
  /// alike. Default 50.
  public var maxCellWidth: Int
  /// At most this many rows go into the table's JSON form (``ShopMineMIME/table``) (`total_rows` still says how many exist).
  public var jsonRowLimit: Int

  public init(
    displayRows: Int = 10, precision: Int = 4, title: String? = nil, maxColumns: Int = 20,
    maxCellWidth: Int = 50, jsonRowLimit: Int = 10_000
  ) {
    self.displayRows = max(1, displayRows)
    self.precision = max(0, min(precision, 15))
    self.title = title
    self.maxColumns = max(2, maxColumns)
    self.maxCellWidth = max(4, maxCellWidth)
    self.jsonRowLimit = max(0, jsonRowLimit)
  }

  public static let `default` = TableOptions()
}
