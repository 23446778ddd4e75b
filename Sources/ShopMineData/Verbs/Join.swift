/// The kind of a join, as SQL and pandas' `merge(how=…)` name them, plus the two filtering joins.
public enum JoinKind: String, Sendable, Hashable, CaseIterable {
  /// Matching pairs only.
  case inner
  /// Every left row, with its matches or missing values.
  case left
  /// Every right row, with its matches or missing values.
  case right
  /// Every row of both sides (SQL's `FULL OUTER JOIN`); the key columns are coalesced.
  case outer
  /// The left rows that have a match, once each, with the left columns only (SQL's `EXISTS`).
  case semi
  /// The left rows that have no match, with the left columns only (SQL's `NOT EXISTS`).
  case anti
}

extension Table {
  /// Joins `other` on equal values of `keys` (present in both tables). Output: every left column, then
  /// the right table's non-key columns; other clashing names get `suffixes` (pandas' `_x`, `_y`). Semi and
  /// anti joins give the left columns only.
  ///
  /// Row order follows `pandas.merge`: inner and left keep the left table's order (each left row's matches
  /// in the right table's order), right keeps the right table's order (each right row's matches in the left
  /// table's order), outer is sorted by the keys (stable: within a key, left rows in order, each with its
  /// matches; missing keys last), semi and anti keep the left order. Missing keys never match, not even each
  /// other (SQL's rule; pandas matches NaN with NaN). A key column of a right join comes from the right
  /// table, and of an outer join from whichever side has the row (pandas' coalesced key).
  ///
  /// When every left row meets exactly one right row (the usual lookup join: order lines with their
  /// users), the left columns are shared with `self` instead of copied.
  ///
  /// - Complexity: O(n + m + output): keys are coded densely once (by direct indexing for one integer
  ///   key of small range, by hashing otherwise), the right side is bucketed by code; an outer join adds a
  ///   sort of its output by the keys, O(output log output).
  public func joined(
    with other: Table, on keys: [String], kind: JoinKind = .inner, suffixes: (String, String) = ("_x", "_y"),
    cancellation: Cancellation = .none, admit: (_ outputRows: Int) throws(TableError) -> Void = { _ in }
  ) throws(TableError) -> Table {
    guard !keys.isEmpty else { throw TableError.invalidArgument("join needs at least one key column ('on …')") }
    var pairs: [(Column, Column)] = []
    for key in keys {
      let a = try requireColumn(key)
      let b: Column
      do throws(TableError) { b = try other.requireColumn(key) } catch {
        throw TableError(
          code: .unknownColumn, message: "unknown column '\(key)' in the right table of the join", column: key,
          candidates: other.columnNames)
      }
      pairs.append((a, b))
    }
    if kind == .semi || kind == .anti {
      return try filteredByMatch(pairs, keep: kind == .semi, cancellation: cancellation, admit: admit)
    }
    let rows = try JoinRows(pairs, kind: kind, cancellation: cancellation, admit: admit)
    try cancellation.check()

    // Names: keys once; other clashes get suffixes.
    let rightExtra = other.columns.filter { !keys.contains($0.name) }
    let clash = Set(columnNames).intersection(rightExtra.map(\.name))
    var out: [Column] = []
    do throws(TableError) {
      for c in columns {
        let g: Column
        if let k = keys.firstIndex(of: c.name), let coalesced = rows.keyColumns?[k] {
          g = coalesced
        } else {
          g =
            rows.left.map { c.gathering($0, mayHaveNegative: rows.leftHasMisses, cancellation: cancellation) } ?? c
        }
        out.append(clash.contains(c.name) ? g.renamed(c.name + suffixes.0) : g)
        try cancellation.check()
      }
      for c in rightExtra {
        let g =
          rows.right.map { c.gathering($0, mayHaveNegative: rows.rightHasMisses, cancellation: cancellation) } ?? c
        out.append(clash.contains(c.name) ? g.renamed(c.name + suffixes.1) : g)
        try cancellation.check()
      }
    } catch {
      // Interrupted: the half-built output and the row maps are freed off this thread.
      DeferredRelease.release((out, rows.left, rows.right))
      out = []
      throw error
    }
    return try Table(columns: out)
  }

  /// The left rows that have a match on the right (`keep`) or that have none, in the left order.
  private func filteredByMatch(
    _ pairs: [(Column, Column)], keep: Bool, cancellation: Cancellation,
    admit: (Int) throws(TableError) -> Void
  ) throws(TableError) -> Table {
    let codes = try JoinCodes(pairs, cancellation: cancellation)
    var present = [Bool](repeating: false, count: codes.buckets)
    for c in codes.right where c >= 0 { present[Int(c)] = true }
    var kept: [Int] = []
    for (i, c) in codes.left.enumerated() {
      if i & 0xFFFF == 0 { try cancellation.check() }
      if (c >= 0 && present[Int(c)]) == keep { kept.append(i) }
    }
    try admit(kept.count)
    if kept.count == rowCount { return self }
    return gatheringRows(kept)
  }

