import Dispatch
import ShopMineData

/// Options of ``ALS``, named and defaulted as in the `implicit` library (0.7).
public struct ALSOptions: Sendable, Codable, Equatable {
  /// Latent factors per user and item.
  public var factors: Int = 100
  /// λ, added unscaled to the diagonal (implicit's convention, not Spark's λ·n_u).
  public var regularization: Double = 0.01
  /// Confidence scale: an interaction of value r has confidence `alpha · r` (implicit's convention; the
  /// Hu–Koren–Volinsky `1 + alpha · r` is obtained by passing weights `1/alpha + r`).
  public var alpha: Double = 1.0
  /// Full sweeps (users then items).
  public var iterations: Int = 15
  /// Conjugate-gradient steps per row; ignored by the exact solver.
  public var cgSteps: Int = 3
  /// Solve each row exactly by Cholesky instead of warm-started conjugate gradient.
  public var exact: Bool = false
  /// Seed of the uniform [0, 0.01) initialisation.
  public var seed: UInt64 = 0
  /// Worker threads (rows are independent, so the result does not depend on it).
  public var threads: Int = 2

  public init(
    factors: Int = 100, regularization: Double = 0.01, alpha: Double = 1.0, iterations: Int = 15, cgSteps: Int = 3,
    exact: Bool = false, seed: UInt64 = 0, threads: Int = 2
  ) {
    self.factors = factors
    self.regularization = regularization
    self.alpha = alpha
    self.iterations = iterations
    self.cgSteps = cgSteps
    self.exact = exact
    self.seed = seed
    self.threads = threads
  }

  func validate() throws(TableError) {
    guard factors >= 1, factors <= 4096 else {
      throw TableError.invalidArgument("factors must be in 1…4096, got \(factors)")
    }
    guard iterations >= 0 else { throw TableError.invalidArgument("iterations must be ≥ 0, got \(iterations)") }
    guard cgSteps >= 1 else { throw TableError.invalidArgument("cg must be ≥ 1, got \(cgSteps)") }
    guard regularization >= 0, regularization.isFinite else {
      throw TableError.invalidArgument("regularization must be ≥ 0, got \(regularization)")
    }
    guard alpha > 0, alpha.isFinite else { throw TableError.invalidArgument("alpha must be > 0, got \(alpha)") }
    guard threads >= 1 else { throw TableError.invalidArgument("threads must be ≥ 1, got \(threads)") }
  }
}

/// Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren & Volinsky 2008), in the
/// form of the `implicit` library: confidence `alpha·r`, preference 1 for every observed pair, λ unscaled,
/// warm-started conjugate gradient with `cgSteps` steps (Takács et al.), or an exact Cholesky solve.
public struct ALS: Recommender {
  public var kind: RecommenderKind { .als }
  public var title: String { "implicit ALS (confidence alpha·r, conjugate gradient)" }
  public var settings: [(name: String, value: RecommenderSetting)] {
    let o = options
    return [
      ("factors", .int(o.factors)), ("iterations", .int(o.iterations)),
      ("regularization", .number(o.regularization, decimals: 6)), ("alpha", .number(o.alpha, decimals: 6)),
      ("solver", .text(o.exact ? "exact (Cholesky)" : "cg, \(o.cgSteps) steps")), ("seed", .text("\(o.seed)")),
    ]
  }
  public let data: Interactions
  public let options: ALSOptions
  /// Padded row length of the factor matrices (factors rounded up to 8; padding is zero).
  public let stride: Int
  /// User factors, `userCount × stride`, row-major.
  public internal(set) var userFactors: [Float]
  /// Item factors, `itemCount × stride`, row-major.
  public internal(set) var itemFactors: [Float]
  /// YᵀY + λI in doubles (`factors × factors`), computed once for explanations.
  let itemGramian: [Double]

