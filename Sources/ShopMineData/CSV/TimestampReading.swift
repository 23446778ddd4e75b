/// How one CSV column's timestamps are read: ISO-8601 or a `dates` format, with offset-free times taken
/// as wall-clock times in a zone (`tz`) or as UTC.
struct TimestampReading: Sendable, Hashable {
  /// The `dates` format, for a column whose values follow it.
  var format: DateFormat?
  /// The zone of times written without an offset; `nil`: UTC.
  var zone: ZoneRules?
  /// Whether ISO-8601 text is read too when `format` is set (a column forced to timestamp).
  var isoToo = false

  /// ISO-8601, offset-free times in UTC: the reading without `dates` and `tz`.
  static let iso = TimestampReading()

  /// The timestamp `p[0..<n]` spells, `nil` when it is none.
  @inline(__always)
  func parse(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
    if let format {
      if let parsed = format.parse(p, count: n) { return utc(parsed) }
      guard isoToo else { return nil }
    }
    // Without `tz` the ISO parser already gives UTC.
    guard zone != nil else { return Timestamp.parse(p, count: n) }
    return Timestamp.parseLocal(p, count: n).map(utc)
  }

  @inline(__always)
  private func utc(_ parsed: (local: Int64, offset: Int?)) -> Int64 {
    if let offset = parsed.offset { return parsed.local - Int64(offset) * Timestamp.microsPerSecond }
    return zone?.utc(fromLocal: parsed.local) ?? parsed.local
  }
}
