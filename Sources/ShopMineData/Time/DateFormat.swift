/// A strftime-style date format (`%d/%m/%Y %H:%M`), compiled once and matched against text byte by byte.
///
/// The directives and their widths follow Python's `strptime` (which pandas' `to_datetime(format=)` uses):
/// `%Y` is exactly four digits, `%m %d %H %I %M %S` one or two, `%y` two (69–99 → 1900s, 00–68 → 2000s, as
/// POSIX), `%f` one to nine (digits past microseconds are dropped), `%j` one to three. A space in the format
/// matches one or more spaces. Any other byte is literal, so `%Y年%m月%d日` works. The whole field must
/// match. Fields the format leaves out default to 1900-01-01 00:00:00, as `strptime`.
public struct DateFormat: Sendable, Hashable, CustomStringConvertible {
  /// The format as written.
  public let text: String
  let steps: [Step]

  enum Step: Sendable, Hashable {
    case literal(UInt8)
    case spaces
    case year, year2, month, day, spaceDay, dayOfYear, hour24, hour12, minute, second, fraction, ampm
    case monthAbbreviation, monthName, weekdayAbbreviation, weekdayName, offset
  }

  /// The directives `dates` understands, with what each reads (the help and errors list them).
  public static let directives: [(directive: String, meaning: String)] = [
    ("%Y", "year, 4 digits"), ("%y", "year, 2 digits"), ("%m", "month 1–12"), ("%d", "day 1–31"),
    ("%e", "day, space-padded"), ("%j", "day of the year 1–366"), ("%H", "hour 0–23"), ("%I", "hour 1–12 (with %p)"),
    ("%p", "AM or PM"), ("%M", "minute"), ("%S", "second"), ("%f", "fraction of a second, 1–9 digits"),
    ("%b", "month, Jan…Dec"), ("%B", "month, January…December"), ("%a", "weekday, Mon…Sun (not checked)"),
    ("%A", "weekday, Monday…Sunday (not checked)"), ("%z", "UTC offset: Z, +01:00, +0100, +01"), ("%%", "a %"),
  ]

  private static let stepOf: [UInt8: Step] = [
    UInt8(ascii: "Y"): .year, UInt8(ascii: "y"): .year2, UInt8(ascii: "m"): .month, UInt8(ascii: "d"): .day,
    UInt8(ascii: "e"): .spaceDay, UInt8(ascii: "j"): .dayOfYear, UInt8(ascii: "H"): .hour24,
    UInt8(ascii: "I"): .hour12, UInt8(ascii: "p"): .ampm, UInt8(ascii: "M"): .minute, UInt8(ascii: "S"): .second,
    UInt8(ascii: "f"): .fraction, UInt8(ascii: "b"): .monthAbbreviation, UInt8(ascii: "B"): .monthName,
    UInt8(ascii: "a"): .weekdayAbbreviation, UInt8(ascii: "A"): .weekdayName, UInt8(ascii: "z"): .offset,
    UInt8(ascii: "%"): .literal(UInt8(ascii: "%")),
  ]

