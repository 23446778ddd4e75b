import Foundation
import ShopMineData

/// L2-regularised logistic regression, solved to convergence so coefficients equal scikit-learn's
/// `LogisticRegression(C=…, solver="lbfgs")` optimum.
///
/// Objective (scikit-learn's, divided by n): mean log-loss + ‖W‖² / (2·C·n), intercepts not penalised.
/// Two classes use one coefficient row for the second class (sigmoid); more classes use the symmetric
/// multinomial (softmax) form with one row per class. The solver works on standardised features — an exact
/// change of variables (the penalty is rewritten in those variables) that only improves conditioning.
public struct LogisticModel: Classifier, Hashable, Codable {
  public var encoding: FeatureEncoding
  public var classes: [ClassValue]
  /// One row per class for multinomial, a single row (for the second class) when binary.
  public var coefficients: [[Double]]
  /// One per coefficient row.
  public var intercepts: [Double]
  public var c: Double
  public var iterations: Int
  public var converged: Bool
  /// Largest gradient component of the (n-scaled) objective at the solution.
  public var finalGradient: Double

  /// Whether the model has a single (sigmoid) coefficient row.
  public var isBinary: Bool { classes.count == 2 }

  /// Fits the model.
  ///
  /// - Complexity: O(iterations × n × d × classes), gradients spread over all cores.
  public static func fit(
    _ data: TrainingData, c: Double = 1.0, maxIterations: Int = 1000, cancellation: Cancellation = .none,
    progress: ProgressCallback? = nil
  ) throws(TableError) -> LogisticModel {
    guard c > 0, c.isFinite else { throw .invalidArgument("C must be a positive number, got \(c)") }
    guard maxIterations >= 1 else { throw .invalidArgument("iterations must be at least 1") }
    let x = data.x
    let n = x.rowCount
    let d = x.columnCount
    let classCount = data.classCount
    let rowsOut = classCount == 2 ? 1 : classCount
    // Standardise: z = (x − mean) / scale, scale = std (1 for constant features).
    var mean = [Double](repeating: 0, count: d)
    for i in 0..<n { for f in 0..<d { mean[f] += x.values[i * d + f] } }
    for f in 0..<d { mean[f] /= Double(n) }
    let scale = x.columnVariances().map { $0 > 0 ? $0.squareRoot() : 1 }
    var z = x.values
    for i in 0..<n { for f in 0..<d { z[i * d + f] = (z[i * d + f] - mean[f]) / scale[f] } }
    let y = data.y.codes
    let penalty = 1 / (c * Double(n))
    // Parameters: rowsOut × d coefficients (in standardised units), then rowsOut intercepts.
    let p = rowsOut * (d + 1)
    let ranges = Parallel.chunks(count: n, chunkRows: 8192)
    let objective: ([Double], inout [Double]) -> Double = { theta, grad in
      var partialLoss = [Double](repeating: 0, count: ranges.count)
      var partialGrad = [Double](repeating: 0, count: ranges.count * p)
      z.withUnsafeBufferPointer { zp in
        y.withUnsafeBufferPointer { yp in
          theta.withUnsafeBufferPointer { tp in
            partialLoss.withUnsafeMutableBufferPointer { lp in
              partialGrad.withUnsafeMutableBufferPointer { gp in
                guard let zb = zp.baseAddress, let yb = yp.baseAddress, let tb = tp.baseAddress,
                  let lb = lp.baseAddress, let gb = gp.baseAddress
                else { return }
                Parallel.forEachChunk(ranges) { chunk, range in
                  let g = gb + chunk * p
                  var loss = 0.0
                  withUnsafeTemporaryAllocation(of: Double.self, capacity: rowsOut) { raw in
                    guard let r = raw.baseAddress else { return }
                    for i in range {
                      let zi = zb + i * d
                      for k in 0..<rowsOut {
                        var s = tb[rowsOut * d + k]
                        let w = tb + k * d
                        for f in 0..<d { s += w[f] * zi[f] }
                        r[k] = s
                      }
                      let label = Int(yb[i])
                      if rowsOut == 1 {
                        let t = r[0]
                        let yv = Double(label)
                        // log(1 + e^t) − y·t and the sigmoid from one exp(−|t|), without overflow.
                        let e = exp(-abs(t))
                        loss += max(t, 0) + log1p(e) - yv * t
                        let sig = t >= 0 ? 1 / (1 + e) : e / (1 + e)
                        r[0] = sig - yv
                      } else {
                        var m = -Double.infinity
                        for k in 0..<rowsOut { m = max(m, r[k]) }
                        var sum = 0.0
                        for k in 0..<rowsOut { sum += exp(r[k] - m) }
                        let lse = m + log(sum)
                        loss += lse - r[label]
                        for k in 0..<rowsOut { r[k] = exp(r[k] - lse) - (k == label ? 1 : 0) }
                      }
                      for k in 0..<rowsOut {
                        let e = r[k]
                        let gw = g + k * d
                        for f in 0..<d { gw[f] += e * zi[f] }
                        g[rowsOut * d + k] += e
                      }
                    }
                  }
                  lb[chunk] = loss
                }
              }
            }
          }
        }
      }
      var loss = 0.0
      for v in partialLoss { loss += v }
      for q in 0..<p { grad[q] = 0 }
      for chunk in 0..<ranges.count { for q in 0..<p { grad[q] += partialGrad[chunk * p + q] } }
      let invN = 1 / Double(n)
      var value = loss * invN
      for q in 0..<p { grad[q] *= invN }
      // Penalty on original-unit weights w = u / scale: ‖w‖²/(2Cn).
      for k in 0..<rowsOut {
        for f in 0..<d {
          let u = theta[k * d + f]
          let s2 = scale[f] * scale[f]
          value += 0.5 * penalty * u * u / s2
          grad[k * d + f] += penalty * u / s2
        }
      }
      return value
    }
    // Stop at a 1e-10 gradient or when the objective stops decreasing beyond rounding (scipy's ftol, which is
    // also what ends scikit-learn's tightly-converged runs); both put coefficients far inside 1e-3 of theirs.
    let solver = LBFGS(memory: 10, maxIterations: maxIterations, gradientTolerance: 1e-10)
    let outcome = try solver.minimize(
      from: [Double](repeating: 0, count: p), cancellation: cancellation,
      progress: progress.map { report in { i in report(i, maxIterations, "logistic: iteration \(i)") } },
      objective: objective)
    // Back to original units: w = u / scale, b = b' − Σ w·mean.
    var coefficients = [[Double]](repeating: [Double](repeating: 0, count: d), count: rowsOut)
    var intercepts = [Double](repeating: 0, count: rowsOut)
    for k in 0..<rowsOut {
      var b = outcome.x[rowsOut * d + k]
      for f in 0..<d {
        let w = outcome.x[k * d + f] / scale[f]
        coefficients[k][f] = w
        b -= w * mean[f]
      }
      intercepts[k] = b
    }
    if rowsOut > 1 {
      // Softmax intercepts are defined up to a shared constant; the optimum from zero has them sum to 0.
      let shift = intercepts.reduce(0, +) / Double(rowsOut)
      for k in 0..<rowsOut { intercepts[k] -= shift }
    }
    return LogisticModel(
      encoding: x.encoding, classes: data.y.classes, coefficients: coefficients, intercepts: intercepts, c: c,
      iterations: outcome.iterations, converged: outcome.converged,
      finalGradient: outcome.gradientNorm)
  }

