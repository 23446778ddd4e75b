import JupyterProtocol
import ShopMineData
import ShopMineLearning
import ShopMineRendering

// `pca`: the verb, its model value, its capabilities and its plot, in one file.

extension VerbSpec {
  /// `p = pca users on browse_time, purchase_freq, spend components 2 scale`: principal components as
  /// scikit-learn's `PCA` (after `StandardScaler` with `scale`).
  static let pca = VerbSpec(
    "pca", summary: "principal components: explained variance, loadings and component scores (scikit-learn's PCA)",
    options: [
      ParameterSpec("on", .columns, "the numeric feature columns"),
      ParameterSpec.integer("components", in: 1...10_000, "components kept; every one when left out"),
      ParameterSpec("scale", .flag, "standardise each column first: mean 0, standard deviation 1"),
    ],
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let features = try LearningArguments.features(inv, table)
      for name in features {
        guard let column = table.column(named: name), column.type.isNumeric else {
          let type = table.column(named: name)?.type.rawValue ?? "unknown"
          throw inv.error(
            at: "on", "pca needs numeric columns; '\(name)' is \(type)",
            notes: ["principal components are directions in a space of numbers"],
            suggestions: ["leave '\(name)' out of 'on'"])
        }
      }
      let x = try LearningArguments.matrix(inv, table, features)
      let count = try inv.int("components")
      let standardize = inv.has("scale")
      let model = try LearningArguments.run(inv, label: "pca") { cancellation, _ throws(TableError) in
        try PCAModel.fit(x, components: count, standardize: standardize, cancellation: cancellation)
      }
      return .object(PCAObject(model: model, training: table))
    })
}

extension PlotKind {
  /// `plot pca p`: the training rows on the first two components, with each feature's loading as an arrow.
  static let pca = PlotKind(
    "pca", summary: "a PCA biplot: rows on the first two components, features as arrows (from pca)",
    options: [PlotOptions.title, LearningPlots.on],
    example: "plot pca p"
  ) { inv throws(Diagnostic) in
    guard let model = inv.subject(PCAObject.self) else {
      throw LearningPlots.subjectError(inv, "a pca model", example: "p = pca users on browse_time, spend, rating")
    }
    var table = model.training
    if inv.has("on") { table = try LearningArguments.onTable(inv, usage: "plot pca MODEL on TABLE") }
    guard let data = table else { throw inv.error("the model holds no rows to draw") }
    let title = try inv.string("title")
    return try inv.data { () throws(TableError) in try model.biplot(data, title: title) }
  }
}

/// A fitted PCA as a language value: the variance each component explains, the loadings, and a biplot.
public struct PCAObject: LanguageObject {
  public var model: PCAModel
  /// The table it was fitted on (for the biplot).
  public var training: Table?

  public var kind: String { "pca model" }
  public var shape: String {
    let kept = model.components.count
    let share = model.explainedVarianceRatio.reduce(0, +)
    return "\(kept) component\(kept == 1 ? "" : "s") of \(model.mean.count) features, "
      + "\(ModelDisplay.number(share * 100, digits: 1))% of the variance"
  }

  /// `pc1`, `pc2`, … (or `NAME1`, `NAME2`, … with `as NAME`).
  func componentNames(prefix: String = "pc") -> [String] {
    (1...model.components.count).map { "\(prefix)\($0)" }
  }

  /// Component, variance, share and cumulative share of the total variance.
  func varianceTable() -> Table {
    var cumulative = 0.0
    let running = model.explainedVarianceRatio.map { share -> Double in
      cumulative += share
      return cumulative
    }
    return Table(
      uncheckedColumns: [
        Column(name: "component", strings: componentNames()),
        Column(name: "variance", floats: model.explainedVariance),
        Column(name: "share", floats: model.explainedVarianceRatio, meaning: .share),
        Column(name: "cumulative", floats: running, meaning: .share),
      ], rowCount: model.components.count)
  }

  /// One row per feature, one column per component: the weight of the feature in the component.
  func loadingsTable() -> Table {
    let features = model.encoding.featureNames
    var columns = [Column(name: "feature", strings: features)]
    for (c, name) in componentNames().enumerated() {
      columns.append(Column(name: name, floats: model.components[c]))
    }
    return Table(uncheckedColumns: columns, rowCount: features.count)
  }

