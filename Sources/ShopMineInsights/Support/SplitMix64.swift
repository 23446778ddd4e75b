/// A seeded 64-bit generator (SplitMix64): the same seed gives the same stream on every machine.
///
/// Used instead of `SystemRandomNumberGenerator` so that isolation forests (and anything else random in
/// this module) are reproducible byte for byte.
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

  /// An integer uniform in `0..<bound` (Lemire's nearly-divisionless method, bias-free).
  @inline(__always)
  public mutating func nextInt(below bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive")
    let b = UInt64(bound)
    var m = next().multipliedFullWidth(by: b)
    if m.low < b {
      let t = (0 &- b) % b
      while m.low < t { m = next().multipliedFullWidth(by: b) }
    }
    return Int(m.high)
  }
}
