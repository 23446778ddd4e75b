/// Writes ``JSONValue`` documents as compact UTF-8 JSON bytes.
///
/// Deterministic: with ``Options/sortedKeys`` (the default) object keys are written in ascending UTF-8 byte
/// order (= code point order, as Python's `sort_keys=True`), so the same value always gives the same bytes.
/// Non-finite doubles (`NaN`, `±Infinity`) are written as `null`: they are not JSON, and browsers and
/// `json.loads(..., strict)` readers reject them. Non-ASCII text is written as raw UTF-8, like jupyter_client.
///
/// - Complexity: O(n) in the size of the output, plus O(k log k) per object of k keys when sorting.
public struct JSONWriter: Sendable {
  /// How the writer lays out its output.
  public struct Options: Sendable, Hashable {
    /// Write object keys in ascending code point order (byte-stable output).
    public var sortedKeys: Bool
    public init(sortedKeys: Bool = true) { self.sortedKeys = sortedKeys }
  }

  public var options: Options

  public init(options: Options = Options()) {
    self.options = options
  }

  /// The UTF-8 bytes of `value`.
  public func bytes(_ value: JSONValue) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    write(value, into: &out)
    return out
  }

  /// `value` as a JSON string.
  public func string(_ value: JSONValue) -> String {
    String(decoding: bytes(value), as: UTF8.self)
  }

  /// Appends `value` to `out`.
  public func write(_ value: JSONValue, into out: inout [UInt8]) {
    switch value {
    case .null: out.append(contentsOf: Self.nullBytes)
    case .bool(let b): out.append(contentsOf: b ? Self.trueBytes : Self.falseBytes)
    case .int(let i): out.append(contentsOf: String(i).utf8)
    case .double(let d): Self.writeDouble(d, into: &out)
    case .string(let s): Self.writeString(s, into: &out)
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        write(item, into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      var first = true
      if options.sortedKeys {
        // Byte order of UTF-8 equals code point order, and is the same on every machine and locale.
        for key in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
          if !first { out.append(UInt8(ascii: ",")) }
          first = false
          Self.writeString(key, into: &out)
          out.append(UInt8(ascii: ":"))
          // The key came from `members`, so the lookup always succeeds.
          write(members[key] ?? .null, into: &out)
        }
      } else {
        for (key, member) in members {
          if !first { out.append(UInt8(ascii: ",")) }
          first = false
          Self.writeString(key, into: &out)
          out.append(UInt8(ascii: ":"))
          write(member, into: &out)
        }
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  static func writeDouble(_ d: Double, into out: inout [UInt8]) {
    guard d.isFinite else {
      out.append(contentsOf: nullBytes)
      return
    }
    // Swift prints the shortest representation that round-trips ("0.1", "1e-05", "1e+100"), all valid JSON.
    out.append(contentsOf: d.description.utf8)
  }

  /// Appends `s` as a JSON string literal: `"` and `\\` escaped, \n \r \t \b \f by name, other controls
  /// below U+0020 as `\\u00XX`, everything else (DEL and non-ASCII included) as raw UTF-8 — the same
  /// bytes as Python's `json.dumps(ensure_ascii=False)`, so the notebook writer shares it.
  public static func writeString(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var s = s
    s.withUTF8 { utf8 in
      // Copy runs of bytes that need no escaping in one go; only quotes, backslashes and control
      // characters break a run. This keeps long outputs (tables as HTML) cheap to serialise.
      var runStart = 0
      for index in 0..<utf8.count {
        let byte = utf8[index]
        guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
        if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
        runStart = index + 1
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        default:
          out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
          out.append(hexDigits[Int(byte >> 4)])
          out.append(hexDigits[Int(byte & 0xF)])
        }
      }
      if runStart < utf8.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
    }
    out.append(UInt8(ascii: "\""))
  }

  static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
  static let nullBytes: [UInt8] = Array("null".utf8)
  static let trueBytes: [UInt8] = Array("true".utf8)
  static let falseBytes: [UInt8] = Array("false".utf8)
}

extension JSONValue {
  /// This value as compact JSON with sorted keys (see ``JSONWriter``).
  public var jsonString: String { JSONWriter().string(self) }
  /// This value as compact UTF-8 JSON bytes with sorted keys (see ``JSONWriter``).
  public var jsonBytes: [UInt8] { JSONWriter().bytes(self) }
}
