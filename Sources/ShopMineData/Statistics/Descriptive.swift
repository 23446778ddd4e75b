#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Descriptive statistics over plain arrays of present values, with pandas' definitions.
public enum Descriptive {
  /// Arithmetic mean; `nil` when empty.
  public static func mean(_ x: [Double]) -> Double? {
    guard !x.isEmpty else { return nil }
    return kahanSum(x) / Double(x.count)
  }

  /// Variance with `ddof` delta degrees of freedom (1 = sample, as pandas' `var`; 0 = population);
  /// `nil` when fewer than `ddof + 1` values. Two-pass, so large offsets do not cancel.
  public static func variance(_ x: [Double], ddof: Int = 1) -> Double? {
    guard x.count > ddof, let m = mean(x) else { return nil }
    var s = 0.0
    var c = 0.0
    for v in x {
      let d = v - m
      s += d * d
      c += d
    }
    // The correction term removes the rounding error of the mean (Chan, Golub & LeVeque).
    return (s - c * c / Double(x.count)) / Double(x.count - ddof)
  }

  /// Standard deviation (square root of ``variance(_:ddof:)``).
  public static func std(_ x: [Double], ddof: Int = 1) -> Double? {
    variance(x, ddof: ddof).map { $0.squareRoot() }
  }

  /// Quantile `q` ∈ [0, 1] of already sorted values with linear interpolation (pandas' default).
  public static func quantile(sorted x: [Double], _ q: Double) -> Double? {
    guard let (lo, hi, frac) = quantileRanks(count: x.count, q) else { return nil }
    return interpolate(x[lo], x[hi], frac)
  }

  /// The two ranks (0-based, ascending) whose values the `q` quantile of `count` values interpolates
  /// between, and the fraction of the way from the first to the second; `nil` for no values. Shared with
  /// `describe` of a database table, which fetches only the values at these ranks.
  public static func quantileRanks(count: Int, _ q: Double) -> (lo: Int, hi: Int, frac: Double)? {
    guard count > 0 else { return nil }
    let h = Double(count - 1) * q
    let lo = Int(h.rounded(.down))
    return (lo, min(lo + 1, count - 1), h - Double(lo))
  }

  /// numpy's formula for "linear": a + (b - a) * frac, exact at the end points.
  public static func interpolate(_ a: Double, _ b: Double, _ frac: Double) -> Double {
    a + (b - a) * frac
  }

  /// Quantile of unsorted values.
  public static func quantile(_ x: [Double], _ q: Double) -> Double? {
    quantile(sorted: x.sorted(), q)
  }

  /// Median (the 0.5 quantile).
  public static func median(_ x: [Double]) -> Double? { quantile(x, 0.5) }

  /// Pearson correlation of paired values; `nil` with fewer than two pairs or zero variance.
  public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
    guard x.count == y.count, x.count >= 2, let mx = mean(x), let my = mean(y) else { return nil }
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for i in 0..<x.count {
      let dx = x[i] - mx
      let dy = y[i] - my
      sxy += dx * dy
      sxx += dx * dx
      syy += dy * dy
    }
    guard sxx > 0, syy > 0 else { return nil }
    let r = sxy / (sxx.squareRoot() * syy.squareRoot())
    return max(-1, min(1, r))
  }

  /// Compensated (Kahan–Babuška–Neumaier) sum: order-robust to the last bits, like pandas' reductions.
  public static func kahanSum(_ x: [Double]) -> Double {
    var sum = 0.0
    var c = 0.0
    for v in x {
      let t = sum + v
      if abs(sum) >= abs(v) {
        c += (sum - t) + v
      } else {
        c += (v - t) + sum
      }
      sum = t
    }
    return sum + c
  }
}
