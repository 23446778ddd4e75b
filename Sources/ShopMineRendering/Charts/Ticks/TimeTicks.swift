import ShopMineData

/// Calendar-aware ticks for time axes: whole seconds, minutes, hours, days, weeks, months or years.
public enum TimeTicks {
  /// The calendar unit a tick interval counts in; it also decides the label format.
  public enum Unit: Int, Sendable, Hashable, Comparable {
    case second, minute, hour, day, month, year

    public static func < (a: Unit, b: Unit) -> Bool { a.rawValue < b.rawValue }
  }

  /// A tick interval: `count` × `unit` (for example 6 hours, 7 days, 3 months).
  public struct Interval: Sendable, Hashable {
    public var unit: Unit
    public var count: Int

    /// Approximate length in microseconds (months as 30.44 days, years as 365.25), for choosing.
    var approximateMicros: Double {
      let base: Double
      switch unit {
      case .second: base = 1e6
      case .minute: base = 6e7
      case .hour: base = 3.6e9
      case .day: base = 8.64e10
      case .month: base = 2.6298e12
      case .year: base = 3.15576e13
      }
      return base * Double(count)
    }
  }

  /// Candidate intervals from fine to coarse (d3-time's list).
  static let candidates: [Interval] = [
    Interval(unit: .second, count: 1), Interval(unit: .second, count: 5), Interval(unit: .second, count: 15),
    Interval(unit: .second, count: 30), Interval(unit: .minute, count: 1), Interval(unit: .minute, count: 5),
    Interval(unit: .minute, count: 15), Interval(unit: .minute, count: 30), Interval(unit: .hour, count: 1),
    Interval(unit: .hour, count: 3), Interval(unit: .hour, count: 6), Interval(unit: .hour, count: 12),
    Interval(unit: .day, count: 1), Interval(unit: .day, count: 2), Interval(unit: .day, count: 7),
    Interval(unit: .day, count: 14), Interval(unit: .month, count: 1), Interval(unit: .month, count: 3),
    Interval(unit: .month, count: 6), Interval(unit: .year, count: 1),
  ]

  /// The candidate interval closest (by ratio) to `span / count`, as d3's time ticks choose.
  public static func interval(_ lo: Int64, _ hi: Int64, count: Int) -> Interval {
    let span = Double(hi) - Double(lo)
    let target = span / Double(max(1, count))
    if let last = candidates.last, target <= last.approximateMicros {
      // Ties go to the finer interval (first in the list).
      var best = candidates[0]
      var bestRatio = Double.infinity
      for candidate in candidates {
        let ratio = max(candidate.approximateMicros / target, target / candidate.approximateMicros)
        if ratio < bestRatio {
          best = candidate
          bestRatio = ratio
        }
      }
      return best
    }
    // Multi-year spans: a nice number of years.
    let years = NiceTicks.step(0, span / 3.15576e13, count: max(1, count))
    return Interval(unit: .year, count: max(1, Int(years.rounded(.up))))
  }

  /// Tick timestamps in `lo…hi` on calendar boundaries of `interval` (UTC), with the interval used.
  public static func values(_ lo: Int64, _ hi: Int64, count: Int) -> (ticks: [Int64], interval: Interval) {
    guard hi > lo else { return ([lo], Interval(unit: .day, count: 1)) }
    let interval = interval(lo, hi, count: count)
    var ticks: [Int64] = []
    var t = floor(lo, to: interval)
    // Guard the loop: ticks are few by construction, but corrupt inputs must not spin.
    while t <= hi && ticks.count < 1000 {
      if t >= lo { ticks.append(t) }
      t = advance(t, by: interval)
    }
    return (ticks, interval)
  }

  /// `t` rounded down to the start of its `interval` bucket (weeks start on Monday).
  static func floor(_ t: Int64, to interval: Interval) -> Int64 {
    let f = Timestamp.fields(t)
    let n = interval.count
    switch interval.unit {
    case .second:
      return Timestamp.make(
        year: f.year, month: f.month, day: f.day, hour: f.hour, minute: f.minute,
        second: f.second / n * n)
    case .minute:
      return Timestamp.make(year: f.year, month: f.month, day: f.day, hour: f.hour, minute: f.minute / n * n)
    case .hour:
      return Timestamp.make(year: f.year, month: f.month, day: f.day, hour: f.hour / n * n)
    case .day:
      let day = Timestamp.date(t)
      if n == 7 || n == 14 { return day - Int64(Timestamp.weekday(t)) * Timestamp.microsPerDay }
      return day
    case .month:
      return Timestamp.make(year: f.year, month: (f.month - 1) / n * n + 1, day: 1)
    case .year:
      return Timestamp.make(year: Swift.max(0, f.year) / n * n, month: 1, day: 1)
    }
  }

  /// `t` moved forward by one `interval` (months and years by calendar, not fixed lengths).
  static func advance(_ t: Int64, by interval: Interval) -> Int64 {
    let n = interval.count
    switch interval.unit {
    case .second: return t + Int64(n) * Timestamp.microsPerSecond
    case .minute: return t + Int64(n) * 60 * Timestamp.microsPerSecond
    case .hour: return t + Int64(n) * 3600 * Timestamp.microsPerSecond
    case .day: return t + Int64(n) * Timestamp.microsPerDay
    case .month:
      // Normalise through a month count: `Timestamp.make` only rolls over within one year's span.
      let f = Timestamp.fields(t)
      let months = f.year * 12 + (f.month - 1) + n
      return Timestamp.make(year: months / 12, month: months % 12 + 1, day: 1)
    case .year:
      let f = Timestamp.fields(t)
      return Timestamp.make(year: f.year + n, month: 1, day: 1)
    }
  }
}
