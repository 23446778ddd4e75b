import Foundation
import ShopMineData

/// Ticks for base-10 logarithmic axes: every decade, plus 2 and 5 within decades on short spans.
public enum LogTicks {
  /// Tick values in `lo…hi` (both > 0) and whether each is a labelled major tick.
  ///
  /// Spans of up to two decades label 1, 2 and 5 × 10^k; longer spans label decades only (thinned to
  /// every second or third decade beyond ~8) and add unlabelled 2…9 minor ticks when they fit.
  public static func values(_ lo: Double, _ hi: Double, maxLabels: Int = 8) -> [(value: Double, major: Bool)] {
    guard lo > 0, hi > 0, lo.isFinite, hi.isFinite else { return [] }
    let a = min(lo, hi)
    let b = max(lo, hi)
    let first = Int(log10(a).rounded(.down))
    let last = Int(log10(b).rounded(.up))
    let decades = last - first
    var out: [(Double, Bool)] = []
    let tolerance = 1e-9
    func inside(_ v: Double) -> Bool { v >= a * (1 - tolerance) && v <= b * (1 + tolerance) }
    if decades <= 2 {
      for e in first...last {
        for m in [1.0, 2, 5] {
          let v = m * DecimalFormat.pow10(e)
          if inside(v) { out.append((v, true)) }
        }
      }
      if out.count >= 2 { return out }
      // Less than a decade with fewer than two 1-2-5 ticks: fall back to linear nice ticks.
      return NiceTicks.values(a, b, count: 4).filter { $0 > 0 }.map { ($0, true) }
    }
    let every = max(1, Int((Double(decades + 1) / Double(maxLabels)).rounded(.up)))
    for e in first...last {
      let v = DecimalFormat.pow10(e)
      if inside(v) { out.append((v, (e - first) % every == 0)) }
      if decades <= 6 {
        for m in 2...9 {
          let minor = Double(m) * DecimalFormat.pow10(e)
          if inside(minor) { out.append((minor, false)) }
        }
      }
    }
    return out.sorted { $0.0 < $1.0 }
  }

  /// `lo…hi` widened to whole decades.
  public static func nice(_ lo: Double, _ hi: Double) -> (Double, Double) {
    guard lo > 0, hi > 0 else { return (1, 10) }
    let a = DecimalFormat.pow10(Int(log10(min(lo, hi)).rounded(.down)))
    var b = DecimalFormat.pow10(Int(log10(max(lo, hi)).rounded(.up)))
    if b <= a { b = a * 10 }
    return (a, b)
  }
}
