import ShopMineData

/// Limited-memory BFGS with a strong-Wolfe line search, for smooth convex objectives.
///
/// Used to solve logistic regression to convergence (to the optimum scikit-learn's lbfgs approaches).
struct LBFGS {
  /// A solve's outcome.
  struct Outcome {
    var x: [Double]
    var value: Double
    var iterations: Int
    /// The largest gradient component at the end.
    var gradientNorm: Double
    var converged: Bool
  }

  var memory = 10
  var maxIterations = 1000
  /// Stop when max |∂f/∂xᵢ| ≤ this (or, as scipy's `ftol`, when an iteration's relative decrease ≤ 64 ε).
  var gradientTolerance = 1e-10

  /// Minimises `objective(x, &gradient) -> value` from `start`.
  func minimize(
    from start: [Double], cancellation: Cancellation, progress: ((Int) -> Void)? = nil,
    objective: ([Double], inout [Double]) -> Double
  ) throws(TableError) -> Outcome {
    let m = start.count
    var x = start
    var g = [Double](repeating: 0, count: m)
    var f = objective(x, &g)
    var sHistory: [[Double]] = []
    var yHistory: [[Double]] = []
    var rhoHistory: [Double] = []
    var iteration = 0
    var converged = infNorm(g) <= gradientTolerance
    var stalls = 0
    while !converged && iteration < maxIterations {
      try cancellation.check()
      iteration += 1
      progress?(iteration)
      // Two-loop recursion: direction = −H·g.
      var q = g
      var alphas = [Double](repeating: 0, count: sHistory.count)
      for i in stride(from: sHistory.count - 1, through: 0, by: -1) {
        alphas[i] = rhoHistory[i] * dot(sHistory[i], q)
        axpy(-alphas[i], yHistory[i], &q)
      }
      if let s = sHistory.last, let y = yHistory.last {
        let gamma = dot(s, y) / dot(y, y)
        for i in 0..<m { q[i] *= gamma }
      } else {
        // First step: a unit-length move along −g.
        let norm = dot(g, g).squareRoot()
        if norm > 0 { for i in 0..<m { q[i] /= norm } }
      }
      for i in 0..<sHistory.count {
        let beta = rhoHistory[i] * dot(yHistory[i], q)
        axpy(alphas[i] - beta, sHistory[i], &q)
      }
      var direction = q.map { -$0 }
      var slope = dot(g, direction)
      if !(slope < 0) {
        // Not a descent direction (numerical trouble): restart from steepest descent.
        sHistory.removeAll()
        yHistory.removeAll()
        rhoHistory.removeAll()
        direction = g.map { -$0 }
        slope = dot(g, direction)
        if !(slope < 0) { break }
      }
      guard let step = lineSearch(x: x, f: f, g: g, direction: direction, slope: slope, objective: objective) else {
        // No acceptable step: we are at the precision floor of the objective.
        stalls += 1
        if stalls > 1 || sHistory.isEmpty { break }
        sHistory.removeAll()
        yHistory.removeAll()
        rhoHistory.removeAll()
        continue
      }
      stalls = 0
      var s = [Double](repeating: 0, count: m)
      var y = [Double](repeating: 0, count: m)
      for i in 0..<m {
        s[i] = step.x[i] - x[i]
        y[i] = step.g[i] - g[i]
      }
      let sy = dot(s, y)
      if sy > 1e-300 {
        sHistory.append(s)
        yHistory.append(y)
        rhoHistory.append(1 / sy)
        if sHistory.count > memory {
          sHistory.removeFirst()
          yHistory.removeFirst()
          rhoHistory.removeFirst()
        }
      }
      // scipy's L-BFGS-B `ftol` test, as scikit-learn configures it (64 ε): stop once a full iteration
      // lowers the objective by a relative amount at rounding level.
      let reduction = (f - step.f) / max(abs(f), abs(step.f), 1)
      x = step.x
      f = step.f
      g = step.g
      converged = infNorm(g) <= gradientTolerance || reduction <= 64 * Double.ulpOfOne
    }
    return Outcome(x: x, value: f, iterations: iteration, gradientNorm: infNorm(g), converged: converged)
  }

  private struct Step {
    var x: [Double]
    var f: Double
    var g: [Double]
  }

  /// Strong-Wolfe line search (Nocedal & Wright, algorithms 3.5–3.6, bisection zoom); `nil` if none found.
  private func lineSearch(
    x: [Double], f: Double, g: [Double], direction: [Double], slope: Double,
    objective: ([Double], inout [Double]) -> Double
  ) -> Step? {
    let c1 = 1e-4
    let c2 = 0.9
    func evaluate(_ a: Double) -> Step {
      var xn = x
      axpy(a, direction, &xn)
      var gn = [Double](repeating: 0, count: x.count)
      let fn = objective(xn, &gn)
      return Step(x: xn, f: fn, g: gn)
    }
    var best: Step?
    func accept(_ s: Step) { if s.f < (best?.f ?? f) { best = s } }
    func zoom(_ lo0: Double, _ hi0: Double, _ fLo0: Double) -> Step? {
      var lo = lo0
      var hi = hi0
      var fLo = fLo0
      for _ in 0..<60 {
        let a = 0.5 * (lo + hi)
        let s = evaluate(a)
        accept(s)
        if s.f > f + c1 * a * slope || s.f >= fLo {
          hi = a
        } else {
          let d = dot(s.g, direction)
          if abs(d) <= -c2 * slope { return s }
          if d * (hi - lo) >= 0 { hi = lo }
          lo = a
          fLo = s.f
        }
        if abs(hi - lo) < 1e-16 * max(1, abs(lo)) { break }
      }
      return nil
    }
    var previous = 0.0
    var fPrevious = f
    var a = 1.0
    for i in 0..<40 {
      let s = evaluate(a)
      accept(s)
      if !s.f.isFinite || s.f > f + c1 * a * slope || (i > 0 && s.f >= fPrevious) {
        if let z = zoom(previous, a, fPrevious) { return z }
        return best.map { $0.f < f ? $0 : nil } ?? nil
      }
      let d = dot(s.g, direction)
      if abs(d) <= -c2 * slope { return s }
      if d >= 0 {
        if let z = zoom(a, previous, s.f) { return z }
        return best.map { $0.f < f ? $0 : nil } ?? nil
      }
      previous = a
      fPrevious = s.f
      a *= 2
    }
    return best
  }
}

@inline(__always)
func dot(_ a: [Double], _ b: [Double]) -> Double {
  var s = 0.0
  for i in 0..<min(a.count, b.count) { s += a[i] * b[i] }
  return s
}

@inline(__always)
func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
  for i in 0..<min(x.count, y.count) { y[i] += alpha * x[i] }
}

@inline(__always)
func infNorm(_ a: [Double]) -> Double {
  var m = 0.0
  for v in a { m = max(m, abs(v)) }
  return m
}