  /// Compiles `text`; an unknown directive, a lone `%`, a field given twice, `%I` without `%p` (or the
  /// reverse) and a format without any directive are errors that say which.
  public init(_ text: String) throws(TableError) {
    let bytes = Array(text.utf8)
    var steps: [Step] = []
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: " ") {
        steps.append(.spaces)
        while i < bytes.count && bytes[i] == UInt8(ascii: " ") { i += 1 }
        continue
      }
      guard b == UInt8(ascii: "%") else {
        steps.append(.literal(b))
        i += 1
        continue
      }
      guard i + 1 < bytes.count else {
        throw Self.invalid(text, "ends with a lone '%' (write '%%' for a percent sign)")
      }
      guard let step = Self.stepOf[bytes[i + 1]] else {
        let directive = String(decoding: bytes[i...min(i + 1, bytes.count - 1)], as: UTF8.self)
        throw Self.invalid(text, "has an unknown directive '\(directive)'")
      }
      steps.append(step)
      i += 2
    }
    let directives = steps.filter {
      if case .literal = $0 { return false }
      return $0 != .spaces
    }
    if directives.isEmpty { throw Self.invalid(text, "has no directive such as %Y or %d") }
    if Set(directives).count != directives.count { throw Self.invalid(text, "reads the same field twice") }
    let conflicting: [Set<Step>] = [
      [.year, .year2], [.month, .monthAbbreviation, .monthName, .dayOfYear], [.day, .spaceDay, .dayOfYear],
      [.hour24, .hour12], [.weekdayAbbreviation, .weekdayName],
    ]
    for group in conflicting where group.intersection(directives).count > 1 {
      throw Self.invalid(text, "reads the same field twice")
    }
    if directives.contains(.hour12) != directives.contains(.ampm) {
      throw Self.invalid(text, "needs %I and %p together (a 12-hour clock needs AM or PM)")
    }
    self.text = text
    self.steps = steps
  }

  private static func invalid(_ text: String, _ problem: String) -> TableError {
    let known = directives.map(\.directive).joined(separator: " ")
    return TableError(
      code: .invalidArgument, message: "the date format \"\(text)\" \(problem); directives: \(known)")
  }

  public var description: String { text }

  private static let monthNames: [[UInt8]] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
  ].map { Array($0.utf8) }
  private static let weekdayNames: [[UInt8]] = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  ].map { Array($0.utf8) }

  /// The time `p[0..<n]` spells in this format: wall-clock microseconds since the epoch (as if UTC), and the
  /// offset in seconds east of UTC when the text has one (`%z`); `nil` when the text does not match.
  public func parse(_ p: UnsafePointer<UInt8>, count n: Int) -> (local: Int64, offset: Int?)? {
    var i = 0
    /// Between `least` and `most` digits (as many as there are), their value.
    @inline(__always) func number(_ least: Int, _ most: Int) -> Int? {
      var value = 0
      var k = 0
      while k < most, i < n, p[i] &- 48 < 10 {
        value = value * 10 + Int(p[i] &- 48)
        i += 1
        k += 1
      }
      return k >= least ? value : nil
    }
    /// The index of the name in `names` that the text spells (whole, or its first three letters).
    @inline(__always) func name(in names: [[UInt8]], full: Bool) -> Int? {
      for (index, candidate) in names.enumerated() {
        let length = full ? candidate.count : 3
        guard i + length <= n else { continue }
        var same = true
        for k in 0..<length where p[i + k] | 0x20 != candidate[k] {
          same = false
          break
        }
        if same {
          i += length
          return index
        }
      }
      return nil
    }
    var year = 1900
    var month = 1
    var day = 1
    var dayOfYear = 0
    var hour = 0
    var minute = 0
    var second = 0
    var micros = 0
    var pm: Bool?
    var offset: Int?
    for step in steps {
      switch step {
      case .literal(let c):
        guard i < n, p[i] == c else { return nil }
        i += 1
      case .spaces:
        guard i < n, p[i] == UInt8(ascii: " ") else { return nil }
        while i < n && p[i] == UInt8(ascii: " ") { i += 1 }
      case .year:
        guard let v = number(4, 4) else { return nil }
        year = v
      case .year2:
        guard let v = number(2, 2) else { return nil }
        year = v < 69 ? 2000 + v : 1900 + v
      case .month:
        guard let v = number(1, 2), v >= 1, v <= 12 else { return nil }
        month = v
      case .day, .spaceDay:
        if step == .spaceDay, i < n, p[i] == UInt8(ascii: " ") { i += 1 }
        guard let v = number(1, 2), v >= 1, v <= 31 else { return nil }
        day = v
      case .dayOfYear:
        guard let v = number(1, 3), v >= 1, v <= 366 else { return nil }
        dayOfYear = v
      case .hour24:
        guard let v = number(1, 2), v <= 23 else { return nil }
        hour = v
      case .hour12:
        guard let v = number(1, 2), v >= 1, v <= 12 else { return nil }
        hour = v
      case .minute:
        guard let v = number(1, 2), v <= 59 else { return nil }
        minute = v
      case .second:
        guard let v = number(1, 2), v <= 59 else { return nil }
        second = v
      case .fraction:
        let start = i
        guard let v = number(1, 9) else { return nil }
        var scaled = v
        var digits = i - start
        while digits < 6 {
          scaled *= 10
          digits += 1
        }
        while digits > 6 {
          scaled /= 10
          digits -= 1
        }
        micros = scaled
      case .ampm:
        guard i + 2 <= n, p[i + 1] | 0x20 == UInt8(ascii: "m") else { return nil }
        switch p[i] | 0x20 {
        case UInt8(ascii: "a"): pm = false
        case UInt8(ascii: "p"): pm = true
        default: return nil
        }
        i += 2
      case .monthAbbreviation, .monthName:
        guard let v = name(in: Self.monthNames, full: step == .monthName) else { return nil }
        month = v + 1
      case .weekdayAbbreviation, .weekdayName:
        guard name(in: Self.weekdayNames, full: step == .weekdayName) != nil else { return nil }
      case .offset:
        guard let o = parseOffset(p, n, &i) else { return nil }
        offset = o
      }
    }
    guard i == n else { return nil }
    if let pm { hour = hour % 12 + (pm ? 12 : 0) }
    let days: Int64
    if dayOfYear > 0 {
      let leap = Timestamp.daysInMonth(year: year, month: 2) == 29
      guard dayOfYear <= (leap ? 366 : 365) else { return nil }
      days = Timestamp.daysFromCivil(year: year, month: 1, day: 1) + Int64(dayOfYear - 1)
    } else {
      guard day <= Timestamp.daysInMonth(year: year, month: month) else { return nil }
      days = Timestamp.daysFromCivil(year: year, month: month, day: day)
    }
    let seconds = Int64(hour * 3600 + minute * 60 + second)
    return (days * Timestamp.microsPerDay + seconds * Timestamp.microsPerSecond + Int64(micros), offset)
  }

  /// `Z`, `±HH`, `±HHMM` or `±HH:MM` at `p[i]`: seconds east of UTC.
  private func parseOffset(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int) -> Int? {
    guard i < n else { return nil }
    if p[i] == UInt8(ascii: "Z") || p[i] == UInt8(ascii: "z") {
      i += 1
      return 0
    }
    guard p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") else { return nil }
    let sign = p[i] == UInt8(ascii: "-") ? -1 : 1
    i += 1
    @inline(__always) func twoDigits() -> Int? {
      guard i + 2 <= n, p[i] &- 48 < 10, p[i + 1] &- 48 < 10 else { return nil }
      defer { i += 2 }
      return Int(p[i] &- 48) * 10 + Int(p[i + 1] &- 48)
    }
    guard let hours = twoDigits(), hours <= 23 else { return nil }
    var minutes = 0
    if i < n, p[i] == UInt8(ascii: ":") || p[i] &- 48 < 10 {
      if p[i] == UInt8(ascii: ":") { i += 1 }
      guard let m = twoDigits(), m <= 59 else { return nil }
      minutes = m
    }
    return sign * (hours * 3600 + minutes * 60)
  }
}
