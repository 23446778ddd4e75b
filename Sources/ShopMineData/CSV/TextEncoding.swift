import Glibc

/// The character encoding of a text file, and its conversion to the UTF-8 the CSV scanner reads.
///
/// Conversion goes through glibc's `iconv` over the whole buffer (the file is in memory already), before
/// the byte-level parser, so parsing itself stays UTF-8 only.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
  case utf8 = "utf-8"
  /// UTF-16 whose byte order mark decides the byte order (little-endian without one, as Windows writes).
  case utf16 = "utf-16"
  case utf16LE = "utf-16le"
  case utf16BE = "utf-16be"
  /// The Chinese national standard, a superset of GBK and GB2312 (what Chinese Excel and shop back-offices
  /// export).
  case gb18030
  case gbk
  /// ISO-8859-1: every byte is the code point of its value.
  case latin1 = "latin-1"
  /// Windows' Western European code page (Latin-1 with `€`, `–`, curly quotes in 0x80…0x9F).
  case cp1252

  /// The encoding a name spells, ignoring case, `-` and `_` (`UTF8`, `latin1`, `ISO-8859-1`, `cp936`,
  /// `windows-1252` …); `nil` for an unknown name.
  public init?(name: String) {
    let key = String(name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
    let aliases: [String: TextEncoding] = [
      "utf8": .utf8, "utf8sig": .utf8, "utf16": .utf16, "utf16le": .utf16LE, "utf16be": .utf16BE,
      "gb18030": .gb18030, "gbk": .gbk, "cp936": .gbk, "gb2312": .gbk, "latin1": .latin1, "iso88591": .latin1,
      "l1": .latin1, "cp1252": .cp1252, "windows1252": .cp1252,
    ]
    guard let encoding = aliases[key] else { return nil }
    self = encoding
  }

  /// The names to offer when one is not known.
  public static let names = allCases.map(\.rawValue)

  private var iconvName: String {
    switch self {
    case .utf8: "UTF-8"
    case .utf16, .utf16LE: "UTF-16LE"
    case .utf16BE: "UTF-16BE"
    case .gb18030: "GB18030"
    case .gbk: "GBK"
    case .latin1: "ISO-8859-1"
    case .cp1252: "CP1252"
    }
  }

  /// `bytes` as UTF-8. `nil` (no encoding given) reads UTF-8, or UTF-16 when the file starts with a UTF-16
  /// byte order mark. UTF-8 is returned as it is (its byte order mark is skipped by the parser); a UTF-16
  /// byte order mark is dropped. Bytes that are not valid in the encoding are an error naming the byte,
  /// its offset and its line.
  ///
  /// - Complexity: O(n), with one output buffer of at most twice the input (none for UTF-8).
  public static func utf8(_ bytes: [UInt8], from encoding: TextEncoding?) throws(TableError) -> [UInt8] {
    let bom: TextEncoding? =
      bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE
      ? .utf16LE : bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF ? .utf16BE : nil
    var source = encoding ?? bom ?? .utf8
    if source == .utf8 { return bytes }
    var skip = 0
    if source == .utf16 || source == bom {
      source = bom ?? .utf16LE
      skip = bom == nil ? 0 : 2
    }
    return try source.convert(bytes, skipping: skip)
  }

  private func convert(_ bytes: [UInt8], skipping skip: Int) throws(TableError) -> [UInt8] {
    let converter = iconv_open("UTF-8", iconvName)
    // iconv_open reports failure as (iconv_t)-1.
    guard let converter, Int(bitPattern: converter) != -1 else {
      throw TableError(code: .io, message: "this system cannot convert from \(rawValue) (iconv has no \(iconvName))")
    }
    defer { iconv_close(converter) }
    var output = [UInt8](repeating: 0, count: max(64, (bytes.count - skip) * 2 + 16))
    var produced = 0
    var failure: (offset: Int, incomplete: Bool)?
    bytes.withUnsafeBufferPointer { input in
      guard let base = input.baseAddress else { return }
      var inPointer = UnsafeMutablePointer(mutating: base + skip)
      var inLeft = input.count - skip
      while inLeft > 0 {
        let capacity = output.count
        let status = output.withUnsafeMutableBufferPointer { out -> Int in
          guard let outBase = out.baseAddress else { return 0 }
          var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase + produced)
            .assumingMemoryBound(to: CChar.self)
          var outLeft = capacity - produced
          var inChars: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inPointer)
            .assumingMemoryBound(to: CChar.self)
          let result = iconv(converter, &inChars, &inLeft, &outPointer, &outLeft)
          produced = capacity - outLeft
          if let inChars { inPointer = UnsafeMutableRawPointer(inChars).assumingMemoryBound(to: UInt8.self) }
          return result == -1 ? Int(errno) : 0
        }
        if status == Int(E2BIG) {
          output.append(contentsOf: repeatElement(0, count: output.count))
        } else if status != 0 {
          failure = (UnsafePointer(inPointer) - base, status == Int(EINVAL))
          return
        }
      }
    }
    if let failure {
      throw invalidBytes(bytes, at: failure.offset, incomplete: failure.incomplete, lines: output[..<produced])
    }
    output.removeSubrange(produced...)
    return output
  }

  private func invalidBytes(_ bytes: [UInt8], at offset: Int, incomplete: Bool, lines converted: ArraySlice<UInt8>)
    -> TableError
  {
    let line = converted.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    let what = incomplete ? "ends in the middle of a character" : "has bytes that are not \(rawValue)"
    let shown = bytes[offset..<min(bytes.count, offset + 4)].map { "0x" + String($0, radix: 16, uppercase: true) }
    let others = Self.names.filter { $0 != rawValue && $0 != "utf-16le" && $0 != "utf-16be" }
    return TableError(
      code: .parse,
      message:
        "line \(line): the file \(what) (\(shown.joined(separator: " ")) at byte \(offset)); try another encoding: "
        + others.map { "\"\($0)\"" }.joined(separator: ", "), line: line)
  }

  /// The offset of the first byte of `bytes` that does not belong to valid UTF-8, if there is one.
  ///
  /// - Complexity: O(n); the reader calls it only after a string column turned out not to be UTF-8.
  static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      let length =
        b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
      guard length > 0, i + length <= bytes.count else { return i }
      if length > 1, String(validating: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]), as: UTF8.self) == nil {
        return i
      }
      i += length
    }
    return nil
  }

  /// The error for a file read as UTF-8 that is not: the line and byte, and the likelier encoding (GB18030
  /// when the bytes past ASCII come in pairs, as Chinese text does; otherwise Latin-1).
  static func notUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> TableError {
    let offset = firstInvalidUTF8(bytes) ?? 0
    let line = bytes[0..<offset].reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    // Chinese text comes as pairs of high bytes (two per character); Western European accents as single
    // high bytes between ASCII letters.
    var pairs = 0
    var singles = 0
    var i = offset
    while i < bytes.count {
      if bytes[i] < 0x80 {
        i += 1
      } else if i + 1 < bytes.count && bytes[i + 1] >= 0x80 {
        pairs += 1
        i += 2
      } else {
        singles += 1
        i += 1
      }
    }
    let likely = pairs > singles ? "gb18030" : "latin-1"
    return TableError(
      code: .parse,
      message:
        "line \(line): the file is not UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) at byte "
        + "\(offset)); say its encoding, such as encoding \"\(likely)\" (Chinese exports: \"gb18030\"; "
        + "Western European: \"latin-1\" or \"cp1252\")", line: line)
  }
}
