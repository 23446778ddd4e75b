/// A linear scale over timestamps (microseconds since the epoch) with calendar ticks.
public struct TimeScale: Sendable, Hashable {
  public var linear: LinearScale

  public init(domain: ClosedRange<Int64>, range: (Double, Double) = (0, 1)) {
    linear = LinearScale(domain: Double(domain.lowerBound)...Double(domain.upperBound), range: range)
  }

  /// A time scale from double microseconds (user limits), clamped to the representable range.
  public init(micros domain: ClosedRange<Double>, range: (Double, Double) = (0, 1)) {
    self.init(domain: Self.clamped(domain.lowerBound)...Self.clamped(domain.upperBound), range: range)
  }

  /// `Int64(d)` traps outside ±9.2e18; timestamps beyond ±1e17 µs (±3 million years) are not dates anyway.
  static func clamped(_ d: Double) -> Int64 {
    guard d.isFinite else { return 0 }
    return Int64(max(-1e17, min(1e17, d)))
  }

  /// Pixel position of a timestamp given as a double of microseconds.
  @inline(__always)
  public func map(_ micros: Double) -> Double { linear.map(micros) }

  /// Calendar ticks with labels formatted for the chosen interval.
  public func ticks(count: Int) -> [Tick] {
    let lo = Self.clamped(linear.domain.lowerBound)
    let hi = Self.clamped(linear.domain.upperBound)
    let (values, interval) = TimeTicks.values(lo, hi, count: count)
    return values.map { Tick(value: Double($0), label: DateFormat.label($0, interval: interval, lo: lo, hi: hi)) }
  }
}