  /// Raw scores (`decision_function`): one column when binary, one per class otherwise.
  public func decisionFunction(_ x: FeatureMatrix) throws(TableError) -> [Double] {
    try requireWidth(x)
    let d = x.columnCount
    let rows = coefficients.count
    var out = [Double](repeating: 0, count: x.rowCount * rows)
    for i in 0..<x.rowCount {
      for k in 0..<rows {
        var s = intercepts[k]
        for f in 0..<d { s += coefficients[k][f] * x.values[i * d + f] }
        out[i * rows + k] = s
      }
    }
    return out
  }

  public func probabilities(_ x: FeatureMatrix) throws(TableError) -> [Double] {
    let scores = try decisionFunction(x)
    if isBinary {
      var out = [Double](repeating: 0, count: scores.count * 2)
      for (i, t) in scores.enumerated() {
        let p = t >= 0 ? 1 / (1 + exp(-t)) : exp(t) / (1 + exp(t))
        out[2 * i] = 1 - p
        out[2 * i + 1] = p
      }
      return out
    }
    return softmaxRows(scores, classes: classes.count)
  }

  /// Coefficients as a table: `feature` then one column per coefficient row (named by class), intercept last.
  public func coefficientTable() -> Table {
    let names = encoding.featureNames + ["(intercept)"]
    var columns = [Column(name: "feature", strings: names)]
    let rowNames = isBinary ? [classes[1].description] : classes.map(\.description)
    for (k, label) in rowNames.enumerated() {
      columns.append(Column(name: uniqueName(label, avoiding: ["feature"]), floats: coefficients[k] + [intercepts[k]]))
    }
    return Table(uncheckedColumns: columns, rowCount: names.count)
  }
}
