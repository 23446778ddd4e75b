import Foundation
import ShopMineData

/// A CART classification tree (scikit-learn's `DecisionTreeClassifier` rules, deterministic ties).
///
/// Splits test `feature ≤ threshold` with the threshold halfway between consecutive distinct training
/// values (`a/2 + b/2`, falling back to `a` when rounding reaches `b`, as scikit-learn). The split with the
/// largest impurity decrease wins; among equal decreases the earlier feature (encoding order) and then the
/// smaller threshold win — scikit-learn instead breaks such ties by a random feature order. Like
/// scikit-learn, a split that decreases impurity by zero is still taken when no better one exists.
public struct DecisionTreeModel: Classifier, Hashable, Codable {
  public var encoding: FeatureEncoding
  public var classes: [ClassValue]
  public var options: DecisionTreeOptions
  /// Nodes in pre-order; node 0 is the root.
  public var nodes: [DecisionTreeNode]
  /// Every split in the order it was made.
  public var splits: [TreeSplit]

  /// Depth of the deepest leaf.
  public var depth: Int { nodes.map(\.depth).max() ?? 0 }
  /// Number of leaves.
  public var leafCount: Int { nodes.filter(\.isLeaf).count }

  /// Grows a tree on `data`.
  ///
  /// - Complexity: O(d × n log n) to presort, then O(n × d × classes) per level of the tree.
  public static func fit(
    _ data: TrainingData, options: DecisionTreeOptions = .init(), cancellation: Cancellation = .none,
    progress: ProgressCallback? = nil
  ) throws(TableError) -> DecisionTreeModel {
    guard options.minLeaf >= 1 else { throw .invalidArgument("minleaf must be at least 1") }
    guard options.minSplit >= 2 else { throw .invalidArgument("minsplit must be at least 2") }
    if let depth = options.maxDepth, depth < 0 { throw .invalidArgument("depth must be ≥ 0") }
    var builder = try TreeBuilder(data: data, options: options, cancellation: cancellation)
    try builder.grow(cancellation: cancellation, progress: progress)
    return DecisionTreeModel(
      encoding: data.x.encoding, classes: data.y.classes, options: options, nodes: builder.nodes,
      splits: builder.splits)
  }

  /// The leaf each row of `x` falls into.
  public func leaves(_ x: FeatureMatrix) throws(TableError) -> [Int] {
    try requireWidth(x)
    let d = x.columnCount
    return (0..<x.rowCount).map { i in
      var node = 0
      while let f = nodes[node].feature, let t = nodes[node].threshold, let l = nodes[node].left,
        let r = nodes[node].right
      {
        node = x.values[i * d + f] <= t ? l : r
      }
      return node
    }
  }

  /// Class shares of the leaf each row falls into.
  public func probabilities(_ x: FeatureMatrix) throws(TableError) -> [Double] {
    let k = classes.count
    var out = [Double](repeating: 0, count: x.rowCount * k)
    for (i, leaf) in try leaves(x).enumerated() {
      let node = nodes[leaf]
      for c in 0..<k { out[i * k + c] = Double(node.classCounts[c]) / Double(max(node.samples, 1)) }
    }
    return out
  }

  /// Feature importances (normalised total weighted impurity decrease), one per encoded feature.
  public var featureImportances: [Double] {
    var total = [Double](repeating: 0, count: encoding.width)
    for s in splits {
      if let f = encoding.featureNames.firstIndex(of: s.feature) { total[f] += s.weightedDecrease }
    }
    let sum = total.reduce(0, +)
    return sum > 0 ? total.map { $0 / sum } : total
  }

