/// Calendar arithmetic over timestamps stored as `Int64` microseconds since 1970-01-01T00:00:00Z (UTC).
///
/// Pure integer civil-from-days arithmetic (Howard Hinnant's algorithms, proleptic Gregorian calendar):
/// no Foundation `Calendar`, no time zones, no locale — so the same microseconds give the same fields and
/// the same text on every machine.
public enum Timestamp {
  /// Microseconds in one second.
  public static let microsPerSecond: Int64 = 1_000_000
  /// Microseconds in one day.
  public static let microsPerDay: Int64 = 86_400_000_000

  /// The broken-down UTC fields of a timestamp.
  public struct Fields: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var microsecond: Int
  }

  // MARK: - Days ↔ civil dates

  /// Days since 1970-01-01 for a proleptic Gregorian date (`month` 1…12, `day` 1…31).
  public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
    // Shift the year so it starts in March: the leap day is then the last day of the year.
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let m = Int64(month)
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The civil date of a day count since 1970-01-01.
  public static func civilFromDays(_ days: Int64) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    return (Int(year), Int(month), Int(day))
  }

  /// Floor division that rounds toward negative infinity (timestamps before 1970 are negative).
  @inline(__always)
  static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }

  /// Day number (days since 1970-01-01) of a timestamp.
  @inline(__always)
  public static func dayNumber(_ ts: Int64) -> Int64 { floorDiv(ts, microsPerDay) }

  // MARK: - Construction and fields

  /// The timestamp of a UTC civil date and time. Out-of-range fields roll over arithmetically.
  public static func make(
    year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, microsecond: Int = 0
  ) -> Int64 {
    let days = daysFromCivil(year: year, month: month, day: day)
    let secs = Int64(hour) * 3600 + Int64(minute) * 60 + Int64(second)
    return days &* microsPerDay &+ secs &* microsPerSecond &+ Int64(microsecond)
  }

  /// The UTC fields of `ts`.
  public static func fields(_ ts: Int64) -> Fields {
    let days = dayNumber(ts)
    let micros = ts - days * microsPerDay
    let (y, m, d) = civilFromDays(days)
    let secs = micros / microsPerSecond
    return Fields(
      year: y, month: m, day: d, hour: Int(secs / 3600), minute: Int(secs / 60 % 60), second: Int(secs % 60),
      microsecond: Int(micros % microsPerSecond))
  }

  public static func year(_ ts: Int64) -> Int { civilFromDays(dayNumber(ts)).year }
  public static func month(_ ts: Int64) -> Int { civilFromDays(dayNumber(ts)).month }
  public static func day(_ ts: Int64) -> Int { civilFromDays(dayNumber(ts)).day }
  public static func hour(_ ts: Int64) -> Int { Int((ts - dayNumber(ts) * microsPerDay) / 3_600_000_000) }
  public static func minute(_ ts: Int64) -> Int { Int((ts - dayNumber(ts) * microsPerDay) / 60_000_000 % 60) }
  public static func second(_ ts: Int64) -> Int { Int((ts - dayNumber(ts) * microsPerDay) / 1_000_000 % 60) }

  /// Day of the week with Monday = 0 … Sunday = 6, as pandas' `dt.weekday`.
  public static func weekday(_ ts: Int64) -> Int {
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    let w = (dayNumber(ts) + 3) % 7
    return Int(w < 0 ? w + 7 : w)
  }

  /// The timestamp floored to midnight UTC of its day (the language's `date(ts)`).
  public static func date(_ ts: Int64) -> Int64 { dayNumber(ts) * microsPerDay }

  /// Whole days from `a` to `b` (`b - a`, counted between their calendar days, so it is exact across
  /// midnights: `days_between(2024-03-01T23:00, 2024-03-02T01:00)` is 1).
  public static func daysBetween(_ a: Int64, _ b: Int64) -> Int64 { dayNumber(b) - dayNumber(a) }

  // MARK: - Formatting

  /// ISO-8601 text: `YYYY-MM-DD` when the time is midnight, otherwise `YYYY-MM-DDTHH:MM:SS`, with
  /// `.ffffff` appended only when there are sub-second microseconds.
  public static func format(_ ts: Int64) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(26)
    appendFormatted(ts, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends ``format(_:)``'s UTF-8 bytes to `out` (the CSV writer's allocation-free path).
  public static func appendFormatted(_ ts: Int64, to out: inout [UInt8]) {
    let f = fields(ts)
    appendDigits(f.year, width: 4, to: &out)
    out.append(UInt8(ascii: "-"))
    appendDigits(f.month, width: 2, to: &out)
    out.append(UInt8(ascii: "-"))
    appendDigits(f.day, width: 2, to: &out)
    if f.hour == 0 && f.minute == 0 && f.second == 0 && f.microsecond == 0 { return }
    out.append(UInt8(ascii: "T"))
    appendDigits(f.hour, width: 2, to: &out)
    out.append(UInt8(ascii: ":"))
    appendDigits(f.minute, width: 2, to: &out)
    out.append(UInt8(ascii: ":"))
    appendDigits(f.second, width: 2, to: &out)
    if f.microsecond != 0 {
      out.append(UInt8(ascii: "."))
      appendDigits(f.microsecond, width: 6, to: &out)
    }
  }

  private static func appendDigits(_ value: Int, width: Int, to out: inout [UInt8]) {
    var v = value
    if v < 0 {
      out.append(UInt8(ascii: "-"))
      v = -v
    }
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var n = 0
    withUnsafeMutableBytes(of: &digits) { buf in
      repeat {
        buf[n] = UInt8(ascii: "0") + UInt8(v % 10)
        v /= 10
        n += 1
      } while v > 0 && n < 12
      while n < width && n < 12 {
        buf[n] = UInt8(ascii: "0")
        n += 1
      }
      for i in stride(from: n - 1, through: 0, by: -1) { out.append(buf[i]) }
    }
  }

  // MARK: - Parsing

  /// Parses ISO-8601 text: `2024-03-05`, `2024-03-05T10:20`, `2024-03-05T10:20:30`, a space instead of
  /// `T`, fractional seconds (up to microseconds; more digits are truncated), and `Z` or an offset
  /// (`+08:00`, `+0800`, `-05`) which is subtracted to give UTC. Returns `nil` for anything else.
  public static func parse(_ text: String) -> Int64? {
    var text = text
    return text.withUTF8 { parse(bytes: $0) }
  }

  /// Byte-level ``parse(_:)`` for the CSV reader: no allocation, no Unicode decoding.
  public static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    guard let base = bytes.baseAddress else { return nil }
    return parse(base, count: bytes.count)
  }

  /// Byte-level ``parse(_:)`` over `count` bytes at `p`.
  @inline(__always)
  public static func parse(_ p: UnsafePointer<UInt8>, count n: Int) -> Int64? {
    guard let (local, offset) = parseLocal(p, count: n) else { return nil }
    return local - Int64(offset ?? 0) * microsPerSecond
  }

  /// Byte-level ISO-8601 as ``parse(_:)`` reads it, with the offset kept apart: the wall-clock time
  /// (microseconds since the epoch, as if UTC) and the offset in seconds east of UTC when the text has one
  /// (`Z` is 0), so a reader can place offset-free times in a time zone.
  public static func parseLocal(_ p: UnsafePointer<UInt8>, count n: Int) -> (local: Int64, offset: Int?)? {
    var i = 0
    @inline(__always) func digits(_ width: Int) -> Int? {
      guard i + width <= n else { return nil }
      var v = 0
      for k in 0..<width {
        let d = Int(p[i + k]) &- 48
        guard d >= 0 && d <= 9 else { return nil }
        v = v * 10 + d
      }
      i += width
      return v
    }
    @inline(__always) func expect(_ c: UInt8) -> Bool {
      guard i < n, p[i] == c else { return false }
      i += 1
      return true
    }
    guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2), expect(UInt8(ascii: "-")),
      let day = digits(2)
    else { return nil }
    guard month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year: year, month: month) else {
      return nil
    }
    var hour = 0
    var minute = 0
    var second = 0
    var micros = 0
    var offsetSeconds: Int?
    if i < n {
      guard p[i] == UInt8(ascii: "T") || p[i] == UInt8(ascii: " ") else { return nil }
      i += 1
      guard let h = digits(2), expect(UInt8(ascii: ":")), let mi = digits(2) else { return nil }
      hour = h
      minute = mi
      if expect(UInt8(ascii: ":")) {
        guard let s = digits(2) else { return nil }
        second = s
        if i < n && (p[i] == UInt8(ascii: ".") || p[i] == UInt8(ascii: ",")) {
          i += 1
          var scale = 100_000
          var any = false
          while i < n, p[i] >= 48, p[i] <= 57 {
            micros += Int(p[i] - 48) * scale
            scale /= 10
            any = true
            i += 1
          }
          guard any else { return nil }
        }
      }
      guard hour < 24 && minute < 60 && second < 61 else { return nil }
      if i < n {
        if p[i] == UInt8(ascii: "Z") || p[i] == UInt8(ascii: "z") {
          i += 1
          offsetSeconds = 0
        } else if p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") {
          let sign = p[i] == UInt8(ascii: "-") ? -1 : 1
          i += 1
          guard let oh = digits(2) else { return nil }
          var om = 0
          if i < n {
            _ = expect(UInt8(ascii: ":"))
            guard let m = digits(2) else { return nil }
            om = m
          }
          guard oh < 24 && om < 60 else { return nil }
          offsetSeconds = sign * (oh * 3600 + om * 60)
        }
      }
    }
    guard i == n else { return nil }
    let local = make(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second, microsecond: micros)
    return (local, offsetSeconds)
  }

  /// Number of days in a month of the proleptic Gregorian calendar.
  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2:
      let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return leap ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
