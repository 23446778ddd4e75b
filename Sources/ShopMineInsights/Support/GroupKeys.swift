import ShopMineData

/// A column factorised into dense group codes, with groups in ascending key order (as pandas' `groupby`).
///
/// Sorting the groups by key, not by first appearance, is what makes per-group outputs independent of
/// row order and equal to pandas' (whose `groupby(sort=True)` default the RFM recipe relies on).
struct GroupKeys {
  /// Group code per row, `-1` where the key is missing.
  var codes: [Int32]
  /// The distinct keys in ascending order, as a column named like the input (one row per group).
  var keys: Column
  /// The number of distinct keys.
  var groupCount: Int { keys.count }

  /// The keys as text, for matching against other tables and for messages; made when asked for (on
  /// hundreds of thousands of customers the text costs more than the grouping).
  var labels: [String] {
    switch keys.storage {
    case .int(let a), .timestamp(let a): a.map { String($0) }
    case .float(let a): a.map { "\($0)" }
    case .bool(let a): a.map { $0 ? "true" : "false" }
    case .string(let codes, let dictionary): codes.map { dictionary[Int($0)] }
    }
  }

  /// Factorises `column`; strings sort by Unicode scalar order, numbers numerically, `false` before `true`.
  ///
  /// - Complexity: O(n) hashing (or a direct table when integer keys are dense) plus O(g log g) for the
  ///   g distinct keys.
  init(_ column: Column, cancellation: Cancellation = .none) throws(TableError) {
    let n = column.count
    switch column.storage {
    case .int(let a), .timestamp(let a):
      let (codes, distinct) = try Self.factorise(a, column: column, cancellation: cancellation)
      self.codes = codes
      let storage: ColumnStorage = column.type == .int ? .int(distinct) : .timestamp(distinct)
      keys = Column(name: column.name, storage: storage)
    case .bool(let a):
      var seen = [false, false]
      for row in 0..<n where column.isValid(row) { seen[a[row] ? 1 : 0] = true }
      let distinct = [false, true].filter { seen[$0 ? 1 : 0] }
      let code: [Int32] = seen[0] ? [0, 1] : [-1, 0]
      var codes = [Int32](repeating: -1, count: n)
      for row in 0..<n where column.isValid(row) { codes[row] = code[a[row] ? 1 : 0] }
      self.codes = codes
      keys = Column(name: column.name, bools: distinct)
    case .float(let a):
      var index: [Double: Int32] = [:]
      var firstSeen: [Double] = []
      var raw = [Int32](repeating: -1, count: n)
      for row in 0..<n where column.isValid(row) && !a[row].isNaN {
        let v = a[row] == 0 ? 0 : a[row]  // -0.0 and 0.0 are one group
        if let c = index[v] {
          raw[row] = c
        } else {
          let c = Int32(firstSeen.count)
          index[v] = c
          firstSeen.append(v)
          raw[row] = c
        }
      }
      let order = firstSeen.indices.sorted { firstSeen[$0] < firstSeen[$1] }
      var remap = [Int32](repeating: -1, count: firstSeen.count)
      for (rank, old) in order.enumerated() { remap[old] = Int32(rank) }
      codes = raw.map { $0 < 0 ? -1 : remap[Int($0)] }
      let distinct = order.map { firstSeen[$0] }
      keys = Column(name: column.name, floats: distinct)
    case .string(let rawCodes, let dictionary):
      var used = [Bool](repeating: false, count: dictionary.count)
      for row in 0..<n where column.isValid(row) {
        let c = Int(rawCodes[row])
        if c >= 0 && c < used.count { used[c] = true }
      }
      // Unicode scalar order is what Python's `str` comparison uses, so groups sort as in pandas.
      let order = dictionary.indices.filter { used[$0] }.sorted {
        dictionary[$0].unicodeScalars.lexicographicallyPrecedes(dictionary[$1].unicodeScalars)
      }
      var remap = [Int32](repeating: -1, count: dictionary.count)
      for (rank, old) in order.enumerated() { remap[old] = Int32(rank) }
      var codes = [Int32](repeating: -1, count: n)
      for row in 0..<n where column.isValid(row) {
        let c = Int(rawCodes[row])
        if c >= 0 && c < remap.count { codes[row] = remap[c] }
      }
      self.codes = codes
      let distinct = order.map { dictionary[$0] }
      keys = Column(name: column.name, strings: distinct)
    }
  }

  /// A single group holding every row (used when no `by` column is given).
  init(allRows n: Int, name: String, label: String) {
    codes = [Int32](repeating: 0, count: n)
    keys = Column(name: name, strings: [label])
  }

  /// Dense codes for integer keys: a direct lookup table when the key range is small relative to n
  /// (customer and order ids usually are), a hash map otherwise.
  private static func factorise(
    _ a: [Int64], column: Column, cancellation: Cancellation
  ) throws(TableError) -> ([Int32], [Int64]) {
    let n = a.count
    // Each pass over the rows runs in blocks with a poll of the token between them: on millions of rows
    // one pass takes tens of milliseconds. Without missing keys the validity test is skipped altogether.
    let validity = column.validity
    func eachValidRow(_ body: (Int) -> Void) throws(TableError) {
      var start = 0
      while start < n {
        try cancellation.check()
        let end = min(n, start + Self.pollBlock)
        if let validity {
          for row in start..<end where validity.isValid(row) { body(row) }
        } else {
          for row in start..<end { body(row) }
        }
        start = end
      }
    }
    var lo = Int64.max
    var hi = Int64.min
    var any = false
    try eachValidRow { row in
      lo = min(lo, a[row])
      hi = max(hi, a[row])
      any = true
    }
    var codes = [Int32](repeating: -1, count: n)
    guard any else { return (codes, []) }
    let (span, overflow) = hi.subtractingReportingOverflow(lo)
    if !overflow && span < Int64(max(4 * n, 1024)) {
      var present = [Bool](repeating: false, count: Int(span) + 1)
      try eachValidRow { present[Int(a[$0] &- lo)] = true }
      var slot = [Int32](repeating: -1, count: present.count)
      var distinct: [Int64] = []
      for (offset, p) in present.enumerated() where p {
        slot[offset] = Int32(distinct.count)
        distinct.append(lo &+ Int64(offset))
      }
      try eachValidRow { codes[$0] = slot[Int(a[$0] &- lo)] }
      return (codes, distinct)
    }
    var index: [Int64: Int32] = [:]
    var firstSeen: [Int64] = []
    try eachValidRow { row in
      if let c = index[a[row]] {
        codes[row] = c
      } else {
        let c = Int32(firstSeen.count)
        index[a[row]] = c
        firstSeen.append(a[row])
        codes[row] = c
      }
    }
    try cancellation.check()
    var order = Array(firstSeen.indices)
    try cancellation.sort(&order) { firstSeen[$0] < firstSeen[$1] }
    var remap = [Int32](repeating: -1, count: firstSeen.count)
    for (rank, old) in order.enumerated() { remap[old] = Int32(rank) }
    try eachValidRow { codes[$0] = remap[Int(codes[$0])] }
    return (codes, order.map { firstSeen[$0] })
  }

  /// Rows per block between two polls of the token (about a millisecond of the simplest pass).
  static let pollBlock = 1 << 16
}
