import ShopMineData
import ShopMineInsights

extension VerbSpec {
  /// `profile seg` (a clustering model: its training table, features and labels) or
  /// `profile users by segment on browse_time, spend` (any table with a label column).
  static let profile = VerbSpec(
    "profile", summary: "describe what distinguishes each cluster (means, z-scores, sentences, heatmap)",
    options: [
      ParameterSpec("by", .column, "with a table: the cluster label column"),
      ParameterSpec("on", .columns, "with a table: the features (default: every numeric column)"),
      ParameterSpec.integer("top", default: 3, in: 1...50, "distinguishing features named per cluster"),
    ],
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in try InsightVerbs.profile(inv) })
}

/// A clustering model that can be profiled: the rows it was fitted on, its features and a label per row.
///
/// Clustering model values conform to this (see `ClusteringModel+Profile.swift`) so `profile` does not
/// depend on their concrete types.
protocol ProfilableClustering {
  /// The table the model was fitted on (rows in label order); `nil` for a model loaded from a file.
  var profileTable: Table? { get }
  var profileFeatures: [String] { get }
  var profileLabels: [Int] { get }
}

extension InsightVerbs {
  static func profile(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue {
    let top = try inv.integer("top")
    if let model = inv.subject((any ProfilableClustering).self), case .object(let o)? = inv.input {
      for word in ["by", "on"] where inv.has(word) {
        throw inv.error(at: word, "'\(word)' is for profiling a table; a model brings its own labels and features")
      }
      guard let table = model.profileTable else {
        throw Diagnostic(
          "this \(o.kind) was loaded from a file and has no training rows to profile",
          at: inv.call.subject?.span ?? inv.call.verbSpan,
          name: "ValueError", suggestions: ["users = predict seg on users as cluster", "profile users by cluster"])
      }
      let (features, labels) = (model.profileFeatures, model.profileLabels)
      guard !features.isEmpty else {
        throw inv.error("the model has no numeric features to profile (one-hot columns are left out)")
      }
      let profile = try inv.data { () throws(TableError) in
        try ClusterProfile.make(table, features: features, labels: labels, topFeatures: top)
      }
      let name = inv.call.subject?.nameValue.map { " \($0)" } ?? ""
      return .object(ClusterProfileReport(profile: profile, source: "\(o.kind)\(name)"))
    }
    let table: Table
    do { table = try inv.table() } catch {
      throw Diagnostic(
        "'profile' needs a clustering model or a table, not \(inv.input?.describeForError ?? "nothing")",
        at: inv.call.subject?.span ?? inv.call.verbSpan, name: "TypeError",
        suggestions: ["seg = kmeans users k 4 on browse_time, spend seed 0", "profile users by segment"])
    }
    guard inv.has("by"), let by = try inv.columns("by", in: table).first else {
      throw inv.error("profiling a table needs its label column: profile users by segment on browse_time, spend")
    }
    var features = try inv.columns("on", in: table)
    if features.isEmpty {
      features = table.columns.filter { $0.type.isNumeric && $0.name != by && !$0.name.hasSuffix("_id") }.map(\.name)
    }
    let chosen = features
    let profile = try inv.data { () throws(TableError) in
      try ClusterProfile.make(table, features: chosen, labelColumn: by, topFeatures: top)
    }
    return .object(ClusterProfileReport(profile: profile, source: "by \(by)"))
  }
}
