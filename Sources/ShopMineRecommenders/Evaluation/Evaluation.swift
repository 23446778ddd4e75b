import ShopMineData

/// The scores of one model on held-out data.
public struct EvaluationResult: Sendable, Equatable {
  public var k: Int
  /// Test users with ≥ 1 relevant item (the averages' denominator).
  public var users: Int
  public var precision: Double
  public var recall: Double
  public var ndcg: Double
  public var map: Double
  public var hitRate: Double
  /// Distinct recommended items / items in train.
  public var coverage: Double
  /// Mean over users with ≥ 2 recommendations of 1 − mean pairwise cosine of item vectors (train columns).
  public var diversity: Double
  /// Mean −log2(share of training users who interacted with the item) over all recommended items.
  public var novelty: Double
  /// Rating error on the test rows (rating models given a rating column), else nil.
  public var rmse: Double?
  public var mae: Double?

  /// Metric names in table order, with their definitions (printed under the table).
  public static let definitions: [(String, String)] = [
    ("precision@k", "hits / k"),
    ("recall@k", "hits / |relevant|"),
    ("ndcg@k", "binary gains, log2 discount, IDCG over min(|relevant|, k)"),
    ("map@k", "sum of precision at each hit / min(|relevant|, k)"),
    ("hit_rate", "share of users with at least one hit"),
    ("coverage", "distinct recommended items / items in train"),
    ("diversity", "1 − mean pairwise cosine of item vectors in each list"),
    ("novelty", "mean −log2(share of users who had the item)"),
    ("rmse", "root mean squared rating error on the test rows"),
    ("mae", "mean absolute rating error on the test rows"),
  ]

  /// Values in the order of ``definitions`` (nil for rmse/mae when not computed).
  public var values: [Double?] { [precision, recall, ndcg, map, hitRate, coverage, diversity, novelty, rmse, mae] }

  /// A two-column table `metric`, `value` (rmse/mae rows only when computed).
  public func table() -> Table {
    var names: [String?] = []
    var vals: [Double] = []
    for ((name, _), v) in zip(Self.definitions, values) {
      guard let v else { continue }
      names.append(name.replacingK(k))
      vals.append(v)
    }
    names.append("users")
    vals.append(Double(users))
    return Table(
      uncheckedColumns: [Column(name: "metric", strings: names), Column(name: "value", floats: vals)],
      rowCount: vals.count)
  }
}

extension String {
  /// A metric's name with `@k` written as the cut-off: `precision@k` at 10 → `precision@10`.
  public func replacingK(_ k: Int) -> String {
    guard hasSuffix("@k") else { return self }
    return String(dropLast()) + String(k)
  }
}