  /// Comparable `Int64` keys for a pair of key columns of compatible types.
  static func joinKeys(_ a: Column, _ b: Column) throws(TableError) -> ([Int64], [Int64]) {
    switch (a.storage, b.storage) {
    case (.string(_, let da), .string(_, let db)):
      let (_, maps) = unifyDictionaries([da, db])
      return (KeyEncoding.rawKeys(a, stringMap: maps[0]), KeyEncoding.rawKeys(b, stringMap: maps[1]))
    case (.int, .int), (.timestamp, .timestamp), (.bool, .bool), (.float, .float):
      return (KeyEncoding.rawKeys(a), KeyEncoding.rawKeys(b))
    case (.int, .float), (.float, .int):
      return (KeyEncoding.rawKeys(a, asDouble: true), KeyEncoding.rawKeys(b, asDouble: true))
    default:
      throw TableError.typeMismatch(
        "cannot join \(a.type.rawValue) column '\(a.name)' with \(b.type.rawValue) column '\(b.name)'", column: a.name)
    }
  }
}

/// Which left row and which right row each output row of an inner, left, right or outer join holds.
struct JoinRows {
  /// Left rows in output order (-1: none), or `nil` when the output keeps every left row once, in order.
  var left: [Int]?
  var leftHasMisses = false
  /// Right rows in output order (-1: none), or `nil` when the output keeps every right row once, in order.
  var right: [Int]?
  var rightHasMisses = false
  /// For right and outer joins: the key columns of the output, each taken from the side that has the row.
  var keyColumns: [Column]?

  init(
    _ pairs: [(Column, Column)], kind: JoinKind, cancellation: Cancellation,
    admit: (Int) throws(TableError) -> Void
  ) throws(TableError) {
    switch kind {
    case .inner, .left, .semi, .anti:
      let codes = try JoinCodes(pairs, cancellation: cancellation)
      try cancellation.check()
      let m = try JoinMatches(
        codes, rightCount: pairs[0].1.count, kind: kind == .left ? .left : .inner, cancellation: cancellation,
        admit: admit)
      left = m.leftRows
      right = m.rightRows
      rightHasMisses = m.rightHasMisses
    case .right:
      // A left join with the sides swapped: the right table's order, each right row's matches in left order.
      let codes = try JoinCodes(pairs.map { ($0.1, $0.0) }, cancellation: cancellation)
      try cancellation.check()
      let m = try JoinMatches(
        codes, rightCount: pairs[0].0.count, kind: .left, cancellation: cancellation, admit: admit)
      left = m.rightRows
      leftHasMisses = m.rightHasMisses
      right = m.leftRows
      keyColumns = pairs.map { _, b in
        m.leftRows.map { b.gathering($0, mayHaveNegative: false, cancellation: cancellation) } ?? b
      }
    case .outer:
      let codes = try JoinCodes(pairs, cancellation: cancellation)
      try cancellation.check()
      var onLeft = [Bool](repeating: false, count: codes.buckets)
      for c in codes.left where c >= 0 { onLeft[Int(c)] = true }
      var rightOnly: [Int] = []
      for (i, c) in codes.right.enumerated() where c < 0 || !onLeft[Int(c)] { rightOnly.append(i) }
      let extra = rightOnly.count
      let m = try JoinMatches(
        codes, rightCount: pairs[0].1.count, kind: .left, cancellation: cancellation,
        admit: { (rows: Int) throws(TableError) in try admit(rows + extra) })
      // The left join's rows, then each right row no left row matched; then a stable sort by the keys.
      var l = m.leftRows ?? Array(0..<pairs[0].0.count)
      var r = m.rightRows
      l += [Int](repeating: -1, count: extra)
      r += rightOnly
      var keys: [Column] = []
      for (a, b) in pairs {
        let fromLeft = a.gathering(Array(l[..<(l.count - extra)]), mayHaveNegative: false, cancellation: cancellation)
        keys.append(try Table.concatenate(fromLeft, b.gathering(rightOnly, mayHaveNegative: false)))
      }
      let order = try Table.sortPermutation(
        keys, descending: keys.map { _ in false }, cancellation: cancellation)
      left = order.map { l[$0] }
      right = order.map { r[$0] }
      leftHasMisses = extra > 0
      rightHasMisses = m.rightHasMisses
      keyColumns = keys.map { $0.gathering(order, mayHaveNegative: false, cancellation: cancellation) }
    }
  }
}

