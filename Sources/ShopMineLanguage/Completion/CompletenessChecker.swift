import JupyterProtocol

/// `is_complete`: whether a console should run the code or wait for another line.
struct CompletenessChecker {
  let catalog: VerbCatalog

  /// Incomplete for an open string or bracket, a trailing `|` or `,`, or a statement cut short at the end;
  /// invalid for a syntax error more input cannot fix; complete otherwise (evaluation errors included).
  func check(_ code: String) -> Completeness {
    let source = SourceText(code)
    let lexed = Lexer(source).tokenize()
    if lexed.unterminatedString { return .incomplete(indent: "") }
    if lexed.error != nil { return .invalid }
    if !lexed.openBrackets.isEmpty { return .incomplete(indent: "    ") }
    // The last token before the end: a dangling '|' or ',' asks for the next line.
    let significant = lexed.tokens.filter { !$0.isEnd }
    if let last = significant.last, last.isSymbol("|") || last.isSymbol(",") {
      return .incomplete(indent: "  ")
    }
    switch Parser.parse(source, verbs: catalog) {
    case .success:
      return .complete
    case .failure(let d):
      // A `for` block waiting for its `end`.
      if d.message == Parser.unclosedBlock { return .incomplete(indent: "  ") }
      // An error at the very end means the statement is merely unfinished (`x =`).
      let end = trimmedEnd(source)
      if let span = d.span, span.start >= end, d.name == "SyntaxError" { return .incomplete(indent: "  ") }
      return .invalid
    }
  }

  private func trimmedEnd(_ source: SourceText) -> Int {
    var end = source.scalars.count
    while end > 0, source.scalars[end - 1].properties.isWhitespace { end -= 1 }
    return end
  }
}
