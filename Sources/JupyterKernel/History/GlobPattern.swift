/// A shell-style glob as IPython's history search uses it: `*` matches any run, `?` one character, and the
/// whole input must match (SQLite `GLOB` semantics, case-sensitive).
struct GlobPattern: Sendable, Hashable {
  private let pattern: [Unicode.Scalar]

  init(_ pattern: String) {
    self.pattern = Array(pattern.unicodeScalars)
  }

  /// Whether `text` matches.
  ///
  /// - Complexity: O(n·m) worst case: the classic two-pointer matcher that backtracks only to the last `*`,
  ///   so hostile patterns like `*a*a*a*b` cannot make it exponential.
  func matches(_ text: String) -> Bool {
    let text = Array(text.unicodeScalars)
    var t = 0
    var p = 0
    var starP = -1
    var starT = 0
    while t < text.count {
      if p < pattern.count, pattern[p] == "?" || (pattern[p] != "*" && pattern[p] == text[t]) {
        t += 1
        p += 1
      } else if p < pattern.count, pattern[p] == "*" {
        starP = p
        starT = t
        p += 1
      } else if starP >= 0 {
        p = starP + 1
        starT += 1
        t = starT
      } else {
        return false
      }
    }
    while p < pattern.count, pattern[p] == "*" { p += 1 }
    return p == pattern.count
  }
}
