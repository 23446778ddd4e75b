/// The one escaper for markup in rich outputs, reports and highlighted code: HTML and SVG text alike.
public enum Escaping {
  /// Escapes `&`, `<`, `>`, `"` and `'`, so `text` is safe in element content and in quoted attributes.
  ///
  /// Also drops C0 control characters other than tab, newline and carriage return: they are not
  /// allowed anywhere in XML 1.0, and one stray byte would make a whole SVG invalid.
  public static func xml(_ text: String) -> String { escape(text, apostrophe: true, dropControls: true) }

  /// Same as ``xml(_:)``; named for the HTML call sites.
  public static func html(_ text: String) -> String { xml(text) }

  /// Text shown in HTML exactly as it was written (source code, stream output, an error message):
  /// escapes `&`, `<`, `>` and `"` and keeps every other scalar, so unescaping gives the text back.
  /// Apostrophes stay as typed (such markup quotes its attributes with `"`).
  public static func verbatim(_ text: String) -> String { escape(text, apostrophe: false, dropControls: false) }

  private static func escape(_ text: String, apostrophe: Bool, dropControls: Bool) -> String {
    var out = ""
    out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'" where apostrophe: out += "&#39;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        if dropControls, scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
