/// How `fill missing` replaces a missing value.
public enum FillStrategy: Sendable, Hashable {
  /// The column's mean (numeric columns; others are left as they are).
  case mean
  /// The column's median (numeric columns).
  case median
  /// The most frequent value (any column; ties → the smallest value, as pandas' `mode()[0]`).
  case mode
  /// A constant, for columns whose type it fits (numbers in numeric columns, strings in string columns…).
  case constant(Value)
}

extension Table {
  /// Replaces missing values in `columns` (every column when `nil`) by `strategy`. Mean and median skip
  /// non-numeric columns when no columns are named, and give float columns (pandas' ints with NaN are
  /// floats already).
  public func fillingMissing(
    _ strategy: FillStrategy, in columns: [String]? = nil, cancellation: Cancellation = .none
  ) throws(TableError) -> Table {
    try fillingMissing(
      (columns ?? columnNames).map { ($0, strategy) }, explicit: columns != nil, cancellation: cancellation)
  }

  /// Per-column strategies: `[("age", .median), ("city", .mode)]`.
  public func fillingMissing(
    _ specs: [(column: String, strategy: FillStrategy)], explicit: Bool = true, cancellation: Cancellation = .none
  ) throws(TableError) -> Table {
    var cols = columns
    for (name, strategy) in specs {
      try cancellation.check()
      guard let j = columnIndex(named: name) else { throw TableError.unknownColumn(name, available: columnNames) }
      let c = cols[j]
      guard let mask = c.effectiveValidity() else { continue }
      let fill: Value
      switch strategy {
      case .mean, .median:
        guard c.type.isNumeric, let v = c.numericDoubles() else {
          if !explicit { continue }
          throw TableError.typeMismatch(
            "cannot fill \(c.type.rawValue) column '\(name)' with a \(strategy == .mean ? "mean" : "median")",
            column: name)
        }
        let present = (0..<c.count).compactMap { mask.isValid($0) ? v.values[$0] : nil }
        guard let s = strategy == .mean ? Descriptive.mean(present) : Descriptive.median(present) else { continue }
        fill = .float(s)
      case .mode:
        guard let m = Table.mode(c) else { continue }
        fill = m
      case .constant(let v):
        fill = v
      }
      cols[j] = try Table.fill(c, mask: mask, with: fill, explicit: explicit)
    }
    return Table(uncheckedColumns: cols, rowCount: rowCount)
  }

  /// The most frequent present value (ties → smallest), or `nil` when none.
  static func mode(_ c: Column) -> Value? {
    let keys = KeyEncoding.rawKeys(c)
    // Without a cancellation token denseCodes cannot fail.
    guard let coded = try? KeyEncoding.denseCodes(keys, validity: c.effectiveValidity(), missingCode: false)
    else { return nil }
    let (codes, count) = coded
    var freq = [Int](repeating: 0, count: count)
    var firstRow = [Int](repeating: 0, count: count)
    for (r, code) in codes.enumerated() where code >= 0 {
      if freq[Int(code)] == 0 { firstRow[Int(code)] = r }
      freq[Int(code)] += 1
    }
    guard let best = freq.max(), best > 0 else { return nil }
    let candidates = (0..<count).filter { freq[$0] == best }.map { firstRow[$0] }
    let tie = c.gathering(candidates)
    let order = (try? Table.sortPermutation([tie], descending: [false], cancellation: .none)) ?? [0]
    return tie[order.first ?? 0]
  }

  static func fill(_ c: Column, mask: ValidityMask, with v: Value, explicit: Bool) throws(TableError) -> Column {
    let n = c.count
    switch (c.storage, v) {
    case (.int(let a), .int(let x)):
      return Column(name: c.name, storage: .int((0..<n).map { mask.isValid($0) ? a[$0] : x }))
    case (.int, .float), (.float, .int), (.float, .float):
      let d = c.numericDoubles()?.values ?? []
      let fillValue = v.doubleValue ?? .nan
      return Column(name: c.name, storage: .float((0..<n).map { mask.isValid($0) ? d[$0] : fillValue }))
    case (.bool(let a), .bool(let x)):
      return Column(name: c.name, storage: .bool((0..<n).map { mask.isValid($0) ? a[$0] : x }))
    case (.timestamp(let a), .timestamp(let x)):
      return Column(name: c.name, storage: .timestamp((0..<n).map { mask.isValid($0) ? a[$0] : x }))
    case (.string(let codes, let d), .string(let s)):
      var dict = d
      let code: Int32
      if let i = d.firstIndex(of: s) {
        code = Int32(i)
      } else {
        code = Int32(dict.count)
        dict.append(s)
      }
      return Column(
        name: c.name, storage: .string(codes: (0..<n).map { mask.isValid($0) ? codes[$0] : code }, dictionary: dict))
    default:
      if !explicit { return c }
      throw TableError.typeMismatch(
        "cannot fill \(c.type.rawValue) column '\(c.name)' with \(v.displayText)", column: c.name)
    }
  }
}
