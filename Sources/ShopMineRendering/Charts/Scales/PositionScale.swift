/// One labelled tick on an axis.
public struct Tick: Sendable, Hashable {
  public var value: Double
  public var label: String
  /// Minor ticks get a short mark and no label.
  public var major: Bool

  public init(value: Double, label: String, major: Bool = true) {
    self.value = value
    self.label = label
    self.major = major
  }
}

/// A position scale of any kind, as axes, marks and layout see it.
///
/// Marks store data-space positions as doubles: numbers for linear and log scales, microseconds for
/// time scales, and band indexes (0, 1, 2…; fractions allowed) for band scales.
public enum PositionScale: Sendable, Hashable {
  case linear(LinearScale)
  case log(LogScale)
  case band(BandScale)
  case time(TimeScale)

  /// Pixel position of a data-space value.
  @inline(__always)
  public func map(_ value: Double) -> Double {
    switch self {
    case .linear(let s): return s.map(value)
    case .log(let s): return s.map(value)
    case .band(let s): return s.map(value)
    case .time(let s): return s.map(value)
    }
  }

  /// The same scale onto a new pixel range.
  public func withRange(_ r0: Double, _ r1: Double) -> PositionScale {
    switch self {
    case .linear(var s):
      s.range = (r0, r1)
      return .linear(s)
    case .log(var s):
      s.range = (r0, r1)
      return .log(s)
    case .band(var s):
      s.range = (r0, r1)
      return .band(s)
    case .time(var s):
      s.linear.range = (r0, r1)
      return .time(s)
    }
  }

  /// The band scale, when this is one.
  public var band: BandScale? {
    if case .band(let b) = self { return b }
    return nil
  }

  /// Ticks for about `count` labels (band scales: one per category).
  public func ticks(count: Int) -> [Tick] {
    switch self {
    case .linear(let s):
      let values = s.ticks(count: count)
      let step = values.count > 1 ? values[1] - values[0] : 1
      return zip(values, NumberFormat.tickLabels(values, step: step)).map { Tick(value: $0, label: $1) }
    case .log(let s):
      return LogTicks.values(s.domain.lowerBound, s.domain.upperBound).map {
        Tick(value: $0.value, label: $0.major ? NumberFormat.logLabel($0.value) : "", major: $0.major)
      }
    case .band(let s):
      return s.categories.enumerated().map { Tick(value: Double($0.offset), label: $0.element) }
    case .time(let s):
      return s.ticks(count: count)
    }
  }
}
