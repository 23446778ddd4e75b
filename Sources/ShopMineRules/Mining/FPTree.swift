/// An FP-tree stored in flat arrays (no node objects), built from lexicographically sorted transactions.
///
/// Why this shape: inserting transactions in sorted order means each one shares exactly its common prefix
/// with the previous one, so building needs no child lookup at all — one pass, no hashing, no per-node
/// allocation. Nodes of one item are grouped by a counting sort for the conditional-pattern-base walks.
struct FPTree: Sendable {
  /// Per node: local item code (node 0 is the root, item -1).
  var nodeItem: [Int32] = [-1]
  /// Per node: number of transactions through it.
  var nodeCount: [Int] = [0]
  /// Per node: parent node (root: -1).
  var nodeParent: [Int32] = [-1]
  /// Offsets into ``itemNodes`` per local item (`itemCount + 1` entries).
  var itemNodeOffsets: [Int] = []
  /// Node ids grouped by item.
  var itemNodes: [Int32] = []
  /// Per local item: total count.
  var itemTotals: [Int] = []
  /// Per local item: the global item code.
  var globalOf: [Int32] = []

  var itemCount: Int { globalOf.count }

  /// True when the tree is one chain (each node's parent is the node before it).
  var isSinglePath: Bool {
    var i = 1
    while i < nodeParent.count {
      if Int(nodeParent[i]) != i - 1 { return false }
      i += 1
    }
    return true
  }

  /// Builds the tree from transactions with ascending local codes.
  ///
  /// - Parameters:
  ///   - items/offsets/weights: the transactions in CSR form.
  ///   - order: transaction indices in lexicographic order of their item lists.
  ///   - globalOf: local → global item code; its count is the number of local items.
  init(
    items: UnsafeBufferPointer<Int32>, offsets: UnsafeBufferPointer<Int>, weights: UnsafeBufferPointer<Int>,
    order: UnsafeBufferPointer<Int32>, globalOf: [Int32], itemTotals: [Int]
  ) {
    self.globalOf = globalOf
    self.itemTotals = itemTotals
    let m = globalOf.count
    var path: [Int32] = []
    var previous = -1
    for tt in order {
      let t = Int(tt)
      let lo = offsets[t], hi = offsets[t + 1]
      let w = weights[t]
      var lcp = 0
      if previous >= 0 {
        let plo = offsets[previous], phi = offsets[previous + 1]
        let limit = min(hi - lo, phi - plo)
        while lcp < limit && items[lo + lcp] == items[plo + lcp] { lcp += 1 }
      }
      path.removeLast(path.count - lcp)
      for d in 0..<lcp { nodeCount[Int(path[d])] += w }
      var parent: Int32 = lcp == 0 ? 0 : path[lcp - 1]
      for k in (lo + lcp)..<hi {
        let node = Int32(nodeItem.count)
        nodeItem.append(items[k])
        nodeCount.append(w)
        nodeParent.append(parent)
        path.append(node)
        parent = node
      }
      nodeCount[0] += w
      previous = t
    }
    // Group nodes by item (counting sort keeps node order, hence deterministic walks).
    var off = [Int](repeating: 0, count: m + 1)
    for n in 1..<nodeItem.count { off[Int(nodeItem[n]) + 1] += 1 }
    for i in 0..<m { off[i + 1] += off[i] }
    var fill = off
    var grouped = [Int32](repeating: 0, count: nodeItem.count - 1)
    for n in 1..<nodeItem.count {
      let it = Int(nodeItem[n])
      grouped[fill[it]] = Int32(n)
      fill[it] += 1
    }
    itemNodeOffsets = off
    itemNodes = grouped
  }
}

/// A growable list of weighted transactions in CSR form, reused across recursion levels.
struct TransactionBuffer {
  var items: [Int32] = []
  var offsets: [Int] = [0]
  var weights: [Int] = []

  mutating func removeAll() {
    items.removeAll(keepingCapacity: true)
    offsets.removeAll(keepingCapacity: true)
    offsets.append(0)
    weights.removeAll(keepingCapacity: true)
  }

  var count: Int { weights.count }

  /// Indices of the transactions in lexicographic order of their item lists.
  func lexicographicOrder() -> [Int32] {
    var order = (0..<Int32(weights.count)).map { $0 }
    items.withUnsafeBufferPointer { it in
      offsets.withUnsafeBufferPointer { off in
        order.sort { a, b in lexLess(it, off[Int(a)], off[Int(a) + 1], off[Int(b)], off[Int(b) + 1]) }
      }
    }
    return order
  }

  /// Builds an FP-tree over these transactions.
  func tree(globalOf: [Int32], itemTotals: [Int]) -> FPTree {
    let order = lexicographicOrder()
    return items.withUnsafeBufferPointer { it in
      offsets.withUnsafeBufferPointer { off in
        weights.withUnsafeBufferPointer { w in
          order.withUnsafeBufferPointer { o in
            FPTree(items: it, offsets: off, weights: w, order: o, globalOf: globalOf, itemTotals: itemTotals)
          }
        }
      }
    }
  }
}
