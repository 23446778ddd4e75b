import Dispatch
import ShopMineData
import Synchronization

/// One entry of a recommendation list.
public struct Recommendation: Sendable, Equatable {
  /// 1-based rank.
  public var rank: Int
  /// Item index in the model's ``Interactions``.
  public var item: Int
  /// The item's original id.
  public var itemLabel: Value
  public var score: Float
  /// The user's past item that contributed most (item-based and factor models), as an original id.
  public var because: Value?
}

/// Column names of recommendation tables.
public enum RecommendationColumns {
  public static let user = "user"
  public static let rank = "rank"
  public static let item = "item"
  public static let score = "score"
  public static let because = "because"
}

/// Top-k lists for one or many users, with seen-item filtering, cold-start fallback and explanations.
public enum Recommendations {
  /// Recommends `k` items to the user with id `user`.
  ///
  /// Items the user already has in training are skipped when `filterSeen`. A user unknown to the model gets
  /// the most popular items (no "because"). When the model scores fewer than `k` items (kNN models), the
  /// list is completed with popular items.
  public static func recommend(
    _ model: any Recommender, user: Value, k: Int, filterSeen: Bool = true, explain: Bool = true
  ) -> [Recommendation] {
    var scratch = Scratch(itemCount: model.data.itemCount)
    let popular = popularityOrder(model.data)
    return recommend(
      model, userIndex: model.data.userIndex(user), k: k, filterSeen: filterSeen, explain: explain,
      popular: popular, scratch: &scratch)
  }

  struct Scratch {
    var scores: [Float]
    var best: [(Int, Float)] = []
    init(itemCount: Int) { scores = [Float](repeating: 0, count: itemCount) }
  }

  /// Item indices by descending popularity (ties: smaller id first).
  static func popularityOrder(_ data: Interactions) -> [Int] {
    let counts = data.itemUserCounts
    return (0..<data.itemCount).sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
  }

  static func recommend(
    _ model: any Recommender, userIndex: Int?, k: Int, filterSeen: Bool, explain: Bool, popular: [Int],
    scratch: inout Scratch
  ) -> [Recommendation] {
    let data = model.data
    var chosen: [(Int, Float)] = []
    var seen: ArraySlice<Int32>? = nil
    if let u = userIndex {
      seen = filterSeen ? data.items(ofUser: u).items : nil
      model.scores(forUser: u, into: &scratch.scores)
      scratch.scores.withUnsafeBufferPointer { topK($0, k: k, excluded: seen, into: &scratch.best) }
      chosen = scratch.best
    }
    if chosen.count < k {
      // Cold start or too few scored items: complete with popular items.
      let counts = data.itemUserCounts
      var taken = Set(chosen.map(\.0))
      for j in popular where chosen.count < k {
        if taken.contains(j) { continue }
        if let seen, seen.contains(Int32(j)) { continue }
        taken.insert(j)
        chosen.append((j, userIndex == nil ? Float(counts[j]) : 0))
      }
    }
    var explainer: ALSExplainer? = nil
    if explain, let u = userIndex, let als = model as? ALS { explainer = ALSExplainer(model: als, user: u) }
    return chosen.enumerated().map { rank, entry in
      var reason: Value? = nil
      if explain, let u = userIndex {
        let b = explainer.map { $0.because(item: entry.0) } ?? model.because(user: u, item: entry.0)
        reason = b.map { data.itemLabels[$0] }
      }
      return Recommendation(
        rank: rank + 1, item: entry.0, itemLabel: data.itemLabels[entry.0], score: entry.1,
        because: reason)
    }
  }