/// Both sides' join keys as dense codes `0..<buckets`: equal key tuples get equal codes, and -1 marks a
/// row that cannot match (a missing key, or a left key absent on the right).
struct JoinCodes {
  var left: [Int32]
  var right: [Int32]
  var buckets: Int

  /// The widest key range coded by direct indexing, relative to the right table's rows: beyond it the
  /// index array would cost more memory than the hash map it replaces.
  static let directRangeFactor = 4

  init(_ pairs: [(Column, Column)], cancellation: Cancellation) throws(TableError) {
    if pairs.count == 1, let direct = Self.direct(pairs[0].0, pairs[0].1) {
      self = direct
      return
    }
    let n = pairs[0].0.count
    let m = pairs[0].1.count
    var left = [Int32](repeating: 0, count: n)
    var right = [Int32](repeating: 0, count: m)
    var buckets = 0
    for (j, (a, b)) in pairs.enumerated() {
      try cancellation.check()
      let (ka, kb) = try Table.joinKeys(a, b)
      // Code both sides in one map so equal values get equal codes; left keys only probe: a key absent on
      // the right can never match, so it need not be stored.
      var map = Int64CodeMap(expected: min(m, 1 << 16))
      let va = a.effectiveValidity()
      let vb = b.effectiveValidity()
      var cb = [Int32](repeating: -1, count: m)
      var ca = [Int32](repeating: -1, count: n)
      // Hashing millions of keys takes tens of milliseconds: look at the token every 64 Ki rows.
      for i in 0..<m where vb?.isValid(i) ?? true {
        if i & 0xFFFF == 0 { try cancellation.check() }
        cb[i] = map.code(kb[i])
      }
      for i in 0..<n where va?.isValid(i) ?? true {
        if i & 0xFFFF == 0 { try cancellation.check() }
        ca[i] = map.lookup(ka[i])
      }
      if j == 0 {
        left = ca
        right = cb
        buckets = map.count
      } else {
        // Mix with the previous keys' codes, then re-dense so the product never overflows.
        var mix = Int64CodeMap(expected: min(m, 1 << 16))
        let card = Int64(map.count)
        for i in 0..<m {
          if i & 0xFFFF == 0 { try cancellation.check() }
          right[i] = right[i] < 0 || cb[i] < 0 ? -1 : mix.code(Int64(right[i]) &* card &+ Int64(cb[i]))
        }
        for i in 0..<n {
          if i & 0xFFFF == 0 { try cancellation.check() }
          left[i] = left[i] < 0 || ca[i] < 0 ? -1 : mix.lookup(Int64(left[i]) &* card &+ Int64(ca[i]))
        }
        buckets = mix.count
      }
    }
    self.left = left
    self.right = right
    self.buckets = buckets
  }

  /// Codes for one integer (or timestamp) key whose right-hand values span a small range: the code is the
  /// value minus the smallest right value, so no hashing at all (user and product ids are usually 1…N).
  static func direct(_ a: Column, _ b: Column) -> JoinCodes? {
    guard a.validity == nil, b.validity == nil else { return nil }
    let ka: [Int64]
    let kb: [Int64]
    switch (a.storage, b.storage) {
    case (.int(let x), .int(let y)), (.timestamp(let x), .timestamp(let y)):
      ka = x
      kb = y
    default:
      return nil
    }
    guard let lo = kb.min(), let hi = kb.max() else { return nil }
    let (span, overflow) = hi.subtractingReportingOverflow(lo)
    guard !overflow, span < Int64(Int32.max), span < Int64(Swift.max(kb.count * directRangeFactor, 1 << 16)) else {
      return nil
    }
    let buckets = Int(span) + 1
    let right = kb.withUnsafeBufferPointer { k in
      [Int32](unsafeUninitializedCapacity: k.count) { out, initialized in
        for i in 0..<k.count { out[i] = Int32(truncatingIfNeeded: k[i] &- lo) }
        initialized = k.count
      }
    }
    let left = ka.withUnsafeBufferPointer { k in
      [Int32](unsafeUninitializedCapacity: k.count) { out, initialized in
        // Unsigned comparison folds "below lo" and "above hi" into one test.
        let limit = UInt64(span)
        for i in 0..<k.count {
          let d = UInt64(bitPattern: k[i] &- lo)
          out[i] = d <= limit ? Int32(truncatingIfNeeded: d) : -1
        }
        initialized = k.count
      }
    }
    return JoinCodes(left: left, right: right, buckets: buckets)
  }

