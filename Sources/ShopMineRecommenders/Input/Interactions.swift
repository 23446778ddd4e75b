import ShopMineData

/// How repeated (user, item) rows combine into one matrix entry.
public enum DuplicatePolicy: String, Sendable {
  /// Add the values (implicit feedback: quantities, clicks).
  case sum
  /// Average the values (explicit ratings given twice).
  case mean
}

/// User–item interactions from a table, as compressed sparse rows (by user) and columns (by item).
///
/// Users and items are re-coded to dense indices in natural order of their ids (user 2 before user 10), so
/// ties in every ranking break towards the smaller id on every machine. With no value column every
/// interaction has value 1. The original rows are also kept in Surprise's training order (users by first
/// appearance, each user's rows in table order) for SGD models.
public struct Interactions: Sendable {
  /// Per user index: the original id.
  public let userLabels: [Value]
  /// Per item index: the original id.
  public let itemLabels: [Value]
  /// Whether values came from a column (ratings or weights) rather than being 1.
  public let hasValues: Bool
  /// CSR by user: offsets (`userCount + 1`), item indices (ascending), values.
  public let userOffsets: [Int]
  public let userItems: [Int32]
  public let userValues: [Float]
  /// CSC by item: offsets (`itemCount + 1`), user indices (ascending), values.
  public let itemOffsets: [Int]
  public let itemUsers: [Int32]
  public let itemValues: [Float]
  /// Rows in Surprise's order (user by first appearance, then table order), for SGD.
  public let rowUsers: [Int32]
  public let rowItems: [Int32]
  public let rowValues: [Double]
  /// Smallest and largest value seen (the rating scale for clipping predictions).
  public let valueRange: ClosedRange<Double>
  /// How repeated pairs were combined.
  public let duplicates: DuplicatePolicy

  public var userCount: Int { userLabels.count }
  public var itemCount: Int { itemLabels.count }
  /// Number of distinct (user, item) pairs.
  public var nonzeroCount: Int { userItems.count }

  let userIndexByLabel: [Value: Int32]
  let itemIndexByLabel: [Value: Int32]

  /// Reads interactions from `table`.
  ///
  /// - Parameters:
  ///   - user/item: id columns (any type).
  ///   - value: optional numeric column (rating, quantity, weight); rows where it is missing are skipped.
  ///   - duplicates: how repeated pairs combine (default: sum for weights, mean when `value` is a rating).
  /// - Throws: ``TableError`` for an unknown or non-numeric column, or when no row is usable;
  ///   `.interrupted` once `cancellation` is set (polled every 64 Ki rows and between passes).
  /// - Complexity: O(n log n).
  public init(
    table: Table, user: String, item: String, value: String? = nil, duplicates: DuplicatePolicy = .sum,
    cancellation: Cancellation = .none
  ) throws(TableError) {
    let userKeys = try ColumnKeys(table.requireColumn(user), cancellation: cancellation)
    let itemKeys = try ColumnKeys(table.requireColumn(item), cancellation: cancellation)
    var values: [Double]? = nil
    if let value {
      let column = try table.requireColumn(value)
      guard column.type.isNumeric || column.type == .bool else {
        throw TableError.typeMismatch(
          "column '\(value)' must be numeric to serve as a rating or weight, but it holds \(column.type.rawValue)s",
          column: value)
      }
      values = column.doubles().map { $0 ?? .nan }
    }
    try self.init(
      userIds: userKeys.ids, userLabels: userKeys.labels, itemIds: itemKeys.ids, itemLabels: itemKeys.labels,
      values: values, duplicates: duplicates, cancellation: cancellation)
  }

  /// Builds interactions from parallel arrays of ids (tests, benches).
  public init(users: [Value], items: [Value], values: [Double]? = nil, duplicates: DuplicatePolicy = .sum)
    throws(TableError)
  {
    func keys(_ vs: [Value]) -> ([Int32], [Value]) {
      var map: [Value: Int32] = [:]
      var labels: [Value] = []
      let ids = vs.map { v -> Int32 in
        if v.isMissing { return -1 }
        if let id = map[v] { return id }
        let id = Int32(labels.count)
        map[v] = id
        labels.append(v)
        return id
      }
      return (ids, labels)
    }
    let (u, ul) = keys(users)
    let (i, il) = keys(items)
    try self.init(userIds: u, userLabels: ul, itemIds: i, itemLabels: il, values: values, duplicates: duplicates)
  }

