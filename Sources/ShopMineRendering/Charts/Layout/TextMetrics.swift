/// Estimated rendered width of text, for sizing margins and avoiding label overlap without a font.
///
/// Per-character advance widths (in em) sit between Helvetica/Arial and the wider DejaVu Sans that Linux
/// renderers fall back to; CJK and other wide characters take a full em. Estimates err wide so labels
/// never clip.
public enum TextMetrics {
  /// Width in pixels of `text` at `fontSize`.
  public static func width(_ text: String, fontSize: Double) -> Double {
    var em = 0.0
    for scalar in text.unicodeScalars {
      em += advance(scalar)
    }
    return em * fontSize
  }

  static func advance(_ scalar: Unicode.Scalar) -> Double {
    let v = scalar.value
    if DisplayWidth.isWide(v) { return 1.0 }
    switch scalar {
    case "i", "j", "l", "I", ".", ",", ":", ";", "'", "|", "!", " ": return 0.32
    case "f", "r", "t", "(", ")", "[", "]", "-", "/": return 0.42
    case "m", "w", "M", "W": return 0.95
    case "0"..."9": return 0.64
    case "A"..."Z": return 0.74
    case "a"..."z": return 0.62
    default: return v > 0x2000 ? 0.85 : 0.66
    }
  }

  /// `text` shortened with `…` to fit `maxWidth` pixels.
  public static func truncate(_ text: String, toWidth maxWidth: Double, fontSize: Double) -> String {
    guard width(text, fontSize: fontSize) > maxWidth else { return text }
    var out = ""
    var w = advance("…") * fontSize
    for scalar in text.unicodeScalars {
      let a = advance(scalar) * fontSize
      if w + a > maxWidth { break }
      out.unicodeScalars.append(scalar)
      w += a
    }
    return out + "…"
  }
}

/// A rectangle in pixels.
public struct Rect: Sendable, Hashable {
  public var x: Double
  public var y: Double
  public var width: Double
  public var height: Double

  public init(x: Double, y: Double, width: Double, height: Double) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }

  public var maxX: Double { x + width }
  public var maxY: Double { y + height }
}
