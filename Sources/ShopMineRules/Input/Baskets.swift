import ShopMineData

/// Transactions ready for mining: items re-coded by frequency, duplicate baskets merged with weights.
///
/// Built from a table with one row per (basket, item): the basket column and the item column may hold ids
/// of any type. A basket is the set of its items (an item listed twice counts once), exactly as a one-hot
/// encoded DataFrame fed to mlxtend. Rows where the basket or the item is missing are skipped.
///
/// Item codes are dense and ordered by descending frequency (code 0 is the most frequent item; ties go to
/// the naturally smaller label), so an FP-tree built by inserting each basket in ascending code order
/// shares the longest prefixes. Baskets are sorted lexicographically and identical baskets are stored once
/// with a weight; ``basketCount`` is still the number of original baskets (the support denominator).
public struct Baskets: Sendable {
  /// Per item code: the item's original id.
  public let itemLabels: [Value]
  /// Per item code: the number of baskets containing the item.
  public let itemCounts: [Int]
  /// Number of distinct baskets in the input (the denominator of every support).
  public let basketCount: Int
  /// CSR offsets into ``items`` for each distinct basket (`distinctCount + 1` entries).
  public let offsets: [Int]
  /// Item codes of every distinct basket, ascending within a basket.
  public let items: [Int32]
  /// Per distinct basket: how many input baskets had exactly this item set.
  public let weights: [Int]
  /// Per item code: rank of its label in natural order (used to print itemsets in a stable, readable order).
  let labelRank: [Int32]

  /// Number of distinct baskets stored.
  public var distinctCount: Int { weights.count }
  /// Number of distinct items.
  public var itemCount: Int { itemLabels.count }

  /// Reads baskets from `table`.
  ///
  /// - Parameters:
  ///   - basket: name of the column identifying the basket (order id, session id…).
  ///   - item: name of the column identifying the item.
  /// - Throws: ``TableError`` naming an unknown column.
  /// - Complexity: O(n log n) for n rows (one sort of the distinct baskets).
  public init(table: Table, basket: String, item: String, cancellation: Cancellation = .none) throws(TableError) {
    let basketKeys = try ColumnKeys(table.requireColumn(basket), cancellation: cancellation)
    let itemKeys = try ColumnKeys(table.requireColumn(item), cancellation: cancellation)
    try cancellation.check()
    try self.init(
      basketIds: basketKeys.ids, basketCount: basketKeys.labels.count,
      itemIds: itemKeys.ids, itemLabels: itemKeys.labels, cancellation: cancellation)
  }

  /// Builds baskets from explicit transactions (lists of item ids); used by tests and benches.
  public init(transactions: [[Value]]) throws(TableError) {
    var basketIds: [Int32] = []
    var values: [Value] = []
    for (b, t) in transactions.enumerated() {
      for v in t {
        basketIds.append(Int32(b))
        values.append(v)
      }
    }
    // Reuse the column path for id assignment: build an id per distinct value.
    var map: [Value: Int32] = [:]
    var labels: [Value] = []
    var itemIds = [Int32](repeating: -1, count: values.count)
    for (i, v) in values.enumerated() where !v.isMissing {
      if let id = map[v] {
        itemIds[i] = id
      } else {
        let id = Int32(labels.count)
        map[v] = id
        labels.append(v)
        itemIds[i] = id
      }
    }
    try self.init(
      basketIds: basketIds, basketCount: transactions.count, itemIds: itemIds, itemLabels: labels,
      cancellation: .none)
  }

