/// A problem found in a ShopMine program: what went wrong, where, and how to fix it.
///
/// The one error value of the language. Lexer, parser and evaluator all produce it; library errors
/// (``ShopMineData/TableError``…) are converted to it at the language boundary. One formatter,
/// ``DiagnosticFormatter``, renders it for the kernel, the CLI and tests.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Severity: String, Sendable, Hashable {
    case error
    case warning
  }
  public var severity: Severity
  /// One line, lower-case, naming the problem (`unknown column 'spnd'`).
  public var message: String
  /// Where in the source, in Unicode scalars; `nil` when the problem has no place (a file error).
  public var span: SourceSpan?
  /// Context lines shown as `note: …`.
  public var notes: [String]
  /// Fixes shown as `help: …` (`did you mean 'spend'?`).
  public var suggestions: [String]
  /// The error's kind as the kernel reports it (`ename`): SyntaxError, NameError, ColumnError…
  public var name: String

  public init(
    _ message: String, at span: SourceSpan?, name: String = "Error", notes: [String] = [],
    suggestions: [String] = [], severity: Severity = .error
  ) {
    self.severity = severity
    self.message = message
    self.span = span
    self.notes = notes
    self.suggestions = suggestions
    self.name = name
  }

  public var description: String { message }

  /// A syntax error at `span`.
  static func syntax(
    _ message: String, at span: SourceSpan, notes: [String] = [],
    suggestions: [String] = []
  ) -> Diagnostic {
    Diagnostic(message, at: span, name: "SyntaxError", notes: notes, suggestions: suggestions)
  }

  /// Adds a "did you mean" help line when `word` is close to one of `candidates`.
  func suggesting(_ word: String, from candidates: [String]) -> Diagnostic {
    var copy = self
    if let best = EditDistance.closest(to: word, in: candidates) {
      copy.suggestions.append("did you mean '\(best)'?")
    }
    return copy
  }

  /// The same diagnostic with a span filled in when it had none.
  func located(_ fallback: SourceSpan) -> Diagnostic {
    var copy = self
    if copy.span == nil { copy.span = fallback }
    return copy
  }
}
