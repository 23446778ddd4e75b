import CShopMineKernels
import ShopMineData

/// The hot loops of Lloyd's algorithm: assign each point to its nearest centroid and accumulate sums.
///
/// Shape of the kernel: centroids are packed eight clusters to a block so one point is compared with eight
/// centroids per vector operation (the loop is C, `sm_lloyd_assign`, compiled for AVX2 and for baseline
/// x86-64 and chosen at run time; both give the same bits); each chunk of rows owns its partial sums (no
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
    // Centroids packed 8 clusters to a block, feature-major inside a block: double (b·d + f)·8 + lane is
    // coordinate f of cluster 8b + lane. Padding lanes are +∞ so their distance never wins.
    let blocks = (k + 7) / 8
    var packed = [Double](repeating: .infinity, count: blocks * d * 8)
    for j in 0..<k { for f in 0..<d { packed[((j / 8) * d + f) * 8 + j % 8] = centroids[j * d + f] } }
    let ranges = Parallel.chunks(count: n)
    let c = ranges.count
    var sums = [Double](repeating: 0, count: accumulate ? c * k * d : 0)
    var counts = [Double](repeating: 0, count: accumulate ? c * k : 0)
    var inertias = [Double](repeating: 0, count: c)
    var changes = [Int64](repeating: 0, count: c)
    let d = self.d
    points.withUnsafeBufferPointer { xp in
      packed.withUnsafeBufferPointer { pp in
        labels.withUnsafeMutableBufferPointer { lp in
          sums.withUnsafeMutableBufferPointer { sp in
            counts.withUnsafeMutableBufferPointer { cp in
              inertias.withUnsafeMutableBufferPointer { ip in
                changes.withUnsafeMutableBufferPointer { chp in
                  guard let x = xp.baseAddress, let centres = pp.baseAddress, let l = lp.baseAddress,
                    let inertiaOut = ip.baseAddress, let changeOut = chp.baseAddress
                  else { return }
                  // An empty array may still hand out a non-nil base address: gate on `accumulate`.
                  let s = accumulate ? sp.baseAddress : nil
                  let cnt = accumulate ? cp.baseAddress : nil
                  Parallel.forEachChunk(ranges) { chunk, range in
                    if cancellation.isCancelled { return }
                    // The loop itself is C so it can run as AVX2 where the CPU has it (CShopMineKernels.h).
                    sm_lloyd_assign(
                      x, Int64(range.lowerBound), Int64(range.upperBound), Int64(d), centres, Int64(blocks), l,
                      s.map { $0 + chunk * k * d }, cnt.map { $0 + chunk * k },
                      inertiaOut + chunk, changeOut + chunk)
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
    return Pass(sums: totalSums, counts: totalCounts, inertia: inertia, changed: Int(changes.reduce(0, +)))
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
