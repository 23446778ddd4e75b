import ShopMineData

/// String interpolation: `"top customer spent {best:,.2f} of {n:,} customers"`.
///
/// A `{` followed by a letter, `_` or `(` opens an interpolation: an expression, then optionally `:` and a
/// Python format spec, up to the matching `}`. It becomes `format(expr, spec)` inside `concat`, so it is
/// an ordinary expression: a value in a title, `print` or a file name, a column in `derive`. Any other
/// brace is text, so regular expressions (`\d{3}`, `[a-z]{2,5}`) and JSON keep theirs; a brace after a
/// regex escape letter (`\p{L}`) stays text too; `{{` and `}}` write one brace.
extension Parser {
  /// The expression a string literal stands for: the literal itself, or the `concat` of its parts.
  static func interpolated(
    _ text: String, span: SourceSpan, in source: SourceText, verbs: VerbCatalog
  ) throws(Diagnostic) -> Expr {
    let s = Array(text.unicodeScalars)
    guard s.contains("{") || s.contains("}") else { return Expr(.literal(.string(text)), span) }
    let offsets = rawOffsets(of: s.count, literalAt: span, in: source)
    var parts: [Expr] = []
    var literal = String.UnicodeScalarView()
    var i = 0
    func opensInterpolation(_ i: Int) -> Bool {
      guard s[i] == "{", i + 1 < s.count, s[i + 1] == "_" || s[i + 1] == "(" || s[i + 1].properties.isAlphabetic
      else { return false }
      // `\p{L}`, `\N{…}`: a regex escape's own braces.
      return !(i >= 2 && s[i - 2] == "\\" && s[i - 1].properties.isAlphabetic)
    }
    while i < s.count {
      if (s[i] == "{" || s[i] == "}"), i + 1 < s.count, s[i + 1] == s[i] {
        literal.append(s[i])
        i += 2
        continue
      }
      guard opensInterpolation(i) else {
        literal.append(s[i])
        i += 1
        continue
      }
      // The matching `}` outside brackets and quotes, and the first `:` at the top level.
      var depth = 0
      var quote: Unicode.Scalar?
      var colon: Int?
      var close: Int?
      var j = i + 1
      while j < s.count {
        let c = s[j]
        if let q = quote {
          if c == q { quote = nil }
        } else if c == "\"" || c == "'" {
          quote = c
        } else if c == "(" || c == "[" {
          depth += 1
        } else if c == ")" || c == "]" {
          depth -= 1
        } else if c == ":", depth == 0, colon == nil {
          colon = j
        } else if c == "}", depth == 0 {
          close = j
          break
        }
        j += 1
      }
      let braceSpan = SourceSpan(start: offsets[i], length: 1)
      guard let close else {
        throw Diagnostic.syntax(
          "'{' in this string opens a value that is never closed", at: braceSpan,
          suggestions: ["close it with '}', or write '{{' for a brace"])
      }
      if !literal.isEmpty {
        parts.append(Expr(.literal(.string(String(literal))), span))
        literal = String.UnicodeScalarView()
      }
      let exprEnd = colon ?? close
      let spec = colon.map { String(String.UnicodeScalarView(s[($0 + 1)..<close])) } ?? ""
      let value = try expression(
        String(String.UnicodeScalarView(s[(i + 1)..<exprEnd])), at: offsets[i + 1], in: source, verbs: verbs,
        within: SourceSpan(start: offsets[i], length: offsets[close] - offsets[i] + 1))
      let whole = SourceSpan(start: offsets[i], length: offsets[close] - offsets[i] + 1)
      let formatted = Expr(
        .call("format", [value, Expr(.literal(.string(spec)), whole)], nameSpan: whole), whole)
      // A missing value reads as `missing`, as `print` writes it.
      parts.append(
        Expr(.call("coalesce", [formatted, Expr(.literal(.string("missing")), whole)], nameSpan: whole), whole))
      i = close + 1
    }
    if !literal.isEmpty { parts.append(Expr(.literal(.string(String(literal))), span)) }
    guard parts.contains(where: { if case .call = $0.kind { return true } else { return false } }) else {
      return parts.first ?? Expr(.literal(.string("")), span)
    }
    return concatenation(parts, span: span)
  }

  /// `concat` takes at most 16 arguments: longer strings nest.
  private static func concatenation(_ parts: [Expr], span: SourceSpan) -> Expr {
    var level = parts
    while level.count > 16 {
      level = stride(from: 0, to: level.count, by: 16).map { start in
        let chunk = Array(level[start..<min(start + 16, level.count)])
        return chunk.count == 1 ? chunk[0] : Expr(.call("concat", chunk, nameSpan: span), span)
      }
    }
    return Expr(.call("concat", level, nameSpan: span), span)
  }

  /// Parses the expression written inside braces; its spans are positions in the cell.
  private static func expression(
    _ text: String, at offset: Int, in source: SourceText, verbs: VerbCatalog, within braces: SourceSpan
  ) throws(Diagnostic) -> Expr {
    // Spaces before the text put every token at its own place in the cell.
    let padded = SourceText(String(repeating: " ", count: max(offset, 0)) + text, fileName: source.fileName)
    let lexed = Lexer(padded).tokenize()
    if let error = lexed.error { throw error }
    guard lexed.openBrackets.isEmpty else {
      throw Diagnostic.syntax("unclosed bracket inside '{…}'", at: braces)
    }
    var parser = Parser(padded, tokens: lexed.tokens, verbs: verbs)
    let e = try parser.parseValue()
    guard parser.atEnd else {
      throw Diagnostic.syntax(
        "unexpected text inside '{…}' of this string", at: braces,
        notes: ["a value goes inside braces, then an optional ':' and a format spec: {total:,.2f}"])
    }
    return e
  }

  /// The cell position of each scalar of a string literal's value (and one past its end): the value may be
  /// shorter than the source when escapes were written (`\n`, `\u{1F600}`).
  private static func rawOffsets(of count: Int, literalAt span: SourceSpan, in source: SourceText) -> [Int] {
    var offsets: [Int] = []
    offsets.reserveCapacity(count + 1)
    let raw = source.scalars
    var j = span.start + 1
    while offsets.count < count {
      offsets.append(min(j, span.end))
      guard j < raw.count else { continue }
      if raw[j] == "\\", j + 1 < raw.count {
        if raw[j + 1] == "u" {
          while j < raw.count, raw[j] != "}" { j += 1 }
        } else {
          j += 1
        }
      }
      j += 1
    }
    offsets.append(min(j, span.end))
    return offsets
  }
}
