import JupyterProtocol
import ShopMineData
import ShopMineLearning
import ShopMineRendering

/// The walk-through `kmeans … trace` shows before the model: where the centroids start, then for each
/// iteration a table (cluster sizes, how far each centroid moved, the new centroids) and a small
/// scatter (rows coloured by their new cluster, each centroid's move drawn as a line from its old
/// place), then a table of every iteration's inertia. Pictures stop after ``pictureLimit`` iterations;
/// the closing table still lists them all.
enum KMeansTraceDisplay {
  /// Iterations drawn with a table and a scatter each.
  static let pictureLimit = 10

  static func bundles(_ trace: KMeansTrace, model: KMeansModel, x: FeatureMatrix, options: DisplayOptions)
    -> [MIMEBundle]
  {
    let names = model.encoding.featureNames
    let d = x.columnCount
    // The scatter's axes: the first two features (one feature is drawn against itself).
    let fx = 0
    let fy = d > 1 ? 1 : 0
    var xs = [Double](repeating: 0, count: x.rowCount)
    var ys = [Double](repeating: 0, count: x.rowCount)
    x.values.withUnsafeBufferPointer { v in
      for r in 0..<x.rowCount {
        xs[r] = v[r * d + fx]
        ys[r] = v[r * d + fy]
      }
    }
    var out: [MIMEBundle] = []
    out.append(introduction(trace, model: model, names: names, options: options))
    var previous = trace.initialCentroids
    for step in trace.steps.prefix(pictureLimit) {
      out.append(
        iteration(
          step, of: trace.steps.count, previous: previous, names: names, xs: xs, ys: ys, axes: (fx, fy),
          options: options))
      previous = step.centroids
    }
    out.append(closing(trace, model: model, options: options))
    return out
  }

  private static func introduction(
    _ trace: KMeansTrace, model: KMeansModel, names: [String], options: DisplayOptions
  ) -> MIMEBundle {
    let o = model.options
    let start: String
    switch o.initialization {
    case .first: start = "the first \(model.k) rows are the starting centroids"
    case .random: start = "\(model.k) distinct rows drawn at random (seed \(o.seed)) are the starting centroids"
    case .kmeansPlusPlus:
      start =
        "k-means++ (seed \(o.seed)) picks the starting centroids: each next one is drawn far from those already chosen"
    }
    var text = "Start: \(start)."
    if o.effectiveRestarts > 1 { text += " The best of \(o.effectiveRestarts) runs (lowest inertia) is shown." }
    let document = SummaryDocument(
      title: "k-means walk-through: k = \(model.k) on \(names.joined(separator: ", ")) (\(model.labels.count) rows)",
      sections: [
        SummaryDocument.Section(blocks: [
          .text(text),
          .text(
            "Each iteration (1) assigns every row to its nearest centroid, then (2) moves each centroid to the mean of its rows. It stops when no row changes cluster, or when the centroids together move less than the tolerance."
          ),
          .table(
            centroidTable(trace.initialCentroids, names: names, sizes: nil, moves: nil), title: "starting centroids"),
        ])
      ])
    return SummaryRenderer.bundle(document, options: ModelDisplay.tableOptions(options))
  }

