import Foundation
import ShopMineData

/// "Nice" tick steps (1, 2 or 5 × 10^k) and tick values for linear axes, as d3 and R's `pretty` do.
public enum NiceTicks {
  /// The nice step that gives about `count` intervals over `lo…hi`.
  public static func step(_ lo: Double, _ hi: Double, count: Int) -> Double {
    let span = hi - lo
    guard span > 0, span.isFinite, count > 0 else { return 1 }
    let raw = span / Double(count)
    guard raw.isNormal else { return 1 }
    let power = DecimalFormat.pow10(Int(log10(raw).rounded(.down)))
    let error = raw / power
    // Thresholds are the geometric means of 1–2, 2–5 and 5–10 (√2, √10, √50), as in d3-array.
    let factor: Double = error >= 7.0710678 ? 10 : error >= 3.1622777 ? 5 : error >= 1.4142136 ? 2 : 1
    return factor * power
  }

  /// Tick values inside `lo…hi` at a nice step, computed as `i × step` (not by accumulation) so values
  /// such as 0.3 come out as close to exact as a double allows.
  public static func values(_ lo: Double, _ hi: Double, count: Int) -> [Double] {
    guard lo.isFinite, hi.isFinite else { return [] }
    if lo == hi { return [lo] }
    let (a, b) = lo < hi ? (lo, hi) : (hi, lo)
    let s = step(a, b, count: count)
    let first = (a / s - 1e-9).rounded(.up)
    let last = (b / s + 1e-9).rounded(.down)
    guard last >= first, last - first < 10_000 else { return [a, b] }
    return stride(from: first, through: last, by: 1).map { i in
      let v = i * s
      // Dividing by an exact inverse power of ten avoids 0.30000000000000004-style tails.
      let cleaned = s < 1 ? (i / (1 / s)).roundedTo(significant: 12) : v
      return cleaned == 0 ? 0 : cleaned
    }
  }

  /// `lo…hi` widened outward to multiples of the nice step (so the axis starts and ends on a tick).
  ///
  /// One pass with the step of the original extent: re-nicing the widened domain (as d3 does until the
  /// step settles) can double the padding, e.g. −34…1,339 → −500…1,500 instead of −200…1,400.
  public static func nice(_ lo: Double, _ hi: Double, count: Int) -> (Double, Double) {
    guard lo.isFinite, hi.isFinite else { return (0, 1) }
    if lo == hi {
      let pad = lo == 0 ? 1 : abs(lo) * 0.1
      return nice(lo - pad, hi + pad, count: count)
    }
    let a = min(lo, hi)
    let b = max(lo, hi)
    let s = step(a, b, count: count)
    let niceLo = ((a / s) + 1e-9).rounded(.down) * s
    let niceHi = ((b / s) - 1e-9).rounded(.up) * s
    return (niceLo == 0 ? 0 : niceLo, niceHi == 0 ? 0 : niceHi)
  }
}

extension Double {
  /// The value rounded to `significant` significant digits (for cleaning tick values).
  func roundedTo(significant: Int) -> Double {
    guard self != 0, isFinite else { return self }
    let magnitude = Int(log10(abs(self)).rounded(.down))
    let scale = DecimalFormat.pow10(significant - 1 - magnitude)
    return (self * scale).rounded() / scale
  }
}
