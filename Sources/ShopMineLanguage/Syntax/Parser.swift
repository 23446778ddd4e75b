import ShopMineData

/// Builds a ``Program`` from tokens, reading each verb's arguments as its ``VerbSpec`` declares.
///
/// Recursive descent with one token of lookahead (two for assignments). The first error stops parsing:
/// a cell with a syntax error runs nothing, so no statement half-runs after a typo.
struct Parser {
  private let source: SourceText
  private var tokens: [Token]
  private var index = 0
  private let verbs: VerbCatalog

  /// Words that can never be names.
  static let reserved: Set<String> = ["and", "or", "not", "in", "is", "true", "false", "missing"]
  /// The reserved words that join or compare values.
  static let operatorWords: Set<String> = ["and", "or", "not", "in", "is"]

  /// The deepest expression tree a cell may write (``Expr/depth``), and the deepest nesting of brackets,
  /// signs, `not` and `time`. The parser, the evaluator, row-expression compiling and schema inference all
  /// recurse over the tree, so without a bound a long enough line (`1+1+…`, `((((…`, `------x`) overflowed
  /// the stack and took the kernel down; the fuzzer's 8 MB stack under ASan went at 2,605 signs. 100 levels
  /// keep even a debug build (about 34 KB of stack a bracket level) inside an 8 MB main thread.
  static let maximumDepth = 100
  /// Brackets, signs, `not`s and `time`s open around the token being parsed.
  private var nesting = 0
  /// The syntax errors of a `for` block after its first (which is thrown), in source order.
  private var pendingErrors: [Diagnostic] = []

  init(_ source: SourceText, tokens: [Token], verbs: VerbCatalog) {
    self.source = source
    self.tokens = tokens
    self.verbs = verbs
  }

