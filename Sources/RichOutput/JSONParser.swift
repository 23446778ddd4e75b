/// A strict RFC 8259 JSON parser producing ``JSONValue``.
///
/// Strict: no comments, no trailing commas, no `NaN`, no leading zeros, no unescaped control characters in
/// strings, invalid UTF-8 is an error, and only whitespace may follow the document. It never traps on any
/// input: nesting deeper than ``maximumDepth`` is an error rather than a stack overflow, and integers that do
/// not fit `Int` become doubles. A lone UTF-16 surrogate escape (`"\ud800"`, which Python's `json` emits for
/// broken strings) becomes U+FFFD instead of failing the whole message. Duplicate keys: the last one wins,
/// as in Python.
///
/// - Complexity: O(n) in the input size.
public struct JSONParser: Sendable {
  /// The deepest nesting of arrays and objects accepted.
  public var maximumDepth: Int

  public init(maximumDepth: Int = 512) {
    self.maximumDepth = maximumDepth
  }

  /// Parses one JSON document from `bytes`.
  public func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
    try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSONValue in
      var cursor = Cursor(bytes: buffer, maximumDepth: maximumDepth)
      cursor.skipWhitespace()
      let value = try cursor.parseValue(depth: 0)
      cursor.skipWhitespace()
      guard cursor.index == buffer.count else { throw cursor.error("unexpected data after the JSON document") }
      return value
    }
  }

  /// Parses one JSON document from `text`.
  public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
    try parse(Array(text.utf8))
  }
}

/// The parser's position in the input. Works on an unsafe buffer because the parser touches every byte of
/// every incoming message; all reads go through `peek`, which checks bounds.
private struct Cursor {
  let bytes: UnsafeBufferPointer<UInt8>
  let maximumDepth: Int
  var index = 0

