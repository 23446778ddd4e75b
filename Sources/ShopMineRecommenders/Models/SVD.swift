import ShopMineData

/// Options of ``SVD``, named and defaulted as in Surprise's `SVD`.
public struct SVDOptions: Sendable, Codable, Equatable {
  public var factors: Int = 100
  public var epochs: Int = 20
  /// Learning rate of every parameter (Surprise's `lr_all`).
  public var learningRate: Double = 0.005
  /// Regularisation of every parameter (Surprise's `reg_all`).
  public var regularization: Double = 0.02
  /// Mean and standard deviation of the normal initialisation of the factors.
  public var initMean: Double = 0
  public var initStdDev: Double = 0.1
  /// Whether to learn user and item biases (Surprise's `biased`).
  public var biased: Bool = true
  public var seed: UInt64 = 0
  /// Prediction clipping range; nil: the training ratings' min…max.
  public var ratingScale: ClosedRange<Double>? = nil

  public init(
    factors: Int = 100, epochs: Int = 20, learningRate: Double = 0.005, regularization: Double = 0.02,
    initMean: Double = 0, initStdDev: Double = 0.1, biased: Bool = true, seed: UInt64 = 0,
    ratingScale: ClosedRange<Double>? = nil
  ) {
    self.factors = factors
    self.epochs = epochs
    self.learningRate = learningRate
    self.regularization = regularization
    self.initMean = initMean
    self.initStdDev = initStdDev
    self.biased = biased
    self.seed = seed
    self.ratingScale = ratingScale
  }
}

/// Funk-style biased matrix factorisation for explicit ratings, as Surprise's `SVD`: r̂ = μ + bᵤ + bᵢ + qᵢ·pᵤ,
/// plain SGD over the training ratings in Surprise's order (users by first appearance, then row order),
/// predictions clipped to the rating scale.
public struct SVD: RatingPredictor {
  public var kind: RecommenderKind { .svd }
  public var title: String { "SVD (biased matrix factorisation by SGD, Surprise's form)" }
  public var settings: [(name: String, value: RecommenderSetting)] {
    let o = options
    return [
      ("factors", .int(o.factors)), ("epochs", .int(o.epochs)), ("lr", .number(o.learningRate, decimals: 6)),
      ("reg", .number(o.regularization, decimals: 6)),
      ("rating scale", .range(ratingScale.lowerBound, ratingScale.upperBound)),
      ("global mean", .number(globalMean, decimals: 4)), ("seed", .text("\(o.seed)")),
    ]
  }
  public let data: Interactions
  public let options: SVDOptions
  public let globalMean: Double
  public internal(set) var userBias: [Double]
  public internal(set) var itemBias: [Double]
  /// `userCount × factors`, row-major.
  public internal(set) var userFactors: [Double]
  /// `itemCount × factors`, row-major.
  public internal(set) var itemFactors: [Double]