  public func bundle(_ options: DisplayOptions) -> MIMEBundle {
    let kept = model.components.count
    let share = model.explainedVarianceRatio.reduce(0, +)
    let pairs: [(String, Value)] = [
      ("features", .string(model.encoding.columns.joined(separator: ", "))),
      ("rows", .int(Int64(model.rowCount))),
      ("components", .int(Int64(kept))),
      ("scaled", .string(model.scale == nil ? "no (centred only)" : "yes (mean 0, standard deviation 1)")),
      ("variance explained", .string("\(ModelDisplay.number(share * 100, digits: 1))%")),
    ]
    var sections = [
      SummaryDocument.Section(blocks: [
        .keyValues(pairs),
        .text(
          "Each component is a direction in the space of the features, the first along the most variance. "
            + "A loading is a feature's weight in a component; the sign of a component is arbitrary (the largest "
            + "weight is made positive, as scikit-learn does)."),
      ]),
      SummaryDocument.Section(heading: "Explained variance", blocks: [.table(varianceTable(), title: nil)]),
      SummaryDocument.Section(heading: "Loadings", blocks: [.table(loadingsTable(), title: nil)]),
    ]
    if let training, kept >= 2, let chart = try? biplot(training, title: nil) {
      sections.append(SummaryDocument.Section(heading: "Biplot", blocks: [.chart(chart)]))
    }
    sections.append(
      SummaryDocument.Section(blocks: [
        .text("Next: predict MODEL on TABLE (adds pc1, pc2, …) · plot pca MODEL")
      ]))
    let json: [String: JSONValue] = [
      "components": .array(model.components.map { .array($0.map { .double($0) }) }),
      "explained_variance": .array(model.explainedVariance.map { .double($0) }),
      "explained_variance_ratio": .array(model.explainedVarianceRatio.map { .double($0) }),
      "mean": .array(model.mean.map { .double($0) }),
      "scale": model.scale.map { .array($0.map { .double($0) }) } ?? .null,
      "features": .array(model.encoding.featureNames.map { .string($0) }),
    ]
    return ModelDisplay.bundle(
      SummaryDocument(title: "PCA: \(kept) components of \(model.mean.count) features", sections: sections),
      kind: "pca", saved: nil, extra: ["model": .object(json)], options: options)
  }

  /// Component scores of the rows of `table`, one column each.
  func scores(_ table: Table, names: [String], cancellation: Cancellation) throws(TableError) -> [Column] {
    let x = try FeatureMatrix(table, encoding: model.encoding)
    let values = try model.transform(x, cancellation: cancellation)
    let k = model.components.count
    return names.enumerated().map { c, name in
      Column(name: name, floats: (0..<table.rowCount).map { values[$0 * k + c] })
    }
  }

  /// Rows on the first two components (sampled when many) with each feature's loading as an arrow.
  func biplot(_ table: Table, title: String?) throws(TableError) -> RenderedChart {
    guard model.components.count >= 2 else {
      throw .invalidArgument("a biplot needs two components; this model kept one")
    }
    let columns = try scores(table, names: ["pc1", "pc2"], cancellation: .none)
    let (rows, step) = ModelDisplay.sampledRows(table.rowCount)
    let xs = columns[0].numericDoubles()?.values ?? []
    let ys = columns[1].numericDoubles()?.values ?? []
    let share = model.explainedVarianceRatio
    let loadings = model.encoding.featureNames.enumerated().map {
      (name: $0.element, x: model.components[0][$0.offset], y: model.components[1][$0.offset])
    }
    var figure = ChartFigure.biplot(
      xs: rows.map { xs[$0] }, ys: rows.map { ys[$0] }, loadings: loadings,
      xTitle: "pc1 (\(ModelDisplay.number(share[0] * 100, digits: 1))% of the variance)",
      yTitle: "pc2 (\(ModelDisplay.number(share[1] * 100, digits: 1))%)", title: title ?? "PCA biplot")
    if step > 1 {
      figure.caption = "Every \(step)th of \(DecimalFormat.groupThousands(String(table.rowCount))) rows is drawn."
    }
    return RenderedChart(figure: figure)
  }
}

extension PCAObject: PredictingObject {
  /// `predict p on users [as pc]`: the rows with one score column per kept component.
  func predict(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue {
    let table = try LearningArguments.onTable(inv, usage: "predict MODEL on TABLE [as PREFIX]")
    let names = componentNames(prefix: LearningDispatch.predictedName(inv) ?? "pc")
    let cancellation = inv.cancellation
    let columns = try inv.data { () throws(TableError) in
      try scores(table, names: names, cancellation: cancellation)
    }
    return try LearningDispatch.adding(columns, to: table, inv)
  }
}
