import Foundation
import ShopMineData

/// Turns column cells into display text, the same way for text/plain and HTML tables and summaries.
///
/// The policy, one place for every table:
/// - **Floats** in one column share a number of decimals, so decimal points line up: the fewest that show
///   every displayed value, at most `precision` (`set precision`, 4) and at most what keeps five significant
///   digits at the column's median magnitude: `0.1234`, `3.5384`, `47.637`, `512.25`, `1,234.6`,
///   `2,570,772`. Columns whose name says money (`price`, `spend`, `revenue`, …) show exactly two
///   decimals. Magnitudes that
///   fixed-point cannot show (≥ 1e15, or nonzero but below the session's precision) use scientific
///   notation. Floating noise — a value below 1e-10 and below 1e-12 times the column's largest magnitude,
///   such as a mean of `2.0324e-16` beside a standard deviation of 1 — shows as 0.
/// - **Thousands** are grouped (`1,234,567`), as chart axes do, except in identifier columns (`id`,
///   `…_id`) and years, which are names rather than amounts.
/// - **Shares** — columns a verb marks as ``ColumnMeaning/share``, such as a segment's share of customers —
///   show as percentages: one decimal when the column's median is 1% or more (`27.8%`, `0.8%`), else two
///   significant digits at the median (`0.35%`). The machine-readable form keeps the fraction.
/// - **Missing** data shows as `missing` (the language's literal); a computed value that does not apply
///   (NaN: 0/0, a metric with no positives) shows as `n/a`.
public enum CellFormatter {
  /// The word shown for a missing cell (the language's literal for it).
  public static let missingText = "missing"
  /// The word shown for a value that does not apply (a NaN result), distinct from missing data.
  public static let notApplicableText = DecimalFormat.notApplicable

  /// Display text of `rows` of `column`.
  ///
  /// - Complexity: O(rows.count · log rows.count) for floats (a median of the shown values), else O(rows.count).
  public static func format(_ column: Column, rows: [Int], precision: Int) -> [String] {
    switch column.storage {
    case .float(let values):
      let style = FloatStyle(values, rows: rows, column: column, precision: precision)
      return rows.map { row in column.isValid(row) ? style.format(values[row]) : missingText }
    case .int(let values):
      let group = groupsThousands(column.name)
      return rows.map { row in
        guard column.isValid(row) else { return missingText }
        return group ? DecimalFormat.groupThousands(String(values[row])) : String(values[row])
      }
    default:
      return rows.map { row in format(column[row], precision: precision) }
    }
  }

  /// Whether an integer or float column's values are amounts (grouped) rather than names such as ids and
  /// years (plain).
  static func groupsThousands(_ name: String) -> Bool {
    let lower = name.lowercased()
    let isIdentifier =
      lower == "id" || lower.hasSuffix("_id") || lower.hasSuffix(" id") || name.hasSuffix("Id")
      || name.hasSuffix("ID")
    return !isIdentifier && !lower.contains("year")
  }

  /// Words that, as a column name's last `_`-separated part, say it holds money (`price`, `avg_spend`,
  /// `optimal_price`): shown with exactly two decimals.
  static let moneyWords: Set<String> = [
    "price", "spend", "revenue", "amount", "cost", "sales", "monetary", "income", "profit", "gmv", "payment", "fee",
  ]

  static func isMoney(_ name: String) -> Bool {
    let parts = name.lowercased().split(whereSeparator: { $0 == "_" || $0 == " " })
    return parts.last.map { moneyWords.contains(String($0)) } ?? false
  }

  /// Significant digits a float column keeps at its typical magnitude (see ``FloatStyle``).
  static let significantDigits = 5

  /// How one float column's shown cells are written.
  struct FloatStyle {
    let decimals: Int
    let precision: Int
    let noise: Double
    let group: Bool
    /// Shares (``ColumnMeaning/share``) are written as percentages: times 100, with a `%`.
    let percent: Bool

    init(_ values: [Double], rows: [Int], column: Column, precision: Int) {
      percent = column.meaning == .share
      let scale = percent ? 100.0 : 1
      var magnitudes: [Double] = []
      magnitudes.reserveCapacity(rows.count)
      var largest = 0.0
      for row in rows where column.isValid(row) && values[row].isFinite {
        let a = abs(values[row] * scale)
        largest = max(largest, a)
        magnitudes.append(a)
      }
      // Rounding residue: tiny both beside the column's largest value and in absolute terms.
      let noise = min(largest * 1e-12, 1e-10)
      self.noise = noise
      let shown = magnitudes.filter { $0 > noise }.sorted()
      self.precision = precision
      group = CellFormatter.groupsThousands(column.name)
      if !percent && CellFormatter.isMoney(column.name) {
        decimals = min(2, precision)
        return
      }
      // At most `precision` decimals, and at most five significant digits at the column's typical magnitude.
      // Percentages: one decimal when the typical share is 1% or more (27.8%), else two significant digits
      // (0.35%, 0.035%).
      let typical = shown.isEmpty ? 0 : shown[shown.count / 2]
      let cap: Int
      if percent {
        let small = typical > 0 && typical < 1 ? Int((-log10(typical)).rounded(.down)) + 2 : 1
        cap = min(precision, small)
      } else {
        cap = DecimalFormat.decimals(keeping: CellFormatter.significantDigits, at: typical, precision: precision)
      }
      var needed = 0
      for a in shown where !CellFormatter.needsScientific(a, precision: precision) {
        needed = max(needed, DecimalFormat.decimalsNeeded(a, maxDecimals: cap))
        if needed == cap { break }
      }
      decimals = needed
    }

    func format(_ value: Double) -> String {
      if value.isNaN { return notApplicableText }
      let d = percent ? value * 100 : value
      let suffix = percent ? "%" : ""
      if abs(d) <= noise { return DecimalFormat.fixed(0, decimals: decimals) + suffix }
      let text = CellFormatter.formatFloat(d, decimals: decimals, precision: precision)
      return (group ? DecimalFormat.groupThousands(text) : text) + suffix
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
    if d.isNaN { return notApplicableText }
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
}