  /// The nodes as a table: `node`, `depth`, `feature`, `threshold`, `left`, `right`, `samples`, `impurity`,
  /// `prediction` (missing cells for leaves' split fields).
  public func nodeTable() -> Table {
    let names = encoding.featureNames
    let n = nodes.count
    var thresholdValid = [Bool](repeating: false, count: n)
    var thresholds = [Double](repeating: 0, count: n)
    var lefts = [Int64](repeating: 0, count: n)
    var rights = [Int64](repeating: 0, count: n)
    for (i, node) in nodes.enumerated() {
      if let t = node.threshold, let l = node.left, let r = node.right {
        thresholdValid[i] = true
        thresholds[i] = t
        lefts[i] = Int64(l)
        rights[i] = Int64(r)
      }
    }
    let mask = ValidityMask(thresholdValid)
    return Table(
      uncheckedColumns: [
        Column(name: "node", ints: nodes.map { Int64($0.id) }),
        Column(name: "depth", ints: nodes.map { Int64($0.depth) }),
        Column(name: "feature", strings: nodes.map { $0.feature.map { names[$0] } }),
        Column(name: "threshold", floats: thresholds, validity: mask),
        Column(name: "left", ints: lefts, validity: mask),
        Column(name: "right", ints: rights, validity: mask),
        Column(name: "samples", ints: nodes.map { Int64($0.samples) }),
        Column(name: "impurity", floats: nodes.map(\.impurity)),
        classes.column(named: "prediction", codes: nodes.map { Int32($0.prediction) }),
      ], rowCount: n)
  }

  /// The splits in the order they were made (the teaching trace) as a table.
  public func splitTable() -> Table {
    Table(
      uncheckedColumns: [
        Column(name: "step", ints: splits.indices.map { Int64($0 + 1) }),
        Column(name: "node", ints: splits.map { Int64($0.node) }),
        Column(name: "depth", ints: splits.map { Int64($0.depth) }),
        Column(name: "feature", strings: splits.map(\.feature)),
        Column(name: "threshold", floats: splits.map(\.threshold)),
        Column(name: "samples", ints: splits.map { Int64($0.samples) }),
        Column(name: "left", ints: splits.map { Int64($0.leftSamples) }),
        Column(name: "right", ints: splits.map { Int64($0.rightSamples) }),
        Column(name: "impurity", floats: splits.map(\.impurity)),
        Column(name: "decrease", floats: splits.map(\.decrease)),
      ], rowCount: splits.count)
  }
}

/// Grows a tree over presorted feature orders: every feature keeps its rows sorted by value, and a split
/// stably partitions each feature's slice, so no node ever re-sorts (O(n·d) work per tree level).
struct TreeBuilder {
  let data: TrainingData
  let options: DecisionTreeOptions
  let n: Int
  let d: Int
  let k: Int
  /// `d` arrays of `n` rows, each sorted by its feature (ties by row); nodes own equal slices of all.
  var order: [Int32]
  var nodes: [DecisionTreeNode] = []
  var splits: [TreeSplit] = []

  /// Values closer than this are treated as equal when looking for thresholds (scikit-learn's
  /// `FEATURE_THRESHOLD`).
  static let featureThreshold = 1e-7

  /// Presorts every feature; each sort polls `cancellation` (a feature of 200k rows is tens of ms).
  init(data: TrainingData, options: DecisionTreeOptions, cancellation: Cancellation) throws(TableError) {
    self.data = data
    self.options = options
    n = data.x.rowCount
    d = data.x.columnCount
    k = data.classCount
    var order = [Int32](repeating: 0, count: n * d)
    let values = data.x.values
    let d = self.d
    let n = self.n
    for f in 0..<d {
      var rows = (0..<Int32(n)).map { $0 }
      try cancellation.sort(&rows) { a, b in
        let va = values[Int(a) * d + f]
        let vb = values[Int(b) * d + f]
        return va != vb ? va < vb : a < b
      }
      for i in 0..<n { order[f * n + i] = rows[i] }
    }
    self.order = order
  }

  func impurity(_ counts: [Double], _ total: Double) -> Double {
    guard total > 0 else { return 0 }
    switch options.criterion {
    case .gini:
      var s = 0.0
      for c in 0..<k { s += counts[c] * counts[c] }
      return 1 - s / (total * total)
    case .entropy:
      var e = 0.0
      for c in 0..<k where counts[c] > 0 {
        let p = counts[c] / total
        e -= p * log2(p)
      }
      return e
    }
  }

  struct Work {
    var start: Int
    var end: Int
    var depth: Int
    var parent: Int
    var isLeft: Bool
  }

