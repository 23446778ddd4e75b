import Foundation

/// The UTC offsets of an IANA time zone (`Europe/Berlin`), as a table of transitions, to turn wall-clock
/// times into UTC without a `Calendar` per value.
///
/// The table comes from Foundation's `TimeZone` (the system's tz database) once, for 1900–2199; a time
/// before 1900 takes the 1900 offset. Converting a time is three binary searches in that table.
///
/// Daylight-saving changes follow java.time's `ZonedDateTime.ofLocal` and Python's `zoneinfo` (`fold=0`):
/// a wall time that happens twice (the hour repeated when clocks go back) is the earlier of the two
/// instants, still on summer time; a wall time that never happens (the hour skipped when clocks go
/// forward) is read with the offset before the change, so it lands that gap's length later (02:30 on the
/// spring-forward night in Berlin becomes 03:30 summer time, 01:30 UTC).
public struct ZoneRules: Sendable, Hashable {
  /// The zone's IANA name.
  public let identifier: String
  /// UTC seconds at which the offset changes, ascending.
  let transitions: [Int64]
  /// Seconds east of UTC: `offsets[k]` holds before `transitions[k]`, the last one after every change.
  let offsets: [Int64]

  /// Every zone name the system knows, for "did you mean".
  public static var knownIdentifiers: [String] { TimeZone.knownTimeZoneIdentifiers }

  /// The rules of the zone named `identifier` (exact spelling, as `Europe/Berlin` or `UTC`); `nil` if the
  /// system does not know it.
  public init?(identifier: String) {
    guard !identifier.isEmpty, let zone = TimeZone(identifier: identifier) else { return nil }
    let start: Int64 = -2_208_988_800  // 1900-01-01T00:00:00Z
    let end: Int64 = 7_258_118_400  // 2200-01-01T00:00:00Z
    var transitions: [Int64] = []
    var offsets = [Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(start))))]
    var date = Date(timeIntervalSince1970: Double(start))
    while let next = zone.nextDaylightSavingTimeTransition(after: date), next.timeIntervalSince1970 < Double(end) {
      let offset = Int64(zone.secondsFromGMT(for: next))
      if let last = offsets.last, offset != last {
        transitions.append(Int64(next.timeIntervalSince1970.rounded()))
        offsets.append(offset)
      }
      date = next
    }
    self.identifier = identifier
    self.transitions = transitions
    self.offsets = offsets
  }

  /// Seconds east of UTC at the UTC second `utc`.
  @inline(__always)
  func offset(atUTC utc: Int64) -> Int64 {
    // The number of transitions at or before `utc` indexes its offset.
    var low = 0
    var high = transitions.count
    while low < high {
      let mid = (low + high) / 2
      if transitions[mid] <= utc { low = mid + 1 } else { high = mid }
    }
    return offsets[low]
  }

  /// The UTC timestamp of the wall-clock time `local` (microseconds since the epoch, read as if UTC).
  public func utc(fromLocal local: Int64) -> Int64 {
    guard !transitions.isEmpty else { return local - offsets[0] * Timestamp.microsPerSecond }
    let seconds = Timestamp.floorDiv(local, Timestamp.microsPerSecond)
    // Offsets a day either side bracket any change near this time (changes are months apart).
    let before = offset(atUTC: seconds - 86_400)
    let after = offset(atUTC: seconds + 86_400)
    // Read with the earlier offset: right unless that instant is already past the change.
    if before == after || offset(atUTC: seconds - before) == before {
      return local - before * Timestamp.microsPerSecond
    }
    if offset(atUTC: seconds - after) == after { return local - after * Timestamp.microsPerSecond }
    // A skipped wall time: the offset before the change moves it forward by the gap.
    return local - before * Timestamp.microsPerSecond
  }
}
