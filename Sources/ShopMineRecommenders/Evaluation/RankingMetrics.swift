#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Per-list ranking metrics with the definitions printed under `evaluate`'s table.
public enum RankingMetrics {
  /// hits / k.
  public static func precision(hits: Int, k: Int) -> Double { k > 0 ? Double(hits) / Double(k) : 0 }

  /// hits / |relevant|.
  public static func recall(hits: Int, relevant: Int) -> Double { relevant > 0 ? Double(hits) / Double(relevant) : 0 }

  /// Binary NDCG@k: Σ over hit ranks r of 1/log2(r + 1), divided by the same sum over ranks 1…min(|relevant|, k).
  public static func ndcg(hitRanks: [Int], relevant: Int, k: Int) -> Double {
    var dcg = 0.0
    for r in hitRanks where r <= k { dcg += 1 / log2(Double(r) + 1) }
    var idcg = 0.0
    let ideal = min(relevant, k)
    if ideal > 0 { for r in 1...ideal { idcg += 1 / log2(Double(r) + 1) } }
    return idcg > 0 ? dcg / idcg : 0
  }

  /// AP@k: Σ over hit ranks r of precision@r, divided by min(|relevant|, k).
  public static func averagePrecision(hitRanks: [Int], relevant: Int, k: Int) -> Double {
    let ranks = hitRanks.filter { $0 <= k }.sorted()
    var sum = 0.0
    for (n, r) in ranks.enumerated() { sum += Double(n + 1) / Double(r) }
    let denominator = min(relevant, k)
    return denominator > 0 ? sum / Double(denominator) : 0
  }

  /// −log2(share): the novelty of an item that `users` of `totalUsers` training users interacted with.
  public static func novelty(users: Int, totalUsers: Int) -> Double {
    guard users > 0, totalUsers > 0 else { return 0 }
    return -log2(Double(users) / Double(totalUsers))
  }

  /// 1 − mean pairwise cosine of the given item vectors (sparse, sorted indices); 0 for fewer than 2 items.
  static func intraListDiversity(_ items: [Int], data: Interactions, norms: [Float]) -> Double? {
    guard items.count >= 2 else { return nil }
    var sum = 0.0, pairs = 0
    for a in 0..<items.count {
      for b in (a + 1)..<items.count {
        sum += cosine(items[a], items[b], data: data, norms: norms)
        pairs += 1
      }
    }
    return 1 - sum / Double(pairs)
  }

  static func cosine(_ i: Int, _ j: Int, data: Interactions, norms: [Float]) -> Double {
    let d = Double(norms[i]) * Double(norms[j])
    guard d > 0 else { return 0 }
    var p = data.itemOffsets[i], q = data.itemOffsets[j]
    let pe = data.itemOffsets[i + 1], qe = data.itemOffsets[j + 1]
    var dot = 0.0
    while p < pe && q < qe {
      let a = data.itemUsers[p], b = data.itemUsers[q]
      if a < b {
        p += 1
      } else if a > b {
        q += 1
      } else {
        dot += Double(data.itemValues[p]) * Double(data.itemValues[q])
        p += 1
        q += 1
      }
    }
    return dot / d
  }
}