  /// Trains the model.
  ///
  /// - Complexity: per iteration O(nnz · f · (cgSteps + 1) + (users + items) · f² · cgSteps) with CG,
  ///   O(nnz · f² + (users + items) · f³) exact.
  public init(
    data: Interactions, options: ALSOptions, cancellation: Cancellation = .none, progress: ProgressCallback? = nil
  ) throws(TableError) {
    try options.validate()
    self.data = data
    self.options = options
    let s = FactorKernels.stride(for: options.factors)
    stride = s
    var rng = SplitMix64(seed: options.seed)
    // implicit: user factors first, then item factors, uniform [0, 1) · 0.01.
    func initial(_ rows: Int) -> [Float] {
      var m = [Float](repeating: 0, count: rows * s)
      for r in 0..<rows {
        for f in 0..<options.factors { m[r * s + f] = Float(rng.nextDouble()) * 0.01 }
      }
      return m
    }
    userFactors = initial(data.userCount)
    itemFactors = initial(data.itemCount)
    let alpha = Float(options.alpha)
    let userConf = data.userValues.map { $0 * alpha }
    let itemConf = data.itemValues.map { $0 * alpha }
    for iteration in 0..<options.iterations {
      try cancellation.check()
      try ALSSolver.solve(
        rows: &userFactors, fixed: itemFactors, offsets: data.userOffsets, indices: data.userItems,
        confidence: userConf, options: options, stride: s, cancellation: cancellation)
      try ALSSolver.solve(
        rows: &itemFactors, fixed: userFactors, offsets: data.itemOffsets, indices: data.itemUsers,
        confidence: itemConf, options: options, stride: s, cancellation: cancellation)
      progress?(iteration + 1, options.iterations, "als iteration \(iteration + 1)")
    }
    itemGramian = ALS.gramian(itemFactors, rows: data.itemCount, options: options)
  }

  /// YᵀY + λI of the item factors, in doubles.
  static func gramian(_ y: [Float], rows: Int, options: ALSOptions) -> [Double] {
    let f = options.factors, s = FactorKernels.stride(for: f)
    var a = [Double](repeating: 0, count: f * f)
    for j in 0..<rows {
      let row = j * s
      for p in 0..<f {
        let yp = Double(y[row + p])
        if yp == 0 { continue }
        for q in 0..<f { a[p * f + q] += yp * Double(y[row + q]) }
      }
    }
    for p in 0..<f { a[p * f + p] += options.regularization }
    return a
  }

  /// Restores a trained model (persistence).
  init(data: Interactions, options: ALSOptions, userFactors: [Float], itemFactors: [Float]) {
    self.data = data
    self.options = options
    self.stride = FactorKernels.stride(for: options.factors)
    self.userFactors = userFactors
    self.itemFactors = itemFactors
    self.itemGramian = ALS.gramian(itemFactors, rows: data.itemCount, options: options)
  }

  public func scores(forUser user: Int, into scores: inout [Float]) {
    let s = stride
    userFactors.withUnsafeBufferPointer { uf in
      itemFactors.withUnsafeBufferPointer { itf in
        scores.withUnsafeMutableBufferPointer { out in
          guard let ub = uf.baseAddress, let ib = itf.baseAddress else { return }
          let x = ub + user * s
          for j in 0..<out.count { out[j] = FactorKernels.dot(x, ib + j * s, s) }
        }
      }
    }
  }

  /// implicit's `explain`: with W = (YᵀCᵤY + λI)⁻¹, score(u, j) = Σᵢ cᵤᵢ · yⱼᵀ W yᵢ; the past item with the
  /// largest term is the reason.
  public func because(user: Int, item: Int) -> Int? {
    let explainer = ALSExplainer(model: self, user: user)
    return explainer?.because(item: item)
  }

  public func similarItems(to item: Int, count: Int) -> [(item: Int, score: Float)] {
    factorCosineNeighbors(item, factors: itemFactors, stride: stride, rows: data.itemCount, count: count)
  }
}