  /// Recommendations for many users as a table: `user`, `rank`, `item`, `score`, `because` (missing when
  /// there is no reason). `users == nil` means every training user, in id order.
  ///
  /// Users are split into chunks over `threads` workers; results are assembled in user order.
  /// - Complexity: O(users · items · f) for factor models, plus one f³ factorisation per user to explain ALS.
  public static func table(
    _ model: any Recommender, users: [Value]? = nil, k: Int, filterSeen: Bool = true, explain: Bool = true,
    threads: Int = 2, cancellation: Cancellation = .none, progress: ProgressCallback? = nil
  ) throws(TableError) -> Table {
    guard k >= 1 else { throw TableError.invalidArgument("top must be ≥ 1, got \(k)") }
    let data = model.data
    let labels = users ?? data.userLabels
    let indices = labels.map { data.userIndex($0) }
    let popular = popularityOrder(data)
    let chunks = max(1, min(labels.count, max(1, threads) * 16))
    let results = Mutex<[[[Recommendation]]]>(Array(repeating: [], count: chunks))
    let done = Atomic<Int>(0)
    ComputeThreads.perform(iterations: chunks) { chunk in
      let lo = labels.count * chunk / chunks, hi = labels.count * (chunk + 1) / chunks
      var scratch = Scratch(itemCount: data.itemCount)
      var out: [[Recommendation]] = []
      for p in lo..<hi {
        if cancellation.isCancelled { break }
        out.append(
          recommend(
            model, userIndex: indices[p], k: k, filterSeen: filterSeen, explain: explain,
            popular: popular, scratch: &scratch))
      }
      let finished = out
      results.withLock { $0[chunk] = finished }
      let n = done.wrappingAdd(hi - lo, ordering: .relaxed).newValue
      progress?(n, labels.count, "recommend")
    }
    try cancellation.check()
    let lists = results.withLock { $0 }.flatMap { $0 }
    var userValues: [Value] = []
    var ranks: [Int64] = []
    var items: [Value] = []
    var scores: [Double] = []
    var reasons: [Value] = []
    for (p, list) in lists.enumerated() {
      for r in list {
        userValues.append(labels[p])
        ranks.append(Int64(r.rank))
        items.append(r.itemLabel)
        scores.append(Double(r.score))
        reasons.append(r.because ?? .missing)
      }
    }
    return Table(
      uncheckedColumns: [
        valueColumn(RecommendationColumns.user, userValues),
        Column(name: RecommendationColumns.rank, ints: ranks),
        valueColumn(RecommendationColumns.item, items),
        Column(name: RecommendationColumns.score, floats: scores),
        valueColumn(RecommendationColumns.because, reasons),
      ], rowCount: ranks.count)
  }

  /// Items most similar to the item with id `item`: `rank`, `item`, `score` (similarity).
  ///
  /// - Throws: ``TableError`` when the item is not in the training data.
  public static func similarTable(_ model: any Recommender, item: Value, k: Int) throws(TableError) -> Table {
    guard let index = model.data.itemIndex(item) else {
      throw TableError.invalidArgument("item \(labelText(item)) is not in the model's training data")
    }
    let list = model.similarItems(to: index, count: k)
    return Table(
      uncheckedColumns: [
        Column(name: RecommendationColumns.rank, ints: list.indices.map { Int64($0 + 1) }),
        valueColumn(RecommendationColumns.item, list.map { model.data.itemLabels[$0.item] }),
        Column(name: RecommendationColumns.score, floats: list.map { Double($0.score) }),
      ], rowCount: list.count)
  }
}

/// A column holding ids of the type they came in (ints stay ints, strings strings); missing where `.missing`.
func valueColumn(_ name: String, _ values: [Value]) -> Column {
  let type = values.lazy.compactMap(\.columnType).first ?? .int
  let valid = ValidityMask(values.map { !$0.isMissing })
  switch type {
  case .int:
    return Column(
      name: name, ints: values.map { if case .int(let i) = $0 { return i } else { return 0 } }, validity: valid)
  case .timestamp:
    return Column(
      name: name, timestamps: values.map { if case .timestamp(let i) = $0 { return i } else { return 0 } },
      validity: valid)
  case .float:
    return Column(name: name, floats: values.map { $0.doubleValue ?? .nan }, validity: valid)
  case .bool:
    return Column(
      name: name, bools: values.map { if case .bool(let b) = $0 { return b } else { return false } },
      validity: valid)
  case .string:
    return Column(
      name: name,
      strings: values.map { v -> String? in
        if case .string(let s) = v { return s }
        return v.isMissing ? nil : labelText(v)
      })
  }
}
