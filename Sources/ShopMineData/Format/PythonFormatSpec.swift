import Foundation

/// A Python format specification (`,.2f`, `>10`, `+.1%`, `08.3e`, `%Y-%m`) and the text it makes of a
/// value, as Python's `format(value, spec)` writes it: analysts bring these specs from f-strings, so
/// ShopMine reads the same mini-language rather than inventing one.
///
/// Grammar (Python's "Format Specification Mini-Language"):
/// `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`, with `align` one of `< > ^ =`,
/// `sign` one of `+ - space`, `grouping` `,` or `_`, and `type` one of `b c d o x X n e E f F g G %  s`.
/// A timestamp's spec is a `strftime` pattern instead (`%Y-%m-%d`), as Python's `datetime.__format__`.
public struct PythonFormatSpec: Sendable, Hashable {
  public var fill: Character = " "
  public var align: Character?
  public var sign: Character = "-"
  public var alternate = false
  public var zeroPad = false
  public var width = 0
  public var grouping: Character?
  public var precision: Int?
  public var type: Character?
  /// The spec as written.
  public let text: String

  /// Reads `text`; throws with what is wrong in it.
  public init(_ text: String) throws(TableError) {
    self.text = text
    var s = Array(text)
    func invalid(_ why: String) -> TableError {
      .invalidArgument("the format \"\(text)\" is not a Python format spec: \(why)")
    }
    let aligns: Set<Character> = ["<", ">", "^", "="]
    if s.count >= 2, aligns.contains(s[1]) {
      fill = s[0]
      align = s[1]
      s.removeFirst(2)
    } else if let first = s.first, aligns.contains(first) {
      align = first
      s.removeFirst()
    }
    if let first = s.first, first == "+" || first == "-" || first == " " {
      sign = first
      s.removeFirst()
    }
    if s.first == "z" { s.removeFirst() }
    if s.first == "#" {
      alternate = true
      s.removeFirst()
    }
    if s.first == "0" {
      zeroPad = true
      s.removeFirst()
    }
    var digits = ""
    while let first = s.first, first.isASCII, first.isNumber {
      digits.append(first)
      s.removeFirst()
    }
    if !digits.isEmpty {
      guard let w = Int(digits), w <= 10_000 else { throw invalid("the width \(digits) is too large") }
      width = w
    }
    if let first = s.first, first == "," || first == "_" {
      grouping = first
      s.removeFirst()
    }
    if s.first == "." {
      s.removeFirst()
      var p = ""
      while let first = s.first, first.isASCII, first.isNumber {
        p.append(first)
        s.removeFirst()
      }
      guard let value = Int(p), value <= 100 else {
        throw invalid(p.isEmpty ? "'.' needs a precision after it" : "the precision \(p) is too large")
      }
      precision = value
    }
    if let first = s.first {
      guard "bcdoxXneEfFgGs%".contains(first) else { throw invalid("'\(first)' is not a format type") }
      type = first
      s.removeFirst()
    }
    guard s.isEmpty else { throw invalid("'\(String(s))' is left over") }
  }

