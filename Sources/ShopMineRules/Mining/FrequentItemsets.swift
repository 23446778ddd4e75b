import ShopMineData

/// Frequent itemsets with their absolute counts, in a canonical order shared by Apriori and FP-growth.
///
/// Order: by size ascending, then support descending, then items compared in natural label order. Inside
/// an itemset items are in natural label order (item 2 before item 10). Both miners produce the same value
/// byte for byte on the same baskets and threshold.
public struct FrequentItemsets: Sendable, Equatable {
  /// Per item code: the item's original id (from ``Baskets/itemLabels``).
  public let itemLabels: [Value]
  /// Number of baskets (support denominator).
  public let basketCount: Int
  /// The threshold used, as a fraction.
  public let minSupport: Double
  /// CSR offsets into ``items``.
  public let offsets: [Int]
  /// Item codes of every itemset, in natural label order inside each itemset.
  public let items: [Int32]
  /// Per itemset: number of baskets containing every item of it.
  public let counts: [Int]
  let labelRank: [Int32]

  /// Number of itemsets.
  public var count: Int { counts.count }

  /// The item codes of itemset `index`.
  public func itemset(_ index: Int) -> ArraySlice<Int32> { items[offsets[index]..<offsets[index + 1]] }

  /// Support of itemset `index` as a fraction, computed as mlxtend does (`count / n` in doubles).
  public func support(_ index: Int) -> Double { Double(counts[index]) / Double(basketCount) }

  /// The original ids of itemset `index`.
  public func labels(_ index: Int) -> [Value] { itemset(index).map { itemLabels[Int($0)] } }

  /// Sorts raw itemsets (codes in any order inside each) into the canonical order.
  init(raw: RawItemsets, baskets: Baskets, minSupport: Double) {
    let rank = baskets.labelRank
    var keys: [[Int32]] = []
    keys.reserveCapacity(raw.counts.count)
    for i in 0..<raw.counts.count {
      var s = Array(raw.items[raw.offsets[i]..<raw.offsets[i + 1]])
      s.sort { rank[Int($0)] < rank[Int($1)] }
      keys.append(s)
    }
    let order = (0..<keys.count).sorted { a, b in
      if keys[a].count != keys[b].count { return keys[a].count < keys[b].count }
      if raw.counts[a] != raw.counts[b] { return raw.counts[a] > raw.counts[b] }
      return keys[a].lexicographicallyPrecedes(keys[b]) { rank[Int($0)] < rank[Int($1)] }
    }
    var offsets: [Int] = [0]
    var items: [Int32] = []
    var counts: [Int] = []
    offsets.reserveCapacity(order.count + 1)
    counts.reserveCapacity(order.count)
    for i in order {
      items.append(contentsOf: keys[i])
      offsets.append(items.count)
      counts.append(raw.counts[i])
    }
    self.itemLabels = baskets.itemLabels
    self.basketCount = baskets.basketCount
    self.minSupport = minSupport
    self.offsets = offsets
    self.items = items
    self.counts = counts
    self.labelRank = rank
  }
}

/// Itemsets as the miners emit them: codes in any order, counts absolute.
struct RawItemsets: Sendable {
  var offsets: [Int] = [0]
  var items: [Int32] = []
  var counts: [Int] = []

  @inline(__always)
  mutating func append<C: Collection>(_ set: C, count: Int) where C.Element == Int32 {
    items.append(contentsOf: set)
    offsets.append(items.count)
    counts.append(count)
  }

  mutating func append(contentsOf other: RawItemsets) {
    let base = items.count
    items.append(contentsOf: other.items)
    for k in 1..<other.offsets.count { offsets.append(base + other.offsets[k]) }
    counts.append(contentsOf: other.counts)
  }
}

/// Options shared by the itemset miners.
public struct MiningOptions: Sendable {
  /// Minimum support as a fraction in (0, 1]; an itemset is kept when `count / n >= minSupport`.
  public var minSupport: Double
  /// Largest itemset size to report (`nil`: no limit).
  public var maxLength: Int?
  /// Worker threads (FP-growth splits the top-level items over them; results do not depend on it).
  public var threads: Int

  public init(minSupport: Double, maxLength: Int? = nil, threads: Int = 2) {
    self.minSupport = minSupport
    self.maxLength = maxLength
    self.threads = threads
  }

  func validate() throws(TableError) {
    guard minSupport > 0, minSupport <= 1, !minSupport.isNaN else {
      throw TableError.invalidArgument("support must be a fraction in (0, 1], got \(minSupport)")
    }
    if let maxLength, maxLength < 1 {
      throw TableError.invalidArgument("maxlen must be at least 1, got \(maxLength)")
    }
    guard threads >= 1 else { throw TableError.invalidArgument("threads must be at least 1, got \(threads)") }
  }
}
