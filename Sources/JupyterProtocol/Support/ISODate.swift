#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// ISO-8601 timestamps as Jupyter headers carry them: UTC, microseconds, explicit zone
/// (`2023-11-14T22:13:20.123456Z`).
///
/// Formatted by hand from the Unix time rather than through a locale-aware formatter: it is the hot path of
/// every message, and the output must not depend on the machine's locale or time zone.
public enum ISODate {
  /// The current time.
  public static func now() -> String {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return format(seconds: Int64(spec.tv_sec), microseconds: Int(spec.tv_nsec / 1000))
  }

  /// Formats `seconds` since the Unix epoch plus `microseconds` (0..<1_000_000, clamped) in UTC.
  public static func format(seconds: Int64, microseconds: Int) -> String {
    let (days, secondOfDay) = floorDivide(seconds, 86_400)
    let (year, month, day) = civilDate(daysSinceEpoch: days)
    let micros = min(max(microseconds, 0), 999_999)
    return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(Int(secondOfDay / 3600), 2) + ":"
      + pad(Int(secondOfDay / 60 % 60), 2) + ":" + pad(Int(secondOfDay % 60), 2) + "." + pad(micros, 6) + "Z"
  }

  private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
    let q = a / b
    let r = a % b
    return r < 0 ? (q - 1, r + b) : (q, r)
  }

  /// Days since 1970-01-01 → proleptic Gregorian (year, month, day); Howard Hinnant's `civil_from_days`.
  static func civilDate(daysSinceEpoch: Int64) -> (Int, Int, Int) {
    // Clamp to ±1 million years so the arithmetic below cannot overflow on absurd inputs.
    let z = min(max(daysSinceEpoch, -365_000_000), 365_000_000) + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    return (Int(year), Int(month), Int(day))
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}
