/// Maps a numeric domain linearly onto a pixel range.
public struct LinearScale: Sendable, Hashable {
  public var domain: ClosedRange<Double>
  /// Pixel positions of `domain.lowerBound` and `domain.upperBound` (y ranges run bottom → top).
  public var range: (Double, Double)

  public init(domain: ClosedRange<Double>, range: (Double, Double) = (0, 1)) {
    // A zero-width domain would divide by zero; widen it symmetrically.
    if domain.lowerBound == domain.upperBound {
      let pad = domain.lowerBound == 0 ? 1 : abs(domain.lowerBound) * 0.1
      self.domain = (domain.lowerBound - pad)...(domain.upperBound + pad)
    } else {
      self.domain = domain
    }
    self.range = range
  }

  public static func == (a: LinearScale, b: LinearScale) -> Bool {
    a.domain == b.domain && a.range.0 == b.range.0 && a.range.1 == b.range.1
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(domain)
    hasher.combine(range.0)
    hasher.combine(range.1)
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
    return LinearScale(domain: a...b, range: range)
  }

  /// Tick values at a nice step.
  public func ticks(count: Int) -> [Double] {
    NiceTicks.values(domain.lowerBound, domain.upperBound, count: count)
  }
}
