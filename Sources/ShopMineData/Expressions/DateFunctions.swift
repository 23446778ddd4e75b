/// The calendar functions of the function table (``ScalarFunctions/signatures``) beyond the fields
/// `year`…`hour`: quarters, ISO weeks, day of the year and its name, truncation to a period, the current
/// time, text read with a format, and wall-clock time in a zone. Timestamps are UTC instants; a week starts on
/// Monday and is numbered as ISO 8601 (and pandas' `isocalendar`) number it.
enum DateFunctions {
  static let signatures: [FunctionSignature] = [
    FunctionSignature("quarter", 1...1, "quarter(t)", "quarter of the year, 1 to 4"),
    FunctionSignature("week", 1...1, "week(t)", "ISO week of the year, 1 to 53 (weeks start on Monday)"),
    FunctionSignature("dayofyear", 1...1, "dayofyear(t)", "day of the year, 1 to 366"),
    FunctionSignature("weekday_name", 1...1, "weekday_name(t)", "the day's English name, Monday to Sunday"),
    FunctionSignature(
      "date_trunc", 2...2, "date_trunc(unit, t)",
      "the start of t's \"hour\", \"day\", \"week\" (Monday), \"month\", \"quarter\" or \"year\""),
    FunctionSignature("now", 0...0, "now()", "the current time (UTC), the same for every row of a statement"),
    FunctionSignature("today", 0...0, "today()", "midnight (UTC) of the current day"),
    FunctionSignature(
      "to_tz", 2...2, "to_tz(t, zone)",
      "the wall-clock time in an IANA zone (\"Asia/Shanghai\") of the UTC time t, daylight saving included"),
  ]

  static let names = Set(signatures.map(\.name))

  static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
  static let units = ["hour", "day", "week", "month", "quarter", "year"]

