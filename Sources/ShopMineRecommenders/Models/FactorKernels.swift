/// SIMD kernels on factor rows of `stride` floats (a multiple of 8, zero-padded past the real factors).
///
/// Why this shape: ALS and scoring spend nearly all their time in length-f dot products and axpys over
/// rows gathered from a sparse row's item list. Eight-lane SIMD over a padded stride removes every tail
/// loop and bounds check; unaligned loads keep plain `[Float]` storage.
enum FactorKernels {
  @inline(__always)
  static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ stride: Int) -> Float {
    var acc0 = SIMD8<Float>(), acc1 = SIMD8<Float>()
    var k = 0
    let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
    while k + 16 <= stride {
      acc0 +=
        ra.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
        * rb.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
      acc1 +=
        ra.loadUnaligned(fromByteOffset: (k + 8) * 4, as: SIMD8<Float>.self)
        * rb.loadUnaligned(fromByteOffset: (k + 8) * 4, as: SIMD8<Float>.self)
      k += 16
    }
    if k < stride {
      acc0 +=
        ra.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
        * rb.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
    }
    return (acc0 + acc1).sum()
  }

  /// y += a · x
  @inline(__always)
  static func axpy(_ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ stride: Int) {
    let rx = UnsafeRawPointer(x), ry = UnsafeMutableRawPointer(y)
    let va = SIMD8<Float>(repeating: a)
    var k = 0
    while k < stride {
      let v =
        ry.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
        + va * rx.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
      ry.storeBytes(of: v, toByteOffset: k * 4, as: SIMD8<Float>.self)
      k += 8
    }
  }

  /// The padded stride for `factors` factors.
  static func stride(for factors: Int) -> Int { (factors + 7) / 8 * 8 }
}

/// A mutable buffer shared by worker threads that write disjoint rows.
///
/// `@unchecked Sendable` is sound here because every parallel loop partitions rows between workers and the
/// buffer outlives the loop (it is created from an array the caller keeps alive with `withUnsafe…`).
struct SharedRows: @unchecked Sendable {
  let base: UnsafeMutablePointer<Float>
}

/// A deterministic PRNG (SplitMix64) so the same seed gives the same factors on every machine.
struct SplitMix64: Sendable {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// Uniform in [0, 1) with 53 random bits.
  mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1p-53 }
  /// Standard normal by Box–Muller (one value per call; the pair's second value is discarded for simplicity).
  mutating func nextGaussian() -> Double {
    var u1 = nextDouble()
    while u1 <= 0 { u1 = nextDouble() }
    let u2 = nextDouble()
    return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
  }
}

// Foundation-free libm access (Glibc/Darwin spell the import differently).
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
@inline(__always) func _log(_ x: Double) -> Double { log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { cos(x) }
