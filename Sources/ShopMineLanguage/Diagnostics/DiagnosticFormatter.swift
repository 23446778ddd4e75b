/// Renders a ``Diagnostic`` against its source: the one formatter for kernel, CLI and tests.
///
/// ```
/// error: unknown column 'spnd'
///  --> line 1, column 15
///   |
/// 1 | users | where spnd > 5
///   |               ^^^^
/// help: did you mean 'spend'?
/// note: columns here: user_id, age, …
/// ```
public struct DiagnosticFormatter: Sendable {
  public enum Style: Sendable {
    /// Plain text, the header as `error: …` (tests, logs).
    case plain
    /// ANSI colours for Jupyter tracebacks.
    case ansi
    /// `file:line:col: error: …` headers, plain text, for the command line.
    case cli
  }
  public var style: Style

  public init(style: Style = .plain) { self.style = style }

  /// The diagnostic as lines (no trailing newlines); the kernel sends them as traceback entries.
  public func lines(_ d: Diagnostic, in source: SourceText) -> [String] {
    let red = paint("1;31")
    let blue = paint("1;34")
    let cyan = paint("1;36")
    let bold = paint("1")
    let reset = style == .ansi ? "\u{1B}[0m" : ""
    var out: [String] = []
    let severity = d.severity.rawValue
    guard let span = d.span else {
      out.append(
        style == .cli
          ? "\(source.fileName): \(severity): \(d.message)"
          : "\(red)\(severity)\(reset)\(bold): \(d.message)\(reset)")
      out += trailer(d, blue: blue, cyan: cyan, reset: reset)
      return out
    }
    let loc = source.location(of: span.start)
    if style == .cli {
      out.append("\(source.fileName):\(loc.line):\(loc.column): \(severity): \(d.message)")
    } else {
      out.append("\(red)\(severity)\(reset)\(bold): \(d.message)\(reset)")
    }
    let gutter = String(loc.line).count
    let pad = String(repeating: " ", count: gutter)
    if style != .cli {
      out.append("\(pad)\(blue)-->\(reset) line \(loc.line), column \(loc.column)")
    }
    let lineText = source.lineText(loc.line)
    let lineScalars = Array(lineText.unicodeScalars)
    out.append("\(pad) \(blue)|\(reset)")
    out.append("\(blue)\(loc.line) |\(reset) \(lineText)")
    // Carets under the span, clipped to this line; at least one (an empty span at end of input).
    let startColumn = loc.column - 1
    let available = max(0, lineScalars.count - startColumn)
    let width = max(1, min(span.length, available))
    // Copy tabs from the source so the carets line up under tab-indented code.
    var indent = ""
    for i in 0..<min(startColumn, lineScalars.count) {
      indent.unicodeScalars.append(lineScalars[i] == "\t" ? "\t" : " ")
    }
    if startColumn > lineScalars.count {
      indent += String(repeating: " ", count: startColumn - lineScalars.count)
    }
    out.append("\(pad) \(blue)|\(reset) \(indent)\(red)\(String(repeating: "^", count: width))\(reset)")
    out += trailer(d, blue: blue, cyan: cyan, reset: reset)
    return out
  }

  /// The whole rendering as one string with a final newline.
  public func render(_ d: Diagnostic, in source: SourceText) -> String {
    lines(d, in: source).joined(separator: "\n") + "\n"
  }

  private func trailer(_ d: Diagnostic, blue: String, cyan: String, reset: String) -> [String] {
    d.suggestions.map { "\(cyan)help\(reset): \($0)" } + d.notes.map { "\(blue)note\(reset): \($0)" }
  }

  private func paint(_ code: String) -> String {
    style == .ansi ? "\u{1B}[\(code)m" : ""
  }
}
