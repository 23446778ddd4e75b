import ShopMineData

/// The outcome of ``RFM/analyze(_:options:cancellation:progress:)``: scores per customer, a segment
/// summary and the R×F grid.
public struct RFMResult: Sendable, Hashable {
  /// One row per customer (ascending key): the customer key column, `recency` (days), `frequency`
  /// (distinct orders), `monetary` (sum of value), `r_score`, `f_score`, `m_score` (1–5), `rf_score`
  /// ("55"), `rfm_score` ("555") and `segment`.
  public var customers: Table
  /// One row per non-empty segment in ``RFMSegment`` order: `segment`, `count`, `share` (of customers),
  /// `recency_mean`, `frequency_mean`, `monetary_mean`.
  public var summary: Table
  /// Customer counts by score: `grid[r - 1][f - 1]` for recency score r and frequency score f.
  public var grid: [[Int]]
  /// The grid in long form for a heatmap: 25 rows of `r_score`, `f_score`, `count`, `segment`
  /// (r ascending, then f ascending).
  public var gridTable: Table
  /// The reference day (days since 1970-01-01, UTC): the day after the last order in the data.
  public var referenceDay: Int64
  /// Rows skipped because their customer, time or value was missing.
  public var skippedRows: Int
  /// True when recency ties made `pd.qcut(recency, 5)` edges non-unique, so recency was scored on
  /// `rank(method='first')` instead (pandas itself would raise there).
  public var recencyScoredByRank: Bool
  /// The same for monetary.
  public var monetaryScoredByRank: Bool
}