  /// Lexes and parses `source`: a failure when it cannot be cut into statements (an unterminated string,
  /// an unclosed bracket); otherwise each statement or its syntax error.
  static func parseStatements(_ source: SourceText, verbs: VerbCatalog) -> Result<Program, Diagnostic> {
    let lexed = Lexer(source).tokenize()
    if let error = lexed.error { return .failure(error) }
    if let open = lexed.openBrackets.last {
      let sym: String
      if case .symbol(let s) = open.kind { sym = s } else { sym = "(" }
      return .failure(
        .syntax(
          "unclosed '\(sym)'", at: open.span,
          suggestions: ["close it with '\(["(": ")", "[": "]", "{": "}"][sym] ?? ")")'"]))
    }
    var parser = Parser(source, tokens: lexed.tokens, verbs: verbs)
    return .success(parser.parseProgram())
  }

  /// Lexes and parses `source`; its first syntax error is the failure.
  static func parse(_ source: SourceText, verbs: VerbCatalog) -> Result<Program, Diagnostic> {
    parseStatements(source, verbs: verbs).flatMap { program in
      program.syntaxErrors.first.map { .failure($0) } ?? .success(program)
    }
  }

  // MARK: Token helpers

  private var current: Token { tokens[min(index, tokens.count - 1)] }
  private func peek(_ k: Int = 1) -> Token { tokens[min(index + k, tokens.count - 1)] }
  private mutating func advance() -> Token {
    let t = current
    if index < tokens.count - 1 { index += 1 }
    return t
  }
  private var previousEnd: Int { index > 0 ? tokens[index - 1].span.end : 0 }

  private func unexpected(_ what: String) -> Diagnostic {
    let t = current
    let span = t.isEnd ? SourceSpan(start: t.span.start, length: t.kind == .end ? 0 : 1) : t.span
    return .syntax("expected \(what), found \(t.describe)", at: span)
  }

  /// One level deeper before recursing at `token`; pair with ``leave()``.
  private mutating func enter(_ token: Token) throws(Diagnostic) {
    guard nesting < Self.maximumDepth else { throw Self.tooDeep(at: token.span) }
    nesting += 1
  }

  private mutating func leave() { nesting -= 1 }

  /// `expr`, unless its tree is deeper than ``maximumDepth`` (then the error points at `span`).
  private func checked(_ expr: Expr, at span: SourceSpan) throws(Diagnostic) -> Expr {
    guard expr.depth <= Self.maximumDepth else { throw Self.tooDeep(at: span) }
    return expr
  }

  static func tooDeep(at span: SourceSpan) -> Diagnostic {
    .syntax(
      "expression nested too deeply (more than \(maximumDepth) levels)", at: span,
      suggestions: ["name a part of it first (part = …) and use the name"])
  }

  private mutating func expectSymbol(_ s: String, _ what: String) throws(Diagnostic) -> Token {
    guard current.isSymbol(s) else { throw unexpected(what) }
    return advance()
  }

  // MARK: Statements

  mutating func parseProgram() -> Program {
    var items: [Result<Statement, Diagnostic>] = []
    while true {
      while case .newline = current.kind { _ = advance() }
      if case .end = current.kind { break }
      do throws(Diagnostic) {
        let statement = try parseStatement()
        guard current.isEnd else { throw unexpectedAfterStatement() }
        items.append(.success(statement))
      } catch {
        items.append(.failure(error))
        items += pendingErrors.map { .failure($0) }
        pendingErrors = []
        // Go on after the end of the statement's line (the lexer gives no line ends inside brackets, nor
        // before a continuing `|`).
        nesting = 0
        while !current.isEnd { _ = advance() }
      }
    }
    return Program(items: items)
  }

  private func unexpectedAfterStatement() -> Diagnostic {
    let t = current
    if t.isSymbol("=") {
      return .syntax("unexpected '='", at: t.span, suggestions: ["use '==' to compare values"])
    }
    if t.isSymbol(")") || t.isSymbol("]") {
      return .syntax("unexpected \(t.describe)", at: t.span)
    }
    return .syntax(
      "unexpected \(t.describe) after the end of the statement", at: t.span,
      notes: ["each statement goes on its own line (or after ';')"])
  }

  mutating func parseStatement() throws(Diagnostic) -> Statement {
    let start = current.span.start
    if current.isWord("def"), peek().identifier != nil, peek(2).isSymbol("("), !peek(2).spaceBefore {
      return try parseDefinition()
    }
    if current.isWord("for"), peek().identifier != nil, peek(2).isWord("in") { return try parseFor() }
    if current.isWord("time"), !peek().isSymbol("="), !peek().isEnd {
      try enter(advance())
      defer { leave() }
      let inner = try parseStatement()
      return Statement(kind: .time(inner), span: SourceSpan(start: start, length: inner.span.end - start))
    }
    if let names = assignmentTargets() {
      var spans: [SourceSpan] = []
      var list: [String] = []
      for _ in 0..<names {
        let t = advance()
        guard let name = t.identifier else { throw unexpected("a name") }
        try checkBindable(t)
        list.append(name)
        spans.append(t.span)
        if current.isSymbol(",") { _ = advance() }
      }
      _ = try expectSymbol("=", "'='")
      guard !current.isEnd else {
        throw Diagnostic.syntax("expected a value after '='", at: SourceSpan(start: current.span.start, length: 0))
      }
      let pipeline = try parsePipeline()
      return Statement(
        kind: .assign(list, spans: spans, pipeline),
        span: SourceSpan(start: start, length: pipeline.span.end - start))
    }
    let pipeline = try parsePipeline()
    return Statement(kind: .expression(pipeline), span: pipeline.span)
  }

  /// The message of a `for` block whose `end` has not been written yet (`is_complete` asks for more lines).
  static let unclosedBlock = "this 'for' has no 'end'"

  /// `for NAME in VALUES`, its statements one per line, and `end` on a line of its own.
  private mutating func parseFor() throws(Diagnostic) -> Statement {
    let forToken = advance()
    let nameToken = advance()
    guard let name = nameToken.identifier else { throw unexpected("a name") }
    try checkBindable(nameToken)
    _ = advance()  // in
    let values: Expr
    do throws(Diagnostic) {
      values = try parseExpression()
      if isAtEOF {
        throw Diagnostic.syntax(
          Self.unclosedBlock, at: forToken.span, suggestions: ["close the block with 'end' on a line of its own"])
      }
      guard current.isEnd else {
        throw Diagnostic.syntax(
          "the statements of 'for' go on the lines after it", at: current.span,
          suggestions: ["end the line after the values: for \(name) in [...]"])
      }
    } catch {
      skipBlock()
      throw error
    }
    var body: [Statement] = []
    var errors: [Diagnostic] = []
    while true {
      while case .newline = current.kind { _ = advance() }
      if isAtEOF {
        errors.append(
          .syntax(
            Self.unclosedBlock, at: forToken.span, suggestions: ["close the block with 'end' on a line of its own"]))
        break
      }
      if current.isWord("end"), peek().isEnd {
        _ = advance()
        break
      }
      do throws(Diagnostic) {
        let statement = try parseStatement()
        guard current.isEnd else { throw unexpectedAfterStatement() }
        body.append(statement)
      } catch {
        errors.append(error)
        nesting = 0
        while !current.isEnd { _ = advance() }
      }
    }
    if let first = errors.first {
      pendingErrors += errors.dropFirst()
      throw first
    }
    return Statement(
      kind: .forLoop(name: name, nameSpan: nameToken.span, values: values, body: body),
      span: SourceSpan(start: forToken.span.start, length: previousEnd - forToken.span.start))
  }

  private var isAtEOF: Bool {
    if case .end = current.kind { return true }
    return false
  }

  /// After a bad `for` line: skips to its `end`, so the block's statements do not run as if outside it.
  private mutating func skipBlock() {
    var depth = 1
    var lineStart = false
    while !isAtEOF {
      if lineStart, current.isWord("for") { depth += 1 }
      if lineStart, current.isWord("end"), peek().isEnd {
        depth -= 1
        if depth == 0 {
          _ = advance()
          return
        }
      }
      lineStart = current.isEnd
      _ = advance()
    }
  }

  /// `def NAME(PARAMS) = PIPELINE-OR-EXPRESSION`.
  private mutating func parseDefinition() throws(Diagnostic) -> Statement {
    let defToken = advance()
    let nameToken = advance()
    guard let name = nameToken.identifier else { throw unexpected("a name") }
    try checkBindable(nameToken)
    if FunctionCatalog.rowNames.contains(name) || FunctionCatalog.valueNames.contains(name) {
      throw Diagnostic.syntax(
        "'\(name)' is a built-in function and cannot be redefined", at: nameToken.span,
        suggestions: ["choose another name, such as 'my_\(name)'"])
    }
    try enter(advance())
    var parameters: [String] = []
    if !current.isSymbol(")") {
      repeat {
        if current.isSymbol(",") { _ = advance() }
        let p = advance()
        guard let param = p.identifier else {
          throw Diagnostic.syntax("expected a parameter name, found \(p.describe)", at: p.span)
        }
        try checkBindable(p)
        if parameters.contains(param) {
          throw Diagnostic.syntax("parameter '\(param)' is written twice", at: p.span)
        }
        parameters.append(param)
      } while current.isSymbol(",")
    }
    _ = try expectSymbol(")", "',' or ')' after the parameters of '\(name)'")
    leave()
    _ = try expectSymbol("=", "'=' and the body: def \(name)(…) = …")
    guard !current.isEnd else {
      throw Diagnostic.syntax(
        "expected the body of '\(name)' after '='", at: SourceSpan(start: current.span.start, length: 0))
    }
    let body = try parsePipeline()
    let span = SourceSpan(start: defToken.span.start, length: body.span.end - defToken.span.start)
    return Statement(
      kind: .define(
        FunctionDefinition(
          name: name, nameSpan: nameToken.span, parameters: parameters, body: body,
          text: source.text(span.start..<span.end))),
      span: span)
  }

  /// Refuses keywords and verbs as names.
  private func checkBindable(_ t: Token) throws(Diagnostic) {
    guard let name = t.identifier, let w = t.word else { return }
    if Self.reserved.contains(w) {
      throw Diagnostic.syntax("'\(w)' is a keyword and cannot be a name", at: t.span)
    }
    if verbs.claims(name) {
      throw Diagnostic.syntax(
        "'\(name)' is a verb and cannot be a name", at: t.span,
        suggestions: ["choose another name, such as '\(name)_result'"])
    }
  }

  /// How many names an assignment at the current token binds (`a, b = …` → 2), or `nil`.
  private func assignmentTargets() -> Int? {
    var k = 0
    var count = 0
    while true {
      guard peek(k).identifier != nil else { return nil }
      count += 1
      let next = peek(k + 1)
      if next.isSymbol("=") { return count }
      guard next.isSymbol(",") else { return nil }
      k += 2
    }
  }

  // MARK: Pipelines

  mutating func parsePipeline() throws(Diagnostic) -> Pipeline {
    let start = current.span.start
    let head: Pipeline.Head
    if let call = try parseVerbCallIfPresent(piped: false) {
      head = .verb(call)
    } else {
      head = .value(try parseExpression())
    }
    var stages: [VerbCall] = []
    while current.isSymbol("|") {
      let bar = advance()
      guard let word = current.identifier else {
        throw Diagnostic.syntax(
          "expected a verb after '|', found \(current.describe)",
          at: current.isEnd ? SourceSpan(start: bar.span.end, length: 0) : current.span)
      }
      guard current.word != nil, verbs.spec(word) != nil else {
        throw unknownVerb(current)
      }
      guard let call = try parseVerbCallIfPresent(piped: true) else { throw unknownVerb(current) }
      stages.append(call)
    }
    return Pipeline(head: head, stages: stages, span: SourceSpan(start: start, length: previousEnd - start))
  }

  private func unknownVerb(_ token: Token) -> Diagnostic {
    let name = token.identifier ?? ""
    let diagnostic = Diagnostic("unknown verb '\(name)'", at: token.span, name: "NameError")
    // `groupby`, `sort_by`: a verb and its first option written as one word (pandas' spelling).
    let folded = name.lowercased().replacingOccurrences(of: "_", with: "")
    for verb in verbs.names {
      guard let spec = verbs.spec(verb), let option = spec.options.first, folded == verb + option.name else { continue }
      var copy = diagnostic
      copy.suggestions.append("did you mean '\(verb) \(option.name)'?")
      return copy
    }
    return diagnostic.suggesting(name, from: verbs.names)
  }

  /// Parses a verb call when the current token names a verb; after `|` the subject comes from the pipe.
  private mutating func parseVerbCallIfPresent(piped: Bool) throws(Diagnostic) -> VerbCall? {
    let verbToken = current
    guard let word = verbToken.word else { return nil }
    if !piped, let spec = verbs.spec(word), spec.subject == .piped {
      // `first spend` at the start: a verb that only follows '|'; otherwise the word is a name.
      let next = peek()
      if next.spaceBefore, next.identifier != nil, !(next.word.map(Self.operatorWords.contains) ?? false) {
        throw Diagnostic.syntax(
          "'\(word)' takes its table through '|'", at: verbToken.span,
          suggestions: ["pipe a table in: orders | \(word) \(next.identifier ?? "COLUMN")"])
      }
      return nil
    }
    guard let spec = verbs.spec(word) else {
      // `kmean users k 3`: a word followed by more words is an attempted verb call, not a value — unless
      // the next word is an operator (`if(payment in ["card"], 1, 0)`, `(a or b)`, `d is missing`), or the
      // words start `case when … end`.
      let next = peek()
      if !piped, next.spaceBefore, !Self.reserved.contains(word), startsOperand(next),
        !(next.word.map(Self.operatorWords.contains) ?? false), !(word == "case" && next.isWord("when"))
      {
        throw unknownVerb(verbToken)
      }
      return nil
    }
    _ = advance()
    var arguments: [String: ParsedArgument] = [:]
    var subject: Expr?
    let wantsSubject = spec.subject == .required && !piped
    var positional = 0
    var subjectDone = !wantsSubject
    while positional < spec.positionals.count || !subjectDone {
      if !subjectDone, positional == min(spec.subjectIndex, spec.positionals.count) {
        guard !atArgumentEnd(spec) else {
          throw Diagnostic.syntax(
            "'\(spec.name)' needs a table or value to work on", at: currentOrEndSpan(),
            suggestions: ["write it after the verb or pipe it in: x | \(spec.name) …"])
        }
        subject = try parseExpression()
        subjectDone = true
        continue
      }
      let p = spec.positionals[positional]
      positional += 1
      if p.optional {
        if atArgumentEnd(spec) { continue }
        if case .word(let words) = p.kind, !(current.word.map(words.contains) ?? false) { continue }
        if case .flag = p.kind, !current.isWord(p.name) { continue }
      } else if atArgumentEnd(spec) {
        throw Diagnostic.syntax(
          "'\(spec.name)' expects \(describe(p))", at: currentOrEndSpan(),
          notes: ["usage: \(spec.usage)"])
      }
      let start = current.span.start
      if case .flag = p.kind {
        _ = advance()
        arguments[p.name] = ParsedArgument(.flag, span: SourceSpan(start: start, length: previousEnd - start))
        continue
      }
      let value = try parseArgument(p.kind, for: spec, parameter: p)
      arguments[p.name] = ParsedArgument(value, span: SourceSpan(start: start, length: previousEnd - start))
    }
    // Options: `word value` pairs in any order.
    while !current.isEnd, !current.isSymbol("|"), !current.isSymbol(")"), !current.isSymbol("]"),
      !current.isSymbol(",")
    {
      let t = current
      guard let word = t.word else {
        if t.isSymbol("=") {
          throw Diagnostic.syntax("unexpected '='", at: t.span, suggestions: ["use '==' to compare values"])
        }
        throw Diagnostic.syntax(
          "unexpected \(t.describe) in '\(spec.name)'", at: t.span,
          notes: ["usage: \(spec.usage)"])
      }
      guard let option = spec.option(word) else {
        var d = Diagnostic("unknown option '\(word)' for '\(spec.name)'", at: t.span, name: "SyntaxError")
          .suggesting(word, from: spec.options.map(\.name))
        if !spec.options.isEmpty {
          d.notes.append("options of '\(spec.name)': \(spec.options.map(\.name).joined(separator: ", "))")
        } else {
          d.notes.append("'\(spec.name)' takes no options")
        }
        throw d
      }
      if arguments[option.name] != nil {
        throw Diagnostic.syntax("option '\(word)' is given twice", at: t.span)
      }
      _ = advance()
      if case .flag = option.kind {
        arguments[option.name] = ParsedArgument(.flag, span: t.span)
        continue
      }
      if current.isEnd || current.isSymbol("|") {
        throw Diagnostic.syntax(
          "option '\(word)' of '\(spec.name)' needs \(option.kind.placeholder)",
          at: SourceSpan(start: t.span.start, length: t.span.length),
          notes: ["usage: \(spec.usage)"])
      }
      let value = try parseArgument(option.kind, for: spec, parameter: option)
      arguments[option.name] = ParsedArgument(
        value, span: SourceSpan(start: t.span.start, length: previousEnd - t.span.start))
    }
    return VerbCall(
      verb: spec.name, verbSpan: verbToken.span, subject: subject, arguments: arguments,
      span: SourceSpan(start: verbToken.span.start, length: previousEnd - verbToken.span.start))
  }

  private func describe(_ p: ParameterSpec) -> String {
    switch p.kind {
    case .word(let w) where w.count == 1: return "'\(w[0])'"
    case .word(let w): return "one of \(w.map { "'\($0)'" }.joined(separator: ", "))"
    default: return p.summary.isEmpty ? p.kind.placeholder : "\(p.kind.placeholder) (\(p.summary))"
    }
  }

  private func currentOrEndSpan() -> SourceSpan {
    current.isEnd ? SourceSpan(start: previousEnd, length: 0) : current.span
  }

  /// Whether the verb's positionals have run out: end of statement, a pipe, a closing bracket, or an
  /// option word of this verb.
  private func atArgumentEnd(_ spec: VerbSpec) -> Bool {
    let t = current
    if t.isEnd || t.isSymbol("|") || t.isSymbol(")") || t.isSymbol("]") { return true }
    if let w = t.word, spec.option(w) != nil { return true }
    return false
  }

  private func startsOperand(_ t: Token) -> Bool {
    switch t.kind {
    case .identifier, .integer, .float, .string: return true
    case .symbol(let s): return s == "[" || s == "("
    default: return false
    }
  }

  // MARK: Arguments

  private mutating func parseArgument(_ kind: ArgumentKind, for spec: VerbSpec, parameter: ParameterSpec)
    throws(Diagnostic) -> ArgumentValue
  {
    switch kind {
    case .value, .row:
      return .expr(try parseExpression())
    case .values:
      var list = [try parseExpression()]
      while current.isSymbol(",") {
        _ = advance()
        list.append(try parseExpression())
      }
      return .exprs(list)
    case .column:
      return .expr(try parseColumnName())
    case .columns:
      var list = [try parseColumnName()]
      while current.isSymbol(",") {
        _ = advance()
        list.append(try parseColumnName())
      }
      return .exprs(list)
    case .word(let words):
      let t = current
      guard let w = t.word, words.contains(w) else {
        var d = Diagnostic.syntax(
          "expected \(words.map { "'\($0)'" }.joined(separator: " or ")) for '\(parameter.name)' of '\(spec.name)', found \(t.describe)",
          at: currentOrEndSpan())
        if let w = t.word { d = d.suggesting(w, from: words) }
        throw d
      }
      _ = advance()
      return .word(w, t.span)
    case .anyWord:
      let t = current
      guard let w = t.identifier else { throw unexpected("a word") }
      _ = advance()
      return .word(w, t.span)
    case .wordOrValue(let words):
      if let w = current.word, words.contains(w), !peek().isSymbol("(") || peek().spaceBefore {
        let t = advance()
        return .word(w, t.span)
      }
      return .expr(try parseExpression())
    case .flag:
      return .flag
    case .assignments:
      var list = [try parseAssignment()]
      while current.isSymbol(",") {
        _ = advance()
        list.append(try parseAssignment())
      }
      return .assignments(list)
    case .keys:
      // A bare column is a key named after itself.
      var list: [Assignment] = []
      repeat {
        if !list.isEmpty { _ = advance() }
        if current.identifier != nil, peek().isSymbol("=") {
          list.append(try parseAssignment())
        } else {
          let column = try parseColumnName()
          list.append(Assignment(name: column.nameValue ?? "", nameSpan: column.span, expr: column))
        }
      } while current.isSymbol(",")
      return .assignments(list)
    case .sortKeys:
      var keys: [SortKey] = []
      repeat {
        if !keys.isEmpty { _ = advance() }
        let e = try parseExpression()
        var descending = false
        if current.isWord("desc") {
          descending = true
          _ = advance()
        } else if current.isWord("asc") {
          _ = advance()
        }
        keys.append(SortKey(expr: e, descending: descending))
      } while current.isSymbol(",")
      return .sortKeys(keys)
    case .renames:
      var list: [Rename] = []
      repeat {
        if !list.isEmpty { _ = advance() }
        let old = try parseColumnName()
        guard current.isWord("to") else { throw unexpected("'to' (rename OLD to NEW)") }
        _ = advance()
        let new = try parseColumnName()
        list.append(Rename(old: old.nameValue ?? "", oldSpan: old.span, new: new.nameValue ?? "", newSpan: new.span))
      } while current.isSymbol(",")
      return .renames(list)
    case .tagged(let words, let inner):
      let t = current
      guard let w = t.word, words.contains(w) else {
        throw Diagnostic.syntax(
          "expected \(words.map { "'\($0)'" }.joined(separator: " or ")) after '\(parameter.name)', found \(t.describe)",
          at: currentOrEndSpan())
      }
      _ = advance()
      return .tagged(w, try parseArgument(inner, for: spec, parameter: parameter))
    case .valueOrTagged(let words, let inner):
      // `to table sales` (a word then a name) or `to "sales.csv"` (a value).
      if let w = current.word, words.contains(w), peek().identifier != nil, peek().spaceBefore {
        _ = advance()
        return .tagged(w, try parseArgument(inner, for: spec, parameter: parameter))
      }
      return .expr(try parseExpression())
    }
  }

  private mutating func parseAssignment() throws(Diagnostic) -> Assignment {
    let t = current
    guard let name = t.identifier else { throw unexpected("a column name (NAME = EXPR)") }
    _ = advance()
    guard current.isSymbol("=") else {
      if current.isSymbol("==") {
        throw Diagnostic.syntax("expected '=' to name the new column, found '=='", at: current.span)
      }
      throw unexpected("'=' after '\(name)' (NAME = EXPR)")
    }
    _ = advance()
    let expr = try parseExpression()
    return Assignment(name: name, nameSpan: t.span, expr: expr)
  }

  private mutating func parseColumnName() throws(Diagnostic) -> Expr {
    let t = current
    switch t.kind {
    case .identifier(let name, let quoted):
      _ = advance()
      return Expr(.name(name, quoted: quoted), t.span)
    case .string(let s):
      _ = advance()
      return Expr(.name(s, quoted: true), t.span)
    default:
      throw unexpected("a column name")
    }
  }

  // MARK: Expressions

  mutating func parseExpression() throws(Diagnostic) -> Expr {
    try parseOr()
  }

  private mutating func parseOr() throws(Diagnostic) -> Expr {
    var lhs = try parseAnd()
    while current.isWord("or") {
      let op = advance()
      let rhs = try parseAnd()
      lhs = try checked(Expr(.binary(.or, lhs, rhs), lhs.span.union(rhs.span)), at: op.span)
    }
    return lhs
  }

  private mutating func parseAnd() throws(Diagnostic) -> Expr {
    var lhs = try parseNot()
    while current.isWord("and") {
      let op = advance()
      let rhs = try parseNot()
      lhs = try checked(Expr(.binary(.and, lhs, rhs), lhs.span.union(rhs.span)), at: op.span)
    }
    return lhs
  }

  private mutating func parseNot() throws(Diagnostic) -> Expr {
    if current.isWord("not") || current.isSymbol("!") {
      let t = advance()
      try enter(t)
      defer { leave() }
      let operand = try parseNot()
      return try checked(Expr(.unary(.not, operand), t.span.union(operand.span)), at: t.span)
    }
    return try parseComparison()
  }

  private mutating func parseComparison() throws(Diagnostic) -> Expr {
    let lhs = try parseAdditive()
    let ops: [String: BinaryOperator] = [
      "==": .equal, "!=": .notEqual, "<": .less, "<=": .lessOrEqual,
      ">": .greater, ">=": .greaterOrEqual,
    ]
    if case .symbol(let s) = current.kind, let op = ops[s] {
      let t = advance()
      let rhs = try parseAdditive()
      return try checked(Expr(.binary(op, lhs, rhs), lhs.span.union(rhs.span)), at: t.span)
    }
    if current.isWord("is") {
      _ = advance()
      var negated = false
      if current.isWord("not") {
        negated = true
        _ = advance()
      }
      guard current.isWord("missing") else { throw unexpected("'missing' after 'is'") }
      let m = advance()
      return try checked(Expr(.isMissing(lhs, negated: negated), lhs.span.union(m.span)), at: m.span)
    }
    if current.isWord("in") || (current.isWord("not") && peek().isWord("in")) {
      var negated = false
      if current.isWord("not") {
        negated = true
        _ = advance()
      }
      let t = advance()
      let rhs = try parseAdditive()
      return try checked(Expr(.inList(lhs, rhs, negated: negated), lhs.span.union(rhs.span)), at: t.span)
    }
    return lhs
  }

  private mutating func parseAdditive() throws(Diagnostic) -> Expr {
    var lhs = try parseMultiplicative()
    while true {
      let op: BinaryOperator
      if current.isSymbol("+") { op = .add } else if current.isSymbol("-") { op = .subtract } else { break }
      let t = advance()
      let rhs = try parseMultiplicative()
      lhs = try checked(Expr(.binary(op, lhs, rhs), lhs.span.union(rhs.span)), at: t.span)
    }
    return lhs
  }

  private mutating func parseMultiplicative() throws(Diagnostic) -> Expr {
    var lhs = try parseUnary()
    while true {
      let op: BinaryOperator
      if current.isSymbol("*") {
        op = .multiply
      } else if current.isSymbol("/") {
        op = .divide
      } else if current.isSymbol("%") {
        op = .remainder
      } else {
        break
      }
      let t = advance()
      let rhs = try parseUnary()
      lhs = try checked(Expr(.binary(op, lhs, rhs), lhs.span.union(rhs.span)), at: t.span)
    }
    return lhs
  }

  private mutating func parseUnary() throws(Diagnostic) -> Expr {
    if current.isSymbol("-") {
      let t = advance()
      try enter(t)
      defer { leave() }
      let operand = try parseUnary()
      // Fold `-3` into a literal so `head -3` and ranges read naturally.
      if case .literal(.int(let i)) = operand.kind, operand.span.start == t.span.end {
        return Expr(.literal(.int(-i)), t.span.union(operand.span))
      }
      if case .literal(.float(let d)) = operand.kind, operand.span.start == t.span.end {
        return Expr(.literal(.float(-d)), t.span.union(operand.span))
      }
      return try checked(Expr(.unary(.negate, operand), t.span.union(operand.span)), at: t.span)
    }
    if current.isSymbol("+") {
      try enter(advance())
      defer { leave() }
      return try parseUnary()
    }
    return try parseRange()
  }

  private mutating func parseRange() throws(Diagnostic) -> Expr {
    let lhs = try parsePrimary()
    if current.isSymbol("..") {
      let t = advance()
      let rhs = try parsePrimaryOrNegative()
      return try checked(Expr(.range(lhs, rhs), lhs.span.union(rhs.span)), at: t.span)
    }
    return lhs
  }

  private mutating func parsePrimaryOrNegative() throws(Diagnostic) -> Expr {
    if current.isSymbol("-") { return try parseUnary() }
    return try parsePrimary()
  }

  private mutating func parsePrimary() throws(Diagnostic) -> Expr {
    let t = current
    switch t.kind {
    case .integer(let i):
      _ = advance()
      return try durationIfWritten(Expr(.literal(.int(i)), t.span))
    case .float(let d):
      _ = advance()
      return try durationIfWritten(Expr(.literal(.float(d)), t.span))
    case .string(let s):
      _ = advance()
      return try Self.interpolated(s, span: t.span, in: source, verbs: verbs)
    case .identifier(let name, let quoted):
      if !quoted {
        switch name {
        case "true":
          _ = advance()
          return Expr(.literal(.bool(true)), t.span)
        case "false":
          _ = advance()
          return Expr(.literal(.bool(false)), t.span)
        case "missing":
          _ = advance()
          return Expr(.literal(.missing), t.span)
        case "and", "or", "in", "is":
          throw Diagnostic.syntax("expected a value, found the keyword '\(name)'", at: t.span)
        case "case" where peek().isWord("when"):
          return try parseCase()
        default:
          break
        }
      }
      _ = advance()
      if !quoted, current.isSymbol("("), !current.spaceBefore {
        if WindowFunctions.isWindow(name) { return try parseWindowCall(name, at: t) }
        try enter(advance())
        defer { leave() }
        var args: [Expr] = []
        if !current.isSymbol(")") {
          args.append(try parseValueInBrackets())
          while current.isSymbol(",") {
            _ = advance()
            args.append(try parseValueInBrackets())
          }
        }
        let close = try expectSymbol(")", "',' or ')' in the call of '\(name)'")
        try refuseOver(after: name)
        return try checked(Expr(.call(name, args, nameSpan: t.span), t.span.union(close.span)), at: t.span)
      }
      return Expr(.name(name, quoted: quoted), t.span)
    case .symbol("("):
      try enter(advance())
      defer { leave() }
      let inner = try parsePipeline()
      let close = try expectSymbol(")", "')'")
      if inner.stages.isEmpty, case .value(let e) = inner.head {
        return Expr(e.kind, t.span.union(close.span))
      }
      return try checked(Expr(.pipeline(inner), t.span.union(close.span)), at: t.span)
    case .symbol("["):
      try enter(advance())
      defer { leave() }
      var items: [Expr] = []
      if !current.isSymbol("]") {
        items.append(try parseValueInBrackets())
        while current.isSymbol(",") {
          _ = advance()
          if current.isSymbol("]") { break }
          items.append(try parseValueInBrackets())
        }
      }
      let close = try expectSymbol("]", "',' or ']' in the list")
      return try checked(Expr(.list(items), t.span.union(close.span)), at: t.span)
    case .newline, .end:
      throw Diagnostic.syntax("expected a value, found \(t.describe)", at: SourceSpan(start: previousEnd, length: 0))
    default:
      throw Diagnostic.syntax("expected a value, found \(t.describe)", at: t.span)
    }
  }

  /// A value that may be a whole pipeline, for the `{…}` of a string.
  mutating func parseValue() throws(Diagnostic) -> Expr { try parseValueInBrackets() }

  /// Whether every token has been read.
  var atEnd: Bool {
    if case .end = current.kind { return true }
    return false
  }

  /// `7 days`, `2 hours`, `1 week`: a number followed by a unit word is a duration, the call `days(7)`, so
  /// every step reads it as an expression (a rolling window takes its span with `durationMicroseconds`).
  private mutating func durationIfWritten(_ number: Expr) throws(Diagnostic) -> Expr {
    guard let word = current.word, let function = Durations.unitWords[word] else { return number }
    let unit = advance()
    return try checked(
      Expr(.call(function, [number], nameSpan: unit.span), number.span.union(unit.span)), at: unit.span)
  }

  /// `case when C then V [when C then V]… [else V] end`: the call ``CaseWhen/name`` of the conditions and
  /// values in turn and the `else` value last (`missing` without one). `end` closes it here only, so the
  /// same word can close a block.
  private mutating func parseCase() throws(Diagnostic) -> Expr {
    let start = advance()
    try enter(start)
    defer { leave() }
    var args: [Expr] = []
    while current.isWord("when") {
      _ = advance()
      let condition = try parseCaseValue(after: "when")
      guard current.isWord("then") else {
        throw Diagnostic.syntax(
          "expected 'then' after the condition of 'when', found \(current.describe)", at: currentOrEndSpan())
      }
      _ = advance()
      args += [condition, try parseCaseValue(after: "then")]
    }
    if current.isWord("else") {
      _ = advance()
      args.append(try parseCaseValue(after: "else"))
    } else {
      args.append(Expr(.literal(.missing), SourceSpan(start: previousEnd, length: 0)))
    }
    guard current.isWord("end") else {
      throw Diagnostic.syntax(
        "expected 'when', 'else' or 'end' in 'case … end', found \(current.describe)", at: currentOrEndSpan())
    }
    let close = advance()
    return try checked(
      Expr(.call(CaseWhen.name, args, nameSpan: start.span), start.span.union(close.span)), at: start.span)
  }

  /// A condition or value of `case`: an expression, not one of its keywords.
  private mutating func parseCaseValue(after keyword: String) throws(Diagnostic) -> Expr {
    if let w = current.word, ["when", "then", "else", "end"].contains(w) {
      throw Diagnostic.syntax("expected a value after '\(keyword)', found the keyword '\(w)'", at: current.span)
    }
    return try parseExpression()
  }

  /// Inside brackets a value may be a whole pipeline (`count(users | where spend > 5)`).
  private mutating func parseValueInBrackets() throws(Diagnostic) -> Expr {
    let start = current.span.start
    let p = try parsePipeline()
    if p.stages.isEmpty, case .value(let e) = p.head { return e }
    return Expr(.pipeline(p), SourceSpan(start: start, length: p.span.end - start))
  }
}

