/// Escaping for the markup ShopMine writes: HTML tables and SVG text are both XML-escaped.
public enum Escaping {
  /// Escapes `&`, `<`, `>`, `"` and `'` so `text` is safe in element content and in quoted attributes.
  ///
  /// Also drops C0 control characters other than tab, newline and carriage return: they are not
  /// allowed anywhere in XML 1.0, and one stray byte would make a whole SVG invalid.
  public static func xml(_ text: String) -> String {
    var out = ""
    out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Same as ``xml(_:)``; named for the HTML call sites.
  public static func html(_ text: String) -> String { xml(text) }
}
