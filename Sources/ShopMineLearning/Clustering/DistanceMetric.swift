/// A distance between feature vectors.
public enum DistanceMetric: String, Sendable, Hashable, Codable, CaseIterable {
  /// √Σ(xᵢ − yᵢ)².
  case euclidean
  /// Σ|xᵢ − yᵢ|.
  case manhattan

  /// The monotone "reduced" distance used for comparisons (squared for euclidean), as scikit-learn's trees
  /// compare `rdist` against a reduced radius so equal inputs give equal decisions.
  @inline(__always)
  func reduced(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int) -> Double {
    var s = 0.0
    switch self {
    case .euclidean:
      for f in 0..<d {
        let t = a[f] - b[f]
        s += t * t
      }
    case .manhattan:
      for f in 0..<d { s += abs(a[f] - b[f]) }
    }
    return s
  }

  /// Converts a distance to the reduced scale.
  @inline(__always)
  func reduce(_ distance: Double) -> Double { self == .euclidean ? distance * distance : distance }

  /// Converts a reduced distance back to a distance.
  @inline(__always)
  func expand(_ reduced: Double) -> Double { self == .euclidean ? reduced.squareRoot() : reduced }
}
