import Dispatch
import ShopMineData
import Synchronization

/// FP-growth (Han, Pei & Yin 2000): frequent itemsets by recursive conditional FP-trees.
public enum FPGrowth {
  /// Mines every itemset whose support fraction is ≥ `options.minSupport`.
  ///
  /// The top-level items are handed out to `options.threads` workers through an atomic counter; each
  /// item's itemsets land in its own slot, so the result does not depend on scheduling. The output is put in
  /// the canonical order of ``FrequentItemsets`` and equals ``Apriori/mine(_:options:cancellation:progress:)``.
  ///
  /// - Throws: ``TableError`` for an invalid threshold or when cancelled.
  /// - Complexity: output-sensitive; each conditional tree costs O(size of its pattern base · log).
  public static func mine(
    _ baskets: Baskets, options: MiningOptions, cancellation: Cancellation = .none,
    progress: ProgressCallback? = nil
  ) throws(TableError) -> FrequentItemsets {
    try options.validate()
    let minCount = baskets.minimumCount(forSupport: options.minSupport)
    let maxLength = options.maxLength ?? Int.max
    // Items are coded by descending count, so the frequent ones are exactly the codes 0..<m.
    var frequentCount = 0
    while frequentCount < baskets.itemCount && baskets.itemCounts[frequentCount] >= minCount { frequentCount += 1 }
    let m = frequentCount
    guard m > 0, baskets.basketCount > 0 else {
      return FrequentItemsets(raw: RawItemsets(), baskets: baskets, minSupport: options.minSupport)
    }

    // Top-level database: each basket truncated to its frequent items (a prefix, as codes ascend).
    var top = TransactionBuffer()
    for t in 0..<baskets.distinctCount {
      let lo = baskets.offsets[t]
      var hi = lo
      while hi < baskets.offsets[t + 1] && baskets.items[hi] < Int32(m) { hi += 1 }
      guard hi > lo else { continue }
      top.items.append(contentsOf: baskets.items[lo..<hi])
      top.offsets.append(top.items.count)
      top.weights.append(baskets.weights[t])
    }
    try cancellation.check()
    let tree = top.tree(globalOf: (0..<Int32(m)).map { $0 }, itemTotals: Array(baskets.itemCounts[0..<m]))
    try cancellation.check()

    let slots = Mutex<[RawItemsets?]>(Array(repeating: nil, count: m))
    let next = Atomic<Int>(0)
    let done = Atomic<Int>(0)
    let workers = max(1, min(options.threads, m))
    ComputeThreads.perform(iterations: workers) { _ in
      var miner = FPMiner(minCount: minCount, maxLength: maxLength, scratchSize: m, cancellation: cancellation)
      while !cancellation.isCancelled {
        let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard k < m else { break }
        // Hand out the rarest items first: their pattern bases are the deepest, so big jobs start early.
        let x = m - 1 - k
        miner.output = RawItemsets()
        miner.mineItem(x, in: tree)
        let result = miner.output
        slots.withLock { $0[x] = result }
        let finished = done.wrappingAdd(1, ordering: .relaxed).newValue
        progress?(finished, m, "fpgrowth")
      }
    }
    try cancellation.check()
    var raw = RawItemsets()
    let collected = slots.withLock { $0 }
    for slot in collected {
      if let slot { raw.append(contentsOf: slot) }
    }
    return FrequentItemsets(raw: raw, baskets: baskets, minSupport: options.minSupport)
  }
}

/// One worker's recursion state: scratch arrays sized once, the current prefix, and its output.
struct FPMiner {
  let minCount: Int
  let maxLength: Int
  let cancellation: Cancellation
  var prefix: [Int32] = []
  var output = RawItemsets()
  /// Per local item of the tree being projected: accumulated count (reset after each use).
  var counts: [Int]
  /// Per local item: its code in the conditional tree, or -1.
  var recode: [Int32]
  var path: [Int32] = []

  init(minCount: Int, maxLength: Int, scratchSize: Int, cancellation: Cancellation) {
    self.minCount = minCount
    self.maxLength = maxLength
    self.cancellation = cancellation
    counts = [Int](repeating: 0, count: scratchSize)
    recode = [Int32](repeating: -1, count: scratchSize)
  }

