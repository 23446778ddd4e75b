import Foundation

// Samplers written out by hand rather than taken from a library, so that each one's exact sequence of
// uniform draws is fixed by this file. (They use only log, exp, sqrt and pow, which come from the platform
// libm; glibc's results are what the golden tests pin.)
extension Xoshiro256StarStar {
  /// A standard normal draw by Marsaglia's polar method (no trigonometric functions).
  ///
  /// The second value of each pair is discarded: it keeps the generator state a plain value with no
  /// cached draw, at the cost of one extra pair of uniforms.
  mutating func nextNormal() -> Double {
    while true {
      let u = 2 * nextDouble() - 1
      let v = 2 * nextDouble() - 1
      let s = u * u + v * v
      if s > 0 && s < 1 {
        return u * (-2 * log(s) / s).squareRoot()
      }
    }
  }

  /// A normal draw with the given mean and standard deviation.
  @inline(__always)
  mutating func nextNormal(mean: Double, sd: Double) -> Double {
    mean + sd * nextNormal()
  }

  /// A Gamma(shape, 1) draw by Marsaglia and Tsang's squeeze method; shapes below 1 use the boost
  /// `Gamma(shape + 1) · U^(1/shape)`.
  mutating func nextGamma(shape: Double) -> Double {
    if shape < 1 {
      let boost = pow(nextOpenDouble(), 1 / shape)
      return nextGamma(shape: shape + 1) * boost
    }
    let d = shape - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x: Double
      var v: Double
      repeat {
        x = nextNormal()
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = nextOpenDouble()
      if u < 1 - 0.0331 * x * x * x * x { return d * v }
      if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
    }
  }

  /// A Poisson(λ) draw: Knuth's product of uniforms for λ ≤ 30, and for larger λ the sum of Poisson draws
  /// of at most 30 each (exact by additivity, O(λ/30) work — the generator only needs moderate λ).
  mutating func nextPoisson(_ lambda: Double) -> Int {
    guard lambda > 0 else { return 0 }
    var remaining = lambda
    var total = 0
    while remaining > 0 {
      let part = Swift.min(remaining, 30)
      remaining -= part
      let limit = exp(-part)
      var product = nextDouble()
      while product > limit {
        total += 1
        product *= nextDouble()
      }
    }
    return total
  }
}

/// Rounds to `places` decimals (half away from zero), so generated money and measurements print as
/// people write them.
@inline(__always)
func rounded(_ x: Double, places: Int) -> Double {
  switch places {
  case 0: return x.rounded()
  case 1: return (x * 10).rounded() / 10
  default: return (x * 100).rounded() / 100
  }
}

/// Clamps `x` to `low…high`.
@inline(__always)
func clamp(_ x: Double, _ low: Double, _ high: Double) -> Double {
  Swift.min(Swift.max(x, low), high)
}
