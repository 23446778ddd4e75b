/// The module's seeded generator (the SplitMix64 algorithm), so that the same seed gives the same bytes everywhere.
///
/// Internal on purpose: ShopMineData exports its own `SplitMix64`, and a second public generator would make the
/// name ambiguous for modules importing both.
///
/// The standard library's `Int.random(in:using:)` may change its algorithm between Swift releases, so the
/// bounded draws below are written out here rather than borrowed.
struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator whose whole output is fixed by `seed`.
  init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform double in `[0, 1)` from the top 53 bits.
  mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A uniform integer in `0..<bound` (rejection sampling, so no modulo bias); `bound` must be positive.
  mutating func nextIndex(below bound: Int) -> Int {
    precondition(bound > 0, "nextIndex(below:) needs a positive bound")
    let b = UInt64(bound)
    // Reject the top partial block so every residue is equally likely.
    let limit = UInt64.max - UInt64.max % b
    while true {
      let r = next()
      if r < limit { return Int(r % b) }
    }
  }

  /// The first `count` entries of a seeded Fisher–Yates shuffle of `0..<n`.
  mutating func sample(_ count: Int, from n: Int) -> [Int] {
    var pool = Array(0..<n)
    let m = min(count, n)
    for i in 0..<m {
      let j = i + nextIndex(below: n - i)
      pool.swapAt(i, j)
    }
    return Array(pool[0..<m])
  }
}