  init(
    basketIds: [Int32], basketCount rawBasketCount: Int, itemIds: [Int32], itemLabels rawLabels: [Value],
    cancellation: Cancellation
  ) throws(TableError) {
    let n = basketIds.count
    let itemCount = rawLabels.count
    // Group rows by basket with a counting sort (no per-basket arrays).
    var start = [Int](repeating: 0, count: rawBasketCount + 1)
    var validRows = 0
    // Every pass over the rows polls the token every 65,536 rows: on 3M order lines each pass takes tens
    // of milliseconds, and together they outlast the 100 ms an interrupt may take.
    for r in 0..<n {
      if r & 0xFFFF == 0 { try cancellation.check() }
      guard basketIds[r] >= 0 && itemIds[r] >= 0 else { continue }
      start[Int(basketIds[r]) + 1] += 1
      validRows += 1
    }
    for b in 0..<rawBasketCount { start[b + 1] += start[b] }
    var fill = start
    var grouped = [Int32](repeating: 0, count: validRows)
    for r in 0..<n {
      if r & 0xFFFF == 0 { try cancellation.check() }
      guard basketIds[r] >= 0 && itemIds[r] >= 0 else { continue }
      let b = Int(basketIds[r])
      grouped[fill[b]] = itemIds[r]
      fill[b] += 1
    }
    try cancellation.check()

    // Deduplicate items inside each basket and count item frequencies (baskets containing the item).
    var stamp = [Int32](repeating: -1, count: itemCount)
    var rawCounts = [Int](repeating: 0, count: itemCount)
    var basketCount = 0
    for b in 0..<rawBasketCount where start[b + 1] > start[b] {
      if b & 0x3FFF == 0 { try cancellation.check() }
      basketCount += 1
      for k in start[b]..<start[b + 1] {
        let it = Int(grouped[k])
        if stamp[it] != Int32(b) {
          stamp[it] = Int32(b)
          rawCounts[it] += 1
        }
      }
    }

    // Frequency order, ties by natural label order: deterministic on every machine.
    let naturalOrder = (0..<itemCount).sorted { naturalLess(rawLabels[$0], rawLabels[$1]) }
    var naturalRank = [Int32](repeating: 0, count: itemCount)
    for (rank, it) in naturalOrder.enumerated() { naturalRank[it] = Int32(rank) }
    let byFrequency = (0..<itemCount).sorted {
      rawCounts[$0] != rawCounts[$1] ? rawCounts[$0] > rawCounts[$1] : naturalRank[$0] < naturalRank[$1]
    }
    var recode = [Int32](repeating: 0, count: itemCount)
    for (code, it) in byFrequency.enumerated() { recode[it] = Int32(code) }
    self.itemLabels = byFrequency.map { rawLabels[$0] }
    self.itemCounts = byFrequency.map { rawCounts[$0] }
    self.labelRank = byFrequency.map { naturalRank[$0] }
    self.basketCount = basketCount

    // Recode, dedupe and sort each basket in place.
    for i in stamp.indices { stamp[i] = -1 }
    var txOffsets: [Int] = [0]
    txOffsets.reserveCapacity(basketCount + 1)
    var txItems: [Int32] = []
    txItems.reserveCapacity(validRows)
    for b in 0..<rawBasketCount where start[b + 1] > start[b] {
      if b & 0x3FFF == 0 { try cancellation.check() }
      let from = txItems.count
      for k in start[b]..<start[b + 1] {
        let it = Int(grouped[k])
        if stamp[it] != Int32(b) {
          stamp[it] = Int32(b)
          txItems.append(recode[it])
        }
      }
      txItems[from..<txItems.count].sort()
      txOffsets.append(txItems.count)
    }
    try cancellation.check()

    // Sort baskets lexicographically, then merge equal neighbours into weights.
    // Sorting the baskets of 3M order lines is one long step: the sort polls the token as it compares.
    var order = Array(0..<basketCount)
    try txItems.withUnsafeBufferPointer { items throws(TableError) in
      try txOffsets.withUnsafeBufferPointer { off throws(TableError) in
        try cancellation.sort(&order) { a, b in lexLess(items, off[a], off[a + 1], off[b], off[b + 1]) }
      }
    }
    try cancellation.check()
    var offsets: [Int] = [0]
    var items: [Int32] = []
    var weights: [Int] = []
    items.reserveCapacity(txItems.count)
    var previous = -1
    for (position, t) in order.enumerated() {
      if position & 0x3FFF == 0 { try cancellation.check() }
      let lo = txOffsets[t], hi = txOffsets[t + 1]
      if previous >= 0 {
        let plo = txOffsets[previous], phi = txOffsets[previous + 1]
        if phi - plo == hi - lo && txItems[plo..<phi].elementsEqual(txItems[lo..<hi]) {
          weights[weights.count - 1] += 1
          continue
        }
      }
      items.append(contentsOf: txItems[lo..<hi])
      offsets.append(items.count)
      weights.append(1)
      previous = t
    }
    self.offsets = offsets
    self.items = items
    self.weights = weights
  }

  /// The smallest absolute count whose support fraction `count / basketCount` is ≥ `minSupport`.
  ///
  /// mlxtend keeps an itemset when `count / n >= min_support` in floating point; computing the threshold
  /// from that same division (not from `ceil(minSupport * n)`) reproduces its borderline decisions exactly.
  public func minimumCount(forSupport minSupport: Double) -> Int {
    let n = Double(basketCount)
    guard basketCount > 0 else { return 1 }
    var c = max(1, Int((minSupport * n).rounded(.up)))
    while c > 1 && Double(c - 1) / n >= minSupport { c -= 1 }
    while c <= basketCount && Double(c) / n < minSupport { c += 1 }
    return c
  }
}

@inline(__always)
func lexLess(_ items: UnsafeBufferPointer<Int32>, _ alo: Int, _ ahi: Int, _ blo: Int, _ bhi: Int) -> Bool {
  var i = alo, j = blo
  while i < ahi && j < bhi {
    if items[i] != items[j] { return items[i] < items[j] }
    i += 1
    j += 1
  }
  return (ahi - alo) < (bhi - blo)
}
