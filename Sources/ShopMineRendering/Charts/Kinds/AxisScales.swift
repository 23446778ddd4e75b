import Foundation
import ShopMineData

/// Builds data-domain position scales for chart kinds from value extents and the spec's options.
enum AxisScales {
  /// A continuous scale over `extent`: log (whole decades) or linear (niced, optionally including 0),
  /// time for timestamp columns; `limits` replace the data extent exactly (no nicing).
  ///
  /// `padded` widens the extent by 3 % on each side before nicing, so point marks at the extremes are
  /// not cut in half by the axis; `integral` (whole-number data) keeps ticks on whole numbers.
  static func continuous(
    _ extent: ClosedRange<Double>?, log: Bool, time: Bool = false,
    limits: ClosedRange<Double>? = nil, includeZero: Bool = false,
    padded: Bool = false, integral: Bool = false
  ) -> PositionScale {
    if let limits {
      if log { return .log(LogScale(domain: limits)) }
      if time { return .time(TimeScale(micros: limits)) }
      return .linear(LinearScale(domain: limits, integral: integral))
    }
    var e = extent ?? (log ? 1...10 : 0...1)
    if padded && e.upperBound > e.lowerBound {
      if log {
        let f = pow(e.upperBound / e.lowerBound, 0.03)
        e = (e.lowerBound / f)...(e.upperBound * f)
      } else {
        // Padding never crosses zero: non-negative data keeps a zero baseline.
        let pad = (e.upperBound - e.lowerBound) * 0.03
        let lower = e.lowerBound >= 0 ? max(0, e.lowerBound - pad) : e.lowerBound - pad
        let upper = e.upperBound <= 0 ? min(0, e.upperBound + pad) : e.upperBound + pad
        e = lower...upper
      }
    }
    if log { return .log(LogScale(domain: e).niced()) }
    if time {
      // A single instant still needs a span: show one day around it.
      if e.lowerBound == e.upperBound {
        e = (e.lowerBound - 4.32e10)...(e.upperBound + 4.32e10)
      }
      return .time(TimeScale(micros: e))
    }
    if includeZero { e = min(0, e.lowerBound)...max(0, e.upperBound) }
    return .linear(LinearScale(domain: e, integral: integral).niced(count: 5))
  }
}
