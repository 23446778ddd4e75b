import Foundation
import ShopMineData

/// Settings of an isolation forest, with scikit-learn's defaults.
public struct IsolationForestOptions: Sendable, Hashable {
  /// Number of trees (`n_estimators`).
  public var trees: Int
  /// Rows drawn without replacement per tree (`max_samples`), capped at the row count.
  public var samples: Int
  public var seed: UInt64
  /// Expected share of anomalies; `nil` is sklearn's `'auto'` (offset −0.5).
  public var contamination: Double?

  public init(trees: Int = 100, samples: Int = 256, seed: UInt64 = 0, contamination: Double? = nil) {
    self.trees = trees
    self.samples = samples
    self.seed = seed
    self.contamination = contamination
  }
}

/// An isolation forest (Liu, Ting & Zhou 2008) built like scikit-learn's `IsolationForest`.
///
/// Each tree sees ψ rows drawn without replacement and is grown to depth ⌈log₂ ψ⌉; a node picks a feature
/// uniformly among those not constant in it and a threshold uniformly in [min, max) (left: x ≤ threshold).
/// A row's path length is the depth of its leaf plus c(leaf size), with c(n) = 2(ln(n−1) + γ) − 2(n−1)/n,
/// c(2) = 1, c(1) = 0; sklearn's `score_samples` is −2^(−E(h)/c(ψ)). The random stream is our own
/// (SplitMix64), so trees differ from sklearn's for the same seed, but the algorithm and score scale match.
public struct IsolationForest: Sendable, Hashable {
  /// Nodes of all trees in preorder: a split's left child is the next node, its right child is `right`.
  var feature: [Int32]  // −1 marks a leaf
  var threshold: [Double]
  var right: [Int32]
  /// For leaves: depth + c(leaf size), the path length a row ending here gets.
  var leafPath: [Double]
  /// Index of each tree's root node.
  var roots: [Int32]
  public let featureCount: Int
  /// ψ, the per-tree sample size actually used.
  public let sampleSize: Int

  /// Grows a forest on the rows of a row-major matrix (`rows × featureCount`, no NaN).
  ///
  /// - Complexity: O(trees · ψ log ψ · featureCount), independent of the number of rows beyond sampling.
  public static func fit(
    matrix: [Double], rows: Int, featureCount: Int, options: IsolationForestOptions,
    cancellation: Cancellation = .none, progress: ProgressCallback? = nil
  ) throws(TableError) -> IsolationForest {
    guard featureCount > 0, rows > 0, matrix.count == rows * featureCount else {
      throw TableError(code: .emptyTable, message: "isolation forest: no complete rows to fit on")
    }
    guard options.trees > 0, options.samples > 0 else {
      throw TableError.invalidArgument("isolation forest: trees and samples must be positive")
    }
    let psi = min(options.samples, rows)
    let maxDepth = Int((log2(Double(max(psi, 2)))).rounded(.up))
    var rng = SplitMix64(seed: options.seed)
    var builder = TreeBuilder(matrix: matrix, featureCount: featureCount, maxDepth: maxDepth)
    var roots: [Int32] = []
    var sample = [Int](repeating: 0, count: psi)
    var chosen = Set<Int>()
    for t in 0..<options.trees {
      try cancellation.check()
      // Sampling without replacement: ψ ≪ n in practice, so rejection against a small set beats
      // shuffling an n-element index array per tree.
      if psi == rows {
        for i in 0..<psi { sample[i] = i }
      } else {
        chosen.removeAll(keepingCapacity: true)
        var k = 0
        while k < psi {
          let r = rng.below(rows)
          if chosen.insert(r).inserted {
            sample[k] = r
            k += 1
          }
        }
      }
      roots.append(Int32(builder.feature.count))
      builder.grow(&sample, 0..<psi, depth: 0, rng: &rng)
      progress?(t + 1, options.trees, "growing trees")
    }
    return IsolationForest(
      feature: builder.feature, threshold: builder.threshold, right: builder.right,
      leafPath: builder.leafPath, roots: roots, featureCount: featureCount, sampleSize: psi)
  }

  /// c(n): the average path length of an unsuccessful binary-search-tree search among n points.
  public static func averagePathLength(_ n: Int) -> Double {
    if n <= 1 { return 0 }
    if n == 2 { return 1 }
    let m = Double(n)
    return 2 * (log(m - 1) + 0.5772156649015329) - 2 * (m - 1) / m
  }

