/// Recommends the items most users interacted with (the baseline every learned model must beat).
public struct Popularity: Recommender {
  public var kind: RecommenderKind { .popular }
  public var title: String { "popularity (distinct users per item)" }
  public let data: Interactions
  /// Per item: number of distinct training users.
  public let itemScores: [Float]

  public init(data: Interactions) {
    self.data = data
    itemScores = data.itemUserCounts.map { Float($0) }
  }

  public func scores(forUser user: Int, into scores: inout [Float]) {
    scores.withUnsafeMutableBufferPointer { out in
      for i in 0..<out.count { out[i] = itemScores[i] }
    }
  }
}
