import ShopMineData

/// Principal component analysis as scikit-learn's `PCA` computes it: the eigenvectors of the features'
/// covariance matrix (ddof 1), largest variance first, each signed so that its entry of largest magnitude
/// is positive (scikit-learn's `svd_flip(u_based_decision=False)`); optionally on standardised features
/// (`StandardScaler`: mean 0, population standard deviation 1, a constant column left unscaled).
public struct PCAModel: Sendable, Hashable {
  /// The feature columns, in the order of the components' entries.
  public let encoding: FeatureEncoding
  /// Per feature: the training mean subtracted before projecting.
  public let mean: [Double]
  /// Per feature: the divisor after centring (population standard deviation), when standardised.
  public let scale: [Double]?
  /// The kept components, `components × features`, row-major (scikit-learn's `components_`).
  public let components: [[Double]]
  /// Variance along each kept component (scikit-learn's `explained_variance_`).
  public let explainedVariance: [Double]
  /// Each kept component's share of the total variance of all components (`explained_variance_ratio_`).
  public let explainedVarianceRatio: [Double]
  /// The training rows.
  public let rowCount: Int

  /// Fits `count` components (every one when `nil`, at most the number of features and rows) to `x`.
  ///
  /// - Complexity: O(n·d²) for the covariance plus O(d³) per Jacobi sweep (about ten sweeps).
  public static func fit(
    _ x: FeatureMatrix, components count: Int?, standardize: Bool, cancellation: Cancellation = .none
  ) throws(TableError) -> PCAModel {
    let n = x.rowCount
    let d = x.columnCount
    guard n >= 2 else { throw .invalidArgument("pca needs at least 2 rows, got \(n)") }
    guard d >= 1 else { throw .invalidArgument("pca needs at least one feature column") }
    let kept = min(count ?? min(n, d), min(n, d))
    guard kept >= 1 else { throw .invalidArgument("components must be at least 1") }
    var mean = [Double](repeating: 0, count: d)
    for r in 0..<n {
      for j in 0..<d { mean[j] += x.values[r * d + j] }
    }
    for j in 0..<d { mean[j] /= Double(n) }
    var scale: [Double]? = nil
    if standardize {
      var sumSquares = [Double](repeating: 0, count: d)
      for r in 0..<n {
        for j in 0..<d {
          let c = x.values[r * d + j] - mean[j]
          sumSquares[j] += c * c
        }
      }
      // StandardScaler: population standard deviation; a zero one is left as 1 (the column stays 0).
      scale = sumSquares.map { s in
        let sd = (s / Double(n)).squareRoot()
        return sd == 0 ? 1 : sd
      }
    }
    // Covariance of the centred (and scaled) features, ddof 1, accumulated in row blocks between polls.
    var covariance = [Double](repeating: 0, count: d * d)
    var row = [Double](repeating: 0, count: d)
    for r in 0..<n {
      if r & 4095 == 0 { try cancellation.check() }
      for j in 0..<d { row[j] = (x.values[r * d + j] - mean[j]) / (scale?[j] ?? 1) }
      for i in 0..<d where row[i] != 0 {
        let ri = row[i]
        for j in i..<d { covariance[i * d + j] += ri * row[j] }
      }
    }
    for i in 0..<d {
      for j in i..<d {
        covariance[i * d + j] /= Double(n - 1)
        covariance[j * d + i] = covariance[i * d + j]
      }
    }
    let (values, vectors) = try SymmetricEigen.decompose(covariance, size: d, cancellation: cancellation)
    let order = (0..<d).sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
    let total = values.reduce(0) { $0 + max(0, $1) }
    var components: [[Double]] = []
    var variances: [Double] = []
    for c in order.prefix(kept) {
      var v = (0..<d).map { vectors[$0 * d + c] }
      // svd_flip, v-based: the entry of largest magnitude (the first, on ties) becomes positive.
      var largest = 0
      for j in 1..<max(1, d) where abs(v[j]) > abs(v[largest]) { largest = j }
      if v[largest] < 0 { v = v.map { -$0 } }
      components.append(v)
      // Round-off can leave a zero variance slightly negative.
      variances.append(max(0, values[c]))
    }
    return PCAModel(
      encoding: x.encoding, mean: mean, scale: scale, components: components, explainedVariance: variances,
      explainedVarianceRatio: variances.map { total > 0 ? $0 / total : 0 }, rowCount: n)
  }

  /// The rows of `x` projected on the components: `rows × components`, row-major.
  public func transform(_ x: FeatureMatrix, cancellation: Cancellation = .none) throws(TableError) -> [Double] {
    let d = mean.count
    guard x.columnCount == d else {
      throw .invalidArgument("the table gives \(x.columnCount) features; the model has \(d)")
    }
    let k = components.count
    var out = [Double](repeating: 0, count: x.rowCount * k)
    var row = [Double](repeating: 0, count: d)
    for r in 0..<x.rowCount {
      if r & 4095 == 0 { try cancellation.check() }
      for j in 0..<d { row[j] = (x.values[r * d + j] - mean[j]) / (scale?[j] ?? 1) }
      for c in 0..<k {
        var s = 0.0
        for j in 0..<d { s += row[j] * components[c][j] }
        out[r * k + c] = s
      }
    }
    return out
  }
}

/// Eigenvalues and eigenvectors of a small symmetric matrix by the cyclic Jacobi method, written here
/// because no LAPACK is linked: d is the number of feature columns (tens), where Jacobi converges to
/// machine precision in a handful of sweeps.
enum SymmetricEigen {
  /// `matrix` is `size × size`, row-major, symmetric. Returns the eigenvalues and the eigenvectors as the
  /// columns of a row-major matrix (`vectors[i * size + c]` is entry i of vector c), unsorted.
  static func decompose(_ matrix: [Double], size d: Int, cancellation: Cancellation) throws(TableError)
    -> (values: [Double], vectors: [Double])
  {
    var a = matrix
    var v = [Double](repeating: 0, count: d * d)
    for i in 0..<d { v[i * d + i] = 1 }
    for _ in 0..<100 {
      try cancellation.check()
      var off = 0.0
      for i in 0..<d {
        for j in (i + 1)..<max(i + 1, d) { off += a[i * d + j] * a[i * d + j] }
      }
      if off == 0 || off.isNaN { break }
      var diagonal = 0.0
      for i in 0..<d { diagonal += a[i * d + i] * a[i * d + i] }
      if off <= 1e-30 * diagonal { break }
      for p in 0..<d {
        for q in (p + 1)..<max(p + 1, d) {
          let apq = a[p * d + q]
          if apq == 0 { continue }
          // The rotation that zeroes a[p][q] (Golub & Van Loan, Algorithm 8.5.1).
          let theta = (a[q * d + q] - a[p * d + p]) / (2 * apq)
          let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
          let c = 1 / (t * t + 1).squareRoot()
          let s = t * c
          for k in 0..<d {
            let akp = a[k * d + p]
            let akq = a[k * d + q]
            a[k * d + p] = c * akp - s * akq
            a[k * d + q] = s * akp + c * akq
          }
          for k in 0..<d {
            let apk = a[p * d + k]
            let aqk = a[q * d + k]
            a[p * d + k] = c * apk - s * aqk
            a[q * d + k] = s * apk + c * aqk
          }
          for k in 0..<d {
            let vkp = v[k * d + p]
            let vkq = v[k * d + q]
            v[k * d + p] = c * vkp - s * vkq
            v[k * d + q] = s * vkp + c * vkq
          }
        }
      }
    }
    return ((0..<d).map { a[$0 * d + $0] }, v)
  }
}
