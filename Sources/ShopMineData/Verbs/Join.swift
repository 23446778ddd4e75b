/// Inner or left join.
public enum JoinKind: String, Sendable, Hashable {
  case inner, left
}

extension Table {
  /// Joins `other` on equal values of `keys` (present in both tables). Output: every left column, then
  /// the right table's non-key columns; other clashing names get `suffixes` (pandas' `_x`, `_y`).
  /// Rows keep the left table's order, matches in the right table's order; missing keys never match.
  ///
  /// - Complexity: O(n + m + output): keys are coded densely once, the right side is bucketed by code.
  public func joined(
    with other: Table, on keys: [String], kind: JoinKind = .inner, suffixes: (String, String) = ("_x", "_y"),
    cancellation: Cancellation = .none
  ) throws(TableError) -> Table {
    guard !keys.isEmpty else { throw TableError.invalidArgument("join needs at least one key column ('on …')") }
    let n = rowCount
    let m = other.rowCount
    var leftCodes = [Int64](repeating: 0, count: n)
    var rightCodes = [Int64](repeating: 0, count: m)
    var leftValid = [Bool](repeating: true, count: n)
    var rightValid = [Bool](repeating: true, count: m)
    for (j, key) in keys.enumerated() {
      try cancellation.check()
      let a = try requireColumn(key)
      let b: Column
      do throws(TableError) { b = try other.requireColumn(key) } catch {
        throw TableError(
          code: .unknownColumn, message: "unknown column '\(key)' in the right table of the join", column: key,
          candidates: other.columnNames)
      }
      let (ka, kb) = try Table.joinKeys(a, b)
      // Code both sides in one map so equal values get equal codes; then mix with the previous keys.
      var map = Int64CodeMap(expected: min(m, 1 << 16))
      let va = a.effectiveValidity()
      let vb = b.effectiveValidity()
      var ca = [Int64](repeating: 0, count: n)
      var cb = [Int64](repeating: 0, count: m)
      for i in 0..<m {
        if let v = vb, !v.isValid(i) { rightValid[i] = false }
        cb[i] = Int64(map.code(kb[i]))
      }
      // Left keys only probe: a key absent on the right can never match, so it need not be stored.
      for i in 0..<n {
        if let v = va, !v.isValid(i) { leftValid[i] = false }
        let code = map.lookup(ka[i])
        if code < 0 { leftValid[i] = false }
        ca[i] = Int64(code)
      }
      if j == 0 {
        leftCodes = ca
        rightCodes = cb
      } else {
        var mix = Int64CodeMap(expected: min(m, 1 << 16))
        let card = Int64(map.count)
        for i in 0..<m { rightCodes[i] = Int64(mix.code(rightCodes[i] &* card &+ cb[i])) }
        for i in 0..<n where leftValid[i] { leftCodes[i] = Int64(mix.lookup(leftCodes[i] &* card &+ ca[i])) }
        for i in 0..<n where leftCodes[i] < 0 { leftValid[i] = false }
      }
    }
    // Bucket the right rows by code (counting sort keeps their order).
    var maxCode: Int64 = -1
    for i in 0..<m where rightValid[i] { maxCode = Swift.max(maxCode, rightCodes[i]) }
    let buckets = Int(maxCode + 1)
    var offsets = [Int](repeating: 0, count: buckets + 1)
    for i in 0..<m where rightValid[i] { offsets[Int(rightCodes[i]) + 1] += 1 }
    for b in 0..<buckets { offsets[b + 1] += offsets[b] }
    var cursor = offsets
    var rightRows = [Int](repeating: 0, count: offsets[buckets])
    for i in 0..<m where rightValid[i] {
      let c = Int(rightCodes[i])
      rightRows[cursor[c]] = i
      cursor[c] += 1
    }
    try cancellation.check()
    var leftOut: [Int] = []
    var rightOut: [Int] = []
    leftOut.reserveCapacity(n)
    rightOut.reserveCapacity(n)
    for i in 0..<n {
      let c = Int(leftCodes[i])
      if leftValid[i] && c >= 0 && c < buckets && offsets[c] < offsets[c + 1] {
        for k in offsets[c]..<offsets[c + 1] {
          leftOut.append(i)
          rightOut.append(rightRows[k])
        }
      } else if kind == .left {
        leftOut.append(i)
        rightOut.append(-1)
      }
    }
    // Names: keys once; other clashes get suffixes.
    let rightExtra = other.columns.filter { !keys.contains($0.name) }
    let clash = Set(columnNames).intersection(rightExtra.map(\.name))
    var out: [Column] = []
    for c in columns {
      let g = c.gathering(leftOut, mayHaveNegative: false)
      out.append(clash.contains(c.name) ? g.renamed(c.name + suffixes.0) : g)
    }
    for c in rightExtra {
      let g = c.gathering(rightOut, mayHaveNegative: kind == .left)
      out.append(clash.contains(c.name) ? g.renamed(c.name + suffixes.1) : g)
    }
    return try Table(columns: out)
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
