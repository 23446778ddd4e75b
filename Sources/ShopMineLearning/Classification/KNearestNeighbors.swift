import ShopMineData

/// A k-nearest-neighbours classifier that predicts as scikit-learn's `KNeighborsClassifier` does.
///
/// Neighbours are the `k` training rows nearest by (distance, row): among equidistant rows the earlier one
/// is taken. Uniform weights vote one each; distance weights vote 1/d, and when some neighbours are at
/// distance 0 only those vote (scikit-learn's rule). The class with the highest total wins; equal totals go
/// to the smallest class.
public struct KNNModel: Classifier, Hashable, Codable {
  /// How neighbours vote.
  public enum Weights: String, Sendable, Hashable, Codable, CaseIterable {
    case uniform
    case distance
  }

  public var encoding: FeatureEncoding
  public var classes: [ClassValue]
  public var k: Int
  public var weights: Weights
  public var metric: DistanceMetric
  /// The training rows (kNN keeps its data), row-major.
  public var trainingPoints: [Double]
  public var trainingLabels: [Int32]

  /// "Fits" by storing the training data; `k` may not exceed the number of rows.
  public static func fit(
    _ data: TrainingData, k: Int = 5, weights: Weights = .uniform, metric: DistanceMetric = .euclidean
  ) throws(TableError) -> KNNModel {
    guard k >= 1, k <= data.x.rowCount else {
      throw .invalidArgument("knn needs 1 ≤ k ≤ \(data.x.rowCount) training rows, got k = \(k)")
    }
    return KNNModel(
      encoding: data.x.encoding, classes: data.y.classes, k: k, weights: weights, metric: metric,
      trainingPoints: data.x.values, trainingLabels: data.y.codes)
  }

  public func probabilities(_ x: FeatureMatrix) throws(TableError) -> [Double] {
    try probabilities(x, cancellation: .none)
  }

  /// Class probabilities (vote shares) per row; cancellable for large query sets.
  ///
  /// - Complexity: about O(m log n) for m queries against n training rows in low dimensions.
  public func probabilities(_ x: FeatureMatrix, cancellation: Cancellation) throws(TableError) -> [Double] {
    try requireWidth(x)
    let d = x.columnCount
    let n = trainingLabels.count
    let classCount = classes.count
    let tree = try KDTree(points: trainingPoints, n: n, d: d, metric: metric, cancellation: cancellation)
    var out = [Double](repeating: 0, count: x.rowCount * classCount)
    let ranges = Parallel.chunks(count: x.rowCount, chunkRows: 2048)
    let k = self.k
    let weights = self.weights
    let metric = self.metric
    let labels = trainingLabels
    x.values.withUnsafeBufferPointer { xp in
      out.withUnsafeMutableBufferPointer { op in
        guard let xb = xp.baseAddress, let ob = op.baseAddress else { return }
        Parallel.forEachChunk(ranges) { _, range in
          if cancellation.isCancelled { return }
          var heap: [(Double, Int32)] = []
          heap.reserveCapacity(k)
          for i in range {
            tree.nearest(query: xb + i * d, k: k, heap: &heap)
            let row = ob + i * classCount
            let exact = heap.contains { $0.0 == 0 }
            for (reduced, r) in heap {
              let w: Double
              switch weights {
              case .uniform: w = 1
              case .distance: w = exact ? (reduced == 0 ? 1 : 0) : 1 / metric.expand(reduced)
              }
              row[Int(labels[Int(r)])] += w
            }
            var total = 0.0
            for c in 0..<classCount { total += row[c] }
            if total > 0 { for c in 0..<classCount { row[c] /= total } }
          }
        }
      }
    }
    try cancellation.check()
    return out
  }
}
