import RichOutput

/// The inline Markdown that summary notes use, as HTML: code spans (`` `kdist users k 5` ``) become
/// `<code>`, **bold** becomes `<strong>`, everything else is escaped text.
///
/// Summaries are written once, as Markdown-flavoured plain text (it reads well in a terminal); their HTML
/// must not show the raw backticks. Code spans are read by ``MarkdownPlainText/segments(_:)``, the same
/// scanner the pager's plain text uses; `**` without its partner stays as it is.
enum InlineMarkdown {
  static func html(_ text: String) -> String {
    MarkdownPlainText.segments(text).map { segment in
      segment.isCode ? "<code>\(Escaping.html(segment.text))</code>" : bold(segment.text)
    }.joined()
  }

  /// `**x**` as `<strong>x</strong>`, the rest escaped.
  private static func bold(_ text: String) -> String {
    var out = ""
    var rest = Substring(text)
    while let open = rest.range(of: "**"), let close = rest[open.upperBound...].range(of: "**"),
      close.lowerBound > open.upperBound
    {
      out += Escaping.html(String(rest[..<open.lowerBound]))
      out += "<strong>\(Escaping.html(String(rest[open.upperBound..<close.lowerBound])))</strong>"
      rest = rest[close.upperBound...]
    }
    return out + Escaping.html(String(rest))
  }
}