  /// Trains with SGD.
  ///
  /// - Complexity: O(epochs · ratings · factors); sequential by design (SGD in data order).
  public init(
    data: Interactions, options: SVDOptions, cancellation: Cancellation = .none, progress: ProgressCallback? = nil
  ) throws(TableError) {
    guard options.factors >= 1 else { throw TableError.invalidArgument("factors must be ≥ 1, got \(options.factors)") }
    guard options.epochs >= 0 else { throw TableError.invalidArgument("epochs must be ≥ 0, got \(options.epochs)") }
    self.data = data
    self.options = options
    let f = options.factors
    var rng = SplitMix64(seed: options.seed)
    var pu = (0..<(data.userCount * f)).map { _ in options.initMean + options.initStdDev * rng.nextGaussian() }
    var qi = (0..<(data.itemCount * f)).map { _ in options.initMean + options.initStdDev * rng.nextGaussian() }
    var bu = [Double](repeating: 0, count: data.userCount)
    var bi = [Double](repeating: 0, count: data.itemCount)
    var sum = 0.0
    for r in data.rowValues { sum += r }
    let mean = sum / Double(max(1, data.rowValues.count))
    globalMean = mean
    let lr = options.learningRate, reg = options.regularization
    for epoch in 0..<options.epochs {
      try cancellation.check()
      pu.withUnsafeMutableBufferPointer { pu in
        qi.withUnsafeMutableBufferPointer { qi in
          for k in 0..<data.rowUsers.count {
            // An epoch over 3M ratings with 50 factors takes about 0.2 s: poll within it too (the check
            // after the loop throws).
            if k & 0xFFFF == 0, cancellation.isCancelled { break }
            let u = Int(data.rowUsers[k]), i = Int(data.rowItems[k])
            let pb = u * f, qb = i * f
            var dot = 0.0
            for x in 0..<f { dot += qi[qb + x] * pu[pb + x] }
            let err = data.rowValues[k] - (mean + bu[u] + bi[i] + dot)
            if options.biased {
              bu[u] += lr * (err - reg * bu[u])
              bi[i] += lr * (err - reg * bi[i])
            }
            for x in 0..<f {
              let puf = pu[pb + x], qif = qi[qb + x]
              pu[pb + x] += lr * (err * qif - reg * puf)
              qi[qb + x] += lr * (err * puf - reg * qif)
            }
          }
        }
      }
      try cancellation.check()
      progress?(epoch + 1, options.epochs, "svd epoch \(epoch + 1)")
    }
    userBias = bu
    itemBias = bi
    userFactors = pu
    itemFactors = qi
  }

  init(
    data: Interactions, options: SVDOptions, globalMean: Double, userBias: [Double], itemBias: [Double],
    userFactors: [Double], itemFactors: [Double]
  ) {
    self.data = data
    self.options = options
    self.globalMean = globalMean
    self.userBias = userBias
    self.itemBias = itemBias
    self.userFactors = userFactors
    self.itemFactors = itemFactors
  }

  /// The clipping range of predictions.
  public var ratingScale: ClosedRange<Double> { options.ratingScale ?? data.valueRange }

  /// Unclipped estimate (used for ranking, where clipping would create ties at the top).
  func estimate(user: Int?, item: Int?) -> Double {
    var est = globalMean
    if let user { est += options.biased ? userBias[user] : 0 }
    if let item { est += options.biased ? itemBias[item] : 0 }
    if let user, let item {
      let f = options.factors
      for x in 0..<f { est += itemFactors[item * f + x] * userFactors[user * f + x] }
    }
    return est
  }

  public func predict(user: Int?, item: Int?) -> Double {
    let scale = ratingScale
    return min(max(estimate(user: user, item: item), scale.lowerBound), scale.upperBound)
  }

  public func scores(forUser user: Int, into scores: inout [Float]) {
    for j in 0..<data.itemCount { scores[j] = Float(estimate(user: user, item: j)) }
  }

  /// The rated item whose factors are most similar (cosine) to the recommended one.
  public func because(user: Int, item: Int) -> Int? {
    let f = options.factors
    func cosine(_ a: Int, _ b: Int) -> Double {
      var d = 0.0, na = 0.0, nb = 0.0
      for x in 0..<f {
        let p = itemFactors[a * f + x], q = itemFactors[b * f + x]
        d += p * q
        na += p * p
        nb += q * q
      }
      return na > 0 && nb > 0 ? d / (na * nb).squareRoot() : 0
    }
    var best: Int? = nil
    var bestScore = 0.0
    for i in data.items(ofUser: user).items {
      let c = cosine(Int(i), item)
      if c > bestScore {
        bestScore = c
        best = Int(i)
      }
    }
    return best
  }

  public func similarItems(to item: Int, count: Int) -> [(item: Int, score: Float)] {
    let f = options.factors
    let padded = FactorKernels.stride(for: f)
    var rows = [Float](repeating: 0, count: data.itemCount * padded)
    for j in 0..<data.itemCount { for x in 0..<f { rows[j * padded + x] = Float(itemFactors[j * f + x]) } }
    return factorCosineNeighbors(item, factors: rows, stride: padded, rows: data.itemCount, count: count)
  }
}