  init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
    self.bytes = bytes
    self.maximumDepth = maximumDepth
  }

  var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

  func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
    let offset = min(offset ?? index, bytes.count)
    var line = 1
    var lineStart = 0
    for i in 0..<offset where bytes[i] == 0x0A {
      line += 1
      lineStart = i + 1
    }
    return JSONParseError(message: message, offset: offset, line: line, column: offset - lineStart + 1)
  }

  mutating func skipWhitespace() {
    while let b = peek, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { index += 1 }
  }

  mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
    guard let b = peek else { throw error("unexpected end of input, expected a value") }
    switch b {
    case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
    case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectLiteral("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw error("unexpected character '\(printable(b))', expected a value")
    }
  }

  mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
    let start = index
    let count = literal.utf8CodeUnitCount
    guard bytes.count - index >= count else { throw error("invalid literal", at: start) }
    let matches = literal.withUTF8Buffer { expected in
      (0..<count).allSatisfy { bytes[start + $0] == expected[$0] }
    }
    guard matches else { throw error("invalid literal, expected '\(literal)'", at: start) }
    index += count
  }

  mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
    guard depth <= maximumDepth else { throw error("nesting deeper than \(maximumDepth) levels") }
    index += 1  // {
    var members: [String: JSONValue] = [:]
    skipWhitespace()
    if peek == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard peek == UInt8(ascii: "\"") else { throw error("expected a string key in object") }
      let key = try parseString()
      skipWhitespace()
      guard peek == UInt8(ascii: ":") else { throw error("expected ':' after an object key") }
      index += 1
      skipWhitespace()
      members[key] = try parseValue(depth: depth)
      skipWhitespace()
      switch peek {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "}"): index += 1; return .object(members)
      case nil: throw error("unexpected end of input inside an object")
      default: throw error("expected ',' or '}' in object")
      }
    }
  }

  mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
    guard depth <= maximumDepth else { throw error("nesting deeper than \(maximumDepth) levels") }
    index += 1  // [
    var items: [JSONValue] = []
    skipWhitespace()
    if peek == UInt8(ascii: "]") {
      index += 1
      return .array(items)
    }
    while true {
      skipWhitespace()
      items.append(try parseValue(depth: depth))
      skipWhitespace()
      switch peek {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "]"): index += 1; return .array(items)
      case nil: throw error("unexpected end of input inside an array")
      default: throw error("expected ',' or ']' in array")
      }
    }
  }

  mutating func parseNumber() throws(JSONParseError) -> JSONValue {
    let start = index
    var isInteger = true
    if peek == UInt8(ascii: "-") { index += 1 }
    guard let first = peek, isDigit(first) else { throw error("expected a digit in number") }
    if first == UInt8(ascii: "0") {
      index += 1
      if let next = peek, isDigit(next) { throw error("leading zeros are not allowed in numbers") }
    } else {
      while let d = peek, isDigit(d) { index += 1 }
    }
    if peek == UInt8(ascii: ".") {
      isInteger = false
      index += 1
      guard let d = peek, isDigit(d) else { throw error("expected a digit after the decimal point") }
      while let d = peek, isDigit(d) { index += 1 }
    }
    if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
      isInteger = false
      index += 1
      if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
      guard let d = peek, isDigit(d) else { throw error("expected a digit in the exponent") }
      while let d = peek, isDigit(d) { index += 1 }
    }
    let lexeme = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    if isInteger, let value = Int(lexeme) { return .int(value) }
    // The lexeme matched the JSON number grammar, which Double's parser accepts; an integer too big for Int
    // lands here too and becomes the nearest double, as in JavaScript.
    guard let value = Double(lexeme) else { throw error("number out of range", at: start) }
    return .double(value)
  }

  mutating func parseString() throws(JSONParseError) -> String {
    index += 1  // opening quote
    var result: [UInt8] = []
    var runStart = index
    while true {
      guard let b = peek else { throw error("unterminated string") }
      if b == UInt8(ascii: "\"") {
        result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        index += 1
        break
      }
      if b < 0x20 { throw error("unescaped control character in string") }
      if b != UInt8(ascii: "\\") {
        index += 1
        continue
      }
      result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
      index += 1
      guard let escape = peek else { throw error("unterminated escape in string") }
      index += 1
      switch escape {
      case UInt8(ascii: "\""): result.append(UInt8(ascii: "\""))
      case UInt8(ascii: "\\"): result.append(UInt8(ascii: "\\"))
      case UInt8(ascii: "/"): result.append(UInt8(ascii: "/"))
      case UInt8(ascii: "b"): result.append(0x08)
      case UInt8(ascii: "f"): result.append(0x0C)
      case UInt8(ascii: "n"): result.append(0x0A)
      case UInt8(ascii: "r"): result.append(0x0D)
      case UInt8(ascii: "t"): result.append(0x09)
      case UInt8(ascii: "u"): appendScalar(try parseUnicodeEscape(), to: &result)
      default: throw error("invalid escape '\\\(printable(escape))' in string", at: index - 1)
      }
      runStart = index
    }
    guard let text = String(validating: result, as: UTF8.self) else {
      throw error("invalid UTF-8 in string")
    }
    return text
  }

  /// Reads the hex digits after `\u` (and a following low surrogate escape, if any).
  mutating func parseUnicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
    let high = try readHex4()
    if (0xD800...0xDBFF).contains(high) {
      // A high surrogate must be followed by `\uDC00`…`\uDFFF`; otherwise it stands alone.
      if bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
        let save = index
        index += 2
        let low = try readHex4()
        if (0xDC00...0xDFFF).contains(low) {
          let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
          return Unicode.Scalar(value) ?? replacementCharacter
        }
        index = save
      }
      return replacementCharacter
    }
    return Unicode.Scalar(high) ?? replacementCharacter
  }

  mutating func readHex4() throws(JSONParseError) -> UInt32 {
    guard bytes.count - index >= 4 else { throw error("incomplete \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[index]
      let digit: UInt32
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
      default: throw error("invalid hex digit in \\u escape")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  func appendScalar(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
    UTF8.encode(scalar) { out.append($0) }
  }

  func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

  func printable(_ b: UInt8) -> String {
    (0x21...0x7E).contains(b) ? String(UnicodeScalar(b)) : "0x" + String(b, radix: 16)
  }
}

/// U+FFFD, what a lone surrogate escape decodes to.
private let replacementCharacter: Unicode.Scalar = "\u{FFFD}"
