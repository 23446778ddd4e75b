import Foundation
import ShopMineData

/// Number labels for axes, legends and cell annotations.
///
/// Tick labels share one format per axis: decimals follow the tick step, thousands are grouped with
/// commas, magnitudes of a million and more use SI suffixes (M, G, T), and negatives use the
/// typographic minus sign (U+2212) so they line up with positive labels.
public enum NumberFormat {
  /// The minus sign used in chart labels.
  public static let minus = DecimalFormat.minus

  /// Labels for linear-axis `ticks` spaced `step` apart.
  ///
  /// ```
  /// tickLabels([0, 2500, 5000], step: 2500)        → ["0", "2,500", "5,000"]
  /// tickLabels([0, 0.25, 0.5], step: 0.25)         → ["0", "0.25", "0.5"] (trailing zeros trimmed)
  /// tickLabels([0, 1_500_000, 3_000_000], step: 1.5e6) → ["0", "1.5M", "3M"]
  /// ```
  public static func tickLabels(_ ticks: [Double], step: Double) -> [String] {
    let maxMagnitude = ticks.map(abs).max() ?? 0
    let (divisor, suffix) = siPrefix(for: maxMagnitude)
    let scaledStep = abs(step) / divisor
    let decimals = scaledStep > 0 && scaledStep.isFinite ? max(0, min(12, -Int(log10(scaledStep).rounded(.down)))) : 0
    return ticks.map { v in
      // Ticks are exact multiples of the step, so a fixed number of decimals then trimming is exact.
      let text = DecimalFormat.trimmed(v / divisor, maxDecimals: decimals + 1)
      return signed(DecimalFormat.groupThousands(text)) + (v == 0 ? "" : suffix)
    }
  }

  /// A label for one value: up to `significant` significant digits, grouped, SI for ≥ 1e6, scientific
  /// for tiny magnitudes. `compact(1234567)` → `1.23M`, `compact(-0.000012)` → `−1.2e-5`.
  public static func compact(_ value: Double, significant: Int = 3) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "\(minus)∞") }
    if value == 0 { return "0" }
    let a = abs(value)
    if a < 1e-3 {
      let exponent = Int(log10(a).rounded(.down))
      let mantissa = value / DecimalFormat.pow10(exponent)
      return signed(DecimalFormat.trimmed(mantissa, maxDecimals: max(0, significant - 1)))
        + "e\(exponent)"
        .replacingOccurrences(of: "-", with: minus)
    }
    let (divisor, suffix) = siPrefix(for: a)
    let scaled = value / divisor
    let magnitude = Int(log10(abs(scaled)).rounded(.down))
    let decimals = max(0, significant - 1 - magnitude)
    return signed(DecimalFormat.groupThousands(DecimalFormat.trimmed(scaled, maxDecimals: decimals))) + suffix
  }

  /// A count with thousands grouped: `120000` → `120,000` (captions and notes).
  public static func count(_ n: Int) -> String {
    DecimalFormat.groupThousands(String(n))
  }

  /// Labels for log-axis ticks: `1`, `10`, `1,000`, `10,000`, `1M`…, or `0.01`, `1e−4` for small ones.
  public static func logLabel(_ value: Double) -> String {
    if value >= 1e4 || value < 1e-3 { return compact(value, significant: 2) }
    return signed(DecimalFormat.groupThousands(DecimalFormat.trimmed(value, maxDecimals: 3)))
  }

  /// The SI divisor and suffix for a magnitude: none below a million (grouping keeps those readable).
  static func siPrefix(for magnitude: Double) -> (Double, String) {
    if magnitude >= 1e12 { return (1e12, "T") }
    if magnitude >= 1e9 { return (1e9, "G") }
    if magnitude >= 1e6 { return (1e6, "M") }
    return (1, "")
  }

  /// Replaces a leading ASCII hyphen with the typographic minus.
  static func signed(_ text: String) -> String {
    text.hasPrefix("-") ? minus + text.dropFirst() : text
  }
}