  mutating func grow(cancellation: Cancellation, progress: ProgressCallback?) throws(TableError) {
    let codes = data.y.codes
    let values = data.x.values
    let names = data.x.encoding.featureNames
    var stack = [Work(start: 0, end: n, depth: 0, parent: -1, isLeft: true)]
    var goesLeft = [Bool](repeating: false, count: n)
    var scratch = [Int32](repeating: 0, count: n)
    var total = [Double](repeating: 0, count: k)
    var left = [Double](repeating: 0, count: k)
    var right = [Double](repeating: 0, count: k)
    var lastReport = monotonicNanos()
    var placed = 0
    while let work = stack.popLast() {
      try cancellation.check()
      let count = work.end - work.start
      for c in 0..<k { total[c] = 0 }
      for i in work.start..<work.end { total[Int(codes[Int(order[i])])] += 1 }
      let nodeImpurity = impurity(total, Double(count))
      var prediction = 0
      for c in 1..<max(k, 1) where total[c] > total[prediction] { prediction = c }
      let id = nodes.count
      nodes.append(
        DecisionTreeNode(
          id: id, depth: work.depth, samples: count, classCounts: total.map { Int($0) }, impurity: nodeImpurity,
          prediction: prediction, feature: nil, threshold: nil, left: nil, right: nil))
      if work.parent >= 0 {
        if work.isLeft { nodes[work.parent].left = id } else { nodes[work.parent].right = id }
      }
      let depthReached = options.maxDepth.map { work.depth >= $0 } ?? false
      if depthReached || count < options.minSplit || count / 2 < options.minLeaf || nodeImpurity <= 1e-7 {
        placed += count
        continue
      }
      // Best split over all features: largest decrease, then earlier feature, then smaller threshold.
      var bestFeature = -1
      var bestPosition = 0
      var bestThreshold = 0.0
      var bestChild = Double.infinity
      for f in 0..<d {
        for c in 0..<k {
          left[c] = 0
          right[c] = total[c]
        }
        let base = f * n
        for i in work.start..<(work.end - 1) {
          let row = Int(order[base + i])
          let label = Int(codes[row])
          left[label] += 1
          right[label] -= 1
          let nLeft = i - work.start + 1
          let nRight = count - nLeft
          if nLeft < options.minLeaf { continue }
          if nRight < options.minLeaf { break }
          let a = values[row * d + f]
          let b = values[Int(order[base + i + 1]) * d + f]
          if b <= a + TreeBuilder.featureThreshold { continue }
          let child =
            (Double(nLeft) * impurity(left, Double(nLeft)) + Double(nRight) * impurity(right, Double(nRight)))
            / Double(count)
          if child < bestChild {
            bestChild = child
            bestFeature = f
            bestPosition = nLeft
            var t = a / 2 + b / 2
            if t == b || !t.isFinite { t = a }
            bestThreshold = t
          }
        }
      }
      guard bestFeature >= 0 else {
        placed += count
        continue
      }
      // Partition every feature's slice stably into rows going left, then right.
      for i in work.start..<work.end {
        let row = Int(order[bestFeature * n + i])
        goesLeft[row] = i - work.start < bestPosition
      }
      for f in 0..<d {
        let base = f * n
        var l = work.start
        var r = 0
        for i in work.start..<work.end {
          let row = order[base + i]
          if goesLeft[Int(row)] {
            order[base + l] = row
            l += 1
          } else {
            scratch[r] = row
            r += 1
          }
        }
        for j in 0..<r { order[base + l + j] = scratch[j] }
      }
      nodes[id].feature = bestFeature
      nodes[id].threshold = bestThreshold
      let decrease = nodeImpurity - bestChild
      splits.append(
        TreeSplit(
          node: id, depth: work.depth, feature: names[bestFeature], threshold: bestThreshold, samples: count,
          impurity: nodeImpurity, childImpurity: bestChild, decrease: decrease,
          weightedDecrease: Double(count) / Double(n) * decrease, leftSamples: bestPosition,
          rightSamples: count - bestPosition))
      let mid = work.start + bestPosition
      // Right pushed first so the left subtree is numbered first (pre-order).
      stack.append(Work(start: mid, end: work.end, depth: work.depth + 1, parent: id, isLeft: false))
      stack.append(Work(start: work.start, end: mid, depth: work.depth + 1, parent: id, isLeft: true))
      if let progress, monotonicNanos() &- lastReport > 50_000_000 {
        progress(placed, n, "tree: \(nodes.count) nodes")
        lastReport = monotonicNanos()
      }
    }
    progress?(n, n, "tree: \(nodes.count) nodes")
  }
}