  private static func iteration(
    _ step: KMeansTrace.Step, of total: Int, previous: [[Double]], names: [String], xs: [Double], ys: [Double],
    axes: (Int, Int), options: DisplayOptions
  ) -> MIMEBundle {
    let k = step.centroids.count
    var sizes = [Int](repeating: 0, count: k)
    for l in step.labels where l >= 0 && Int(l) < k { sizes[Int(l)] += 1 }
    var pairs: [(String, Value)] = [
      ("rows that changed cluster", .int(Int64(step.reassigned))),
      ("inertia of this assignment", .float(step.inertia)),
      ("largest centroid move", .float(step.moves.max() ?? 0)),
    ]
    if !step.relocated.isEmpty {
      pairs.append(
        (
          "empty clusters restarted",
          .string(step.relocated.map(String.init).joined(separator: ", ") + " (moved to the farthest row)")
        ))
    }
    let (fx, fy) = axes
    var figure = ModelDisplay.clusterFigure(
      xs: xs, ys: ys, labels: step.labels, centroids: step.centroids.map { ($0[fx], $0[fy]) },
      xTitle: names[fx], yTitle: names[fy], title: "iteration \(step.iteration)", width: 420, height: 300)
    // Each centroid's move: a dashed line in the theme's ink from where it was to where it went, and a
    // neutral grey dot at the old place (legible on light and dark backgrounds alike).
    if !figure.panels.isEmpty {
      for (c, old) in previous.enumerated() where c < step.centroids.count {
        let new = step.centroids[c]
        figure.panels[0].marks.append(
          .rule(
            RuleMark(
              .segment(x0: old[fx], y0: old[fy], x1: new[fx], y1: new[fy]), color: nil, width: 1.5, dash: [3, 2])))
      }
      figure.panels[0].marks.append(
        .points(
          previous.map { PointMark(x: $0[fx], y: $0[fy], radius: 4, fill: Palette.neutral) }, opacity: 1, series: nil))
    }
    figure.description = "iteration \(step.iteration): rows coloured by their new cluster, centroid moves drawn"
    let document = SummaryDocument(
      title: "Iteration \(step.iteration) of \(total)",
      sections: [
        SummaryDocument.Section(blocks: [
          .keyValues(pairs),
          .table(centroidTable(step.centroids, names: names, sizes: sizes, moves: step.moves), title: "new centroids"),
          .chart(RenderedChart(figure: figure)),
        ])
      ])
    return SummaryRenderer.bundle(document, options: ModelDisplay.tableOptions(options))
  }

  private static func closing(_ trace: KMeansTrace, model: KMeansModel, options: DisplayOptions) -> MIMEBundle {
    let steps = trace.steps
    let table = Table(
      uncheckedColumns: [
        Column(name: "iteration", ints: steps.map { Int64($0.iteration) }),
        Column(name: "inertia", floats: steps.map(\.inertia)),
        Column(name: "changed", ints: steps.map { Int64($0.reassigned) }),
        Column(name: "largest move", floats: steps.map { $0.moves.max() ?? 0 }),
      ], rowCount: steps.count)
    var lines: [String] = []
    if steps.count > pictureLimit {
      lines.append("Iterations \(pictureLimit + 1)–\(steps.count) are not drawn; the table lists every one.")
    }
    if model.converged {
      let stable = steps.last?.reassigned == 0
      lines.append(
        "Converged after \(model.iterations) iteration\(model.iterations == 1 ? "" : "s"): "
          + (stable ? "no row changed cluster." : "the centroids moved less than the tolerance."))
    } else {
      lines.append(
        "Stopped at the limit of \(model.options.maxIterations) iterations before converging (raise 'iterations').")
    }
    lines.append(
      "Final inertia (sum of squared distances to the final centroids): \(ModelDisplay.number(model.inertia)).")
    var options = options
    options.rows = max(options.rows, min(steps.count, 60))
    let document = SummaryDocument(
      title: "k-means: how the inertia fell",
      sections: [SummaryDocument.Section(blocks: lines.map { .text($0) } + [.table(table, title: nil)])])
    return SummaryRenderer.bundle(document, options: ModelDisplay.tableOptions(options))
  }

  /// `cluster`, [`size`, `moved`,] then one column per feature.
  static func centroidTable(_ centroids: [[Double]], names: [String], sizes: [Int]?, moves: [Double]?) -> Table {
    let k = centroids.count
    var columns = [Column(name: "cluster", ints: (0..<k).map { Int64($0) })]
    if let sizes { columns.append(Column(name: "size", ints: sizes.map { Int64($0) })) }
    if let moves { columns.append(Column(name: "moved", floats: moves)) }
    var taken = Set(columns.map(\.name))
    for (f, name) in names.enumerated() {
      var unique = name
      while taken.contains(unique) { unique += "_" }
      taken.insert(unique)
      columns.append(Column(name: unique, floats: centroids.map { f < $0.count ? $0[f] : .nan }))
    }
    return Table(uncheckedColumns: columns, rowCount: k)
  }
}