  /// Emits `prefix ∪ {x}` and everything that extends it in `tree`.
  mutating func mineItem(_ x: Int, in tree: FPTree) {
    prefix.append(tree.globalOf[x])
    output.append(prefix, count: tree.itemTotals[x])
    if prefix.count < maxLength, !cancellation.isCancelled, let child = conditionalTree(of: x, in: tree) {
      mine(child)
    }
    prefix.removeLast()
  }

  /// Mines every item of `tree` under the current prefix.
  mutating func mine(_ tree: FPTree) {
    if tree.isSinglePath {
      // A chain: every subset is frequent, with the count of its deepest node.
      let chainItems = tree.nodeItem.dropFirst().map { tree.globalOf[Int($0)] }
      let chainCounts = Array(tree.nodeCount.dropFirst())
      emitCombinations(chainItems, chainCounts, from: 0)
      return
    }
    for x in stride(from: tree.itemCount - 1, through: 0, by: -1) {
      mineItem(x, in: tree)
    }
  }

  mutating func emitCombinations(_ chain: [Int32], _ chainCounts: [Int], from start: Int) {
    guard start < chain.count else { return }
    for j in start..<chain.count {
      prefix.append(chain[j])
      output.append(prefix, count: chainCounts[j])
      if prefix.count < maxLength { emitCombinations(chain, chainCounts, from: j + 1) }
      prefix.removeLast()
    }
  }

  /// The FP-tree of `x`'s conditional pattern base, restricted to items frequent in it (nil when none).
  mutating func conditionalTree(of x: Int, in tree: FPTree) -> FPTree? {
    let nodesLo = tree.itemNodeOffsets[x], nodesHi = tree.itemNodeOffsets[x + 1]
    // Ancestors of x's nodes have local codes below x; count them weighted by the node counts.
    tree.nodeParent.withUnsafeBufferPointer { parent in
      tree.nodeItem.withUnsafeBufferPointer { item in
        counts.withUnsafeMutableBufferPointer { counts in
          for k in nodesLo..<nodesHi {
            let node = Int(tree.itemNodes[k])
            let c = tree.nodeCount[node]
            var p = Int(parent[node])
            while p > 0 {
              counts[Int(item[p])] += c
              p = Int(parent[p])
            }
          }
        }
      }
    }
    var frequent: [Int32] = []
    for y in 0..<x where counts[y] >= minCount { frequent.append(Int32(y)) }
    guard !frequent.isEmpty else {
      for y in 0..<x { counts[y] = 0 }
      return nil
    }
    // Conditional order: descending count, ties by the parent tree's order.
    counts.withUnsafeBufferPointer { c in
      frequent.sort { c[Int($0)] != c[Int($1)] ? c[Int($0)] > c[Int($1)] : $0 < $1 }
    }
    var globalOf: [Int32] = []
    var totals: [Int] = []
    globalOf.reserveCapacity(frequent.count)
    totals.reserveCapacity(frequent.count)
    for (code, y) in frequent.enumerated() {
      recode[Int(y)] = Int32(code)
      globalOf.append(tree.globalOf[Int(y)])
      totals.append(counts[Int(y)])
    }
    for y in 0..<x { counts[y] = 0 }

    var db = TransactionBuffer()
    db.items.reserveCapacity(nodesHi - nodesLo)
    for k in nodesLo..<nodesHi {
      let node = Int(tree.itemNodes[k])
      path.removeAll(keepingCapacity: true)
      var p = Int(tree.nodeParent[node])
      while p > 0 {
        let r = recode[Int(tree.nodeItem[p])]
        if r >= 0 { path.append(r) }
        p = Int(tree.nodeParent[p])
      }
      guard !path.isEmpty else { continue }
      path.sort()
      db.items.append(contentsOf: path)
      db.offsets.append(db.items.count)
      db.weights.append(tree.nodeCount[node])
    }
    for y in frequent { recode[Int(y)] = -1 }
    return db.tree(globalOf: globalOf, itemTotals: totals)
  }
}