  init(
    userIds: [Int32], userLabels rawUsers: [Value], itemIds: [Int32], itemLabels rawItems: [Value],
    values: [Double]?, duplicates: DuplicatePolicy, cancellation: Cancellation = .none
  ) throws(TableError) {
    let n = userIds.count
    // Natural-order recoding.
    let userOrder = (0..<rawUsers.count).sorted { naturalLess(rawUsers[$0], rawUsers[$1]) }
    let itemOrder = (0..<rawItems.count).sorted { naturalLess(rawItems[$0], rawItems[$1]) }
    var userRecode = [Int32](repeating: 0, count: rawUsers.count)
    var itemRecode = [Int32](repeating: 0, count: rawItems.count)
    for (k, u) in userOrder.enumerated() { userRecode[u] = Int32(k) }
    for (k, i) in itemOrder.enumerated() { itemRecode[i] = Int32(k) }
    userLabels = userOrder.map { rawUsers[$0] }
    itemLabels = itemOrder.map { rawItems[$0] }
    hasValues = values != nil
    self.duplicates = duplicates

    var rows: [Int] = []
    rows.reserveCapacity(n)
    for r in 0..<n where userIds[r] >= 0 && itemIds[r] >= 0 {
      if r & 0xFFFF == 0 { try cancellation.check() }
      if let values, !values[r].isFinite { continue }
      rows.append(r)
    }
    guard !rows.isEmpty else { throw TableError(code: .emptyTable, message: "no usable (user, item) rows to train on") }

    // Surprise's order: users by first appearance, each user's rows in table order — a stable counting sort
    // by first-appearance rank. (A comparison sort of millions of rows took seconds and could not be
    // interrupted; this is two linear passes.)
    var rankOfUser = [Int](repeating: -1, count: rawUsers.count)
    var usersSeen = 0
    for (k, r) in rows.enumerated() where rankOfUser[Int(userIds[r])] < 0 {
      if k & 0xFFFF == 0 { try cancellation.check() }
      rankOfUser[Int(userIds[r])] = usersSeen
      usersSeen += 1
    }
    let sgdOrder = try Self.stableCountingSort(rows, buckets: usersSeen, cancellation: cancellation) {
      rankOfUser[Int(userIds[$0])]
    }
    // One polled pass (three `map`s over millions of rows were the longest stretch without a poll).
    var sgdUsers = [Int32](repeating: 0, count: sgdOrder.count)
    var sgdItems = [Int32](repeating: 0, count: sgdOrder.count)
    var sgdValues = [Double](repeating: 1, count: sgdOrder.count)
    var lo = Double.infinity, hi = -Double.infinity
    for (k, r) in sgdOrder.enumerated() {
      if k & 0xFFFF == 0 { try cancellation.check() }
      sgdUsers[k] = userRecode[Int(userIds[r])]
      sgdItems[k] = itemRecode[Int(itemIds[r])]
      let v = values?[r] ?? 1
      sgdValues[k] = v
      lo = min(lo, v)
      hi = max(hi, v)
    }
    rowUsers = sgdUsers
    rowItems = sgdItems
    rowValues = sgdValues
    valueRange = lo...hi
    try cancellation.check()

    // Sort rows by (user, item, row) and combine duplicates: least-significant key first, both passes stable.
    let byItem = try Self.stableCountingSort(rows, buckets: rawItems.count, cancellation: cancellation) {
      Int(itemRecode[Int(itemIds[$0])])
    }
    let byPair = try Self.stableCountingSort(byItem, buckets: rawUsers.count, cancellation: cancellation) {
      Int(userRecode[Int(userIds[$0])])
    }
    var uOff = [Int](repeating: 0, count: rawUsers.count + 1)
    var uItems: [Int32] = []
    var uVals: [Float] = []
    var lastUser: Int32 = -1, lastItem: Int32 = -1
    var sum = 0.0, count = 0
    func flush() {
      guard lastUser >= 0 else { return }
      uItems.append(lastItem)
      uVals.append(Float(duplicates == .mean ? sum / Double(count) : sum))
      uOff[Int(lastUser) + 1] += 1
    }
    for (k, r) in byPair.enumerated() {
      if k & 0xFFFF == 0 { try cancellation.check() }
      let u = userRecode[Int(userIds[r])], i = itemRecode[Int(itemIds[r])]
      let v = values?[r] ?? 1
      if u == lastUser && i == lastItem {
        sum += v
        count += 1
      } else {
        flush()
        lastUser = u
        lastItem = i
        sum = v
        count = 1
      }
    }
    flush()
    for u in 0..<rawUsers.count { uOff[u + 1] += uOff[u] }
    userOffsets = uOff
    userItems = uItems
    userValues = uVals
    try cancellation.check()

    // Transpose into CSC (users ascending within each item, since CSR is walked in user order).
    var iOff = [Int](repeating: 0, count: rawItems.count + 1)
    for i in uItems { iOff[Int(i) + 1] += 1 }
    for i in 0..<rawItems.count { iOff[i + 1] += iOff[i] }
    var fill = iOff
    var iUsers = [Int32](repeating: 0, count: uItems.count)
    var iVals = [Float](repeating: 0, count: uItems.count)
    for u in 0..<rawUsers.count {
      if u & 0xFF == 0 { try cancellation.check() }
      for k in uOff[u]..<uOff[u + 1] {
        let i = Int(uItems[k])
        iUsers[fill[i]] = Int32(u)
        iVals[fill[i]] = uVals[k]
        fill[i] += 1
      }
    }
    itemOffsets = iOff
    itemUsers = iUsers
    itemValues = iVals

    var ui: [Value: Int32] = [:]
    for (k, v) in userLabels.enumerated() { ui[v] = Int32(k) }
    var ii: [Value: Int32] = [:]
    for (k, v) in itemLabels.enumerated() { ii[v] = Int32(k) }
    userIndexByLabel = ui
    itemIndexByLabel = ii
  }