  /// Evaluates calendar function `name` over its evaluated arguments `cols`.
  static func call(_ a: FunctionArguments) throws(ExpressionError) -> Column {
    let name = a.name
    let n = a.rowCount
    let args = a.expressions
    let span = a.span
    let ev = a.evaluator
    func times(_ i: Int) throws(ExpressionError) -> (values: [Int64], validity: ValidityMask?) {
      try a.timestamps(i)
    }
    func written(_ i: Int, _ what: String) throws(ExpressionError) -> String { try a.written(i, what) }
    func ints(_ f: (Int64) -> Int) throws(ExpressionError) -> Column {
      let (t, validity) = try times(0)
      return Column(name: name, storage: .int(t.map { Int64(f($0)) }), validity: validity)
    }

    switch name {
    case "quarter": return try ints { (Timestamp.month($0) - 1) / 3 + 1 }
    case "week": return try ints { isoWeek($0) }
    case "dayofyear":
      return try ints { t in
        let day = Timestamp.dayNumber(t)
        return Int(day - Timestamp.daysFromCivil(year: Timestamp.civilFromDays(day).year, month: 1, day: 1)) + 1
      }
    case "weekday_name":
      let (t, validity) = try times(0)
      return Column(
        name: name, storage: .string(codes: t.map { Int32(Timestamp.weekday($0)) }, dictionary: weekdayNames),
        validity: validity)
    case "date_trunc":
      let unit = try written(0, "the unit (\(units.map { "\"\($0)\"" }.joined(separator: ", ")))")
      guard units.contains(unit) else {
        throw ExpressionError(
          TableError(
            code: .invalidArgument,
            message: "'date_trunc' truncates to \(units.map { "\"\($0)\"" }.joined(separator: ", ")), not \"\(unit)\"",
            candidates: units), span: args[0].span ?? span)
      }
      let (t, validity) = try times(1)
      return Column(name: name, storage: .timestamp(t.map { truncate($0, to: unit) }), validity: validity)
    case "now", "today":
      let current = ev.now
      let value = name == "now" ? current : Timestamp.date(current)
      return Column(name: name, storage: .timestamp([Int64](repeating: value, count: n)), validity: nil)
    case "to_tz":
      let zone = try written(1, "the zone (\"Asia/Shanghai\")")
      guard let rules = ZoneRules(identifier: zone) else {
        throw ExpressionError(
          TableError(
            code: .invalidArgument, message: "unknown time zone \"\(zone)\"",
            candidates: ZoneRules.knownIdentifiers), span: args[1].span ?? span)
      }
      let (t, validity) = try times(0)
      return Column(name: name, storage: .timestamp(t.map { rules.local(fromUTC: $0) }), validity: validity)
    default:
      throw ExpressionError(.invalidArgument("unknown function '\(name)'"), span: span)
    }
  }

  /// `date(text, "%m/%d/%Y")`: each distinct text read with the format once; a text that does not match
  /// is an error naming it. A time with an offset (`%z`) becomes UTC.
  static func parse(
    _ c: Column, format e: RowExpression, span: SourceSpan?, evaluator ev: ExpressionEvaluator
  ) throws(ExpressionError) -> Column {
    guard case .literal(.string(let pattern), _) = e else {
      throw ExpressionError(
        .invalidArgument("'date' needs the format as a string written in the call, such as \"%m/%d/%Y\""),
        span: e.span ?? span)
    }
    let format: DateFormat
    do {
      format = try DateFormat(pattern)
    } catch {
      throw ExpressionError(error, span: e.span ?? span)
    }
    guard case .string(let codes, let dictionary) = c.storage else {
      if c.isAllMissing {
        return Column(
          name: "date", storage: .timestamp([Int64](repeating: 0, count: c.count)),
          validity: ValidityMask(count: c.count, allValid: false))
      }
      throw ExpressionError(
        .typeMismatch("'date' with a format reads text, but this is a \(c.type.rawValue) column"), span: span)
    }
    var parsed = [Int64?](repeating: nil, count: dictionary.count)
    let validity = c.effectiveValidity()
    var out = [Int64](repeating: 0, count: c.count)
    for i in 0..<c.count where validity?.isValid(i) ?? true {
      let code = Int(codes[i])
      if parsed[code] == nil {
        let bytes = Array(dictionary[code].utf8)
        let reading = bytes.withUnsafeBufferPointer { b in b.baseAddress.flatMap { format.parse($0, count: b.count) } }
        guard let reading else {
          throw ExpressionError(
            .typeMismatch("\"\(dictionary[code])\" does not match the format \"\(pattern)\""), span: span)
        }
        parsed[code] = reading.local - Int64(reading.offset ?? 0) * Timestamp.microsPerSecond
      }
      out[i] = parsed[code] ?? 0
    }
    return Column(name: "date", storage: .timestamp(out), validity: validity)
  }

  /// The ISO 8601 week number: the week (Monday to Sunday) holding the year's first Thursday is week 1.
  static func isoWeek(_ t: Int64) -> Int {
    let day = Timestamp.dayNumber(t)
    let thursday = day - Int64(Timestamp.weekday(t)) + 3
    let year = Timestamp.civilFromDays(thursday).year
    let first = Timestamp.daysFromCivil(year: year, month: 1, day: 1)
    return Int((thursday - first) / 7) + 1
  }

  /// The start of the period `unit` that holds `t`.
  static func truncate(_ t: Int64, to unit: String) -> Int64 {
    let day = Timestamp.dayNumber(t)
    let (year, month, _) = Timestamp.civilFromDays(day)
    switch unit {
    case "hour": return Timestamp.floorDiv(t, 3_600 * Timestamp.microsPerSecond) * 3_600 * Timestamp.microsPerSecond
    case "day": return day * Timestamp.microsPerDay
    case "week": return (day - Int64(Timestamp.weekday(t))) * Timestamp.microsPerDay
    case "month": return Timestamp.daysFromCivil(year: year, month: month, day: 1) * Timestamp.microsPerDay
    case "quarter":
      return Timestamp.daysFromCivil(year: year, month: (month - 1) / 3 * 3 + 1, day: 1) * Timestamp.microsPerDay
    default: return Timestamp.daysFromCivil(year: year, month: 1, day: 1) * Timestamp.microsPerDay
    }
  }
}

extension ZoneRules {
  /// The wall-clock time (as if UTC) in this zone of the UTC timestamp `utc`.
  public func local(fromUTC utc: Int64) -> Int64 {
    utc + offset(atUTC: Timestamp.floorDiv(utc, Timestamp.microsPerSecond)) * Timestamp.microsPerSecond
  }
}
