import ShopMineData

/// Date labels for time axes, chosen by the tick interval so each label says just enough.
///
/// | interval          | example            |
/// |-------------------|--------------------|
/// | years             | `2024`             |
/// | months            | `Mar 2024`         |
/// | days / weeks      | `Mar 5` (`2024-03-05` when the axis spans several years) |
/// | hours             | `Mar 5 14:00`      |
/// | minutes           | `14:05`            |
/// | seconds           | `14:05:30`         |
///
/// English month abbreviations, fixed (not from the machine's locale), so bytes are deterministic.
public enum DateFormat {
  static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  /// The label of tick `t` on an axis whose ticks are `interval` apart and which spans `lo…hi`.
  public static func label(_ t: Int64, interval: TimeTicks.Interval, lo: Int64, hi: Int64) -> String {
    let f = Timestamp.fields(t)
    let month = months[max(0, min(11, f.month - 1))]
    switch interval.unit {
    case .year:
      return String(f.year)
    case .month:
      return "\(month) \(f.year)"
    case .day:
      if Timestamp.year(lo) != Timestamp.year(hi) && Timestamp.daysBetween(lo, hi) > 366 {
        return "\(f.year)-\(two(f.month))-\(two(f.day))"
      }
      return "\(month) \(f.day)"
    case .hour:
      return "\(month) \(f.day) \(two(f.hour)):00"
    case .minute:
      return "\(two(f.hour)):\(two(f.minute))"
    case .second:
      return "\(two(f.hour)):\(two(f.minute)):\(two(f.second))"
    }
  }

  /// A full label for one timestamp outside an axis (tooltips, descriptions): ISO-8601.
  public static func full(_ t: Int64) -> String { Timestamp.format(t) }

  private static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
}