  /// `rows` reordered by `key` (0..<buckets), keeping the given order among equal keys. O(n + buckets).
  static func stableCountingSort(
    _ rows: [Int], buckets: Int, cancellation: Cancellation = .none, key: (Int) -> Int
  ) throws(TableError) -> [Int] {
    var start = [Int](repeating: 0, count: buckets + 1)
    for (k, r) in rows.enumerated() {
      if k & 0xFFFF == 0 { try cancellation.check() }
      start[key(r) + 1] += 1
    }
    for b in 0..<buckets { start[b + 1] += start[b] }
    try cancellation.check()
    var sorted = [Int](repeating: 0, count: rows.count)
    for (k, r) in rows.enumerated() {
      if k & 0xFFFF == 0 { try cancellation.check() }
      let b = key(r)
      sorted[start[b]] = r
      start[b] += 1
    }
    return sorted
  }

  /// The dense index of a user id, or nil when the user was not in training.
  public func userIndex(_ label: Value) -> Int? { userIndexByLabel[canonical(label)].map(Int.init) }
  /// The dense index of an item id, or nil when unknown.
  public func itemIndex(_ label: Value) -> Int? { itemIndexByLabel[canonical(label)].map(Int.init) }

  /// Ids typed by the user may be ints where the column holds floats and vice versa; match numerically.
  private func canonical(_ v: Value) -> Value {
    switch v {
    case .float(let d) where d == d.rounded() && abs(d) < 9e15:
      if userIndexByLabel[v] == nil && itemIndexByLabel[v] == nil { return .int(Int64(d)) }
      return v
    default: return v
    }
  }

  /// Items of user `u` (ascending indices) with their values.
  public func items(ofUser u: Int) -> (items: ArraySlice<Int32>, values: ArraySlice<Float>) {
    (userItems[userOffsets[u]..<userOffsets[u + 1]], userValues[userOffsets[u]..<userOffsets[u + 1]])
  }

  /// Number of distinct users per item (the popularity used by `popular`, novelty and cold-start).
  public var itemUserCounts: [Int] { (0..<itemCount).map { itemOffsets[$0 + 1] - itemOffsets[$0] } }
}
