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
    case .string(let s): writeString(s, into: &out)
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
        writeString(key, into: &out)
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

  /// A JSON string as `json.dumps(ensure_ascii=False)` writes it: `"` and `\\` escaped, \n \r \t \b \f by
  /// name, other controls below U+0020 as `\\u00XX`, everything else (DEL and non-ASCII included) as is.
  /// Only ASCII bytes are ever escaped, so the UTF-8 runs between them are copied whole.
  private static func writeString(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var s = s
    s.withUTF8 { bytes in
      var run = 0
      for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
        run = i + 1
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        default:
          out += "u00".utf8
          out.append(hexDigits[Int(byte >> 4)])
          out.append(hexDigits[Int(byte & 0xF)])
        }
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
    }
    out.append(UInt8(ascii: "\""))
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)
}
