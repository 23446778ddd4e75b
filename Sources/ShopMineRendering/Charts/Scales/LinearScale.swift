/// Maps a numeric domain linearly onto a pixel range.
public struct LinearScale: Sendable, Hashable {
  public var domain: ClosedRange<Double>
  /// Pixel positions of `domain.lowerBound` and `domain.upperBound` (y ranges run bottom → top).
  public var range: (Double, Double)
  /// Whether the data are whole numbers (an `int` column: months, counts, ranks). Ticks then fall on whole
  /// numbers only, so a month axis never reads 1, 1.5, 2, …
  public var integral: Bool

  public init(domain: ClosedRange<Double>, range: (Double, Double) = (0, 1), integral: Bool = false) {
    // A zero-width domain would divide by zero; widen it symmetrically.
    if domain.lowerBound == domain.upperBound {
      let pad = domain.lowerBound == 0 ? 1 : abs(domain.lowerBound) * 0.1
      self.domain = (domain.lowerBound - pad)...(domain.upperBound + pad)
    } else {
      self.domain = domain
    }
    self.range = range
    self.integral = integral
  }

  public static func == (a: LinearScale, b: LinearScale) -> Bool {
    a.domain == b.domain && a.range.0 == b.range.0 && a.range.1 == b.range.1 && a.integral == b.integral
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(domain)
    hasher.combine(range.0)
    hasher.combine(range.1)
    hasher.combine(integral)
  }

  /// Pixel position of `value`.
  @inline(__always)
  public func map(_ value: Double) -> Double {
    let t = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
    return range.0 + t * (range.1 - range.0)
  }

  /// The domain widened to nice tick multiples for about `count` ticks.
  public func niced(count: Int = 5) -> LinearScale {
    let (a, b) = NiceTicks.nice(domain.lowerBound, domain.upperBound, count: count)
    return LinearScale(domain: a...b, range: range, integral: integral)
  }

  /// Tick values at a nice step.
  public func ticks(count: Int) -> [Double] {
    let values = NiceTicks.values(domain.lowerBound, domain.upperBound, count: count)
    guard integral, values.count > 1, values[1] - values[0] < 1 else { return values }
    // A nice step below 1 on whole-number data: keep the whole ticks (the step becomes 1).
    return values.filter { $0 == $0.rounded() }
  }
}
