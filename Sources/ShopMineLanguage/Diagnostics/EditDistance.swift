/// Levenshtein distance for "did you mean" suggestions (as swift-argument-parser does for options).
enum EditDistance {
  /// The edit distance between `a` and `b`, counted in Unicode scalars.
  ///
  /// - Complexity: O(|a|·|b|) time, O(|b|) memory; only called on short names.
  static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased().unicodeScalars)
    let y = Array(b.lowercased().unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }

  /// The candidate closest to `word`, if it is close enough to be a plausible typo.
  ///
  /// "Close enough" is at most one edit for short words and a third of the length for longer ones; a
  /// candidate that starts with the word also counts (`desc` → `describe`). Ties keep the first candidate
  /// in the given order, so suggestions are deterministic.
  static func closest(to word: String, in candidates: [String]) -> String? {
    let limit = max(1, word.unicodeScalars.count / 3)
    var best: (name: String, distance: Int)?
    for candidate in candidates where candidate != word {
      let d = distance(word, candidate)
      if d <= limit, best.map({ d < $0.distance }) ?? true {
        best = (candidate, d)
      }
    }
    if best == nil, word.unicodeScalars.count >= 3 {
      return candidates.first { $0.hasPrefix(word) && $0 != word }
    }
    return best?.name
  }
}
