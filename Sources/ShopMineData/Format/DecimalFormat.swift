import Foundation

/// The one number formatter for what people read: tables, summaries, chart labels, SVG coordinates and
/// numbers inside sentences. (`ValueFormatter.number` in the language writes a value back as a literal.)
///
/// Output never goes through `printf` or `NumberFormatter`: the digits come from integer arithmetic on a
/// rounded value, so the same double gives the same text on every machine (golden tests depend on it).
/// A NaN that reaches a display is a result that does not apply (0/0, a metric with no positives):
/// ``notApplicable``, distinct from missing data, which tables spell `missing`.
public enum DecimalFormat {
  /// The word for a computed value that does not apply (a NaN).
  public static let notApplicable = "n/a"
  /// The typographic minus sign (U+2212) of chart labels and sentences.
  public static let minus = "\u{2212}"

  /// Exact powers of ten up to 10^15 (every one is representable as a `Double`).
  private static let powersOfTen: [Double] = [
    1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  ]

  /// `value` with exactly `decimals` digits after the point (`decimals` is clamped to 0…15).
  ///
  /// Non-finite values give `NaN`, `inf` and `-inf`; magnitudes too large for exact fixed-point digits
  /// fall back to ``scientific(_:significant:)``. Negative zero prints as `0`.
  public static func fixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return nonFinite(value) }
    let d = max(0, min(decimals, 15))
    let scaled = (abs(value) * powersOfTen[d]).rounded()
    // Beyond 2^53 the scaled value no longer holds exact integer digits.
    guard scaled < 9.0e15 else { return scientific(value, significant: 6) }
    var digits = String(UInt64(scaled))
    if d > 0 {
      if digits.count <= d { digits = String(repeating: "0", count: d - digits.count + 1) + digits }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -d))
    }
    return (value < 0 && scaled != 0 ? "-" : "") + digits
  }

  /// ``fixed(_:decimals:)`` with trailing zeros (and a bare point) removed: `2.50` → `2.5`, `3.00` → `3`.
  public static func trimmed(_ value: Double, maxDecimals: Int) -> String {
    trimZeros(fixed(value, decimals: maxDecimals))
  }

  /// Removes trailing fractional zeros and a dangling point from a fixed-point string.
  public static func trimZeros(_ text: String) -> String {
    guard text.contains("."), !text.contains("e") else { return text }
    var s = Substring(text)
    while s.last == "0" { s = s.dropLast() }
    if s.last == "." { s = s.dropLast() }
    return s == "-0" ? "0" : String(s)
  }

  /// Number of decimals that `value` needs, at most `maxDecimals` (after rounding to `maxDecimals`).
  public static func decimalsNeeded(_ value: Double, maxDecimals: Int) -> Int {
    let text = trimmed(value, maxDecimals: maxDecimals)
    guard let dot = text.firstIndex(of: "."), !text.contains("e") else { return 0 }
    return text.distance(from: dot, to: text.endIndex) - 1
  }

  /// Decimals that keep `significant` digits at `magnitude` (`1234.5` at 5 → 1), at most `precision`; below 1
  /// every one of the `precision` decimals is kept (`0.001234` needs them all to show its digits).
  public static func decimals(keeping significant: Int, at magnitude: Double, precision: Int) -> Int {
    guard magnitude >= 1 else { return precision }
    var integerDigits = 1
    var scaled = magnitude
    while scaled >= 10 && integerDigits < 16 {
      scaled /= 10
      integerDigits += 1
    }
    return max(0, min(precision, significant - integerDigits))
  }

  /// Scientific notation like pandas: `1.2346e-05`, `3.0000e+20` (`significant` digits in the mantissa).
  public static func scientific(_ value: Double, significant: Int) -> String {
    guard value.isFinite else { return nonFinite(value) }
    if value == 0 { return fixed(0, decimals: max(0, significant - 1)) + "e+00" }
    let decimals = max(0, min(significant - 1, 15))
    var exponent = Int(log10(abs(value)).rounded(.down))
    var mantissa = value / pow10(exponent)
    // Rounding the mantissa can carry into a new digit (9.99996 → 10.0000); renormalise.
    if abs((mantissa * powersOfTen[decimals]).rounded()) >= 10 * powersOfTen[decimals] {
      exponent += 1
      mantissa = value / pow10(exponent)
    }
    let sign = exponent < 0 ? "-" : "+"
    let magnitude = abs(exponent)
    let expDigits = magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
    return fixed(mantissa, decimals: decimals) + "e" + sign + expDigits
  }

  /// A number inside a sentence or a label: `decimals` decimals, ``notApplicable`` for NaN, `∞`/`−∞`, the
  /// typographic minus, and with `signed` an explicit `+` (`+1.3σ`, `ε = −1.81`).
  public static func sentence(_ value: Double, decimals: Int, signed: Bool = false) -> String {
    guard value.isFinite else { return value.isNaN ? notApplicable : (value > 0 ? "∞" : minus + "∞") }
    let text = fixed(value, decimals: decimals)
    if text.hasPrefix("-") { return minus + text.dropFirst() }
    return signed ? "+" + text : text
  }

  /// Inserts `,` between groups of three digits of the integer part: `-1234567.5` → `-1,234,567.5`.
  public static func groupThousands(_ text: String, separator: Character = ",") -> String {
    guard !text.contains("e") else { return text }
    var sign = ""
    var body = Substring(text)
    if body.first == "-" || body.first == "−" {
      sign = String(body.removeFirst())
    }
    let dot = body.firstIndex(of: ".") ?? body.endIndex
    let integer = Array(body[..<dot])
    guard integer.count > 3 else { return text }
    var grouped: [Character] = []
    grouped.reserveCapacity(integer.count + integer.count / 3)
    for (i, c) in integer.enumerated() {
      if i > 0 && (integer.count - i) % 3 == 0 { grouped.append(separator) }
      grouped.append(c)
    }
    return sign + String(grouped) + body[dot...]
  }

  /// 10^exponent for any integer exponent; exact for 0…15.
  public static func pow10(_ exponent: Int) -> Double {
    if exponent >= 0 && exponent < powersOfTen.count { return powersOfTen[exponent] }
    if exponent < 0 && -exponent < powersOfTen.count { return 1 / powersOfTen[-exponent] }
    return pow(10, Double(exponent))
  }

  private static func nonFinite(_ value: Double) -> String {
    value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf")
  }
}
