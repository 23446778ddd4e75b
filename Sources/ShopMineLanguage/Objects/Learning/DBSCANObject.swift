import JupyterProtocol
import ShopMineData
import ShopMineLearning
import ShopMineRendering

/// A DBSCAN clustering as a language value (`db = dbscan users eps 0.5 minpts 5 on …`): cluster sizes,
/// noise, core rows, the silhouette without noise, and a scatter with noise in grey.
public struct DBSCANObject: LanguageObject {
  public var model: DBSCANModel
  /// The table that was clustered; `nil` for a model loaded from a file.
  public var training: Table?
  public var silhouette: Silhouette.Summary?

  public init(model: DBSCANModel, training: Table?, silhouette: Silhouette.Summary?) {
    self.model = model
    self.training = training
    self.silhouette = silhouette
  }

  public var kind: String { "dbscan model" }
  public var shape: String {
    "\(model.clusterCount) cluster\(model.clusterCount == 1 ? "" : "s"), \(model.noiseCount) noise of \(model.labels.count) rows"
  }

  public func bundle(_ options: DisplayOptions) -> MIMEBundle {
    let n = model.labels.count
    let o = model.options
    var pairs: [(String, Value)] = [
      ("features", .string(model.encoding.columns.joined(separator: ", "))),
      ("eps", .float(o.eps)),
      ("minpts", .int(Int64(o.minPoints))),
      ("metric", .string(o.metric.rawValue)),
      ("rows", .int(Int64(n))),
      ("clusters", .int(Int64(model.clusterCount))),
      ("noise", .string("\(model.noiseCount) (\(ModelDisplay.percent(model.noiseCount, of: n)))")),
      ("core rows", .int(Int64(model.coreRows.count))),
    ]
    if let s = silhouette { pairs.append(("silhouette", .float(s.score))) }
    var blocks: [SummaryDocument.Block] = [.keyValues(pairs)]
    if let s = silhouette {
      blocks.append(.text(KMeansObject.silhouetteNote(s)))
    } else {
      blocks.append(.text("Silhouette: not defined here (it needs at least 2 clusters besides noise)."))
    }
    if let note = model.encoding.oneHotNote { blocks.append(.text(note + ".")) }
    blocks += advice.map { .text($0) }
    var sections = [SummaryDocument.Section(blocks: blocks)]
    sections.append(
      SummaryDocument.Section(heading: "Clusters (−1 is noise)", blocks: [.table(model.clusterTable(), title: nil)]))
    if let training, let axes = ModelDisplay.scatterAxes(model.encoding, in: training),
      let chart = try? clusterChart(training, x: axes.x, y: axes.y, title: nil)
    {
      sections.append(SummaryDocument.Section(heading: "Clusters", blocks: [.chart(chart)]))
    }
    let title =
      "DBSCAN: \(model.clusterCount) cluster\(model.clusterCount == 1 ? "" : "s") and \(model.noiseCount) noise rows of \(n)"
    return ModelDisplay.bundle(
      SummaryDocument(title: title, sections: sections), kind: "dbscan", saved: .dbscan(model), options: options)
  }

  /// Hints when the result looks like a poor eps: nearly everything noise, or one cluster holding it all.
  var advice: [String] {
    let n = model.labels.count
    let columns = model.encoding.columns.joined(separator: ", ")
    let kdist = "kdist TABLE k \(model.options.minPoints) on \(columns)"
    if n > 0, model.noiseCount * 2 > n {
      return [
        "Most rows are noise: eps \(ModelDisplay.number(model.options.eps)) is small for the units of these columns. "
          + "`\(kdist)` plots each row's distance to its \(model.options.minPoints)th neighbour; its knee is an eps to try "
          + "(or `normalize zscore on \(columns)` first)."
      ]
    }
    if model.clusterCount == 1, model.noiseCount * 10 < n {
      return ["One cluster holds nearly every row: eps may be too large (see `\(kdist)`)."]
    }
    return []
  }

  /// Rows coloured by cluster (noise grey) on `x` and `y`; only the clustered table itself can be drawn.
  func clusterChart(_ table: Table, x: String, y: String, title: String?) throws(TableError) -> RenderedChart {
    guard table.rowCount == model.labels.count else {
      throw TableError(
        code: .invalidArgument,
        message: "DBSCAN labels only the \(model.labels.count) rows it clustered; this table has \(table.rowCount)")
    }
    let figure = ModelDisplay.clusterFigure(
      xs: try ModelDisplay.plotValues(table, x), ys: try ModelDisplay.plotValues(table, y), labels: model.labels,
      centroids: nil, xTitle: x, yTitle: y, title: title)
    return RenderedChart(figure: figure)
  }
}
