import JupyterProtocol

/// Writes JSON exactly as Python's `json.dumps(obj, indent=1, sort_keys=True, ensure_ascii=False,
/// separators=(",", ": "))` does — the way nbformat and Jupyter write notebooks — so a notebook executed by
/// ShopMine diffs cleanly against one saved by JupyterLab.
///
/// Written by hand because the byte-exact rules (key order by code point, Python's float repr, which
/// characters are escaped) are Python's, not any JSON library's.
enum PythonStyleJSON {
  static func string(_ value: JSONValue) -> String {
    var out = ""
    out.reserveCapacity(4096)
    write(value, level: 0, into: &out)
    return out
  }

  private static func write(_ value: JSONValue, level: Int, into out: inout String) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .double(let d): out += pythonRepr(d)
    case .string(let s): writeString(s, into: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "[\n"
      for (i, item) in items.enumerated() {
        indent(level + 1, into: &out)
        write(item, level: level + 1, into: &out)
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      indent(level, into: &out)
      out += "]"
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      // Python sorts str keys by code point; Swift's String `<` is not that order for all inputs.
      let keys = members.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
      for (i, key) in keys.enumerated() {
        indent(level + 1, into: &out)
        writeString(key, into: &out)
        out += ": "
        write(members[key] ?? .null, level: level + 1, into: &out)
        out += i + 1 < keys.count ? ",\n" : "\n"
      }
      indent(level, into: &out)
      out += "}"
    }
  }

  private static func indent(_ level: Int, into out: inout String) {
    out += String(repeating: " ", count: level)
  }

  /// Python's `repr(float)` for finite values; JSON has no NaN or Infinity, so those become `null`.
  static func pythonRepr(_ d: Double) -> String {
    guard d.isFinite else { return "null" }
    // Swift's description is the shortest round-trip form with the same exponent thresholds as Python
    // (scientific below 1e-4 and from 1e16), differing only in the exponent's spelling.
    var text = d.description
    if let e = text.firstIndex(of: "e") {
      let mantissa = text[..<e]
      var exponent = String(text[text.index(after: e)...])
      var sign = "+"
      if exponent.hasPrefix("-") {
        sign = "-"
        exponent.removeFirst()
      } else if exponent.hasPrefix("+") {
        exponent.removeFirst()
      }
      if exponent.count < 2 { exponent = "0" + exponent }
      text = mantissa + "e" + sign + exponent
    }
    return text
  }

  private static func writeString(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}
