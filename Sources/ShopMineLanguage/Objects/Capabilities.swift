import ShopMineData
import ShopMineLearning
import ShopMineRendering

// What a model can do, as protocols: the shared verbs (`predict`, `evaluate`, `silhouette`, `plot clusters`)
// ask the subject for a capability and never name a model type, so a new model family joins them by
// conforming in its own files.

/// A model that `predict MODEL on TABLE [as NAME]` applies to rows.
protocol PredictingObject: LanguageObject {
  /// Whether `predict … probabilities` applies (classifiers); the verb refuses the flag otherwise.
  var predictsProbabilities: Bool { get }
  /// The rows of `on` with the model's prediction added (or replacing the column of that name).
  func predict(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue
}

extension PredictingObject {
  var predictsProbabilities: Bool { false }
}

/// A model that `evaluate MODEL on TABLE` scores against the answers in the table.
protocol EvaluatingObject: LanguageObject {
  /// The metrics report.
  func evaluate(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue
}

/// A clustering of rows: `silhouette`, `plot clusters` and `profile` work on any; `evaluate` explains
/// that it has no right answers to compare with.
protocol ClusteringObject: LanguageObject {
  /// The features the rows were clustered on, and their scaling.
  var encoding: FeatureEncoding { get }
  /// The rows it clustered; `nil` for a model loaded from a file.
  var training: Table? { get }
  /// Cluster labels for the rows of `table`, or of the training rows when `nil`.
  func clusterLabels(for table: Table?) throws(TableError) -> [Int32]
  /// The rows of `table` drawn at columns `x`, `y`, coloured by cluster.
  func clusterChart(_ table: Table, x: String, y: String, title: String?) throws(TableError) -> RenderedChart
}

extension RuntimeValue {
  /// The object as `type` — a capability protocol, or the one model type a verb needs (`optimize` an
  /// elasticity model, `recommend` a recommender) — or `nil` when it is something else. The one place
  /// objects are looked at by type: verbs ask through this (or ``VerbInvocation/subject(_:)``).
  func object<Wanted>(_ type: Wanted.Type) -> Wanted? {
    guard case .object(let o) = self else { return nil }
    return o as? Wanted
  }
}

extension VerbInvocation {
  /// The subject as `type`, or `nil` when it is something else (see ``RuntimeValue/object(_:)``).
  func subject<Wanted>(_ type: Wanted.Type) -> Wanted? {
    input?.object(type)
  }
}
