import Foundation

/// Maps a positive domain onto a pixel range through log10.
public struct LogScale: Sendable, Hashable {
  /// Both bounds are positive.
  public var domain: ClosedRange<Double>
  public var range: (Double, Double)

  /// A log scale; non-positive bounds are replaced (a log axis cannot show zero or negatives).
  public init(domain: ClosedRange<Double>, range: (Double, Double) = (0, 1)) {
    var lo = domain.lowerBound > 0 ? domain.lowerBound : 1
    var hi = domain.upperBound > lo ? domain.upperBound : lo * 10
    if hi == lo {
      lo /= 10
      hi *= 10
    }
    self.domain = lo...hi
    self.range = range
  }

  public static func == (a: LogScale, b: LogScale) -> Bool {
    a.domain == b.domain && a.range.0 == b.range.0 && a.range.1 == b.range.1
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(domain)
    hasher.combine(range.0)
    hasher.combine(range.1)
  }

  /// Pixel position of `value` (values ≤ 0 map to the lower end).
  @inline(__always)
  public func map(_ value: Double) -> Double {
    let lo = log10(domain.lowerBound)
    let hi = log10(domain.upperBound)
    let v = value > 0 ? log10(value) : lo
    return range.0 + (v - lo) / (hi - lo) * (range.1 - range.0)
  }

  /// The domain widened to whole decades.
  public func niced() -> LogScale {
    let (a, b) = LogTicks.nice(domain.lowerBound, domain.upperBound)
    return LogScale(domain: a...b, range: range)
  }
}
