import Foundation

/// Walker's alias method (Vose's construction): O(1) draws from a fixed discrete distribution.
///
/// Used wherever one distribution is sampled many times — users by activity, products by a taste's
/// affinities, hours of the day — so a million order lines cost two uniforms per choice, not a search.
struct AliasTable: Sendable {
  private var probability: [Double]
  private var alias: [Int32]

  /// The number of outcomes.
  var count: Int { probability.count }

  /// Builds the table for non-negative `weights` (all zero or non-finite sums fall back to uniform).
  ///
  /// - Complexity: O(n). The work lists are processed in index order, so the table is a pure function of
  ///   the weights.
  init(weights: [Double]) {
    let n = weights.count
    probability = [Double](repeating: 1, count: n)
    alias = [Int32](repeating: 0, count: n)
    guard n > 0 else { return }
    var total = 0.0
    for w in weights where w > 0 && w.isFinite { total += w }
    guard total > 0, total.isFinite else {
      for i in 0..<n { alias[i] = Int32(i) }
      return
    }
    var scaled = weights.map { ($0 > 0 && $0.isFinite ? $0 : 0) * Double(n) / total }
    var small: [Int] = []
    var large: [Int] = []
    small.reserveCapacity(n)
    large.reserveCapacity(n)
    for i in 0..<n {
      alias[i] = Int32(i)
      if scaled[i] < 1 { small.append(i) } else { large.append(i) }
    }
    while let s = small.popLast() {
      guard let l = large.popLast() else {
        small.append(s)
        break
      }
      probability[s] = scaled[s]
      alias[s] = Int32(l)
      scaled[l] = (scaled[l] + scaled[s]) - 1
      if scaled[l] < 1 { small.append(l) } else { large.append(l) }
    }
    // Leftovers are 1 up to rounding error.
    for i in small { probability[i] = 1 }
    for i in large { probability[i] = 1 }
  }

  /// One outcome index in `0..<count` (`count` must be positive).
  @inline(__always)
  func sample(_ rng: inout Xoshiro256StarStar) -> Int {
    let i = rng.nextInt(below: probability.count)
    return rng.nextDouble() < probability[i] ? i : Int(alias[i])
  }
}

/// A finite Zipf distribution on `1…n` with exponent `s`: P(k) ∝ k^(−s).
struct ZipfSampler: Sendable {
  private let table: AliasTable

  init(n: Int, exponent s: Double) {
    var weights = [Double](repeating: 0, count: Swift.max(n, 1))
    for k in 0..<weights.count { weights[k] = 1 / pow(Double(k + 1), s) }
    table = AliasTable(weights: weights)
  }

  /// A rank in `1…n`.
  @inline(__always)
  func sample(_ rng: inout Xoshiro256StarStar) -> Int { table.sample(&rng) + 1 }
}
