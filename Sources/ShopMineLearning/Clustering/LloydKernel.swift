import ShopMineData

/// The hot loops of Lloyd's algorithm: assign each point to its nearest centroid and accumulate sums.
///
/// Shape of the kernel: centroids are packed eight clusters to a `SIMD8<Double>` so one point is compared with
/// eight centroids per vector operation, accumulators stay in registers; each chunk of rows owns its partial sums (no
/// locks, no per-point allocation) and chunks are combined in order, so results do not depend on the core
/// count. Distances are summed feature by feature, like scikit-learn's `_euclidean_dense_dense`.
struct LloydKernel {
  let points: [Double]
  let n: Int
  let d: Int

  /// Result of one assignment pass.
  struct Pass {
    var sums: [Double]
    var counts: [Double]
    /// Sum over points of the squared distance to the assigned centroid.
    var inertia: Double
    /// Points whose label changed in this pass.
    var changed: Int
  }

  /// Assigns every point to its nearest centroid (first index wins ties), writing `labels`.
  func assign(
    centroids: [Double], k: Int, labels: inout [Int32], accumulate: Bool, cancellation: Cancellation
  ) throws(TableError) -> Pass {
    // Centroids packed 8 clusters per SIMD vector, feature-major inside a block: block b, feature f holds
    // coordinate f of clusters 8b…8b+7. Padding lanes are +∞ so their distance never wins.
    let blocks = (k + 7) / 8
    var packed = [SIMD8<Double>](repeating: SIMD8(repeating: .infinity), count: blocks * d)
    for j in 0..<k { for f in 0..<d { packed[(j / 8) * d + f][j % 8] = centroids[j * d + f] } }
    let ranges = Parallel.chunks(count: n)
    let c = ranges.count
    var sums = [Double](repeating: 0, count: accumulate ? c * k * d : 0)
    var counts = [Double](repeating: 0, count: accumulate ? c * k : 0)
    var inertias = [Double](repeating: 0, count: c)
    var changes = [Int](repeating: 0, count: c)
    let d = self.d
    points.withUnsafeBufferPointer { xp in
      packed.withUnsafeBufferPointer { pp in
        labels.withUnsafeMutableBufferPointer { lp in
          sums.withUnsafeMutableBufferPointer { sp in
            counts.withUnsafeMutableBufferPointer { cp in
              inertias.withUnsafeMutableBufferPointer { ip in
                changes.withUnsafeMutableBufferPointer { chp in
                  guard let x = xp.baseAddress, let centres = pp.baseAddress, let l = lp.baseAddress else { return }
                  // An empty array may still hand out a non-nil base address: gate on `accumulate`.
                  let s = accumulate ? sp.baseAddress : nil
                  let cnt = accumulate ? cp.baseAddress : nil
                  let inertiaOut = ip.baseAddress
                  let changeOut = chp.baseAddress
                  Parallel.forEachChunk(ranges) { chunk, range in
                    if cancellation.isCancelled { return }
                    var inertia = 0.0
                    var changed = 0
                    let sumBase = s.map { $0 + chunk * k * d }
                    let countBase = cnt.map { $0 + chunk * k }
                    for i in range {
                      let xi = x + i * d
                      var best = 0
                      var bestDist = Double.infinity
                      for b in 0..<blocks {
                        // Eight clusters at once; each lane sums its squared differences in feature order,
                        // the same order (and so the same bits) as scikit-learn's `_euclidean_dense_dense`.
                        let block = centres + b * d
                        var acc = SIMD8<Double>(repeating: 0)
                        for f in 0..<d {
                          let diff = SIMD8<Double>(repeating: xi[f]) - block[f]
                          acc += diff * diff
                        }
                        // Vector minimum first (no per-lane branches), then the first lane holding it.
                        let m = acc.min()
                        if m < bestDist {
                          bestDist = m
                          for lane in 0..<8 where acc[lane] == m {
                            best = b * 8 + lane
                            break
                          }
                        }
                      }
                      inertia += bestDist
                      if l[i] != Int32(best) {
                        changed += 1
                        l[i] = Int32(best)
                      }
                      if let sumBase, let countBase {
                        let target = sumBase + best * d
                        for f in 0..<d { target[f] += xi[f] }
                        countBase[best] += 1
                      }
                    }
                    inertiaOut?[chunk] = inertia
                    changeOut?[chunk] = changed
                  }
                }
              }
            }
          }
        }
      }
    }
    try cancellation.check()
    // Combine the chunks in order: deterministic on any number of cores.
    var totalSums = [Double](repeating: 0, count: accumulate ? k * d : 0)
    var totalCounts = [Double](repeating: 0, count: accumulate ? k : 0)
    if accumulate {
      for chunk in 0..<c {
        for q in 0..<(k * d) { totalSums[q] += sums[chunk * k * d + q] }
        for j in 0..<k { totalCounts[j] += counts[chunk * k + j] }
      }
    }
    var inertia = 0.0
    for v in inertias { inertia += v }
    return Pass(sums: totalSums, counts: totalCounts, inertia: inertia, changed: changes.reduce(0, +))
  }

  /// Squared distance of point `i` to centroid `j` of a row-major centroid array.
  @inline(__always)
  func squaredDistance(point i: Int, to centroids: [Double], _ j: Int) -> Double {
    var s = 0.0
    for f in 0..<d {
      let t = points[i * d + f] - centroids[j * d + f]
      s += t * t
    }
    return s
  }
}
