import Foundation
import ShopMineData

/// A naive Bayes classifier, probability for probability as scikit-learn's `GaussianNB` / `MultinomialNB`.
public struct NaiveBayesModel: Classifier, Hashable, Codable {
  /// The likelihood family.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Per-class normal distributions; variances get `varSmoothing × max feature variance` added.
    case gaussian
    /// Per-class multinomial over non-negative counts, additive smoothing `alpha`.
    case multinomial
  }

  public var kind: Kind
  public var encoding: FeatureEncoding
  public var classes: [ClassValue]
  /// Training rows per class.
  public var classCounts: [Int]
  /// log(count / n) per class.
  public var classLogPrior: [Double]
  /// Gaussian: per-class feature means (`theta_`), `classes × features`.
  public var means: [[Double]]
  /// Gaussian: per-class feature variances including the smoothing (`var_`).
  public var variances: [[Double]]
  /// Gaussian: the added variance (`epsilon_`).
  public var epsilon: Double
  /// Multinomial: log P(feature | class) (`feature_log_prob_`).
  public var featureLogProbabilities: [[Double]]
  /// Multinomial: the smoothing added to each count.
  public var alpha: Double

  /// Fits a Gaussian (`varSmoothing` default 1e-9) or multinomial (`alpha` default 1) model.
  public static func fit(
    _ data: TrainingData, kind: Kind = .gaussian, varSmoothing: Double = 1e-9, alpha: Double = 1.0
  ) throws(TableError) -> NaiveBayesModel {
    let x = data.x
    let n = x.rowCount
    let d = x.columnCount
    let k = data.classCount
    var counts = [Int](repeating: 0, count: k)
    for c in data.y.codes { counts[Int(c)] += 1 }
    let logPrior = counts.map { log(Double($0)) - log(Double(n)) }
    var model = NaiveBayesModel(
      kind: kind, encoding: x.encoding, classes: data.y.classes, classCounts: counts, classLogPrior: logPrior,
      means: [], variances: [], epsilon: 0, featureLogProbabilities: [], alpha: alpha)
    switch kind {
    case .gaussian:
      let epsilon = varSmoothing * (x.columnVariances().max() ?? 0)
      var sums = [[Double]](repeating: [Double](repeating: 0, count: d), count: k)
      for i in 0..<n {
        let c = Int(data.y.codes[i])
        for f in 0..<d { sums[c][f] += x.values[i * d + f] }
      }
      let means = (0..<k).map { c in sums[c].map { $0 / Double(counts[c]) } }
      var squares = [[Double]](repeating: [Double](repeating: 0, count: d), count: k)
      for i in 0..<n {
        let c = Int(data.y.codes[i])
        for f in 0..<d {
          let t = x.values[i * d + f] - means[c][f]
          squares[c][f] += t * t
        }
      }
      model.means = means
      model.variances = (0..<k).map { c in squares[c].map { $0 / Double(counts[c]) + epsilon } }
      model.epsilon = epsilon
    case .multinomial:
      guard alpha >= 0 else { throw .invalidArgument("alpha must be ≥ 0") }
      if let bad = x.values.firstIndex(where: { $0 < 0 }) {
        let name = x.encoding.featureNames[bad % max(d, 1)]
        throw TableError(
          code: .invalidArgument,
          message:
            "multinomial naive Bayes needs non-negative features (counts); '\(name)' is negative at row \(bad / max(d, 1) + 1); use kind gaussian",
          column: name)
      }
      var featureCounts = [[Double]](repeating: [Double](repeating: 0, count: d), count: k)
      for i in 0..<n {
        let c = Int(data.y.codes[i])
        for f in 0..<d { featureCounts[c][f] += x.values[i * d + f] }
      }
      model.featureLogProbabilities = featureCounts.map { row in
        let smoothed = row.map { $0 + alpha }
        let total = log(smoothed.reduce(0, +))
        return smoothed.map { log($0) - total }
      }
    }
    return model
  }

  /// Joint log-likelihood per row and class (`_joint_log_likelihood`).
  public func jointLogLikelihood(_ x: FeatureMatrix) throws(TableError) -> [Double] {
    try requireWidth(x)
    let n = x.rowCount
    let d = x.columnCount
    let k = classes.count
    var out = [Double](repeating: 0, count: n * k)
    switch kind {
    case .gaussian:
      for c in 0..<k {
        var normaliser = 0.0
        for f in 0..<d { normaliser += log(2.0 * Double.pi * variances[c][f]) }
        let base = classLogPrior[c] - 0.5 * normaliser
        for i in 0..<n {
          var s = 0.0
          for f in 0..<d {
            let t = x.values[i * d + f] - means[c][f]
            s += t * t / variances[c][f]
          }
          out[i * k + c] = base - 0.5 * s
        }
      }
    case .multinomial:
      for i in 0..<n {
        for c in 0..<k {
          var s = 0.0
          for f in 0..<d { s += x.values[i * d + f] * featureLogProbabilities[c][f] }
          out[i * k + c] = s + classLogPrior[c]
        }
      }
    }
    return out
  }

  public func probabilities(_ x: FeatureMatrix) throws(TableError) -> [Double] {
    softmaxRows(try jointLogLikelihood(x), classes: classes.count)
  }

  /// Per class: count, prior and (Gaussian) mean/variance or (multinomial) log-probability per feature.
  public func summaryTable() -> Table {
    var columns = [
      classes.column(named: "class", codes: (0..<Int32(classes.count)).map { $0 }),
      Column(name: "count", ints: classCounts.map { Int64($0) }),
      Column(name: "prior", floats: classLogPrior.map { exp($0) }),
    ]
    for (f, name) in encoding.featureNames.enumerated() {
      switch kind {
      case .gaussian:
        columns.append(Column(name: "mean \(name)", floats: means.map { $0[f] }))
        columns.append(Column(name: "var \(name)", floats: variances.map { $0[f] }))
      case .multinomial:
        columns.append(Column(name: "log p(\(name))", floats: featureLogProbabilities.map { $0[f] }))
      }
    }
    return Table(uncheckedColumns: columns, rowCount: classes.count)
  }
}

/// Normalises log-likelihood rows to probabilities: exp(a − logsumexp(a)), as scikit-learn's `predict_proba`.
func softmaxRows(_ a: [Double], classes k: Int) -> [Double] {
  guard k > 0 else { return [] }
  var out = a
  for i in 0..<(a.count / k) {
    var m = -Double.infinity
    for j in 0..<k { m = max(m, a[i * k + j]) }
    if !m.isFinite { m = 0 }
    var s = 0.0
    for j in 0..<k { s += exp(a[i * k + j] - m) }
    let lse = log(s) + m
    for j in 0..<k { out[i * k + j] = exp(a[i * k + j] - lse) }
  }
  return out
}
