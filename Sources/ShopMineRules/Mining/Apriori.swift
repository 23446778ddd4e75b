import ShopMineData

/// One level of the Apriori walk, as `apriori … trace` shows it.
public struct AprioriLevel: Sendable, Equatable {
  /// Itemset size of this level.
  public var size: Int
  /// Candidates produced by the join step (for size 1: the distinct items).
  public var generated: Int
  /// Candidates dropped because one of their (size − 1)-subsets is infrequent (the Apriori property).
  public var pruned: Int
  /// Candidates whose support was counted (`generated − pruned`).
  public var counted: Int
  /// Candidates with support ≥ the threshold.
  public var kept: Int

  public init(size: Int, generated: Int, pruned: Int, counted: Int, kept: Int) {
    self.size = size
    self.generated = generated
    self.pruned = pruned
    self.counted = counted
    self.kept = kept
  }
}

/// The itemsets Apriori found and the per-level trace of how it found them.
public struct AprioriResult: Sendable {
  public var itemsets: FrequentItemsets
  public var trace: [AprioriLevel]
}

/// Apriori (Agrawal & Srikant 1994): level-wise candidate generation, pruning and counting.
public enum Apriori {
  /// Mines the same itemsets as ``FPGrowth`` and records each level's candidates.
  ///
  /// Candidates of size k + 1 come from joining frequent k-itemsets that share their first k − 1 items
  /// (the apriori-gen join mlxtend uses), then pruning those with an infrequent k-subset. Supports are
  /// counted with tid-lists over the distinct baskets (weighted), intersecting the two parents' lists —
  /// cheaper than rescanning baskets once the lists are short.
  ///
  /// - Complexity: O(Σ candidates × tid-list length) plus a triangular pair count at level 2.
  public static func mine(
    _ baskets: Baskets, options: MiningOptions, cancellation: Cancellation = .none,
    progress: ProgressCallback? = nil
  ) throws(TableError) -> AprioriResult {
    try options.validate()
    let minCount = baskets.minimumCount(forSupport: options.minSupport)
    let maxLength = options.maxLength ?? Int.max
    var m = 0
    while m < baskets.itemCount && baskets.itemCounts[m] >= minCount { m += 1 }
    var raw = RawItemsets()
    var trace = [AprioriLevel(size: 1, generated: baskets.itemCount, pruned: 0, counted: baskets.itemCount, kept: m)]
    for x in 0..<m { raw.append(CollectionOfOne(Int32(x)), count: baskets.itemCounts[x]) }
    guard m >= 2, maxLength >= 2, baskets.basketCount > 0 else {
      return AprioriResult(
        itemsets: FrequentItemsets(raw: raw, baskets: baskets, minSupport: options.minSupport), trace: trace)
    }

    // Tid-lists of the frequent items over distinct baskets.
    var itemTids = [[Int32]](repeating: [], count: m)
    for t in 0..<baskets.distinctCount {
      for k in baskets.offsets[t]..<baskets.offsets[t + 1] {
        let it = Int(baskets.items[k])
        if it < m { itemTids[it].append(Int32(t)) }
      }
    }
    try cancellation.check()
    progress?(1, 2, "apriori level 2")

    // Level 2: every pair is a candidate (all 1-subsets are frequent); count them with one triangular pass.
    var level: [[Int32]] = []
    var levelTids: [[Int32]] = []
    var pairCounts = [Int](repeating: 0, count: m * (m - 1) / 2)
    @inline(__always) func pairIndex(_ a: Int, _ b: Int) -> Int { a * (2 * m - a - 1) / 2 + (b - a - 1) }
    for t in 0..<baskets.distinctCount {
      let lo = baskets.offsets[t]
      var hi = lo
      while hi < baskets.offsets[t + 1] && Int(baskets.items[hi]) < m { hi += 1 }
      let w = baskets.weights[t]
      var i = lo
      while i < hi {
        let a = Int(baskets.items[i])
        var j = i + 1
        while j < hi {
          pairCounts[pairIndex(a, Int(baskets.items[j]))] += w
          j += 1
        }
        i += 1
      }
      if t & 4095 == 0 { try cancellation.check() }
    }
    var kept2 = 0
    for a in 0..<m {
      for b in (a + 1)..<m where pairCounts[pairIndex(a, b)] >= minCount {
        level.append([Int32(a), Int32(b)])
        levelTids.append(intersect(itemTids[a], itemTids[b]))
        raw.append([Int32(a), Int32(b)], count: pairCounts[pairIndex(a, b)])
        kept2 += 1
      }
    }
    let pairs = m * (m - 1) / 2
    trace.append(AprioriLevel(size: 2, generated: pairs, pruned: 0, counted: pairs, kept: kept2))

    var size = 2
    while !level.isEmpty && size < maxLength {
      try cancellation.check()
      progress?(size, size + 1, "apriori level \(size + 1)")
      let known = Set(level)
      var next: [[Int32]] = []
      var nextTids: [[Int32]] = []
      var generated = 0, pruned = 0
      // `level` is in lexicographic order, so itemsets sharing a (size − 1)-prefix are contiguous.
      var groupStart = 0
      while groupStart < level.count {
        var groupEnd = groupStart + 1
        while groupEnd < level.count && level[groupEnd].dropLast() == level[groupStart].dropLast() { groupEnd += 1 }
        for i in groupStart..<groupEnd {
          for j in (i + 1)..<groupEnd {
            generated += 1
            var candidate = level[i]
            candidate.append(level[j][size - 1])
            if !allSubsetsKnown(candidate, known) {
              pruned += 1
              continue
            }
            let tids = intersect(levelTids[i], levelTids[j])
            var c = 0
            for t in tids { c += baskets.weights[Int(t)] }
            if c >= minCount {
              next.append(candidate)
              nextTids.append(tids)
              raw.append(candidate, count: c)
            }
          }
        }
        groupStart = groupEnd
      }
      // No join partners left: the walk ends without an empty level row.
      if generated == 0 { break }
      size += 1
      trace.append(
        AprioriLevel(size: size, generated: generated, pruned: pruned, counted: generated - pruned, kept: next.count))
      level = next
      levelTids = nextTids
    }
    try cancellation.check()
    return AprioriResult(
      itemsets: FrequentItemsets(raw: raw, baskets: baskets, minSupport: options.minSupport), trace: trace)
  }

  /// Whether every subset obtained by dropping one of the first `count − 2` items is frequent (the two
  /// subsets that drop one of the last two items are the join's parents, frequent by construction).
  private static func allSubsetsKnown(_ candidate: [Int32], _ known: Set<[Int32]>) -> Bool {
    var subset = candidate
    for drop in 0..<(candidate.count - 2) {
      subset.remove(at: drop)
      let ok = known.contains(subset)
      subset.insert(candidate[drop], at: drop)
      if !ok { return false }
    }
    return true
  }

  private static func intersect(_ a: [Int32], _ b: [Int32]) -> [Int32] {
    var out: [Int32] = []
    out.reserveCapacity(min(a.count, b.count))
    var i = 0, j = 0
    while i < a.count && j < b.count {
      if a[i] < b[j] {
        i += 1
      } else if a[i] > b[j] {
        j += 1
      } else {
        out.append(a[i])
        i += 1
        j += 1
      }
    }
    return out
  }
}