  private init(left: [Int32], right: [Int32], buckets: Int) {
    self.left = left
    self.right = right
    self.buckets = buckets
  }
}

/// The output rows of a join: which left row and which right row (-1: none, for a left join) each holds.
struct JoinMatches {
  /// Left rows in output order, or `nil` when the output keeps every left row once, in order.
  var leftRows: [Int]?
  var rightRows: [Int]
  /// Whether `rightRows` holds -1 (an unmatched row of a left join).
  var rightHasMisses: Bool

  /// Finds the matches. `admit` sees the number of output rows once it is known and before the row lists
  /// are allocated; what it throws ends the join (the caller's memory budget refuses a join this way, with
  /// no second pass over the keys to count them).
  init(
    _ codes: JoinCodes, rightCount m: Int, kind: JoinKind, cancellation: Cancellation = .none,
    admit: (Int) throws(TableError) -> Void = { _ in }
  ) throws(TableError) {
    let n = codes.left.count
    // The right rows of each code; a code held by one row only (the common lookup join) needs no lists.
    var first = [Int32](repeating: -1, count: codes.buckets)
    var unique = true
    codes.right.withUnsafeBufferPointer { rc in
      first.withUnsafeMutableBufferPointer { f in
        for i in 0..<m {
          let c = Int(rc[i])
          guard c >= 0 else { continue }
          if f[c] >= 0 {
            unique = false
          } else {
            f[c] = Int32(i)
          }
        }
      }
    }
    if unique {
      var misses = 0
      let rows = codes.left.withUnsafeBufferPointer { lc in
        first.withUnsafeBufferPointer { f in
          [Int](unsafeUninitializedCapacity: n) { out, initialized in
            for i in 0..<n {
              let c = Int(lc[i])
              let r = c >= 0 ? Int(f[c]) : -1
              out[i] = r
              if r < 0 { misses += 1 }
            }
            initialized = n
          }
        }
      }
      let keepsEveryLeftRow = misses == 0 || kind == .left
      try admit(keepsEveryLeftRow ? n : n - misses)
      if keepsEveryLeftRow {
        leftRows = nil
        rightRows = rows
        rightHasMisses = misses > 0
        return
      }
      var keptLeft: [Int] = []
      var keptRight: [Int] = []
      keptLeft.reserveCapacity(n - misses)
      keptRight.reserveCapacity(n - misses)
      for (i, r) in rows.enumerated() where r >= 0 {
        keptLeft.append(i)
        keptRight.append(r)
      }
      leftRows = keptLeft
      rightRows = keptRight
      rightHasMisses = false
      return
    }
    // Bucket the right rows by code (a counting sort keeps their order).
    let buckets = codes.buckets
    var offsets = [Int](repeating: 0, count: buckets + 1)
    for (i, c) in codes.right.enumerated() where c >= 0 {
      if i & 0xFFFF == 0 { try cancellation.check() }
      offsets[Int(c) + 1] += 1
    }
    for b in 0..<buckets { offsets[b + 1] += offsets[b] }
    var cursor = offsets
    var bucketRows = [Int](repeating: 0, count: offsets[buckets])
    for (i, c) in codes.right.enumerated() where c >= 0 {
      if i & 0xFFFF == 0 { try cancellation.check() }
      bucketRows[cursor[Int(c)]] = i
      cursor[Int(c)] += 1
    }
    // Count the output first: growing two arrays of millions of rows by doubling copies them whole, tens of
    // milliseconds each without a look at the token.
    var total = 0
    for (i, code) in codes.left.enumerated() {
      if i & 0xFFFF == 0 { try cancellation.check() }
      let c = Int(code)
      let matches = c >= 0 ? offsets[c + 1] - offsets[c] : 0
      total += matches > 0 ? matches : (kind == .left ? 1 : 0)
    }
    try admit(total)
    var leftOut: [Int] = []
    var rightOut: [Int] = []
    leftOut.reserveCapacity(total)
    rightOut.reserveCapacity(total)
    for (i, code) in codes.left.enumerated() {
      // A many-to-many join writes several output rows per left row: look at the token every 64 Ki rows.
      if i & 0xFFFF == 0 { try cancellation.check() }
      let c = Int(code)
      if c >= 0 && offsets[c] < offsets[c + 1] {
        for k in offsets[c]..<offsets[c + 1] {
          leftOut.append(i)
          rightOut.append(bucketRows[k])
        }
      } else if kind == .left {
        leftOut.append(i)
        rightOut.append(-1)
      }
    }
    leftRows = leftOut
    rightRows = rightOut
    rightHasMisses = kind == .left && rightOut.contains(-1)
  }
}
