import ShopMineData

/// The seam every recommender implements: score all items for a known user, explain a score.
///
/// Scores are only compared within one user. Ranking, filtering of seen items, cold-start fallback and
/// tables live in ``Recommendations`` and work the same for every model.
public protocol Recommender: Sendable {
  /// Short name for summaries and tables ("als", "itemcf"…).
  var kind: RecommenderKind { get }
  /// The training interactions (ids, seen items, popularity).
  var data: Interactions { get }
  /// Writes a score for every item into `scores` (count `data.itemCount`); `-infinity` means "cannot score".
  func scores(forUser user: Int, into scores: inout [Float])
  /// The user's past item that contributed most to `item`'s score (item-based and factor models), or nil.
  func because(user: Int, item: Int) -> Int?
  /// Items most similar to `item`, best first, as (item, similarity), excluding the item itself.
  func similarItems(to item: Int, count: Int) -> [(item: Int, score: Float)]
  /// What the model is, in words, for its summary (`implicit ALS (…)`, `item-kNN, cosine similarity`).
  var title: String { get }
  /// The model's settings in a fixed order, for its summary.
  var settings: [(name: String, value: RecommenderSetting)] { get }
}

/// One setting of a fitted recommender, typed so the display formats numbers its own way.
public enum RecommenderSetting: Sendable, Hashable {
  case int(Int)
  /// A number shown with at most `decimals` decimals, trailing zeros trimmed.
  case number(Double, decimals: Int)
  case range(Double, Double)
  case text(String)
}

/// The recommender families.
public enum RecommenderKind: String, Sendable, Codable, CaseIterable {
  case popular
  case itemcf
  case usercf
  case als
  case svd
}

/// A model that predicts explicit ratings (``SVD``, the kNN models on rated data).
public protocol RatingPredictor: Recommender {
  /// The predicted rating, clipped to the training rating scale; nil when neither user nor item is known
  /// and no global mean is defined.
  func predict(user: Int?, item: Int?) -> Double
}

extension Recommender {
  public func because(user: Int, item: Int) -> Int? { nil }
  public var title: String { kind.rawValue }
  public var settings: [(name: String, value: RecommenderSetting)] { [] }

  /// Default similar items: cosine between items' user vectors (co-occurrence), via ``CosineNeighbors``.
  public func similarItems(to item: Int, count: Int) -> [(item: Int, score: Float)] {
    CosineNeighbors.itemsSimilar(to: item, in: data, count: count)
  }
}

/// Picks the best `k` of `scores` (highest first; ties to the smaller index), skipping `excluded`.
///
/// A bounded insertion list: k is small (≤ 100), so this beats sorting all items and allocates once.
func topK(_ scores: UnsafeBufferPointer<Float>, k: Int, excluded: ArraySlice<Int32>?, into out: inout [(Int, Float)]) {
  out.removeAll(keepingCapacity: true)
  guard k > 0 else { return }
  var ex = excluded?.startIndex ?? 0
  let exEnd = excluded?.endIndex ?? 0
  for i in 0..<scores.count {
    // `excluded` is ascending, so one moving cursor tests membership.
    if let excluded {
      while ex < exEnd && Int(excluded[ex]) < i { ex += 1 }
      if ex < exEnd && Int(excluded[ex]) == i { continue }
    }
    let s = scores[i]
    guard s > -Float.infinity, !s.isNaN else { continue }
    if out.count == k, let last = out.last, !(s > last.1) { continue }
    var pos = out.count
    while pos > 0 && s > out[pos - 1].1 { pos -= 1 }
    if out.count == k { out.removeLast() }
    out.insert((i, s), at: pos)
  }
}
