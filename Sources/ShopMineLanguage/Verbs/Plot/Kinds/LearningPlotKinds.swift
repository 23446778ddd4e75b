import ShopMineData
import ShopMineLearning
import ShopMineRendering

extension PlotKind {
  /// `plot clusters seg x browse_time y purchase_freq`: rows coloured by cluster, centroids marked
  /// (k-means), noise in grey (DBSCAN).
  static let clusters = PlotKind(
    "clusters", summary: "a clustering's rows coloured by cluster, with centroids (kmeans) or noise (dbscan)",
    options: [PlotOptions.x, PlotOptions.y, PlotOptions.title, LearningPlots.on],
    example: "plot clusters seg x browse_time y purchase_freq"
  ) { inv throws(Diagnostic) in try LearningPlots.clusters(inv) }

  /// `plot tree t`: the decision tree as a diagram.
  static let tree = PlotKind(
    "tree", summary: "a decision tree as a diagram (splits, impurity, rows, class)",
    options: [PlotOptions.title, LearningPlots.depth],
    example: "plot tree t"
  ) { inv throws(Diagnostic) in try LearningPlots.tree(inv) }

  /// `plot roc lr on test`: a binary classifier's ROC curve on labelled rows.
  static let roc = PlotKind(
    "roc", summary: "a binary classifier's ROC curve on a labelled table, with its AUC",
    options: [LearningPlots.on, PlotOptions.title],
    example: "plot roc lr on test"
  ) { inv throws(Diagnostic) in try LearningPlots.roc(inv) }
}

/// The model plots of the clustering and classification family.
enum LearningPlots {
  static let on = ParameterSpec("on", .value, "clusters, roc: the table to draw (roc: labelled test rows)")
  static let depth = ParameterSpec.integer("depth", default: 5, in: 1...12, "tree: levels drawn")

  static func subjectError(_ inv: VerbInvocation, _ wanted: String, example: String) -> Diagnostic {
    Diagnostic(
      "'plot \(inv.word("kind") ?? "")' draws \(wanted), not \(LearningArguments.modelDescription(inv.input))",
      at: inv.call.subject?.span ?? inv.call.verbSpan, name: "TypeError", suggestions: [example])
  }

  static func clusters(_ inv: VerbInvocation) throws(Diagnostic) -> RenderedChart {
    guard let model = inv.subject((any ClusteringObject).self) else {
      throw subjectError(inv, "a kmeans or dbscan model", example: "plot clusters seg x browse_time y purchase_freq")
    }
    let encoding = model.encoding
    var table = model.training
    if inv.has("on") {
      table = try LearningArguments.onTable(inv, usage: "plot clusters MODEL on TABLE x COLUMN y COLUMN")
    }
    guard let data = table else {
      throw inv.error(
        "this model was loaded from a file and holds no rows to draw",
        suggestions: ["plot clusters MODEL on TABLE x COLUMN y COLUMN"])
    }
    var x = try inv.columns("x", in: data).first
    var y = try inv.columns("y", in: data).first
    if x == nil || y == nil, let axes = ModelDisplay.scatterAxes(encoding, in: data) {
      x = x ?? axes.x
      y = y ?? (axes.y == x ? axes.x : axes.y)
    }
    guard let xName = x, let yName = y else {
      throw inv.error("'plot clusters' needs the columns to draw: x COLUMN y COLUMN")
    }
    let title = try inv.string("title")
    return try inv.data { () throws(TableError) in try model.clusterChart(data, x: xName, y: yName, title: title) }
  }

  static func tree(_ inv: VerbInvocation) throws(Diagnostic) -> RenderedChart {
    guard let m = inv.subject(ClassifierObject.self), case .tree(let model) = m.model else {
      throw subjectError(inv, "a decision tree", example: "t = tree train target churned on browse_time, spend depth 3")
    }
    let levels = try inv.integer("depth")
    guard let root = TreeText.diagram(model, levels: levels) else { throw inv.error("the tree has no nodes") }
    let cut = model.depth > levels ? " (first \(levels) of \(model.depth) levels)" : ""
    let title = try inv.string("title") ?? "Predicting \(m.target)\(cut)"
    let chart = TreeDiagram.render(
      root, title: title,
      description:
        "decision tree predicting \(m.target): \(model.nodes.count) nodes, \(model.leafCount) leaves, depth \(model.depth)\(cut)"
    )
    return chart
  }

  static func roc(_ inv: VerbInvocation) throws(Diagnostic) -> RenderedChart {
    guard let m = inv.subject(ClassifierObject.self) else {
      throw subjectError(inv, "a fitted classifier", example: "plot roc lr on test")
    }
    let test = try LearningArguments.onTable(inv, usage: "plot roc MODEL on TEST")
    let evaluation = try LearningDispatch.classifierEvaluation(inv, m, test)
    guard let roc = evaluation.roc else {
      throw inv.error(
        evaluation.classes.count == 2
          ? "the test rows hold one class only, so there is no ROC curve"
          : "an ROC curve needs two classes; '\(m.target)' has \(evaluation.classes.count)",
        suggestions: ["evaluate MODEL on TEST (confusion matrix for any number of classes)"])
    }
    var figure = LearningDispatch.rocFigure(roc, model: m.model.name, positive: evaluation.classes[1].description)
    if let title = try inv.string("title") { figure.title = title }
    return RenderedChart(figure: figure)
  }
}
