import ShopMineData

/// Item-based collaborative filtering: score(u, j) = Σ over u's items i with j among i's neighbours of
/// sim(i, j) · r(u, i).
public struct ItemKNN: RatingPredictor {
  public var kind: RecommenderKind { .itemcf }
  public var title: String { "item-kNN, \(options.similarity.rawValue) similarity" }
  public var settings: [(name: String, value: RecommenderSetting)] { options.settings }
  public let data: Interactions
  public let options: NeighborhoodOptions
  let lists: NeighborLists
  let globalMean: Double

  /// Computes every item's top-`neighbors` list.
  ///
  /// - Complexity: O(Σ over users of (items per user)²).
  public init(
    data: Interactions, options: NeighborhoodOptions = NeighborhoodOptions(), cancellation: Cancellation = .none
  )
    throws(TableError)
  {
    guard options.neighbors >= 1 else {
      throw TableError.invalidArgument("neighbors must be ≥ 1, got \(options.neighbors)")
    }
    guard options.shrinkage >= 0 else {
      throw TableError.invalidArgument("shrinkage must be ≥ 0, got \(options.shrinkage)")
    }
    self.data = data
    self.options = options
    lists = try NeighborLists.compute(
      rowOffsets: data.itemOffsets, rowIndices: data.itemUsers, rowValues: data.itemValues,
      colOffsets: data.userOffsets, colIndices: data.userItems, colValues: data.userValues, options: options,
      explicit: options.explicitRatings ?? data.hasValues, cancellation: cancellation)
    globalMean = data.rowValues.reduce(0, +) / Double(max(1, data.rowValues.count))
  }

  public func scores(forUser user: Int, into scores: inout [Float]) {
    for j in 0..<scores.count { scores[j] = -.infinity }
    let (items, values) = data.items(ofUser: user)
    for (i, r) in zip(items, values) {
      for k in lists.list(Int(i)) {
        let j = Int(lists.neighbors[k])
        let add = lists.similarities[k] * r
        scores[j] = scores[j] == -.infinity ? add : scores[j] + add
      }
    }
  }

  public func because(user: Int, item: Int) -> Int? {
    var best: Int? = nil
    var bestScore: Float = 0
    let (items, values) = data.items(ofUser: user)
    for (i, r) in zip(items, values) {
      if let s = lists.similarity(Int(i), item), s * r > bestScore {
        bestScore = s * r
        best = Int(i)
      }
    }
    return best
  }

  public func similarItems(to item: Int, count: Int) -> [(item: Int, score: Float)] {
    guard item >= 0, item < data.itemCount else { return [] }
    return lists.list(item).prefix(count).map { (item: Int(lists.neighbors[$0]), score: lists.similarities[$0]) }
  }

  /// KNNBasic's estimate: Σ sim·r / Σ sim over the user's rated items among the item's neighbours; the
  /// user's mean (then the global mean) when none is a neighbour.
  public func predict(user: Int?, item: Int?) -> Double {
    let scale = data.valueRange
    guard let user else { return min(max(globalMean, scale.lowerBound), scale.upperBound) }
    let (items, values) = data.items(ofUser: user)
    var num = 0.0, den = 0.0
    if let item {
      for (i, r) in zip(items, values) {
        if let s = lists.similarity(item, Int(i)) {
          num += Double(s) * Double(r)
          den += Double(s)
        }
      }
    }
    let est: Double
    if den > 0 {
      est = num / den
    } else if !values.isEmpty {
      est = Double(values.reduce(0, +)) / Double(values.count)
    } else {
      est = globalMean
    }
    return min(max(est, scale.lowerBound), scale.upperBound)
  }
}

/// User-based collaborative filtering: score(u, j) = Σ over u's neighbours v of sim(u, v) · r(v, j).
public struct UserKNN: RatingPredictor {
  public var kind: RecommenderKind { .usercf }
  public var title: String { "user-kNN, \(options.similarity.rawValue) similarity" }
  public var settings: [(name: String, value: RecommenderSetting)] { options.settings }
  public let data: Interactions
  public let options: NeighborhoodOptions
  let lists: NeighborLists
  let globalMean: Double

  /// Computes every user's top-`neighbors` list.
  ///
  /// - Complexity: O(Σ over items of (users per item)²).
  public init(
    data: Interactions, options: NeighborhoodOptions = NeighborhoodOptions(), cancellation: Cancellation = .none
  )
    throws(TableError)
  {
    guard options.neighbors >= 1 else {
      throw TableError.invalidArgument("neighbors must be ≥ 1, got \(options.neighbors)")
    }
    guard options.shrinkage >= 0 else {
      throw TableError.invalidArgument("shrinkage must be ≥ 0, got \(options.shrinkage)")
    }
    self.data = data
    self.options = options
    lists = try NeighborLists.compute(
      rowOffsets: data.userOffsets, rowIndices: data.userItems, rowValues: data.userValues,
      colOffsets: data.itemOffsets, colIndices: data.itemUsers, colValues: data.itemValues, options: options,
      explicit: options.explicitRatings ?? data.hasValues, cancellation: cancellation)
    globalMean = data.rowValues.reduce(0, +) / Double(max(1, data.rowValues.count))
  }

  public func scores(forUser user: Int, into scores: inout [Float]) {
    for j in 0..<scores.count { scores[j] = -.infinity }
    for k in lists.list(user) {
      let v = Int(lists.neighbors[k])
      let s = lists.similarities[k]
      let (items, values) = data.items(ofUser: v)
      for (j, r) in zip(items, values) {
        let add = s * r
        scores[Int(j)] = scores[Int(j)] == -.infinity ? add : scores[Int(j)] + add
      }
    }
  }

  /// KNNBasic (user-based): Σ sim·r / Σ sim over the neighbours who rated the item.
  public func predict(user: Int?, item: Int?) -> Double {
    let scale = data.valueRange
    var num = 0.0, den = 0.0
    if let user, let item {
      for k in lists.list(user) {
        let v = Int(lists.neighbors[k])
        let (items, values) = data.items(ofUser: v)
        // Items of v are ascending: binary search for `item`.
        var lo = items.startIndex, hi = items.endIndex
        while lo < hi {
          let mid = (lo + hi) / 2
          if Int(items[mid]) < item { lo = mid + 1 } else { hi = mid }
        }
        if lo < items.endIndex && Int(items[lo]) == item {
          num += Double(lists.similarities[k]) * Double(values[lo])
          den += Double(lists.similarities[k])
        }
      }
    }
    var est = globalMean
    if den > 0 {
      est = num / den
    } else if let user {
      let values = data.items(ofUser: user).values
      if !values.isEmpty { est = Double(values.reduce(0, +)) / Double(values.count) }
    }
    return min(max(est, scale.lowerBound), scale.upperBound)
  }
}
