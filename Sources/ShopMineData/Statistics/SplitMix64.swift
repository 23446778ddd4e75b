/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator, identical on every machine, used for
/// `split`, `sample`, isolation forests (ShopMineInsights) and anything else that must give the same rows for
/// the same seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A double uniform in [0, 1) from the top 53 bits (no platform-dependent conversion).
  @inline(__always)
  public mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform integer in `0..<bound` (Lemire's multiply-shift with rejection; no modulo bias).
  public mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0)
    let b = UInt64(bound)
    while true {
      let r = next().multipliedFullWidth(by: b)
      if r.low >= (0 &- b) % b { return Int(r.high) }
    }
  }

  /// Shuffles `a` in place (Fisher–Yates), using only this generator so the result is portable.
  public mutating func shuffle<T>(_ a: inout [T]) {
    guard a.count > 1 else { return }
    for i in stride(from: a.count - 1, to: 0, by: -1) {
      a.swapAt(i, below(i + 1))
    }
  }
}