// MARK: Window functions

extension Parser {
  /// `name(args) [over (by a, b order k [desc], …)]` for a window function, whose arguments may be
  /// followed by `desc`/`asc` (ranking keys) or be a time span (`7 days`). Without any of those it is a plain
  /// call, so `first(x)` in `aggregate` stays the aggregate.
  fileprivate mutating func parseWindowCall(_ name: String, at nameToken: Token) throws(Diagnostic) -> Expr {
    try enter(advance())
    defer { leave() }
    var window = WindowExpr(name: name, nameSpan: nameToken.span, arguments: [], descending: [])
    var special = false
    if !current.isSymbol(")") {
      repeat {
        if !window.arguments.isEmpty || window.timeSpan != nil { _ = advance() }
        let argument = try parseExpression()
        // `7 days` (the duration `days(7)`) is the window's time span.
        if let micros = Self.constantDuration(argument) {
          window.timeSpan = (micros, argument.span)
          special = true
          continue
        }
        window.arguments.append(argument)
        var descending = false
        if current.isWord("desc") || current.isWord("asc") {
          descending = advance().isWord("desc")
          special = true
        }
        window.descending.append(descending)
      } while current.isSymbol(",")
    }
    var close = try expectSymbol(")", "',' or ')' in the call of '\(name)'")
    if current.isWord("over") {
      _ = advance()
      try enter(try expectSymbol("(", "'(' after 'over' (over (by COLUMNS order KEYS))"))
      defer { leave() }
      window.hasOver = true
      special = true
      if current.isWord("by") {
        repeat {
          _ = advance()
          window.partition.append(try parseExpression())
        } while current.isSymbol(",")
      }
      if current.isWord("order") {
        repeat {
          _ = advance()
          let e = try parseExpression()
          var descending = false
          if current.isWord("desc") || current.isWord("asc") { descending = advance().isWord("desc") }
          window.order.append(SortKey(expr: e, descending: descending))
        } while current.isSymbol(",")
      }
      close = try expectSymbol(")", "'by COLUMNS', 'order KEYS' or ')' in 'over (…)'")
    }
    let span = nameToken.span.union(close.span)
    guard special else {
      return try checked(Expr(.call(name, window.arguments, nameSpan: nameToken.span), span), at: nameToken.span)
    }
    return try checked(Expr(.window(window), span), at: nameToken.span)
  }

  /// `over` after a function that is not a window function.
  fileprivate func refuseOver(after name: String) throws(Diagnostic) {
    guard current.isWord("over") else { return }
    throw Diagnostic.syntax(
      "'over' follows a window function, and '\(name)' is not one", at: current.span,
      suggestions: ["window functions: " + WindowFunctions.names.joined(separator: ", ")])
  }

  /// The microseconds of a duration written with a constant (`7 days`, `days(7)`), else `nil`.
  fileprivate static func constantDuration(_ e: Expr) -> Int64? {
    guard case .call(let name, let args, _) = e.kind, args.count == 1, case .literal(let v) = args[0].kind else {
      return nil
    }
    return RowExpression.call(name, [.literal(v)]).durationMicroseconds
  }
}
