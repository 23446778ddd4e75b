import JupyterProtocol

/// Writes JSON exactly as Python's `json.dumps(obj, indent=1, sort_keys=True, ensure_ascii=False,
/// separators=(",", ": "))` does — the way nbformat and Jupyter write notebooks — so a notebook executed by
/// ShopMine diffs cleanly against one saved by JupyterLab.
///
/// Written by hand because the byte-exact rules (key order by code point, Python's float repr, which
/// characters are escaped) are Python's, not any JSON library's.
enum PythonStyleJSON {
  static func string(_ value: JSONValue) -> String {
    String(decoding: bytes(value), as: UTF8.self)
  }

  /// The same text as UTF-8 bytes. Written into one byte buffer: strings are copied run by run between the
  /// characters that need escaping (appending to a `String` scalar by scalar cost about 0.1 µs a scalar,
  /// and the headless runner writes the whole notebook after every cell).
  static func bytes(_ value: JSONValue) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(4096)
    write(value, level: 0, into: &out)
    return out
  }

  private static func write(_ value: JSONValue, level: Int, into out: inout [UInt8]) {
    switch value {
    case .null: out += "null".utf8
    case .bool(let b): out += (b ? "true" : "false").utf8
    case .int(let i): out += String(i).utf8
    case .double(let d): out += pythonRepr(d).utf8
    case .string(let s): JSONWriter.writeString(s, into: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]".utf8
        return
      }
      out += "[\n".utf8
      for (i, item) in items.enumerated() {
        indent(level + 1, into: &out)
        write(item, level: level + 1, into: &out)
        out += (i + 1 < items.count ? ",\n" : "\n").utf8
      }
      indent(level, into: &out)
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      if members.isEmpty {
        out += "{}".utf8
        return
      }
      out += "{\n".utf8
      // Python sorts str keys by code point; Swift's String `<` is not that order for all inputs.
      let keys = members.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
      for (i, key) in keys.enumerated() {
        indent(level + 1, into: &out)
        JSONWriter.writeString(key, into: &out)
        out += ": ".utf8
        write(members[key] ?? .null, level: level + 1, into: &out)
        out += (i + 1 < keys.count ? ",\n" : "\n").utf8
      }
      indent(level, into: &out)
      out.append(UInt8(ascii: "}"))
    }
  }

  private static func indent(_ level: Int, into out: inout [UInt8]) {
    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level))
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
}
