import Foundation
import ShopMineData

/// Lloyd's k-means, step for step as scikit-learn 1.x runs it.
///
/// Per iteration: assign with the current centroids, average the assigned points (relocating empty clusters
/// to the points farthest from their centres), then stop on identical labels ("strict convergence") or when
/// the total squared centroid shift is within `tolerance × mean feature variance`. Without strict
/// convergence a last assignment makes labels match the final centroids. With `init first` the final
/// inertia and labels equal `KMeans(init=X[:k], n_init=1)`.
public enum KMeans {
  /// A fit: the model and, when asked for, the trace of the kept run.
  public struct Result: Sendable {
    public var model: KMeansModel
    public var trace: KMeansTrace?
  }

  /// Fits k-means to `x`.
  ///
  /// - Complexity: O(restarts × iterations × n × k × d), spread over all cores.
  public static func fit(
    _ x: FeatureMatrix, options: KMeansOptions, cancellation: Cancellation = .none,
    progress: ProgressCallback? = nil
  ) throws(TableError) -> Result {
    let n = x.rowCount
    let d = x.columnCount
    guard options.k >= 1 else { throw .invalidArgument("k must be at least 1, got \(options.k)") }
    guard n >= options.k else {
      throw .invalidArgument("k-means needs at least k = \(options.k) rows, the data has \(n)")
    }
    guard d >= 1 else { throw .invalidArgument("k-means needs at least one feature") }
    guard options.maxIterations >= 1 else { throw .invalidArgument("iterations must be at least 1") }
    guard options.tolerance >= 0, options.tolerance.isFinite else { throw .invalidArgument("tol must be ≥ 0") }
    let runs = options.effectiveRestarts
    guard runs >= 1 else { throw .invalidArgument("restarts must be at least 1") }

    let variances = x.columnVariances()
    let tolerance = options.tolerance == 0 ? 0 : variances.reduce(0, +) / Double(d) * options.tolerance
    let kernel = LloydKernel(points: x.values, n: n, d: d)
    var rng = SeededRandom(seed: options.seed)
    var best: Run?
    for run in 0..<runs {
      let initial = try initialCentroids(x, options: options, rng: &rng, cancellation: cancellation)
      let result = try lloyd(
        kernel, initial: initial, k: options.k, maxIterations: options.maxIterations, tolerance: tolerance,
        trace: options.trace, cancellation: cancellation,
        progress: progress.map { p in
          { @Sendable (i: Int) in
            p(
              run * options.maxIterations + i, runs * options.maxIterations,
              "k-means run \(run + 1)/\(runs), iteration \(i)")
          }
        })
      if best == nil || result.inertia < (best?.inertia ?? .infinity) { best = result }
    }
    guard let best else { throw .invalidArgument("k-means made no run") }
    let k = options.k
    let model = KMeansModel(
      encoding: x.encoding, options: options,
      centroids: (0..<k).map { Array(best.centroids[($0 * d)..<(($0 + 1) * d)]) }, labels: best.labels,
      inertia: best.inertia, iterations: best.iterations, converged: best.converged, absoluteTolerance: tolerance)
    return Result(model: model, trace: best.trace)
  }

  /// Inertia for each `k` in `ks` (the elbow curve) as a table `k`, `inertia`, `iterations`.
  public static func elbow(
    _ x: FeatureMatrix, ks: ClosedRange<Int>, options: KMeansOptions, cancellation: Cancellation = .none,
    progress: ProgressCallback? = nil
  ) throws(TableError) -> Table {
    var kCol: [Int64] = []
    var inertia: [Double] = []
    var iterations: [Int64] = []
    for k in ks {
      progress?(k - ks.lowerBound, ks.count, "elbow: k = \(k)")
      var o = options
      o.k = k
      o.trace = false
      let fit = try KMeans.fit(x, options: o, cancellation: cancellation)
      kCol.append(Int64(k))
      inertia.append(fit.model.inertia)
      iterations.append(Int64(fit.model.iterations))
    }
    progress?(ks.count, ks.count, "elbow done")
    return Table(
      uncheckedColumns: [
        Column(name: "k", ints: kCol), Column(name: "inertia", floats: inertia),
        Column(name: "iterations", ints: iterations),
      ], rowCount: kCol.count)
  }

