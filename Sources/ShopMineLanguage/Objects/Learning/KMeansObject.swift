import JupyterProtocol
import ShopMineData
import ShopMineLearning
import ShopMineRendering

/// A fitted k-means model as a language value (`seg = kmeans users k 3 on …`).
///
/// Its display is the summary a student needs: cluster sizes, the centroid table, inertia, iterations,
/// the silhouette and a scatter of the clusters with their centroids. `predict`, `silhouette`,
/// `plot clusters` and `save` work on it.
public struct KMeansObject: LanguageObject {
  public var model: KMeansModel
  /// The table the model was fitted on (shared column buffers, no copy); `nil` for a model loaded from a
  /// file, whose plots and silhouette then need `on TABLE`.
  public var training: Table?
  /// The silhouette of the training labels, computed at fit time.
  public var silhouette: Silhouette.Summary?
  /// Remarks made at fit time (a feature whose scale dominates the distances).
  public var notes: [String]

  public init(model: KMeansModel, training: Table?, silhouette: Silhouette.Summary?, notes: [String] = []) {
    self.model = model
    self.training = training
    self.silhouette = silhouette
    self.notes = notes
  }

  public var kind: String { "kmeans model" }
  public var shape: String {
    "\(model.k) clusters of \(model.labels.count) rows, \(model.encoding.width) features"
  }

  /// `kmeans++, seed 0` / `first (rows 1…3)`.
  var initDescription: String {
    let o = model.options
    switch o.initialization {
    case .first: return "first (rows 1…\(model.k))"
    case .kmeansPlusPlus, .random:
      return
        "\(o.initialization.rawValue), seed \(o.seed), \(o.effectiveRestarts) run\(o.effectiveRestarts == 1 ? "" : "s")"
    }
  }

  public func bundle(_ options: DisplayOptions) -> MIMEBundle {
    let sizes = model.clusterSizes
    let n = model.labels.count
    var pairs: [(String, Value)] = [
      ("features", .string(model.encoding.columns.joined(separator: ", "))),
      ("rows", .int(Int64(n))),
      ("cluster sizes", .string(sizes.enumerated().map { "\($0.offset): \($0.element)" }.joined(separator: ", "))),
      ("inertia", .float(model.inertia)),
      ("iterations", .string("\(model.iterations)" + (model.converged ? " (converged)" : " (stopped at the limit)"))),
      ("init", .string(initDescription)),
    ]
    if let s = silhouette {
      pairs.append(("silhouette", .float(s.score)))
    }
    var overview: [SummaryDocument.Block] = [.keyValues(pairs)]
    if let s = silhouette {
      overview.append(.text(Self.silhouetteNote(s)))
    }
    if let note = model.encoding.oneHotNote { overview.append(.text(note + ".")) }
    overview += notes.map { .text($0) }
    var sections = [SummaryDocument.Section(blocks: overview)]
    sections.append(SummaryDocument.Section(heading: "Centroids", blocks: [.table(model.centroidTable(), title: nil)]))
    if let training, let axes = ModelDisplay.scatterAxes(model.encoding, in: training),
      let chart = try? clusterChart(training, x: axes.x, y: axes.y, title: nil)
    {
      sections.append(SummaryDocument.Section(heading: "Clusters", blocks: [.chart(chart)]))
    }
    sections.append(
      SummaryDocument.Section(blocks: [
        .text("Next: predict MODEL on TABLE as cluster · plot clusters MODEL x COLUMN y COLUMN · silhouette MODEL")
      ]))
    let title = "k-means: \(model.k) clusters of \(n) rows"
    return ModelDisplay.bundle(
      SummaryDocument(title: title, sections: sections), kind: "kmeans", saved: .kmeans(model),
      extra: silhouette.map { ["silhouette": .double($0.score)] } ?? [:], options: options)
  }

  /// What the silhouette number was computed over.
  static func silhouetteNote(_ s: Silhouette.Summary) -> String {
    var note = "Silhouette: mean over \(s.sampled ? "a seeded sample of " : "all ")\(s.rowsScored) rows"
    if s.noiseExcluded > 0 { note += ", \(s.noiseExcluded) noise rows excluded" }
    return note + " (−1 … 1; higher means tighter, better separated clusters)."
  }

  /// The rows of `table` coloured by their cluster on columns `x` and `y`, with the centroids.
  ///
  /// Rows of the training table keep their training labels; another table is assigned by `predict`.
  func clusterChart(_ table: Table, x: String, y: String, title: String?) throws(TableError) -> RenderedChart {
    let labels = try labels(for: table)
    let xs = try ModelDisplay.plotValues(table, x)
    let ys = try ModelDisplay.plotValues(table, y)
    let names = model.encoding.featureNames
    // A feature axis uses the model's own centroid; any other column the cluster's mean on it.
    func centres(_ column: String, _ values: [Double]) -> [Double] {
      if let f = names.firstIndex(of: column) { return model.centroids.map { $0[f] } }
      return ModelDisplay.clusterMeans(values, labels: labels, k: model.k)
    }
    let cx = centres(x, xs)
    let cy = centres(y, ys)
    let figure = ModelDisplay.clusterFigure(
      xs: xs, ys: ys, labels: labels, centroids: (0..<model.k).map { (cx[$0], cy[$0]) }, xTitle: x, yTitle: y,
      title: title)
    return RenderedChart(figure: figure)
  }

  /// The training labels when `table` is the training table, else the nearest centroid of each row.
  func labels(for table: Table) throws(TableError) -> [Int32] {
    if let training, training == table { return model.labels }
    return try model.predict(table)
  }
}
