/// Turns source text into tokens, handling comments, strings, numbers and line continuation.
///
/// Newlines end statements except inside brackets, after a trailing `|` or `,`, and before a line that
/// starts with `|`; those rules are applied here so the parser only sees statement-ending newlines.
struct Lexer {
  /// The lexer's output: tokens up to the first error, and what was left open at the end.
  struct Result {
    var tokens: [Token]
    var error: Diagnostic?
    /// The string literal left open at the end of input (for `is_complete`).
    var unterminatedString: Bool
    /// Brackets still open at the end of input, innermost last.
    var openBrackets: [Token]
  }

  private let source: SourceText
  private var scalars: [Unicode.Scalar] { source.scalars }

  init(_ source: SourceText) { self.source = source }

  static let symbols2: Set<String> = ["==", "!=", "<=", ">=", ".."]
  static let symbols1: Set<Unicode.Scalar> = [
    "|", ",", "(", ")", "[", "]", "=", "<", ">", "+", "-", "*", "/",
    "%", "!", "{", "}", ":",
  ]

  func tokenize() -> Result {
    var tokens: [Token] = []
    var open: [Token] = []
    var i = 0
    var space = true
    let n = scalars.count
    func fail(_ d: Diagnostic, string: Bool = false) -> Result {
      Result(
        tokens: Self.joinContinuations(tokens, end: n), error: d, unterminatedString: string,
        openBrackets: open)
    }
    while i < n {
      let c = scalars[i]
      if c == " " || c == "\t" || c == "\r" || c == "\u{FEFF}" {
        i += 1
        space = true
        continue
      }
      if c == "#" {
        while i < n, scalars[i] != "\n" { i += 1 }
        space = true
        continue
      }
      if c == "\n" || c == ";" {
        if open.isEmpty {
          tokens.append(Token(.newline, SourceSpan(start: i, length: 1), spaceBefore: space))
        }
        i += 1
        space = true
        continue
      }
      let start = i
      if c == "\"" || c == "'" {
        switch lexString(from: i, quote: c) {
        case .success(let (value, next)):
          tokens.append(Token(.string(value), SourceSpan(start: start, length: next - start), spaceBefore: space))
          i = next
        case .failure(let d):
          return fail(d, string: d.message.hasPrefix("unterminated"))
        }
      } else if c == "`" {
        var j = i + 1
        while j < n, scalars[j] != "`", scalars[j] != "\n" { j += 1 }
        guard j < n, scalars[j] == "`" else {
          return fail(
            .syntax(
              "unterminated backquoted name", at: SourceSpan(start: i, length: j - i),
              suggestions: ["close the name with a backquote: `Customer ID`"]), string: j >= n)
        }
        let name = source.text((i + 1)..<j)
        guard !name.isEmpty else {
          return fail(.syntax("empty backquoted name", at: SourceSpan(start: i, length: 2)))
        }
        tokens.append(
          Token(
            .identifier(name, quoted: true), SourceSpan(start: i, length: j + 1 - i),
            spaceBefore: space))
        i = j + 1
      } else if Self.isIdentifierStart(c) {
        var j = i + 1
        while j < n, Self.isIdentifierContinue(scalars[j]) { j += 1 }
        // `pg.orders` (a connection's table) and `ctx.page` (a flattened JSON column) are one name.
        while j + 1 < n, scalars[j] == ".", Self.isIdentifierStart(scalars[j + 1]) {
          j += 2
          while j < n, Self.isIdentifierContinue(scalars[j]) { j += 1 }
        }
        if plusPlusSuffixEnds(at: j) { j += 2 }
        tokens.append(
          Token(
            .identifier(source.text(i..<j), quoted: false), SourceSpan(start: i, length: j - i),
            spaceBefore: space))
        i = j
      } else if Self.isDigit(c)
        || (c == "." && i + 1 < n && Self.isDigit(scalars[i + 1])
          && !(i > 0 && scalars[i - 1] == "."))
      {
        switch lexNumber(from: i) {
        case .success(let (kind, next)):
          tokens.append(Token(kind, SourceSpan(start: i, length: next - i), spaceBefore: space))
          i = next
        case .failure(let d):
          return fail(d)
        }
      } else {
        var symbol: String?
        if i + 1 < n {
          let two = String(Character(c)) + String(Character(scalars[i + 1]))
          if Self.symbols2.contains(two) { symbol = two }
        }
        if symbol == nil, Self.symbols1.contains(c) { symbol = String(Character(c)) }
        guard let symbol else {
          return fail(.syntax("unexpected character '\(String(Character(c)))'", at: SourceSpan(start: i, length: 1)))
        }
        let token = Token(
          .symbol(symbol), SourceSpan(start: i, length: symbol.unicodeScalars.count),
          spaceBefore: space)
        switch symbol {
        case "(", "[", "{":
          open.append(token)
        case ")", "]", "}":
          let expected = ["(": ")", "[": "]", "{": "}"]
          if let last = open.last, case .symbol(let o) = last.kind, expected[o] == symbol {
            open.removeLast()
          } else if let last = open.last, case .symbol(let o) = last.kind {
            return fail(
              .syntax(
                "'\(symbol)' does not match '\(o)'", at: token.span,
                notes: ["'\(o)' opened at \(positionText(last.span.start))"]))
          } else {
            return fail(.syntax("unexpected '\(symbol)' with no matching opening bracket", at: token.span))
          }
        default:
          break
        }
        tokens.append(token)
        i += symbol.unicodeScalars.count
      }
      space = false
    }
    return Result(
      tokens: Self.joinContinuations(tokens, end: n), error: nil, unterminatedString: false,
      openBrackets: open)
  }

