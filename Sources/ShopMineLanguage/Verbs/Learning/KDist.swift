import ShopMineData
import ShopMineLearning
import ShopMineRendering

extension VerbSpec {
  /// `kdist users k 5 on browse_time, purchase_freq`: every row's distance to its k-th nearest row,
  /// sorted — the knee of the curve is an `eps` to try in `dbscan … minpts k`.
  static let kdist = VerbSpec(
    "kdist", summary: "k-distance curve (distance to the k-th nearest row) to choose DBSCAN's eps",
    options: [
      ParameterSpec.integer(
        "k", default: 5, in: 1...10_000, "which neighbour, the row itself counting as the first (use dbscan's minpts)"),
      ParameterSpec("metric", .word(DistanceMetric.allCases.map(\.rawValue)), "euclidean (default) or manhattan"),
      LearningArguments.features,
    ],
    schema: { _ in ["rank", "distance"] },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let k = try inv.integer("k")
      let metric = inv.word("metric").flatMap(DistanceMetric.init(rawValue:)) ?? .euclidean
      let features = try LearningArguments.features(inv, table)
      let x = try LearningArguments.matrix(inv, table, features)
      guard k <= x.rowCount else { throw inv.error(at: "k", "k can be at most the number of rows (\(x.rowCount))") }
      let curve = try LearningArguments.run(inv, label: "kdist") { cancellation, _ throws(TableError) in
        try KDistance.curve(x, k: k, metric: metric, cancellation: cancellation)
      }
      return .object(KDistReport.make(curve, k: k, features: features))
    })
}

/// The k-distance chart with its knee as a suggested eps.
enum KDistReport {
  static func make(_ curve: Table, k: Int, features: [String]) -> ChartedTable {
    let distances = curve.column(named: "distance")?.doubles().map { $0 ?? .nan } ?? []
    let ranks = (0..<distances.count).map { Double($0 + 1) }
    // A long curve is drawn from every n-th row (the shape is what matters); the knee uses all rows.
    let step = max(1, distances.count / 2_000)
    var drawn = Array(stride(from: 0, to: distances.count, by: step))
    if let last = distances.indices.last, drawn.last != last { drawn.append(last) }
    var figure = ChartFigure.lines(
      [
        LineSeries(
          name: "distance", xs: drawn.map { ranks[$0] }, ys: drawn.map { distances[$0] }, markers: drawn.count <= 40)
      ],
      xTitle: "rows, sorted by distance (largest first)", yTitle: "distance to the \(ordinal(k)) nearest row",
      title: "k-distance curve (k = \(k)) on \(features.joined(separator: ", "))")
    var notes: [String] = []
    if let knee = ModelDisplay.knee(xs: ranks, ys: distances) {
      let eps = distances[knee]
      notes.append(
        "The curve bends at about \(ModelDisplay.number(eps, digits: 3)) (rank \(knee + 1)): try `dbscan TABLE eps \(ModelDisplay.number(eps, digits: 3)) minpts \(k) on \(features.joined(separator: ", "))`. Rows left of the knee would be noise."
      )
      if !figure.panels.isEmpty {
        figure.panels[0].marks.append(
          .rule(
            RuleMark(
              .horizontal(y: eps), color: Palette.color(3), width: 1.5,
              label: "eps ≈ \(ModelDisplay.number(eps, digits: 3))")))
      }
    }
    notes.append(
      "The row itself counts as its first neighbour (as scikit-learn's NearestNeighbors), so with k = minpts a row is a DBSCAN core row exactly when its distance here is ≤ eps."
    )
    return ChartedTable(
      kind: "k-distance curve", table: curve, title: "k-distance curve, k = \(k) (\(distances.count) rows)",
      notes: notes,
      charts: [RenderedChart(figure: figure)])
  }

  static func ordinal(_ n: Int) -> String {
    let suffix: String
    switch (n % 10, n % 100) {
    case (_, 11...13): suffix = "th"
    case (1, _): suffix = "st"
    case (2, _): suffix = "nd"
    case (3, _): suffix = "rd"
    default: suffix = "th"
    }
    return "\(n)\(suffix)"
  }
}
