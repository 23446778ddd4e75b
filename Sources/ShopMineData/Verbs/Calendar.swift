/// The step between the rows `calendar` adds.
public enum CalendarPeriod: String, Sendable, CaseIterable {
  case hour, day, week, month, quarter, year

  /// The time `k` periods after `start`: fixed lengths for hours, days and weeks; calendar months for the
  /// others, the day of the month kept or clamped to the month's last day (pandas' `DateOffset(months=k)`).
  func advance(_ start: Int64, by k: Int64) -> Int64 {
    let hour = 3_600 * Timestamp.microsPerSecond
    switch self {
    case .hour: return start + k * hour
    case .day: return start + k * Timestamp.microsPerDay
    case .week: return start + k * 7 * Timestamp.microsPerDay
    case .month, .quarter, .year:
      let months = k * (self == .month ? 1 : self == .quarter ? 3 : 12)
      let day = Timestamp.dayNumber(start)
      let timeOfDay = start - day * Timestamp.microsPerDay
      let (y, m, d) = Timestamp.civilFromDays(day)
      let total = Int64(y) * 12 + Int64(m - 1) + months
      let year = Int(Timestamp.floorDiv(total, 12))
      let month = Int(total - Int64(year) * 12) + 1
      let nextMonth = month == 12 ? (year + 1, 1) : (year, month + 1)
      let last = Int(
        Timestamp.daysFromCivil(year: nextMonth.0, month: nextMonth.1, day: 1)
          - Timestamp.daysFromCivil(year: year, month: month, day: 1))
      return Timestamp.daysFromCivil(year: year, month: month, day: min(d, last)) * Timestamp.microsPerDay + timeOfDay
    }
  }
}

extension Table {
  /// The most rows ``calendarFilled(time:every:by:fill:limit:)`` adds before refusing.
  public static let calendarRowLimit = 10_000_000

  /// The time series with its missing periods filled: one row per period from the first time to the last
  /// (per group of `by`), stepping by `every` from the first time. Existing rows are kept as they are (a time
  /// between two steps too); each added row has the period's time, its group's keys, and `fill` in the
  /// other columns that hold its type (a number fills int and float columns), missing elsewhere — pandas'
  /// `reindex(pd.date_range(first, last, freq), fill_value=…)` per group, which leaves values already missing
  /// as they are. The result is sorted by the groups' keys, then time (stable); rows whose time is missing
  /// come last in their group.
  ///
  /// - Complexity: O(n log n + p) for n rows and p periods.
  public func calendarFilled(
    time: String, every period: CalendarPeriod, by keys: [String] = [], fill: Value = .missing,
    limit: Int = Table.calendarRowLimit
  ) throws(TableError) -> Table {
    let timeColumn = try requireColumn(time)
    guard case .timestamp(let times) = timeColumn.storage else {
      throw TableError(
        code: .typeMismatch,
        message: "'calendar' needs a timestamp column, but '\(time)' is \(timeColumn.type.rawValue)",
        column: time)
    }
    let keyColumns = try keys.map { (k: String) throws(TableError) -> Column in try requireColumn(k) }
    // Groups in first-appearance order; each row's group.
    var groupOf = [Int](repeating: 0, count: rowCount)
    var representative: [Int] = []
    var index: [[Value]: Int] = [:]
    for r in 0..<rowCount {
      let key = keyColumns.map { $0[r] }
      if let g = index[key] {
        groupOf[r] = g
      } else {
        index[key] = representative.count
        groupOf[r] = representative.count
        representative.append(r)
      }
    }
    if rowCount == 0 { return self }
    var first = [Int64?](repeating: nil, count: representative.count)
    var last = [Int64?](repeating: nil, count: representative.count)
    var present = [Set<Int64>](repeating: [], count: representative.count)
    for r in 0..<rowCount where timeColumn.isValid(r) {
      let g = groupOf[r]
      first[g] = Swift.min(first[g] ?? times[r], times[r])
      last[g] = Swift.max(last[g] ?? times[r], times[r])
      present[g].insert(times[r])
    }
    var added: [(group: Int, time: Int64)] = []
    for g in representative.indices {
      guard let start = first[g], let end = last[g] else { continue }
      var k: Int64 = 0
      var t = start
      while t <= end {
        if !present[g].contains(t) {
          added.append((g, t))
          guard added.count <= limit else {
            throw TableError(
              code: .invalidArgument,
              message:
                "'calendar' would add more than \(limit) rows: choose a longer period than '\(period.rawValue)' or fewer groups"
            )
          }
        }
        k += 1
        t = period.advance(start, by: k)
      }
    }
    if added.isEmpty { return try sorted(by: (keys + [time]).map { SortKey($0) }) }
    let n = rowCount + added.count
    let existing = Array(0..<rowCount)
    var columns: [Column] = []
    for c in self.columns {
      if c.name == time {
        let values = times + added.map(\.time)
        var valid = (0..<rowCount).map { c.isValid($0) }
        valid += [Bool](repeating: true, count: added.count)
        columns.append(Column(name: c.name, storage: .timestamp(values), validity: ValidityMask(valid)))
      } else if keys.contains(c.name) {
        columns.append(c.gathering(existing + added.map { representative[$0.group] }))
      } else {
        columns.append(
          Self.filled(c.gathering(existing + [Int](repeating: -1, count: added.count)), from: rowCount, fill))
      }
    }
    let out = Table(uncheckedColumns: columns, rowCount: n)
    return try out.sorted(by: (keys + [time]).map { SortKey($0) })
  }

  /// `c` with `fill` in rows `from…` when `fill` is of `c`'s type (a number in an int or float column).
  private static func filled(_ c: Column, from start: Int, _ fill: Value) -> Column {
    var validity = c.validity ?? ValidityMask(count: c.count)
    var storage = c.storage
    switch (storage, fill) {
    case (.int(var a), .int(let v)):
      for i in start..<a.count { a[i] = v }
      storage = .int(a)
    case (.float(var a), _) where fill.doubleValue != nil && (fill.columnType?.isNumeric ?? false):
      for i in start..<a.count { a[i] = fill.doubleValue ?? 0 }
      storage = .float(a)
    case (.bool(var a), .bool(let v)):
      for i in start..<a.count { a[i] = v }
      storage = .bool(a)
    case (.string(var codes, var dictionary), .string(let s)):
      let code = Int32(dictionary.firstIndex(of: s) ?? dictionary.count)
      if Int(code) == dictionary.count { dictionary.append(s) }
      for i in start..<codes.count { codes[i] = code }
      storage = .string(codes: codes, dictionary: dictionary)
    default:
      return c
    }
    for i in start..<c.count { validity.set(i, valid: true) }
    return Column(name: c.name, storage: storage, validity: validity)
  }
}
