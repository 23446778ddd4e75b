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
    // Each key becomes an order-preserving Int64 so the comparator never touches strings or doubles.
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
    try cancellation.check()
    var perm = Array(0..<n)
    try cancellation.sort(&perm) { a, b in
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
    return perm
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
