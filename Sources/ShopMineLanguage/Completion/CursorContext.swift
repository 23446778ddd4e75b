import ShopMineData

/// Where the cursor sits syntactically: the word being typed, the statement's stage and verb around it.
///
/// Computed from the tokens before the word, so it works on unfinished code (an open string, bracket or
/// pipeline) without parsing the whole cell.
struct CursorContext {
  /// Start of the word being completed (Unicode scalars).
  var wordStart: Int
  /// The part of the word before the cursor.
  var prefix: String
  /// Tokens of the current pipeline (innermost open parenthesis, current statement), before the word.
  var pipelineTokens: [Token]
  /// Tokens of the current stage (after the last `|`), before the word.
  var stageTokens: [Token]
  /// Whether the stage is piped (it follows a `|`).
  var piped: Bool
  /// When the cursor is inside an unterminated string: the string's content start.
  var stringStart: Int?
  /// The name before a dot right before the word (`db` in `db.ord`), where a table of a connection is typed.
  var qualifier: String?

  init(source: SourceText, cursor: Int) {
    let scalars = source.scalars
    let cursor = max(0, min(cursor, scalars.count))
    // The word: identifier characters right before the cursor.
    var start = cursor
    while start > 0, Lexer.isIdentifierContinue(scalars[start - 1]) { start -= 1 }
    self.wordStart = start
    self.prefix = source.text(start..<cursor)
    if start > 1, scalars[start - 1] == "." {
      var first = start - 1
      while first > 0, Lexer.isIdentifierContinue(scalars[first - 1]) { first -= 1 }
      if first < start - 1, Lexer.isIdentifierStart(scalars[first]) {
        self.qualifier = source.text(first..<(start - 1))
      }
    }

    let before = source.prefix(upTo: start)
    let lexed = Lexer(before).tokenize()
    self.stringStart = nil
    var tokens = lexed.tokens.filter { if case .end = $0.kind { return false } else { return true } }
    if lexed.unterminatedString, let open = Self.openQuote(scalars, upTo: cursor) {
      self.stringStart = open + 1
      self.wordStart = open + 1
      self.prefix = source.text((open + 1)..<cursor)
    }
    // Current statement: after the last newline token.
    if let lastNewline = tokens.lastIndex(where: { if case .newline = $0.kind { return true } else { return false } }) {
      tokens = Array(tokens[(lastNewline + 1)...])
    }
    // Innermost unclosed '(' or '[': the cursor is inside that value.
    var depth: [Int] = []
    for (i, t) in tokens.enumerated() {
      if t.isSymbol("(") || t.isSymbol("[") { depth.append(i) }
      if t.isSymbol(")") || t.isSymbol("]") { _ = depth.popLast() }
    }
    if let open = depth.last, tokens[open].isSymbol("(") {
      tokens = Array(tokens[(open + 1)...])
    }
    // Drop an assignment prefix `a, b =`.
    if let eq = tokens.firstIndex(where: { $0.isSymbol("=") }),
      tokens[..<eq].allSatisfy({ $0.identifier != nil || $0.isSymbol(",") })
    {
      tokens = Array(tokens[(eq + 1)...])
    }
    self.pipelineTokens = tokens
    // Current stage: after the last top-level '|'.
    var level = 0
    var lastBar: Int?
    for (i, t) in tokens.enumerated() {
      if t.isSymbol("(") || t.isSymbol("[") { level += 1 }
      if t.isSymbol(")") || t.isSymbol("]") { level -= 1 }
      if level == 0, t.isSymbol("|") { lastBar = i }
    }
    if let lastBar {
      self.stageTokens = Array(tokens[(lastBar + 1)...])
      self.piped = true
    } else {
      self.stageTokens = tokens
      self.piped = false
    }
  }

  /// The offset of the quote that opens the string the cursor is in, scanning the line from its start.
  static func openQuote(_ scalars: [Unicode.Scalar], upTo cursor: Int) -> Int? {
    var lineStart = cursor
    while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
    var open: (Int, Unicode.Scalar)?
    var i = lineStart
    while i < cursor {
      let c = scalars[i]
      if let (_, q) = open {
        if c == "\\" {
          i += 2
          continue
        }
        if c == q { open = nil }
      } else if c == "#" {
        return nil
      } else if c == "\"" || c == "'" {
        open = (i, c)
      }
      i += 1
    }
    return open?.0
  }

  /// The pipeline text before the current stage, as tokens (for schema inference).
  var upstreamTokens: [Token]? {
    guard piped else { return nil }
    var level = 0
    var lastBar = 0
    for (i, t) in pipelineTokens.enumerated() {
      if t.isSymbol("(") || t.isSymbol("[") { level += 1 }
      if t.isSymbol(")") || t.isSymbol("]") { level -= 1 }
      if level == 0, t.isSymbol("|") { lastBar = i }
    }
    return Array(pipelineTokens[..<lastBar])
  }
}