/// Held-out evaluation of recommenders.
public enum Evaluation {
  /// Evaluates `model` on `test` (one row per held-out interaction).
  ///
  /// A test user's relevant items are their distinct test items that are not among their training items
  /// when `filterSeen` (those can never be recommended). Averages run over test users with ≥ 1 relevant
  /// item; users unknown to the model get its cold-start list (popular items). RMSE/MAE are computed when
  /// `rating` names a column and the model predicts ratings.
  ///
  /// - Throws: ``TableError`` for unknown columns, k < 1, or cancellation.
  public static func evaluate(
    _ model: any Recommender, test: Table, user: String, item: String, rating: String? = nil, k: Int,
    filterSeen: Bool = true, threads: Int = 2, cancellation: Cancellation = .none, progress: ProgressCallback? = nil
  ) throws(TableError) -> EvaluationResult {
    guard k >= 1 else { throw TableError.invalidArgument("k must be ≥ 1, got \(k)") }
    let data = model.data
    let userColumn = try test.requireColumn(user)
    let itemColumn = try test.requireColumn(item)
    // Relevant sets per test user, in first-appearance order (deterministic).
    var order: [Value] = []
    var relevant: [Value: Set<Value>] = [:]
    for r in 0..<test.rowCount {
      let u = userColumn[r], i = itemColumn[r]
      if u.isMissing || i.isMissing { continue }
      if let ui = data.userIndex(u), let ii = data.itemIndex(i), filterSeen,
        data.items(ofUser: ui).items.contains(Int32(ii))
      {
        continue
      }
      if relevant[u] == nil {
        order.append(u)
        relevant[u] = []
      }
      relevant[u]?.insert(i)
    }
    let lists = try Recommendations.table(
      model, users: order, k: k, filterSeen: filterSeen, explain: false, threads: threads, cancellation: cancellation,
      progress: progress)
    // Walk the table back into per-user lists (rows are grouped by user in `order`).
    let itemCol = lists.columns[2]
    let norms = CosineNeighbors.itemNorms(data)
    let popularity = data.itemUserCounts
    var sums = (precision: 0.0, recall: 0.0, ndcg: 0.0, map: 0.0, hit: 0.0, diversity: 0.0, novelty: 0.0)
    var diversityUsers = 0, recommendedCount = 0
    var recommended = Set<Int>()
    var row = 0
    for u in order {
      let rel = relevant[u] ?? []
      var listItems: [Int] = []
      var hitRanks: [Int] = []
      var rank = 1
      while row < lists.rowCount && lists.columns[0][row] == u {
        let label = itemCol[row]
        if rel.contains(label) { hitRanks.append(rank) }
        if let idx = data.itemIndex(label) {
          listItems.append(idx)
          recommended.insert(idx)
          sums.novelty += RankingMetrics.novelty(users: popularity[idx], totalUsers: data.userCount)
          recommendedCount += 1
        }
        rank += 1
        row += 1
      }
      sums.precision += RankingMetrics.precision(hits: hitRanks.count, k: k)
      sums.recall += RankingMetrics.recall(hits: hitRanks.count, relevant: rel.count)
      sums.ndcg += RankingMetrics.ndcg(hitRanks: hitRanks, relevant: rel.count, k: k)
      sums.map += RankingMetrics.averagePrecision(hitRanks: hitRanks, relevant: rel.count, k: k)
      sums.hit += hitRanks.isEmpty ? 0 : 1
      if let d = RankingMetrics.intraListDiversity(listItems, data: data, norms: norms) {
        sums.diversity += d
        diversityUsers += 1
      }
    }
    let n = Double(max(1, order.count))
    var result = EvaluationResult(
      k: k, users: order.count, precision: sums.precision / n, recall: sums.recall / n, ndcg: sums.ndcg / n,
      map: sums.map / n, hitRate: sums.hit / n,
      coverage: data.itemCount > 0 ? Double(recommended.count) / Double(data.itemCount) : 0,
      diversity: diversityUsers > 0 ? sums.diversity / Double(diversityUsers) : 0,
      novelty: recommendedCount > 0 ? sums.novelty / Double(recommendedCount) : 0, rmse: nil, mae: nil)
    if let rating, let predictor = model as? any RatingPredictor {
      let ratingColumn = try test.requireColumn(rating)
      var se = 0.0, ae = 0.0, m = 0
      for r in 0..<test.rowCount {
        guard let truth = ratingColumn[r].doubleValue else { continue }
        let u = userColumn[r], i = itemColumn[r]
        let p = predictor.predict(
          user: u.isMissing ? nil : data.userIndex(u), item: i.isMissing ? nil : data.itemIndex(i))
        se += (p - truth) * (p - truth)
        ae += abs(p - truth)
        m += 1
      }
      if m > 0 {
        result.rmse = (se / Double(m)).squareRoot()
        result.mae = ae / Double(m)
      }
    }
    return result
  }

  /// Several models side by side: one row per model (`model` plus one column per metric).
  public static func compare(
    _ models: [(name: String, model: any Recommender)], test: Table, user: String, item: String, rating: String? = nil,
    k: Int, cancellation: Cancellation = .none
  ) throws(TableError) -> Table {
    var results: [EvaluationResult] = []
    for entry in models {
      results.append(
        try evaluate(entry.model, test: test, user: user, item: item, rating: rating, k: k, cancellation: cancellation))
    }
    return comparison(models.map(\.name), results, k: k)
  }

  /// One row per model (`model`, then every metric at least one model has, `@k` written as the cut-off),
  /// for ``compare(_:test:user:item:rating:k:cancellation:)`` and the language's `compare`.
  public static func comparison(_ names: [String], _ results: [EvaluationResult], k: Int) -> Table {
    var columns = [Column(name: "model", strings: names)]
    for (index, (name, _)) in EvaluationResult.definitions.enumerated() {
      let values = results.map { $0.values[index] }
      guard values.contains(where: { $0 != nil }) else { continue }
      // A metric a model cannot have (rmse of a model that predicts no ratings) is NaN, shown as "n/a":
      // it does not apply, which is not the same as missing data.
      columns.append(Column(name: name.replacingK(k), floats: values.map { $0 ?? .nan }))
    }
    return Table(uncheckedColumns: columns, rowCount: names.count)
  }

  /// Predicted ratings for every row of `table` (for `predict sv on test as predicted`): a float column.
  public static func predictions(_ model: any RatingPredictor, table: Table, user: String, item: String, name: String)
    throws(TableError) -> Column
  {
    let userColumn = try table.requireColumn(user)
    let itemColumn = try table.requireColumn(item)
    let data = model.data
    var out = [Double](repeating: 0, count: table.rowCount)
    for r in 0..<table.rowCount {
      let u = userColumn[r], i = itemColumn[r]
      out[r] = model.predict(user: u.isMissing ? nil : data.userIndex(u), item: i.isMissing ? nil : data.itemIndex(i))
    }
    return Column(name: name, floats: out)
  }
}
