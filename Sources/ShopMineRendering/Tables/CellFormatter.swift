import ShopMineData

/// Turns column cells into display text, the same way for text/plain, HTML and scalar output.
///
/// Floats in one column share a number of decimals — the fewest that show every displayed value at the
/// session's precision — so decimal points line up (pandas does the same). Magnitudes that fixed-point
/// cannot show (≥ 1e15, or nonzero but below the precision) use scientific notation.
public enum CellFormatter {
  /// The word shown for a missing cell (the language's literal for it).
  public static let missingText = "missing"

  /// Display text of `rows` of `column`.
  ///
  /// - Complexity: O(rows.count); float columns make two passes.
  public static func format(_ column: Column, rows: [Int], precision: Int) -> [String] {
    switch column.storage {
    case .float(let values):
      let decimals = sharedDecimals(values, rows: rows, column: column, precision: precision)
      return rows.map { row in
        guard column.isValid(row) else { return missingText }
        return formatFloat(values[row], decimals: decimals, precision: precision)
      }
    default:
      return rows.map { row in format(column[row], precision: precision) }
    }
  }

  /// Display text of a single value (floats at `precision` decimals, trailing zeros trimmed).
  public static func format(_ value: Value, precision: Int) -> String {
    switch value {
    case .missing: return missingText
    case .int(let i): return String(i)
    case .float(let d):
      return formatFloat(d, decimals: DecimalFormat.decimalsNeeded(d, maxDecimals: precision), precision: precision)
    case .bool(let b): return b ? "true" : "false"
    case .string(let s): return s
    case .timestamp(let t): return formatTimestamp(t)
    }
  }

  /// ISO-8601 text with a space between date and time, as pandas shows timestamps.
  public static func formatTimestamp(_ t: Int64) -> String {
    var text = Timestamp.format(t)
    if let tIndex = text.firstIndex(of: "T") { text.replaceSubrange(tIndex...tIndex, with: " ") }
    return text
  }

  /// Whether cells of this type are right-aligned (numbers are; text, booleans and dates are not).
  public static func isRightAligned(_ type: ColumnType) -> Bool { type.isNumeric }

  static func formatFloat(_ d: Double, decimals: Int, precision: Int) -> String {
    if d.isNaN { return missingText }
    // ∞ reads at a glance in a rules table's conviction column (confidence 1); JSON keeps "inf".
    if d.isInfinite { return d > 0 ? "∞" : "-∞" }
    if needsScientific(d, precision: precision) {
      return DecimalFormat.scientific(d, significant: max(precision, 1) + 1)
    }
    return DecimalFormat.fixed(d, decimals: decimals)
  }

  static func needsScientific(_ d: Double, precision: Int) -> Bool {
    let a = abs(d)
    return a >= 1e15 || (a > 0 && a < 0.5 * DecimalFormat.pow10(-precision))
  }

  private static func sharedDecimals(_ values: [Double], rows: [Int], column: Column, precision: Int) -> Int {
    var decimals = 0
    for row in rows where column.isValid(row) {
      let d = values[row]
      guard d.isFinite, !needsScientific(d, precision: precision) else { continue }
      decimals = max(decimals, DecimalFormat.decimalsNeeded(d, maxDecimals: precision))
      if decimals == precision { break }
    }
    return decimals
  }
}
