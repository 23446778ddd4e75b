import JupyterProtocol
import XCTest

@testable import ShopMineNotebook

/// The report takes a highlighter from outside (ShopMine's lives in ShopMineLanguage, which this module does
/// not link) and keeps one numbered row per source line whatever it returns.
final class HTMLReportHighlightTests: XCTestCase {
  /// A stand-in highlighter: every `show` is a keyword, the rest escaped as the report escapes.
  private let fake: HTMLReport.Highlight = { source in
    HTMLReport.escape(source).replacingOccurrences(of: "show", with: "<span class=\"k\">show</span>")
  }

  func testCodeRowsCarryTheHighlightersMarkupLineByLine() {
    let cell = Cell(id: "c", kind: .code, source: "show a\n\nshow <b>", executionCount: 1)
    let html = HTMLReport.render(Notebook(cells: [cell]), title: "t", highlight: fake)
    XCTAssertTrue(html.contains("<td class=\"ln\">1</td><td><code><span class=\"k\">show</span> a</code></td>"))
    XCTAssertTrue(html.contains("<td class=\"ln\">2</td><td><code></code></td>"))
    XCTAssertTrue(html.contains("<td class=\"ln\">3</td><td><code><span class=\"k\">show</span> &lt;b&gt;</code></td>"))
    XCTAssertFalse(html.contains("<td class=\"ln\">4</td>"))
    // The stylesheet colours the classes the highlighter uses.
    for cssClass in ["k", "kp", "na", "ow", "kc", "nb", "s2", "m", "c1", "o"] {
      XCTAssertTrue(
        html.contains("table.source .\(cssClass) ") || html.contains("table.source .\(cssClass),"), cssClass)
    }
  }

  func testWithoutAHighlighterOrWhenItDeclinesTheCodeIsEscapedText() {
    let cell = Cell(id: "c", kind: .code, source: "show <b> & \"c\"", executionCount: 1)
    let declined = HTMLReport.render(Notebook(cells: [cell]), title: "t") { _ in nil }
    let plain = HTMLReport.render(Notebook(cells: [cell]), title: "t")
    XCTAssertEqual(declined, plain)
    XCTAssertTrue(plain.contains("<td><code>show &lt;b&gt; &amp; &quot;c&quot;</code></td>"))
    // Markdown and raw cells are never handed to the highlighter.
    var asked: [String] = []
    _ = HTMLReport.render(
      Notebook(cells: [Cell(id: "m", kind: .markdown, source: "show"), Cell(id: "r", kind: .raw, source: "show"), cell]
      ),
      title: "t"
    ) { source in
      asked.append(source)
      return nil
    }
    XCTAssertEqual(asked, ["show <b> & \"c\""])
  }

  func testScriptReportPassesTheHighlighterOn() {
    let sink = ScriptOutput(format: .html, plotDirectory: "unused", stderrIsTerminal: false) { _, _ in }
    sink.stream(.stdout, "hi\n")
    let html = sink.htmlReport(source: "show x", title: "s", highlight: fake)
    XCTAssertTrue(html.contains("<code><span class=\"k\">show</span> x</code>"))
    XCTAssertTrue(html.contains("<pre class=\"stdout\">hi\n</pre>"))
  }
}
