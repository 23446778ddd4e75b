import ShopMineData

/// A k-d tree over the rows of a feature matrix, for radius (DBSCAN) and k-nearest (kNN, kdist) queries.
///
/// Nodes split the dimension of widest spread at the median; each node keeps its bounding box so a query
/// prunes boxes farther than the radius (or than the current k-th best). Ties between equidistant points
/// are broken by row order, so results equal a brute-force scan that prefers earlier rows.
struct KDTree: Sendable {
  let points: [Double]
  let n: Int
  let d: Int
  let metric: DistanceMetric
  /// Row numbers, permuted so each node owns a contiguous slice.
  private(set) var order: [Int32]
  private(set) var nodes: [Node]
  /// Per node, `d` lower then `d` upper bounds.
  private(set) var bounds: [Double]

  struct Node: Sendable {
    var start: Int32
    var end: Int32
    var left: Int32
    var right: Int32
    var isLeaf: Bool { left < 0 }
  }

  static let leafSize = 24

  /// Builds the tree, polling `cancellation` at every node and within the sorts of large nodes (the
  /// root's sort of 200k rows alone is tens of milliseconds). - Complexity: O(n log² n).
  init(points: [Double], n: Int, d: Int, metric: DistanceMetric, cancellation: Cancellation) throws(TableError) {
    self.points = points
    self.n = n
    self.d = d
    self.metric = metric
    self.order = (0..<Int32(n)).map { $0 }
    self.nodes = []
    self.bounds = []
    if n > 0 { _ = try build(0, n, cancellation) }
  }

  private mutating func build(_ start: Int, _ end: Int, _ cancellation: Cancellation) throws(TableError) -> Int32 {
    try cancellation.check()
    let id = Int32(nodes.count)
    nodes.append(Node(start: Int32(start), end: Int32(end), left: -1, right: -1))
    var lower = [Double](repeating: .infinity, count: d)
    var upper = [Double](repeating: -.infinity, count: d)
    for p in start..<end {
      let row = Int(order[p])
      for f in 0..<d {
        let v = points[row * d + f]
        if v < lower[f] { lower[f] = v }
        if v > upper[f] { upper[f] = v }
      }
    }
    bounds.append(contentsOf: lower)
    bounds.append(contentsOf: upper)
    guard end - start > KDTree.leafSize else { return id }
    var split = 0
    var spread = -1.0
    for f in 0..<d where upper[f] - lower[f] > spread {
      spread = upper[f] - lower[f]
      split = f
    }
    guard spread > 0 else { return id }
    let pts = points
    let dd = d
    try cancellation.sort(&order[start..<end]) { a, b in
      let va = pts[Int(a) * dd + split]
      let vb = pts[Int(b) * dd + split]
      return va != vb ? va < vb : a < b
    }
    let mid = (start + end) / 2
    let left = try build(start, mid, cancellation)
    let right = try build(mid, end, cancellation)
    nodes[Int(id)].left = left
    nodes[Int(id)].right = right
    return id
  }

  /// Reduced distance from `q` to the bounding box of `node` (0 inside).
  @inline(__always)
  private func boxDistance(_ node: Int, _ q: UnsafePointer<Double>, _ b: UnsafePointer<Double>) -> Double {
    let lo = b + node * 2 * d
    let hi = lo + d
    var s = 0.0
    for f in 0..<d {
      var t = 0.0
      if q[f] < lo[f] { t = lo[f] - q[f] } else if q[f] > hi[f] { t = q[f] - hi[f] }
      s += metric == .euclidean ? t * t : t
    }
    return s
  }

  /// Rows within reduced radius `r` of the query (inclusive), appended to `out` in tree order.
  func radius(query q: UnsafePointer<Double>, reducedRadius r: Double, into out: inout [Int32]) {
    guard !nodes.isEmpty else { return }
    points.withUnsafeBufferPointer { pp in
      bounds.withUnsafeBufferPointer { bp in
        guard let p = pp.baseAddress, let b = bp.baseAddress else { return }
        // An explicit stack: depth is O(log n), 64 entries always suffice for a median-split tree.
        var stack: [Int32] = [0]
        stack.reserveCapacity(64)
        while let top = stack.popLast() {
          let node = nodes[Int(top)]
          if boxDistance(Int(top), q, b) > r { continue }
          if node.isLeaf {
            for i in Int(node.start)..<Int(node.end) {
              let row = Int(order[i])
              if metric.reduced(q, p + row * d, d) <= r { out.append(Int32(row)) }
            }
          } else {
            stack.append(node.right)
            stack.append(node.left)
          }
        }
      }
    }
  }

  /// The `k` nearest rows to the query by (distance, row) order: equidistant rows prefer the earlier one.
  /// Results are sorted nearest first, as (reduced distance, row).
  func nearest(query q: UnsafePointer<Double>, k: Int, heap: inout [(Double, Int32)]) {
    heap.removeAll(keepingCapacity: true)
    guard !nodes.isEmpty, k > 0 else { return }
    points.withUnsafeBufferPointer { pp in
      bounds.withUnsafeBufferPointer { bp in
        guard let p = pp.baseAddress, let b = bp.baseAddress else { return }
        var stack: [(Int32, Double)] = [(0, boxDistance(0, q, b))]
        while let (top, boxD) = stack.popLast() {
          if heap.count == k, let worst = heap.first, boxD > worst.0 { continue }
          let node = nodes[Int(top)]
          if node.isLeaf {
            for i in Int(node.start)..<Int(node.end) {
              let row = Int32(order[i])
              let dist = metric.reduced(q, p + Int(row) * d, d)
              KDTree.push((dist, row), into: &heap, k: k)
            }
          } else {
            let dl = boxDistance(Int(node.left), q, b)
            let dr = boxDistance(Int(node.right), q, b)
            // Visit the nearer child first (pushed last).
            if dl <= dr {
              stack.append((node.right, dr))
              stack.append((node.left, dl))
            } else {
              stack.append((node.left, dl))
              stack.append((node.right, dr))
            }
          }
        }
      }
    }
    heap.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
  }

  /// Max-heap on (distance, row) of at most `k` entries.
  @inline(__always)
  static func push(_ item: (Double, Int32), into heap: inout [(Double, Int32)], k: Int) {
    @inline(__always) func greater(_ a: (Double, Int32), _ b: (Double, Int32)) -> Bool {
      a.0 != b.0 ? a.0 > b.0 : a.1 > b.1
    }
    if heap.count < k {
      heap.append(item)
      var i = heap.count - 1
      while i > 0 {
        let parent = (i - 1) / 2
        if greater(heap[i], heap[parent]) {
          heap.swapAt(i, parent)
          i = parent
        } else {
          break
        }
      }
      return
    }
    guard let worst = heap.first, greater(worst, item) else { return }
    heap[0] = item
    var i = 0
    while true {
      let l = 2 * i + 1
      let r = l + 1
      var m = i
      if l < heap.count, greater(heap[l], heap[m]) { m = l }
      if r < heap.count, greater(heap[r], heap[m]) { m = r }
      if m == i { break }
      heap.swapAt(i, m)
      i = m
    }
  }
}
