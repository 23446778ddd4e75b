import Foundation

/// Student's t distribution: CDF and quantile, for confidence intervals of regression slopes.
///
/// Implemented here (no statistics library in the dependency graph): the CDF through the regularised
/// incomplete beta function, the quantile by bisection on the CDF, which is slow-ish (≈ 200 CDF calls) but
/// monotone, deterministic and accurate to a few ulps — it runs once per group, not per row.
public enum StudentT {
  /// P(T ≤ t) for `degreesOfFreedom` ν > 0.
  public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
    guard nu > 0, !t.isNaN else { return .nan }
    if t.isInfinite { return t > 0 ? 1 : 0 }
    let x = nu / (nu + t * t)
    let tail = 0.5 * regularizedIncompleteBeta(x, a: nu / 2, b: 0.5)
    return t > 0 ? 1 - tail : tail
  }

  /// The p-quantile: the t with P(T ≤ t) = p (`scipy.stats.t.ppf(p, ν)`); NaN outside 0 < p < 1.
  public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
    guard nu > 0, p > 0, p < 1 else { return .nan }
    if p == 0.5 { return 0 }
    // Solve in the upper tail and mirror: the distribution is symmetric.
    let upper = max(p, 1 - p)
    var lo = 0.0
    var hi = 1.0
    while cdf(hi, degreesOfFreedom: nu) < upper && hi < 1e300 { hi *= 2 }
    for _ in 0..<2000 {
      let mid = 0.5 * (lo + hi)
      if mid == lo || mid == hi { break }
      if cdf(mid, degreesOfFreedom: nu) < upper { lo = mid } else { hi = mid }
    }
    let t = 0.5 * (lo + hi)
    return p > 0.5 ? t : -t
  }

  /// I_x(a, b), the regularised incomplete beta function (continued fraction, modified Lentz).
  static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let lnBeta: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
    let lnPowers: Double = a * log(x) + b * log(1 - x)
    let lnFront = lnBeta + lnPowers
    let front = exp(lnFront)
    // The fraction converges fast for x < (a+1)/(a+b+2); use the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) otherwise.
    if x < (a + 1) / (a + b + 2) {
      return front * betaContinuedFraction(x, a: a, b: b) / a
    }
    return 1 - front * betaContinuedFraction(1 - x, a: b, b: a) / b
  }

  private static func betaContinuedFraction(_ x: Double, a: Double, b: Double) -> Double {
    let tiny = 1e-300
    let qab = a + b
    let qap = a + 1
    let qam = a - 1
    var c = 1.0
    var d = 1 - qab * x / qap
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...10_000 {
      let m = Double(m)
      let m2 = 2 * m
      var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-16 { break }
    }
    return h
  }
}
