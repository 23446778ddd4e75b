/// Every Lloyd iteration of a k-means run, for the teaching walk-through (`kmeans … trace`).
public struct KMeansTrace: Sendable, Hashable, Codable {
  /// One iteration: the assignment made with the previous centroids, then the centroids it produced.
  public struct Step: Sendable, Hashable, Codable {
    /// 1-based iteration number.
    public var iteration: Int
    /// Cluster of each row after this assignment step.
    public var labels: [Int32]
    /// Centroids after the update step (one row per cluster).
    public var centroids: [[Double]]
    /// Euclidean distance each centroid moved in the update step.
    public var moves: [Double]
    /// Inertia of this assignment, measured against the centroids it was made with.
    public var inertia: Double
    /// Rows whose cluster changed in this step (all rows at iteration 1).
    public var reassigned: Int
    /// Clusters that were empty and were given the farthest point (scikit-learn's relocation).
    public var relocated: [Int]
  }

  /// Centroids the run started from.
  public var initialCentroids: [[Double]]
  public var steps: [Step]
}
