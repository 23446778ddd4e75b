/// One sort key: a column and a direction.
public struct SortKey: Sendable, Hashable {
  public var column: String
  public var descending: Bool
  public init(_ column: String, descending: Bool = false) {
    self.column = column
    self.descending = descending
  }
}

extension Table {
  /// Rows ordered by `keys` (first key first); stable, missing values last in either direction (pandas'
  /// `na_position="last"`).
  ///
  /// - Complexity: O(n log n) comparisons on precomputed integer keys.
  public func sorted(by keys: [SortKey], cancellation: Cancellation = .none) throws(TableError) -> Table {
    let cols = try keys.map { (k: SortKey) throws(TableError) -> Column in try requireColumn(k.column) }
    let perm = try Table.sortPermutation(cols, descending: keys.map(\.descending), cancellation: cancellation)
    return gatheringRows(perm)
  }

  /// The stable permutation ordering rows by `columns` (missing last).
  static func sortPermutation(
    _ columns: [Column], descending: [Bool], cancellation: Cancellation
  ) throws(TableError) -> [Int] {
    let n = columns.first?.count ?? 0
    let (keys, missing) = try orderKeys(columns, descending: descending, cancellation: cancellation)
    try cancellation.check()
    var perm = Array(0..<n)
    try cancellation.sort(&perm) { a, b in orderedBefore(a, b, keys: keys, missing: missing) }
    return perm
  }

  /// Each key column as an order-preserving `Int64` per row (complemented when descending), so comparators
  /// never touch strings or doubles, plus its missing rows (`nil` when none is missing). Equal values get
  /// equal keys (+0.0 and −0.0 included), so ties can be found by comparing keys.
  static func orderKeys(
    _ columns: [Column], descending: [Bool], cancellation: Cancellation
  ) throws(TableError) -> (keys: [[Int64]], missing: [[Bool]?]) {
    let n = columns.first?.count ?? 0
    var keys: [[Int64]] = []
    var missing: [[Bool]?] = []
    for (c, desc) in zip(columns, descending) {
      try cancellation.check()
      var k: [Int64]
      switch c.storage {
      case .int(let a), .timestamp(let a): k = a
      case .bool(let a): k = a.map { $0 ? 1 : 0 }
      case .float(let a):
        // IEEE order as integers: flip all bits of negatives, only the sign bit of positives.
        k = a.map { d in
          let bits = (d == 0 ? 0.0 : d).bitPattern
          let ordered = (bits >> 63) == 1 ? ~bits : bits | (1 << 63)
          return Int64(bitPattern: ordered ^ (1 << 63))
        }
      case .string(let codes, let d):
        let ranks = Column.dictionaryRanks(d)
        k = codes.map { ranks[Int($0)] }
      }
      if desc { k = k.map { ~$0 } }
      keys.append(k)
      let mask = c.effectiveValidity()
      missing.append(mask.map { m in (0..<n).map { !m.isValid($0) } })
    }
    return (keys, missing)
  }

  /// Whether row `a` sorts before row `b` by ``orderKeys(_:descending:cancellation:)`` (missing last,
  /// ties by row index, so the order is total and the sort stable).
  @inline(__always)
  static func orderedBefore(_ a: Int, _ b: Int, keys: [[Int64]], missing: [[Bool]?]) -> Bool {
    for j in 0..<keys.count {
      if let m = missing[j] {
        if m[a] != m[b] { return !m[a] }
        if m[a] { continue }
      }
      let x = keys[j][a]
      let y = keys[j][b]
      if x != y { return x < y }
    }
    return a < b
  }

  /// The first `n` rows (all when fewer).
  public func head(_ n: Int) -> Table {
    gatheringRows(Array(0..<Swift.max(0, Swift.min(n, rowCount))))
  }

  /// The last `n` rows (all when fewer).
  public func tail(_ n: Int) -> Table {
    gatheringRows(Array(Swift.max(0, rowCount - Swift.max(0, n))..<rowCount))
  }
}
