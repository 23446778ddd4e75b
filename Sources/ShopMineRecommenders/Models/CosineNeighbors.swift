/// Cosine similarity between items' user vectors, computed on demand for one item.
enum CosineNeighbors {
  /// Items most similar to `item` by cosine of their (value-weighted) user vectors, best first.
  ///
  /// - Complexity: O(Σ over the item's users of their item counts).
  static func itemsSimilar(to item: Int, in data: Interactions, count: Int) -> [(item: Int, score: Float)] {
    guard item >= 0, item < data.itemCount else { return [] }
    var dot = [Float](repeating: 0, count: data.itemCount)
    for k in data.itemOffsets[item]..<data.itemOffsets[item + 1] {
      let u = Int(data.itemUsers[k])
      let w = data.itemValues[k]
      for j in data.userOffsets[u]..<data.userOffsets[u + 1] { dot[Int(data.userItems[j])] += w * data.userValues[j] }
    }
    let norms = itemNorms(data)
    var scores = [Float](repeating: -.infinity, count: data.itemCount)
    for j in 0..<data.itemCount where j != item && dot[j] > 0 { scores[j] = dot[j] / (norms[item] * norms[j]) }
    var out: [(Int, Float)] = []
    scores.withUnsafeBufferPointer { topK($0, k: count, excluded: nil, into: &out) }
    return out.map { (item: $0.0, score: $0.1) }
  }

  static func itemNorms(_ data: Interactions) -> [Float] {
    (0..<data.itemCount).map { i in
      var s: Float = 0
      for k in data.itemOffsets[i]..<data.itemOffsets[i + 1] { s += data.itemValues[k] * data.itemValues[k] }
      return s.squareRoot()
    }
  }
}