/// Cosine similarity of factor rows; used by `similar` for factor models.
func factorCosineNeighbors(_ item: Int, factors: [Float], stride s: Int, rows: Int, count: Int) -> [(
  item: Int, score: Float
)] {
  guard item >= 0, item < rows else { return [] }
  var scores = [Float](repeating: -.infinity, count: rows)
  factors.withUnsafeBufferPointer { f in
    guard let base = f.baseAddress else { return }
    let q = base + item * s
    let qn = FactorKernels.dot(q, q, s).squareRoot()
    for j in 0..<rows where j != item {
      let r = base + j * s
      let n = FactorKernels.dot(r, r, s).squareRoot() * qn
      scores[j] = n > 0 ? FactorKernels.dot(q, r, s) / n : 0
    }
  }
  var out: [(Int, Float)] = []
  scores.withUnsafeBufferPointer { topK($0, k: count, excluded: nil, into: &out) }
  return out.map { (item: $0.0, score: $0.1) }
}

/// Per-user Cholesky factor of Aᵤ = YᵀCᵤY + λI (in doubles) for explanations.
struct ALSExplainer {
  let model: ALS
  let user: Int
  let f: Int
  var l: [Double]

  init?(model: ALS, user: Int) {
    guard user >= 0, user < model.data.userCount else { return nil }
    self.model = model
    self.user = user
    let f = model.options.factors
    let s = model.stride
    self.f = f
    var a = model.itemGramian
    let y = model.itemFactors
    let (items, values) = model.data.items(ofUser: user)
    // Rank-1 updates on the lower triangle only (Cholesky reads nothing else); unsafe buffers because this
    // is |items| · f² work per explained user.
    a.withUnsafeMutableBufferPointer { a in
      y.withUnsafeBufferPointer { y in
        for (i, v) in zip(items, values) {
          var c = Double(v) * model.options.alpha
          if c < 0 { c = -c }
          let row = Int(i) * s
          for p in 0..<f {
            let yp = (c - 1) * Double(y[row + p])
            if yp == 0 { continue }
            for q in 0...p { a[p * f + q] += yp * Double(y[row + q]) }
          }
        }
      }
    }
    guard let chol = Cholesky.factor(a, f) else { return nil }
    l = chol
  }

  /// The past item with the largest contribution to `item`'s score, or nil when none is positive.
  func because(item: Int) -> Int? {
    let s = model.stride
    let y = model.itemFactors
    let w = Cholesky.solve(l, f, (0..<f).map { Double(y[item * s + $0]) })
    let (items, values) = model.data.items(ofUser: user)
    var best: Int? = nil
    var bestScore = 0.0
    for (i, v) in zip(items, values) where v > 0 {
      var dot = 0.0
      for p in 0..<f { dot += w[p] * Double(y[Int(i) * s + p]) }
      let contribution = dot * Double(v) * model.options.alpha
      if contribution > bestScore {
        bestScore = contribution
        best = Int(i)
      }
    }
    return best
  }
}

/// Dense Cholesky factorisation and solves (row-major, lower triangle), in doubles.
enum Cholesky {
  /// L with A = L·Lᵀ, or nil when A is not positive definite.
  /// Reads only the lower triangle of `a`.
  static func factor(_ a: [Double], _ n: Int) -> [Double]? {
    var l = [Double](repeating: 0, count: n * n)
    let ok = l.withUnsafeMutableBufferPointer { l in
      a.withUnsafeBufferPointer { a in
        for i in 0..<n {
          for j in 0...i {
            var sum = a[i * n + j]
            for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
            if i == j {
              guard sum > 0 else { return false }
              l[i * n + i] = sum.squareRoot()
            } else {
              l[i * n + j] = sum / l[j * n + j]
            }
          }
        }
        return true
      }
    }
    return ok ? l : nil
  }

  /// x with L·Lᵀ·x = b.
  static func solve(_ l: [Double], _ n: Int, _ b: [Double]) -> [Double] {
    var y = b
    for i in 0..<n {
      var sum = y[i]
      for k in 0..<i { sum -= l[i * n + k] * y[k] }
      y[i] = sum / l[i * n + i]
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
      var sum = y[i]
      for k in (i + 1)..<n { sum -= l[k * n + i] * y[k] }
      y[i] = sum / l[i * n + i]
    }
    return y
  }
}