  // MARK: - One run

  struct Run {
    var centroids: [Double]
    var labels: [Int32]
    var inertia: Double
    var iterations: Int
    var converged: Bool
    var trace: KMeansTrace?
  }

  static func lloyd(
    _ kernel: LloydKernel, initial: [Double], k: Int, maxIterations: Int, tolerance: Double, trace: Bool,
    cancellation: Cancellation, progress: (@Sendable (Int) -> Void)?
  ) throws(TableError) -> Run {
    let d = kernel.d
    var centroids = initial
    var labels = [Int32](repeating: -1, count: kernel.n)
    var steps: [KMeansTrace.Step] = []
    var converged = false
    var iteration = 0
    var lastReport = monotonicNanos()
    for i in 0..<maxIterations {
      iteration = i + 1
      let pass = try kernel.assign(
        centroids: centroids, k: k, labels: &labels, accumulate: true, cancellation: cancellation)
      var sums = pass.sums
      var counts = pass.counts
      let relocated = relocateEmptyClusters(
        kernel, centroids: centroids, labels: labels, sums: &sums, counts: &counts, k: k)
      var next = sums
      for j in 0..<k {
        if counts[j] > 0 {
          // scikit-learn multiplies by the reciprocal (`_average_centers`); same here for equal bits.
          let alpha = 1.0 / counts[j]
          for f in 0..<d { next[j * d + f] *= alpha }
        }
      }
      var moves = [Double](repeating: 0, count: k)
      var shiftTotal = 0.0
      for j in 0..<k {
        var s = 0.0
        for f in 0..<d {
          let t = centroids[j * d + f] - next[j * d + f]
          s += t * t
        }
        moves[j] = s.squareRoot()
        shiftTotal += moves[j] * moves[j]
      }
      if trace {
        steps.append(
          .init(
            iteration: iteration, labels: labels, centroids: (0..<k).map { Array(next[($0 * d)..<(($0 + 1) * d)]) },
            moves: moves, inertia: pass.inertia, reassigned: pass.changed, relocated: relocated))
      }
      centroids = next
      if let progress, monotonicNanos() &- lastReport > 50_000_000 {
        progress(iteration)
        lastReport = monotonicNanos()
      }
      // Labels unchanged since the previous pass ⇔ nothing was reassigned (iteration 1 always changes all).
      if i > 0 && pass.changed == 0 {
        converged = true
        break
      }
      if shiftTotal <= tolerance {
        converged = true
        break
      }
    }
    // The final E-step: labels and inertia against the final centroids (a no-op after strict convergence,
    // which reproduces the same labels bit for bit).
    let final = try kernel.assign(
      centroids: centroids, k: k, labels: &labels, accumulate: false, cancellation: cancellation)
    let initialRows = (0..<k).map { Array(initial[($0 * d)..<(($0 + 1) * d)]) }
    return Run(
      centroids: centroids, labels: labels, inertia: final.inertia, iterations: iteration, converged: converged,
      trace: trace ? KMeansTrace(initialCentroids: initialRows, steps: steps) : nil)
  }

