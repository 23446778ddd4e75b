/// Settings of a k-means fit; defaults follow scikit-learn's `KMeans`.
public struct KMeansOptions: Sendable, Hashable, Codable {
  /// How the first centroids are chosen.
  public enum Initialization: String, Sendable, Hashable, Codable, CaseIterable {
    /// scikit-learn's greedy k-means++ (2 + ⌊ln k⌋ candidate centres per step, keep the best).
    case kmeansPlusPlus = "kmeans++"
    /// `k` distinct rows drawn uniformly (the first `k` of a seeded shuffle).
    case random
    /// The first `k` rows, for reproducible teaching and cross-checks with `KMeans(init=X[:k])`.
    case first
  }

  /// Number of clusters.
  public var k: Int
  public var initialization: Initialization
  /// Independent runs, keeping the lowest inertia; `nil` is scikit-learn's `n_init="auto"` (10 for random, else 1).
  public var restarts: Int?
  /// Lloyd iterations per run at most (scikit-learn's `max_iter`).
  public var maxIterations: Int
  /// Relative tolerance: a run stops when the squared centroid shift totals at most
  /// `tolerance × mean feature variance` (scikit-learn's `_tolerance`).
  public var tolerance: Double
  /// Seed of the generator behind `kmeans++` and `random`.
  public var seed: UInt64
  /// Records every iteration of the best run (see ``KMeansTrace``).
  public var trace: Bool

  public init(
    k: Int, initialization: Initialization = .kmeansPlusPlus, restarts: Int? = nil, maxIterations: Int = 300,
    tolerance: Double = 1e-4, seed: UInt64 = 0, trace: Bool = false
  ) {
    self.k = k
    self.initialization = initialization
    self.restarts = restarts
    self.maxIterations = maxIterations
    self.tolerance = tolerance
    self.seed = seed
    self.trace = trace
  }

  /// The number of runs actually made.
  public var effectiveRestarts: Int { restarts ?? (initialization == .random ? 10 : 1) }
}