  /// sklearn's `score_samples` for each row of a row-major matrix: −2^(−E(h)/c(ψ)), in [−1, 0), lower is
  /// more anomalous. NaN rows get NaN.
  ///
  /// Rows are split into a few large chunks scored in parallel; each row's sum over trees runs in tree
  /// order, so the result does not depend on the number of threads.
  public func scoreSamples(matrix: [Double], rows: Int, cancellation: Cancellation = .none) throws(TableError)
    -> [Double]
  {
    var out = [Double](repeating: .nan, count: rows)
    guard rows > 0, matrix.count >= rows * featureCount else { return out }
    let denominator = Double(roots.count) * Self.averagePathLength(sampleSize)
    let chunkCount = min(max(1, rows / 16_384), 4 * ProcessInfo.processInfo.activeProcessorCount)
    let chunk = (rows + chunkCount - 1) / chunkCount
    let d = featureCount
    // Pack the nodes into 16-byte records (threshold or leaf path, feature, right child) so one step of a
    // walk touches one cache line instead of four arrays.
    var nodes = [PackedNode]()
    nodes.reserveCapacity(feature.count)
    for i in feature.indices {
      nodes.append(
        PackedNode(value: feature[i] >= 0 ? threshold[i] : leafPath[i], feature: feature[i], right: right[i]))
    }
    let rootList = roots.map { Int($0) }
    out.withUnsafeMutableBufferPointer { outBuffer in
      nonisolated(unsafe) let result = outBuffer
      matrix.withUnsafeBufferPointer { xBuffer in
        nodes.withUnsafeBufferPointer { nodeBuffer in
          // Unsafe buffers: the walk is the hot loop (rows × trees × depth), where bounds checks cost more
          // than the comparisons. Each chunk walks a block of rows through one tree at a time, so a tree
          // (a few KB) stays in cache; each row still sums its path lengths in tree order, so the scores are
          // identical for any chunking or thread count.
          nonisolated(unsafe) let (x, tree) = (xBuffer, nodeBuffer)
          ComputeThreads.perform(iterations: chunkCount) { c in
            let start = c * chunk
            let end = min(rows, start + chunk)
            guard start < end else { return }
            let blockSize = 2048
            var totals = [Double](repeating: 0, count: blockSize)
            var usable = [Bool](repeating: true, count: blockSize)
            var blockStart = start
            while blockStart < end {
              if cancellation.isCancelled { return }
              let blockEnd = min(end, blockStart + blockSize)
              for row in blockStart..<blockEnd {
                totals[row - blockStart] = 0
                var ok = true
                for j in 0..<d where x[row * d + j].isNaN { ok = false }
                usable[row - blockStart] = ok
              }
              for root in rootList {
                for row in blockStart..<blockEnd where usable[row - blockStart] {
                  let base = row * d
                  var node = root
                  while tree[node].feature >= 0 {
                    let n = tree[node]
                    node = x[base + Int(n.feature)] <= n.value ? node + 1 : Int(n.right)
                  }
                  totals[row - blockStart] += tree[node].value
                }
              }
              for row in blockStart..<blockEnd where usable[row - blockStart] {
                // With ψ = 1 the denominator is 0; sklearn sets the score to −1 then.
                result[row] = denominator > 0 ? -pow(2, -totals[row - blockStart] / denominator) : -1
              }
              blockStart = blockEnd
            }
          }
        }
      }
    }
    try cancellation.check()
    return out
  }
}

/// One node as the scoring loop reads it: a split's threshold or a leaf's path length, the split feature
/// (−1 for a leaf) and the right child.
private struct PackedNode {
  var value: Double
  var feature: Int32
  var right: Int32
}

/// Grows isolation trees into flat preorder arrays.
private struct TreeBuilder {
  let matrix: [Double]
  let featureCount: Int
  let maxDepth: Int
  var feature: [Int32] = []
  var threshold: [Double] = []
  var right: [Int32] = []
  var leafPath: [Double] = []
  var lows: [Double]
  var highs: [Double]
  var candidates: [Int] = []

  init(matrix: [Double], featureCount: Int, maxDepth: Int) {
    self.matrix = matrix
    self.featureCount = featureCount
    self.maxDepth = maxDepth
    lows = [Double](repeating: 0, count: featureCount)
    highs = [Double](repeating: 0, count: featureCount)
  }

  /// Grows the subtree over `sample[range]`, partitioning that slice in place (as sklearn's splitter does).
  mutating func grow(_ sample: inout [Int], _ range: Range<Int>, depth: Int, rng: inout SplitMix64) {
    let node = feature.count
    feature.append(-1)
    threshold.append(0)
    right.append(-1)
    leafPath.append(Double(depth) + IsolationForest.averagePathLength(range.count))
    guard depth < maxDepth, range.count >= 2 else { return }

    let d = featureCount
    for j in 0..<d {
      lows[j] = .infinity
      highs[j] = -.infinity
    }
    for i in range {
      let base = sample[i] * d
      for j in 0..<d {
        let v = matrix[base + j]
        if v < lows[j] { lows[j] = v }
        if v > highs[j] { highs[j] = v }
      }
    }
    // sklearn treats a feature as constant when max − min ≤ 1e-7 (FEATURE_THRESHOLD) and redraws.
    candidates.removeAll(keepingCapacity: true)
    for j in 0..<d where highs[j] > lows[j] + 1e-7 { candidates.append(j) }
    guard !candidates.isEmpty else { return }
    let f = candidates[rng.below(candidates.count)]
    let lo = lows[f]
    let hi = highs[f]
    var t = lo + (hi - lo) * rng.nextUnit()
    if t >= hi { t = lo }  // sklearn: a threshold equal to the max would leave the right side empty

    // Partition: rows with x ≤ t first.
    var i = range.lowerBound
    var j = range.upperBound - 1
    while i <= j {
      if matrix[sample[i] * d + f] <= t {
        i += 1
      } else {
        sample.swapAt(i, j)
        j -= 1
      }
    }
    let mid = i
    feature[node] = Int32(f)
    threshold[node] = t
    grow(&sample, range.lowerBound..<mid, depth: depth + 1, rng: &rng)
    right[node] = Int32(feature.count)
    grow(&sample, mid..<range.upperBound, depth: depth + 1, rng: &rng)
  }
}
