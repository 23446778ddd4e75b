/// Converts Jupyter cursor positions, which count Unicode code points (scalars), to string indices.
///
/// Since protocol 5.2 `cursor_pos` counts code points, so an emoji before the cursor counts 1 (it is 2 UTF-16
/// units and 4 UTF-8 bytes). Clients may send positions past the end or negative ones; those are clamped
/// rather than trusted.
public enum CodePointCursor {
  /// `cursor` clamped to `0...code.unicodeScalars.count`; `nil` (no cursor sent) means the end of `code`.
  ///
  /// - Complexity: O(n) in the number of scalars of `code`.
  public static func clamp(_ cursor: Int?, in code: String) -> Int {
    let count = code.unicodeScalars.count
    guard let cursor else { return count }
    return min(max(cursor, 0), count)
  }

  /// The index of the scalar at code point offset `cursor` (clamped), usable to slice `code`.
  ///
  /// - Complexity: O(n) in `cursor`.
  public static func index(of cursor: Int, in code: String) -> String.Index {
    let scalars = code.unicodeScalars
    return scalars.index(scalars.startIndex, offsetBy: max(0, cursor), limitedBy: scalars.endIndex)
      ?? scalars.endIndex
  }

  /// The code point offset of `index` in `code`.
  public static func offset(of index: String.Index, in code: String) -> Int {
    let scalars = code.unicodeScalars
    return scalars.distance(from: scalars.startIndex, to: min(index, scalars.endIndex))
  }

  /// The code point offset equivalent to `utf16Offset` UTF-16 units (what protocol ≤ 5.1 clients send).
  public static func codePoints(fromUTF16 utf16Offset: Int, in code: String) -> Int {
    // An offset inside a surrogate pair rounds down to the scalar that contains it.
    var units = 0
    var points = 0
    for scalar in code.unicodeScalars {
      let width = scalar.utf16.count
      if units + width > utf16Offset { break }
      units += width
      points += 1
    }
    return points
  }
}