  /// The text of `value` under this spec; throws when the spec does not apply to the value's type
  /// (`d` for a text), as Python's `format` does.
  public func format(_ value: Value) throws(TableError) -> String {
    switch value {
    case .missing: return pad(value.displayText, numeric: false)
    case .string(let s):
      guard type == nil || type == "s" else { throw wrongType("a string") }
      guard grouping == nil, sign == "-" else { throw wrongType("a string") }
      return pad(precision.map { String(s.prefix($0)) } ?? s, numeric: false)
    case .bool(let b):
      // Python formats a bool as text unless the spec asks for a number.
      if type == nil || type == "s" { return pad(b ? "true" : "false", numeric: false) }
      return try format(.int(b ? 1 : 0))
    case .timestamp(let t):
      return text.isEmpty ? value.displayText : Timestamp.strftime(t, text)
    case .int(let i):
      if precision != nil, type == nil || "dnbcoxX".contains(type ?? "d") {
        throw .invalidArgument("the format \"\(text)\" has a precision, which an integer does not take: use '.2f'")
      }
      switch type {
      case nil, "d", "n": return number(i.magnitude.description, negative: i < 0)
      case "b", "o", "x", "X":
        let radix = type == "b" ? 2 : type == "o" ? 8 : 16
        var digits = String(i.magnitude, radix: radix, uppercase: type == "X")
        if alternate { digits = "0" + (type == "X" ? "X" : String(type ?? "x")) + digits }
        return number(digits, negative: i < 0, groupEvery: radix == 10 ? 3 : 4)
      case "c":
        guard let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: i)), i >= 0, i <= 0x10FFFF else {
          throw .invalidArgument("\(i) is not a character code for the format \"\(text)\"")
        }
        return pad(String(Character(scalar)), numeric: false)
      case "s": throw wrongType("an integer")
      default: return try format(.float(Double(i)))
      }
    case .float(let d):
      return try float(d)
    }
  }

  private func wrongType(_ what: String) -> TableError {
    .invalidArgument("the format \"\(text)\" does not apply to \(what)")
  }

  private func float(_ d: Double) throws(TableError) -> String {
    guard type != "s", type != "c", type != "b", type != "o", type != "x", type != "X" else {
      throw wrongType("a number with a fraction (a float)")
    }
    if type == "d" { throw wrongType("a float: use '.0f' to show it without decimals") }
    let negative = d.sign == .minus && !(d.isNaN)
    let m = Swift.abs(d)
    guard m.isFinite else {
      let word = m.isNaN ? "nan" : "inf"
      return number(type == "E" || type == "F" || type == "G" ? word.uppercased() : word, negative: negative)
    }
    var body: String
    switch type {
    case "f", "F": body = Self.printf(m, precision ?? 6, "f")
    case "%": body = Self.printf(m * 100, precision ?? 6, "f") + "%"
    case "e", "E": body = Self.printf(m, precision ?? 6, type == "E" ? "E" : "e")
    case "g", "G", "n": body = Self.printf(m, precision ?? 6, (type == "G" ? "G" : "g"), alternate: alternate)
    default:
      if let precision {
        // No type with a precision: 'g', but a fixed-point result keeps a digit after the point, and
        // the exponent form starts one digit earlier (Python's rule).
        let p = Swift.max(precision, 1)
        let exp = m == 0 ? 0 : Int(Self.printf(m, p - 1, "e").split(separator: "e").last.flatMap { Int($0) } ?? 0)
        if exp >= p - 1 || exp < -4 {
          body = Self.printf(m, p - 1, "e", alternate: alternate)
          if !alternate, let e = body.firstIndex(of: "e") {
            body = DecimalFormat.trimZeros(String(body[..<e])) + body[e...]
          }
        } else {
          body = Self.printf(m, p, "g", alternate: alternate)
          if !body.contains(".") { body += ".0" }
        }
      } else {
        // No type, no precision: Python's str(float), shortest round-trip digits.
        body = Value.float(m).displayText
      }
    }
    if alternate, type == "f" || type == "F" || type == "%", precision == 0 {
      body = type == "%" ? String(body.dropLast()) + ".%" : body + "."
    }
    return number(body, negative: negative)
  }

  /// C's `%.{precision}{conversion}` of a non-negative finite value. glibc's printf rounds the exact
  /// binary value correctly (ties to even), as CPython's own formatter does, so the digits agree with
  /// Python's `format` where ``DecimalFormat`` (scaled integer rounding) would differ on exact ties.
  static func printf(_ m: Double, _ precision: Int, _ conversion: Character, alternate: Bool = false) -> String {
    let pattern = "%" + (alternate ? "#" : "") + ".\(precision)" + String(conversion)
    var buffer = [CChar](repeating: 0, count: 400)
    let written = buffer.withUnsafeMutableBufferPointer { b in
      withVaList([m]) { vsnprintf(b.baseAddress, b.count, pattern, $0) }
    }
    guard written >= 0 else { return Value.float(m).displayText }
    if Int(written) < buffer.count {
      return String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    // Very large values in 'f' need more room than the first try.
    var big = [CChar](repeating: 0, count: Int(written) + 1)
    _ = big.withUnsafeMutableBufferPointer { b in withVaList([m]) { vsnprintf(b.baseAddress, b.count, pattern, $0) } }
    return String(decoding: big.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Adds grouping, the sign and padding to the digits of a number (without its sign).
  private func number(_ digits: String, negative: Bool, groupEvery: Int = 3) -> String {
    let signText = negative ? "-" : sign == "+" ? "+" : sign == " " ? " " : ""
    // The integer digits (after any 0x prefix) take the grouping; the fraction and exponent do not.
    let prefixLength = ["0x", "0X", "0b", "0o"].contains(where: digits.hasPrefix) ? 2 : 0
    let start = digits.index(digits.startIndex, offsetBy: prefixLength)
    let end = digits[start...].firstIndex(where: { !$0.isHexDigit }) ?? digits.endIndex
    let radixPrefix = String(digits[..<start])
    var integer = String(digits[start..<end])
    let rest = String(digits[end...])
    let zeroFill = (zeroPad && align == nil) || (align == "=" && fill == "0")
    if let grouping, zeroFill, !integer.isEmpty, integer.allSatisfy(\.isHexDigit) {
      // Python groups the padding zeros too: `010,.2f` of 7 is `000,007.00`.
      let room = width - signText.count - radixPrefix.count - rest.count
      var grouped = group(integer, grouping, groupEvery)
      while grouped.count < room {
        integer = "0" + integer
        grouped = group(integer, grouping, groupEvery)
      }
      return signText + radixPrefix + grouped + rest
    }
    if let grouping, integer.allSatisfy(\.isHexDigit) { integer = group(integer, grouping, groupEvery) }
    let body = radixPrefix + integer + rest
    if zeroFill, width > signText.count + body.count {
      return signText + String(repeating: "0", count: width - signText.count - body.count) + body
    }
    if align == "=", width > signText.count + body.count {
      return signText + String(repeating: fill, count: width - signText.count - body.count) + body
    }
    return pad(signText + body, numeric: true)
  }

  /// `1234567` → `1,234,567` (every `every` digits from the right).
  private func group(_ digits: String, _ separator: Character, _ every: Int) -> String {
    var out: [Character] = []
    for (k, c) in digits.reversed().enumerated() {
      if k > 0, k % every == 0 { out.append(separator) }
      out.append(c)
    }
    return String(out.reversed())
  }

  /// Pads to the width: numbers right-aligned by default, text left-aligned.
  private func pad(_ s: String, numeric: Bool) -> String {
    let count = s.count
    guard width > count else { return s }
    let gap = width - count
    switch align ?? (numeric ? ">" : "<") {
    case "<": return s + String(repeating: fill, count: gap)
    case "^": return String(repeating: fill, count: gap / 2) + s + String(repeating: fill, count: gap - gap / 2)
    default: return String(repeating: fill, count: gap) + s
    }
  }
}