  /// Whether a name ending at `end` is written with a `++` suffix, as in `init kmeans++`.
  ///
  /// The suffix belongs to the name only when it is glued to it and nothing glued follows it: `kmeans++`
  /// and `kmeans++,` are one word, while `a++b`, `a++1` and `a++(b)` stay `a + (+b)` — the only readings
  /// of a glued `++` that were ever valid (there is no increment operator).
  private func plusPlusSuffixEnds(at end: Int) -> Bool {
    let n = scalars.count
    guard end + 1 < n, scalars[end] == "+", scalars[end + 1] == "+" else { return false }
    guard end + 2 < n else { return true }
    let next = scalars[end + 2]
    return !(Self.isIdentifierContinue(next) || "+-!([{'\"`.".unicodeScalars.contains(next))
  }

  private func positionText(_ offset: Int) -> String {
    let loc = source.location(of: offset)
    return "line \(loc.line), column \(loc.column)"
  }

  /// Drops newlines that continue a statement and collapses blank lines; appends the end token.
  static func joinContinuations(_ tokens: [Token], end: Int) -> [Token] {
    var out: [Token] = []
    out.reserveCapacity(tokens.count + 1)
    for (index, token) in tokens.enumerated() {
      if case .newline = token.kind {
        if out.isEmpty { continue }
        if let last = out.last {
          if case .newline = last.kind { continue }
          if last.isSymbol("|") || last.isSymbol(",") { continue }
        }
        // A following line that starts with `|` continues the pipeline.
        var k = index + 1
        while k < tokens.count, case .newline = tokens[k].kind { k += 1 }
        if k < tokens.count, tokens[k].isSymbol("|") { continue }
      }
      out.append(token)
    }
    while let last = out.last, case .newline = last.kind { out.removeLast() }
    out.append(Token(.end, SourceSpan(start: end, length: 0), spaceBefore: true))
    return out
  }

  private func lexString(from start: Int, quote: Unicode.Scalar) -> Swift.Result<(String, Int), Diagnostic> {
    var i = start + 1
    var out: [Unicode.Scalar] = []
    let n = scalars.count
    while i < n {
      let c = scalars[i]
      if c == quote { return .success((SourceText.string(out[...]), i + 1)) }
      if c == "\n" { break }
      if c == "\\" {
        guard i + 1 < n else { break }
        let e = scalars[i + 1]
        switch e {
        case "n": out.append("\n")
        case "t": out.append("\t")
        case "r": out.append("\r")
        case "\\", "\"", "'": out.append(e)
        case "u":
          // \u{1F600}
          var j = i + 2
          guard j < n, scalars[j] == "{" else {
            return .failure(.syntax("expected '{' after \\u", at: SourceSpan(start: i, length: 2)))
          }
          j += 1
          var hex = ""
          while j < n, scalars[j] != "}", hex.count < 8 {
            hex.unicodeScalars.append(scalars[j])
            j += 1
          }
          guard j < n, scalars[j] == "}", let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
            return .failure(.syntax("invalid unicode escape", at: SourceSpan(start: i, length: j - i + 1)))
          }
          out.append(scalar)
          i = j + 1
          continue
        default:
          return .failure(
            .syntax(
              "unknown escape '\\\(String(Character(e)))' in string",
              at: SourceSpan(start: i, length: 2),
              suggestions: ["write '\\\\' for a backslash"]))
        }
        i += 2
        continue
      }
      out.append(c)
      i += 1
    }
    return .failure(
      .syntax(
        "unterminated string", at: SourceSpan(start: start, length: i - start),
        suggestions: ["close the string with \(String(Character(quote)))"]))
  }

  private func lexNumber(from start: Int) -> Swift.Result<(Token.Kind, Int), Diagnostic> {
    var i = start
    let n = scalars.count
    var isFloat = false
    while i < n, Self.isDigit(scalars[i]) || scalars[i] == "_" { i += 1 }
    // A '.' followed by a digit is a decimal point; '..' is a range.
    if i + 1 < n, scalars[i] == ".", Self.isDigit(scalars[i + 1]) {
      isFloat = true
      i += 1
      while i < n, Self.isDigit(scalars[i]) || scalars[i] == "_" { i += 1 }
    }
    if i < n, scalars[i] == "e" || scalars[i] == "E" {
      var j = i + 1
      if j < n, scalars[j] == "+" || scalars[j] == "-" { j += 1 }
      if j < n, Self.isDigit(scalars[j]) {
        isFloat = true
        i = j
        while i < n, Self.isDigit(scalars[i]) { i += 1 }
      }
    }
    let span = SourceSpan(start: start, length: i - start)
    if i < n, Self.isIdentifierStart(scalars[i]) {
      var j = i
      while j < n, Self.isIdentifierContinue(scalars[j]) { j += 1 }
      return .failure(
        .syntax(
          "invalid number '\(source.text(start..<j))'", at: SourceSpan(start: start, length: j - start),
          suggestions: ["separate the number from the name with a space"]))
    }
    let text = String(source.text(start..<i).filter { $0 != "_" })
    if isFloat {
      guard let d = Double(text) else { return .failure(.syntax("invalid number '\(text)'", at: span)) }
      return .success((.float(d), i))
    }
    guard let v = Int64(text) else {
      return .failure(
        .syntax(
          "integer '\(text)' is too large", at: span,
          suggestions: ["integers range from -9223372036854775808 to 9223372036854775807"]))
    }
    return .success((.integer(v), i))
  }

  static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

  static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    if c == "_" { return true }
    if c.isASCII { return (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122) }
    return c.properties.isXIDStart
  }

  static func isIdentifierContinue(_ c: Unicode.Scalar) -> Bool {
    if c == "_" || isDigit(c) { return true }
    if c.isASCII { return (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122) }
    return c.properties.isXIDContinue
  }
}