  /// scikit-learn's `_relocate_empty_clusters_dense`: each empty cluster takes the point farthest from its
  /// (old) centre, farthest first; ties go to the earlier row (scikit-learn's `argpartition` leaves them
  /// unspecified). Returns the relocated clusters.
  static func relocateEmptyClusters(
    _ kernel: LloydKernel, centroids: [Double], labels: [Int32], sums: inout [Double], counts: inout [Double], k: Int
  ) -> [Int] {
    let empty = (0..<k).filter { counts[$0] == 0 }
    guard !empty.isEmpty else { return [] }
    let d = kernel.d
    var distances = [Double](repeating: 0, count: kernel.n)
    var maxDistance = 0.0
    for i in 0..<kernel.n {
      distances[i] = kernel.squaredDistance(point: i, to: centroids, Int(labels[i]))
      maxDistance = max(maxDistance, distances[i])
    }
    // All points sit on their centres (more clusters than distinct points): relocation is pointless.
    guard maxDistance > 0 else { return [] }
    let far = (0..<kernel.n).sorted { a, b in
      distances[a] != distances[b] ? distances[a] > distances[b] : a < b
    }
    for (idx, cluster) in empty.enumerated() where idx < far.count {
      let p = far[idx]
      let old = Int(labels[p])
      for f in 0..<d {
        let v = kernel.points[p * d + f]
        sums[old * d + f] -= v
        sums[cluster * d + f] = v
      }
      counts[cluster] = 1
      counts[old] -= 1
    }
    return empty
  }

  // MARK: - Initialisation

  static func initialCentroids(
    _ x: FeatureMatrix, options: KMeansOptions, rng: inout SeededRandom, cancellation: Cancellation
  ) throws(TableError) -> [Double] {
    let k = options.k
    let d = x.columnCount
    switch options.initialization {
    case .first:
      return Array(x.values[0..<(k * d)])
    case .random:
      return rng.sample(k, from: x.rowCount).flatMap { x.row($0) }
    case .kmeansPlusPlus:
      return try kmeansPlusPlus(x, k: k, rng: &rng, cancellation: cancellation)
    }
  }

  /// scikit-learn's greedy k-means++: the first centre uniformly, then for each next centre draw
  /// `2 + ⌊ln k⌋` candidates with probability ∝ D², keep the one that lowers the potential most
  /// (first candidate wins ties); candidates are found with a left `searchsorted` on the cumulative D².
  ///
  /// - Complexity: O(n × k × d × (2 + ln k)).
  static func kmeansPlusPlus(
    _ x: FeatureMatrix, k: Int, rng: inout SeededRandom, cancellation: Cancellation
  ) throws(TableError) -> [Double] {
    let n = x.rowCount
    let d = x.columnCount
    let trials = 2 + Int(log(Double(k)))
    var centers = [Double](repeating: 0, count: k * d)
    let first = rng.nextIndex(below: n)
    for f in 0..<d { centers[f] = x.values[first * d + f] }
    var closest = [Double](repeating: 0, count: n)
    var candidate = [Double](repeating: 0, count: n)
    var bestCandidate = [Double](repeating: 0, count: n)
    var cumulative = [Double](repeating: 0, count: n)
    func distances(to row: Int, into out: inout [Double], min other: [Double]?) -> Double {
      var potential = 0.0
      x.values.withUnsafeBufferPointer { xp in
        out.withUnsafeMutableBufferPointer { op in
          for i in 0..<n {
            var s = 0.0
            for f in 0..<d {
              let t = xp[i * d + f] - xp[row * d + f]
              s += t * t
            }
            if let other, other[i] < s { s = other[i] }
            op[i] = s
            potential += s
          }
        }
      }
      return potential
    }
    var potential = distances(to: first, into: &closest, min: nil)
    for c in 1..<max(k, 1) {
      try cancellation.check()
      var running = 0.0
      for i in 0..<n {
        running += closest[i]
        cumulative[i] = running
      }
      var bestPotential = Double.infinity
      var bestRow = 0
      for _ in 0..<trials {
        let target = rng.nextUnit() * potential
        // Left searchsorted: first index whose cumulative sum reaches the target.
        var lo = 0
        var hi = n
        while lo < hi {
          let mid = (lo + hi) / 2
          if cumulative[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        let row = min(lo, n - 1)
        let p = distances(to: row, into: &candidate, min: closest)
        if p < bestPotential {
          bestPotential = p
          bestRow = row
          swap(&candidate, &bestCandidate)
        }
      }
      potential = bestPotential
      swap(&closest, &bestCandidate)
      for f in 0..<d { centers[c * d + f] = x.values[bestRow * d + f] }
    }
    return centers
  }
}
