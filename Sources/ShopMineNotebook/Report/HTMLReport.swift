import Foundation
import Ink
import JupyterProtocol

/// A self-contained HTML page of an executed notebook: markdown rendered, code with line numbers, every
/// output in its richest safe representation inline. No scripts, no external assets: it opens from a
/// mail attachment or a CI artifact as it is.
public enum HTMLReport {
  /// Output representations in order of preference. Vega-Lite needs a script to draw, so the report uses
  /// the SVG the same bundle carries; `text/html` from ShopMine is script-free by construction.
  static let preference = [
    "image/svg+xml", "text/html", "image/png", "image/jpeg", "text/markdown", "text/latex", "text/plain",
  ]

  /// Colours a code cell's source: HTML that, without its tags and unescaped, is the source exactly, and
  /// whose elements never cross a line break (the report splits it on `"\n"` to number the lines); `nil`
  /// leaves the cell plain. The executable passes ShopMine's `Highlighter.html` — this module does not
  /// link the language (docs/ARCHITECTURE.md).
  public typealias Highlight = (String) -> String?

  public static func render(_ notebook: Notebook, title: String, highlight: Highlight? = nil) -> String {
    let parser = MarkdownParser()
    var body = ""
    for cell in notebook.cells {
      switch cell.kind {
      case .markdown:
        body += "<div class=\"cell markdown\">\n" + parser.html(from: cell.source) + "\n</div>\n"
      case .raw:
        body += "<div class=\"cell raw\"><pre>" + escape(cell.source) + "</pre></div>\n"
      case .code:
        body += codeCell(cell, highlight: highlight)
      }
    }
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="generator" content="ShopMine">
      <title>\(escape(title))</title>
      <style>
      \(css)
      </style>
      </head>
      <body>
      <main>
      <h1 class="report-title">\(escape(title))</h1>
      \(body)</main>
      </body>
      </html>

      """
  }

  static func codeCell(_ cell: Cell, highlight: Highlight? = nil) -> String {
    let prompt = cell.executionCount.map { "In [\($0)]:" } ?? "In [ ]:"
    var html = "<div class=\"cell code\">\n<div class=\"prompt\">\(prompt)</div>\n<table class=\"source\">"
    // Highlighted or escaped, the text keeps the source's line breaks, so the split gives its lines.
    let marked = highlight?(cell.source) ?? escape(cell.source)
    let lines = marked.split(separator: "\n", omittingEmptySubsequences: false)
    for (n, line) in lines.enumerated() {
      html += "<tr><td class=\"ln\">\(n + 1)</td><td><code>\(line)</code></td></tr>"
    }
    html += "</table>\n"
    for output in cell.outputs {
      html += "<div class=\"output\">" + renderOutput(output) + "</div>\n"
    }
    return html + "</div>\n"
  }

  static func renderOutput(_ output: JSONValue) -> String {
    switch output["output_type"]?.stringValue {
    case "stream":
      let name = output["name"]?.stringValue == "stderr" ? "stderr" : "stdout"
      return "<pre class=\"\(name)\">" + escape(output["text"]?.stringValue ?? "") + "</pre>"
    case "error":
      let lines = output["traceback"]?.arrayValue?.compactMap(\.stringValue) ?? []
      return "<pre class=\"error\">" + escape(stripANSI(lines.joined(separator: "\n"))) + "</pre>"
    case "display_data", "execute_result":
      return renderBundle(output["data"]?.objectValue ?? [:])
    default:
      return ""
    }
  }

  static func renderBundle(_ data: [String: JSONValue]) -> String {
    guard let mime = preference.first(where: { data[$0] != nil }), let value = data[mime] else {
      return ""
    }
    let text = value.stringValue ?? ""
    switch mime {
    case "image/svg+xml":
      return "<div class=\"svg\">" + stripXMLProlog(text) + "</div>"
    case "text/html":
      return "<div class=\"html\">" + text + "</div>"
    case "image/png", "image/jpeg":
      let compact = text.filter { !$0.isWhitespace }
      return "<img alt=\"output image\" src=\"data:\(mime);base64,\(compact)\">"
    case "text/markdown":
      return "<div class=\"markdown\">" + MarkdownParser().html(from: text) + "</div>"
    default:
      return "<pre>" + escape(text) + "</pre>"
    }
  }

  static func stripXMLProlog(_ svg: String) -> String {
    guard svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") else { return svg }
    return String(svg[end.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Removes ANSI colour sequences (ESC [ … letter) from tracebacks.
  static func stripANSI(_ text: String) -> String {
    var out = ""
    var scalars = text.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
      if scalar == "\u{1B}" {
        // Skip "[" parameters and the final letter.
        while let next = scalars.next() {
          if next.properties.isAlphabetic { break }
        }
        continue
      }
      out.unicodeScalars.append(scalar)
    }
    return out
  }

  static func escape(_ s: String) -> String { Escaping.verbatim(s) }

  static let css = """
    body { font-family: -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif; margin: 0;
      background: #fafafa; color: #1f2328; }
    main { max-width: 1100px; margin: 0 auto; padding: 1.5rem; }
    .report-title { font-size: 1.4rem; color: #57606a; border-bottom: 1px solid #d0d7de; padding-bottom: .5rem; }
    .cell { margin: 1rem 0; }
    .cell.code { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .75rem; }
    .prompt { color: #57606a; font: 12px ui-monospace, "DejaVu Sans Mono", monospace; }
    table.source { border-collapse: collapse; width: 100%; background: #f6f8fa; margin: .25rem 0 .5rem; }
    table.source td { font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace;
      padding: 0 .5rem; white-space: pre; vertical-align: top; }
    table.source td.ln { color: #8c959f; text-align: right; user-select: none; width: 2.5em;
      border-right: 1px solid #d0d7de; }
    .output { margin: .35rem 0; overflow-x: auto; }
    .output pre { margin: 0; font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", monospace; white-space: pre-wrap; }
    .output pre.stderr { background: #fff8e6; }
    .output pre.error { background: #ffebe9; color: #82071e; padding: .5rem; }
    .output table { border-collapse: collapse; font-size: 13px; }
    .output th, .output td { border: 1px solid #d0d7de; padding: 2px 8px; }
    .output svg { max-width: 100%; height: auto; }
    /* Code, by the Pygments class names of Highlighter (ShopMineLanguage); dark enough on #f6f8fa. */
    table.source .k { color: #cf222e; font-weight: 600; }
    table.source .kp { color: #953800; }
    table.source .na { color: #116329; }
    table.source .ow { color: #cf222e; }
    table.source .o { color: #1b7c83; }
    table.source .kc, table.source .m { color: #0550ae; }
    table.source .nb, table.source .nf { color: #8250df; }
    table.source .s1, table.source .s2 { color: #0a3069; }
    table.source .c1 { color: #6e7781; font-style: italic; }
    table.source .p { color: #57606a; }
    """
}
