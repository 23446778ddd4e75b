import ShopMineData
import ShopMineLearning

extension VerbSpec {
  /// `seg = kmeans users k 3 on browse_time, spend seed 0 [init first] [trace]`: Lloyd's k-means as
  /// scikit-learn runs it; `trace` shows every iteration first.
  static let kmeans = VerbSpec(
    "kmeans", summary: "k-means clustering (Lloyd; k-means++ seeding as scikit-learn)",
    options: [
      ParameterSpec.integer("k", in: 1...100_000, "number of clusters"),
      LearningArguments.features,
      ParameterSpec(
        "init", .wordOrValue(["kmeans++", "kmeans", "kmeanspp", "random", "first"]),
        "kmeans++ (the default; also written kmeans), random, or first (the first k rows)"),
      ParameterSpec.integer(
        "restarts", in: 1...1_000, "runs kept by lowest inertia; 10 for random when left out, else 1"),
      KMeansArguments.iterations,
      KMeansArguments.tolerance,
      LearningArguments.seed,
      ParameterSpec("trace", .flag, "show every iteration: assignments, centroid moves, inertia"),
    ],
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let options = try KMeansArguments.options(inv, k: try KMeansArguments.k(inv))
      let features = try LearningArguments.features(inv, table)
      let x = try LearningArguments.matrix(inv, table, features)
      var traced = options
      traced.trace = inv.has("trace")
      let settings = traced
      let result = try LearningArguments.run(
        inv, label: "k-means", finish: { "\($0.model.iterations) iterations" }
      ) { cancellation, progress throws(TableError) in
        try KMeans.fit(x, options: settings, cancellation: cancellation, progress: progress)
      }
      let cancellation = inv.cancellation
      let silhouette = try inv.data { () throws(TableError) in
        try Silhouette.summary(x, labels: result.model.labels, seed: settings.seed, cancellation: cancellation)
      }
      if let trace = result.trace {
        for bundle in KMeansTraceDisplay.bundles(trace, model: result.model, x: x, options: inv.session.displayOptions)
        {
          inv.sink.display(bundle, displayID: nil)
        }
      }
      let notes = LearningArguments.scaleNote(x).map { [$0] } ?? []
      return .object(KMeansObject(model: result.model, training: table, silhouette: silhouette, notes: notes))
    })
}

/// Reading the k-means options shared by `kmeans` and `elbow`.
enum KMeansArguments {
  /// The defaults are scikit-learn's `KMeans(max_iter=300, tol=1e-4)`.
  static let iterations = ParameterSpec.integer(
    "iterations", default: KMeansOptions(k: 1).maxIterations, in: 1...1_000_000, "Lloyd iterations per run at most")
  static let tolerance = ParameterSpec.number(
    "tol", default: KMeansOptions(k: 1).tolerance, "stop when the centroid shift ≤ tol × mean feature variance")

  /// `k` as one whole number ≥ 1.
  static func k(_ inv: VerbInvocation) throws(Diagnostic) -> Int {
    guard let k = try inv.int("k") else {
      throw inv.error("'\(inv.spec.name)' needs the number of clusters: \(inv.spec.name) TABLE k 3 on COLUMNS")
    }
    return k
  }

  /// `init`, `restarts`, `iterations`, `tol` and `seed`.
  static func options(_ inv: VerbInvocation, k: Int) throws(Diagnostic) -> KMeansOptions {
    var options = KMeansOptions(k: k)
    if inv.has("init") {
      let word: String?
      if let w = inv.word("init") {
        word = w
      } else {
        word = try inv.string("init")
      }
      switch word {
      case "kmeans", "kmeanspp", "kmeans++", "k-means++": options.initialization = .kmeansPlusPlus
      case "random": options.initialization = .random
      case "first": options.initialization = .first
      default:
        throw inv.error(
          at: "init", "unknown init '\(word ?? "")'", notes: ["init: kmeans++ (or kmeans), random, first"]
        )
        .suggesting(word ?? "", from: ["kmeans++", "random", "first"])
      }
    }
    options.restarts = try inv.int("restarts")
    options.maxIterations = try inv.integer("iterations")
    let tol = try inv.number("tol")
    guard tol >= 0, tol.isFinite else {
      throw inv.error(at: "tol", "'tol' must be 0 or more, not \(ValueFormatter.number(tol))")
    }
    options.tolerance = tol
    options.seed = try inv.seed()
    return options
  }
}
