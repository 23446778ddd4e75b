/// Monospace display width of text, for aligning `text/plain` tables that contain CJK.
///
/// East Asian wide and fullwidth characters take two terminal cells; combining marks take none. The
/// ranges are the common blocks of Unicode's EastAsianWidth W/F classes — enough for CJK ideographs,
/// kana, Hangul, fullwidth forms and emoji — without a full table.
public enum DisplayWidth {
  /// Terminal cells `text` occupies.
  public static func of(_ text: String) -> Int {
    var width = 0
    for scalar in text.unicodeScalars { width += cells(scalar) }
    return width
  }

  /// Cells of one scalar: 0 for combining marks and zero-width characters, 2 for wide, else 1.
  public static func cells(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) || v == 0xFE0F { return 0 }
    return isWide(v) ? 2 : 1
  }

  /// Whether a scalar is East Asian wide or fullwidth.
  public static func isWide(_ v: UInt32) -> Bool {
    switch v {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
      return true
    default:
      return false
    }
  }

  /// `text` cut to at most `maxWidth` cells, ending in `…` when something was removed.
  public static func truncate(_ text: String, to maxWidth: Int) -> String {
    guard maxWidth > 0 else { return "" }
    guard of(text) > maxWidth else { return text }
    var out = ""
    var width = 0
    for scalar in text.unicodeScalars {
      let w = cells(scalar)
      if width + w > maxWidth - 1 { break }
      out.unicodeScalars.append(scalar)
      width += w
    }
    return out + "…"
  }

  /// `text` padded with spaces to `width` cells, on the left (`rightAlign`) or right.
  public static func pad(_ text: String, to width: Int, rightAlign: Bool) -> String {
    let missing = width - of(text)
    guard missing > 0 else { return text }
    let spaces = String(repeating: " ", count: missing)
    return rightAlign ? spaces + text : text + spaces
  }
}
