import ShopMineData
import ShopMineLearning
import ShopMineRendering

extension VerbSpec {
  /// `elbow users k 1..10 on browse_time, spend seed 0`: k-means inertia for each k, drawn as a curve
  /// with the knee marked, to choose k.
  static let elbow = VerbSpec(
    "elbow", summary: "k-means inertia for a range of k, to choose k (the elbow curve)",
    options: [
      ParameterSpec("k", .value, "the values of k: a range 1..10 or a list [2, 3, 5]"),
      LearningArguments.features,
      ParameterSpec(
        "init", .wordOrValue(["kmeans++", "kmeans", "kmeanspp", "random", "first"]), "kmeans++ (default), random, first"
      ),
      ParameterSpec.integer("restarts", in: 1...1_000, "runs per k kept by lowest inertia"),
      KMeansArguments.iterations,
      KMeansArguments.tolerance,
      LearningArguments.seed,
    ],
    schema: { _ in ["k", "inertia", "iterations"] },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let ks = try ElbowArguments.ks(inv)
      let options = try KMeansArguments.options(inv, k: 1)
      let features = try LearningArguments.features(inv, table)
      let x = try LearningArguments.matrix(inv, table, features)
      guard let largest = ks.last, largest <= x.rowCount else {
        throw inv.error(at: "k", "k can be at most the number of rows (\(x.rowCount))")
      }
      let curve = try LearningArguments.run(inv, label: "elbow") { cancellation, progress throws(TableError) in
        var inertia: [Double] = []
        var iterations: [Int64] = []
        for (i, k) in ks.enumerated() {
          progress(i, ks.count, "k = \(k)")
          var o = options
          o.k = k
          let fit = try KMeans.fit(x, options: o, cancellation: cancellation)
          inertia.append(fit.model.inertia)
          iterations.append(Int64(fit.model.iterations))
        }
        progress(ks.count, ks.count, "done")
        return (inertia, iterations)
      }
      var result = ElbowArguments.result(ks: ks, inertia: curve.0, iterations: curve.1, features: features)
      if let note = LearningArguments.scaleNote(x) { result.notes.append(note) }
      return .object(result)
    })
}

/// Reading `k` and drawing the curve for `elbow`.
enum ElbowArguments {
  /// The ks written as a range (`1..10`), a list (`[2, 3, 5]`) or one number, each ≥ 1, ascending, distinct.
  static func ks(_ inv: VerbInvocation) throws(Diagnostic) -> [Int] {
    guard let value = try inv.value("k") else {
      throw inv.error("'elbow' needs the values of k: elbow TABLE k 1..10 on COLUMNS")
    }
    var ks: [Int] = []
    func add(_ v: RuntimeValue) throws(Diagnostic) {
      switch v {
      case .scalar(.int(let i)) where i >= 1 && i <= 10_000: ks.append(Int(i))
      case .scalar(.float(let d)) where d.rounded() == d && d >= 1 && d <= 10_000: ks.append(Int(d))
      default: throw inv.error(at: "k", "each k must be a whole number from 1 to 10000, not \(v.describeForError)")
      }
    }
    if let elements = value.elements {
      for e in elements { try add(e) }
    } else {
      try add(value)
    }
    ks = Array(Set(ks)).sorted()
    guard !ks.isEmpty, ks.count <= 200 else {
      throw inv.error(at: "k", ks.isEmpty ? "'k' gives no values" : "at most 200 values of k, got \(ks.count)")
    }
    return ks
  }

  /// The curve with its knee, and the table behind it.
  static func result(ks: [Int], inertia: [Double], iterations: [Int64], features: [String]) -> ChartedTable {
    var drop: [Double] = []
    var dropValid: [Bool] = []
    for i in ks.indices {
      if i > 0, inertia[i - 1] > 0 {
        drop.append((inertia[i - 1] - inertia[i]) / inertia[i - 1] * 100)
        dropValid.append(true)
      } else {
        drop.append(0)
        dropValid.append(false)
      }
    }
    let table = Table(
      uncheckedColumns: [
        Column(name: "k", ints: ks.map { Int64($0) }), Column(name: "inertia", floats: inertia),
        Column(name: "drop %", floats: drop, validity: ValidityMask(dropValid)),
        Column(name: "iterations", ints: iterations),
      ], rowCount: ks.count)
    let xs = ks.map(Double.init)
    var figure = ChartFigure.lines(
      [LineSeries(name: "inertia", xs: xs, ys: inertia, markers: true)], xTitle: "k (clusters)",
      yTitle: "inertia (sum of squared distances)", title: "Elbow curve on \(features.joined(separator: ", "))")
    var notes: [String] = []
    if let knee = ModelDisplay.knee(xs: xs, ys: inertia) {
      notes.append(
        "The curve bends most at k = \(ks[knee]): past it, each extra cluster lowers the inertia much less. k = \(ks[knee]) is a good first choice."
      )
      if !figure.panels.isEmpty {
        figure.panels[0].marks.append(
          .rule(RuleMark(.vertical(x: xs[knee]), color: Palette.color(3), width: 1.5, label: "elbow k = \(ks[knee])")))
      }
    } else {
      notes.append("No clear elbow: try a wider range of k.")
    }
    notes.append("'drop %' is how much each k lowers the inertia of the k before it.")
    return ChartedTable(
      kind: "elbow curve", table: table, title: "Elbow: k-means inertia for k = \(ks.first ?? 0)…\(ks.last ?? 0)",
      notes: notes, charts: [RenderedChart(figure: figure)])
  }
}
