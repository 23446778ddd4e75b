import CShopMineKernels
import Dispatch
import ShopMineData

/// One half-sweep of ALS: recompute every row of `rows` with the other side `fixed`.
enum ALSSolver {
  static func solve(
    rows: inout [Float], fixed: [Float], offsets: [Int], indices: [Int32], confidence: [Float], options: ALSOptions,
    stride s: Int, cancellation: Cancellation
  ) throws(TableError) {
    let f = options.factors
    let rowCount = offsets.count - 1
    let fixedCount = fixed.count / s
    // YᵀY + λI (padding rows/columns stay zero, so padded factors stay zero).
    var yty = [Float](repeating: 0, count: s * s)
    fixed.withUnsafeBufferPointer { y in
      yty.withUnsafeMutableBufferPointer { m in
        guard let yb = y.baseAddress, let mb = m.baseAddress else { return }
        for j in 0..<fixedCount {
          let row = yb + j * s
          for p in 0..<f where row[p] != 0 { FactorKernels.axpy(row[p], row, mb + p * s, s) }
        }
      }
    }
    for p in 0..<f { yty[p * s + p] += Float(options.regularization) }

    // Rows are independent: a few large chunks per worker, each writing only its own rows.
    let workers = max(1, options.threads)
    let chunkCount = min(rowCount, workers * 8)
    guard chunkCount > 0 else { return }
    rows.withUnsafeMutableBufferPointer { out in
      guard let outBase = out.baseAddress else { return }
      let shared = SharedRows(base: outBase)
      fixed.withUnsafeBufferPointer { y in
        yty.withUnsafeBufferPointer { m in
          offsets.withUnsafeBufferPointer { off in
            indices.withUnsafeBufferPointer { idx in
              confidence.withUnsafeBufferPointer { conf in
                guard let yb = y.baseAddress, let mb = m.baseAddress else { return }
                let ctx = RowContext(
                  y: yb, yty: mb, offsets: off, indices: idx, confidence: conf, factors: f, stride: s,
                  cgSteps: options.cgSteps, regularization: options.regularization)
                ComputeThreads.perform(iterations: chunkCount) { chunk in
                  let lo = rowCount * chunk / chunkCount, hi = rowCount * (chunk + 1) / chunkCount
                  if cancellation.isCancelled { return }
                  if options.exact {
                    ctx.solveExact(rows: lo..<hi, out: shared.base)
                  } else {
                    ctx.solveCG(rows: lo..<hi, out: shared.base)
                  }
                }
              }
            }
          }
        }
      }
    }
    try cancellation.check()
  }
}

/// Read-only inputs of a half-sweep, shared by the workers.
struct RowContext: @unchecked Sendable {
  let y: UnsafePointer<Float>
  let yty: UnsafePointer<Float>
  let offsets: UnsafeBufferPointer<Int>
  let indices: UnsafeBufferPointer<Int32>
  let confidence: UnsafeBufferPointer<Float>
  let factors: Int
  let stride: Int
  let cgSteps: Int
  let regularization: Double

  /// implicit's `least_squares_cg`, row by row, warm-started from the current factors. The loop is C
  /// (`sm_als_cg_rows` in CShopMineKernels) so it runs as AVX2 where the CPU has it.
  func solveCG(rows: Range<Int>, out: UnsafeMutablePointer<Float>) {
    guard let offsetBase = offsets.baseAddress, let indexBase = indices.baseAddress,
      let confidenceBase = confidence.baseAddress
    else { return }
    let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 3 * stride)
    defer { scratch.deallocate() }
    // `Int` is 64 bits on every platform ShopMine builds for.
    UnsafeRawPointer(offsetBase).withMemoryRebound(to: Int64.self, capacity: offsets.count) { offsets64 in
      sm_als_cg_rows(
        y, yty, offsets64, indexBase, confidenceBase, Int64(factors), Int64(stride), Int64(cgSteps),
        Int64(rows.lowerBound), Int64(rows.upperBound), out, scratch)
    }
  }

  /// implicit's exact `least_squares`: Aᵤ = YᵀY + λI + Σ (c − 1)·yyᵀ, bᵤ = Σ_{c>0} c·y, Cholesky in doubles.
  func solveExact(rows: Range<Int>, out: UnsafeMutablePointer<Float>) {
    let s = stride, f = factors
    var a = [Double](repeating: 0, count: f * f)
    var b = [Double](repeating: 0, count: f)
    for u in rows {
      let x = out + u * s
      let lo = offsets[u], hi = offsets[u + 1]
      if lo == hi {
        x.update(repeating: 0, count: s)
        continue
      }
      for p in 0..<f {
        for q in 0..<f { a[p * f + q] = Double(yty[p * s + q]) }
        b[p] = 0
      }
      for k in lo..<hi {
        var c = Double(confidence[k])
        let yi = y + Int(indices[k]) * s
        if c > 0 {
          for p in 0..<f { b[p] += c * Double(yi[p]) }
        } else {
          c = -c
        }
        for p in 0..<f {
          let w = (c - 1) * Double(yi[p])
          if w == 0 { continue }
          for q in 0..<f { a[p * f + q] += w * Double(yi[q]) }
        }
      }
      guard let l = Cholesky.factor(a, f) else { continue }
      let solution = Cholesky.solve(l, f, b)
      for p in 0..<f { x[p] = Float(solution[p]) }
    }
  }
}
