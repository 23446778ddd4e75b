/// The calendar of the synthetic shop: the year of activity and its sales days.
public enum ShopCalendar {
  /// Microseconds in a day.
  static let microsPerDay: Int64 = 86_400_000_000
  /// 2024-01-01T00:00:00Z: orders, reviews and events fall in 2024 (a leap year of 366 days).
  public static let yearStart: Int64 = 1_704_067_200_000_000
  /// Days in the activity year.
  public static let daysInYear = 366
  /// 2025-01-01T00:00:00Z, exclusive end of the activity year.
  public static let yearEnd: Int64 = yearStart + Int64(daysInYear) * microsPerDay
  /// 2019-01-01T00:00:00Z: the earliest sign-up date.
  public static let signupStart: Int64 = 1_546_300_800_000_000
  /// Days in 2019…2023, the sign-up window.
  public static let signupDays = 1826

  /// Sales days (day of year, 0-based) and the extra share of orders each gets:
  /// 618 (June 18), Singles' Day (November 11) and Double 12 (December 12).
  public static let salesDays: [(dayOfYear: Int, share: Double)] = [(169, 0.02), (315, 0.04), (346, 0.015)]

  /// Relative order volume by hour of day (UTC+0 stands in for local time): quiet nights, an evening peak.
  static let hourWeights: [Double] = [
    2, 1, 0.6, 0.4, 0.3, 0.4, 0.8, 1.5, 2.5, 3.5, 4, 4.2, 4.5, 4, 3.8, 3.8, 4, 4.3, 4.8, 5.5, 6.5, 7, 6, 4,
  ]
}

/// Chinese cities (pinyin) with their share of users.
enum Cities {
  static let names = [
    "Shanghai", "Beijing", "Shenzhen", "Guangzhou", "Hangzhou", "Chengdu", "Wuhan", "Nanjing", "Suzhou", "Chongqing",
  ]
  static let weights: [Double] = [0.16, 0.15, 0.12, 0.11, 0.10, 0.09, 0.08, 0.07, 0.06, 0.06]
}
