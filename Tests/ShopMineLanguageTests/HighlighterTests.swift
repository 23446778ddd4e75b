import Foundation
import XCTest

@testable import ShopMineLanguage

/// The HTML report's highlighting: classes as the parser reads the words, and not one scalar lost.
final class HighlighterTests: XCTestCase {
  /// Each span's class and (unescaped) text, in order.
  private func spans(_ source: String) -> [(String, String)] {
    let html = Highlighter.html(source)
    let regex = try! NSRegularExpression(pattern: "<span class=\"([a-z0-9]+)\">([^<]*)</span>")
    let ns = html as NSString
    return regex.matches(in: html, range: NSRange(location: 0, length: ns.length)).map {
      (ns.substring(with: $0.range(at: 1)), Self.unescape(ns.substring(with: $0.range(at: 2))))
    }
  }

  /// The class of every span whose text is `text`.
  private func classes(of text: String, in source: String) -> [String] {
    spans(source).filter { $0.1 == text }.map(\.0)
  }

  private static func unescape(_ html: String) -> String {
    html.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
  }

  /// The highlighted HTML with its tags removed and unescaped; must be the source, scalar for scalar.
  private static func plainText(_ html: String) -> String {
    let untagged = html.replacingOccurrences(
      of: "<span class=\"[a-z0-9]+\">|</span>", with: "", options: .regularExpression)
    return unescape(untagged)
  }

  private func assertLossless(_ source: String, file: StaticString = #filePath, line: UInt = #line) {
    let html = Highlighter.html(source)
    // Compared as scalars: String's == would call `é` and `e\u{301}` equal.
    XCTAssertEqual(
      Array(Self.plainText(html).unicodeScalars), Array(source.unicodeScalars),
      "\(source.debugDescription) → \(html.debugDescription)", file: file, line: line)
    XCTAssertFalse(html.contains("<span class=\"\"></span>"), file: file, line: line)
    // No element crosses a line break: the report splits the HTML into numbered lines.
    for htmlLine in html.split(separator: "\n", omittingEmptySubsequences: false) {
      XCTAssertEqual(
        htmlLine.components(separatedBy: "<span ").count, htmlLine.components(separatedBy: "</span>").count,
        "unbalanced line \(htmlLine.debugDescription)", file: file, line: line)
    }
  }

  func testVerbsOptionsArgumentWordsAndNames() {
    let source = "users = generate users 100 seed 42"
    XCTAssertEqual(spans(source).map(\.0), ["n", "o", "k", "kp", "m", "na", "m"])
    let kmeans = "seg = kmeans users k 3 on spend, rating seed 0 trace"
    XCTAssertEqual(
      spans(kmeans).map { "\($0.0):\($0.1)" },
      [
        "n:seg", "o:=", "k:kmeans", "n:users", "na:k", "m:3", "na:on", "n:spend", "p:,", "n:rating", "na:seed",
        "m:0", "na:trace",
      ])
    // An option word of another verb, or one already read, is a name.
    XCTAssertEqual(classes(of: "k", in: "users | select k, seed"), ["n"])
    XCTAssertEqual(classes(of: "seed", in: "users | select k, seed"), ["n"])
    // A verb name only where a call starts: after `|`, `=`, `(`; elsewhere a column.
    XCTAssertEqual(classes(of: "sort", in: "t | sort sort desc"), ["k", "n"])
    XCTAssertEqual(classes(of: "desc", in: "t | sort sort desc, b asc"), ["kp"])
    XCTAssertEqual(classes(of: "kmeans", in: "m = (kmeans users k 2)"), ["k"])
    XCTAssertEqual(classes(of: "clusters", in: "plot clusters seg x browse_time y spend"), ["kp"])
    XCTAssertEqual(classes(of: "x", in: "plot clusters seg x browse_time y spend"), ["na"])
    XCTAssertEqual(classes(of: "inner", in: "a | join b on id how inner"), ["kp"])
    XCTAssertEqual(classes(of: "time", in: "time users | sort spend"), ["k"])
    XCTAssertEqual(classes(of: "time", in: "time = 3"), ["n"])
  }

  func testOperatorsLiteralsFunctionsStringsNumbersComments() {
    let source = """
      # top buyers in 上海
      users | where spend > 100.5 and city == "Shanghai" or not vip is missing  # trailing
      t = orders | derive total = sum(`unit price` * 1e3), r = foo(x) | head 1..10 | where ok == true
      """
    XCTAssertEqual(classes(of: "# top buyers in 上海", in: source), ["c1"])
    XCTAssertEqual(classes(of: "# trailing", in: source), ["c1"])
    XCTAssertEqual(classes(of: "where", in: source), ["k", "k"])
    XCTAssertEqual(classes(of: "and", in: source), ["ow"])
    XCTAssertEqual(classes(of: "not", in: source), ["ow"])
    XCTAssertEqual(classes(of: "missing", in: source), ["kc"])
    XCTAssertEqual(classes(of: "true", in: source), ["kc"])
    XCTAssertEqual(classes(of: "\"Shanghai\"", in: source), ["s2"])
    XCTAssertEqual(classes(of: "'x'", in: "print 'x'"), ["s1"])
    XCTAssertEqual(classes(of: "100.5", in: source), ["m"])
    XCTAssertEqual(classes(of: "1e3", in: source), ["m"])
    XCTAssertEqual(spans("head 1..10").map(\.0), ["k", "m", "o", "m"])
    XCTAssertEqual(classes(of: "|", in: source), ["o", "o", "o", "o"])
    XCTAssertEqual(classes(of: "sum", in: source), ["nb"])
    XCTAssertEqual(classes(of: "foo", in: source), ["nf"])
    XCTAssertEqual(classes(of: "`unit price`", in: source), ["n"])
    XCTAssertEqual(classes(of: "(", in: source), ["p", "p"])
    // `#` inside a string or a backquoted name is not a comment.
    XCTAssertEqual(spans("print \"#1\", `#2` # c").map(\.0), ["k", "s2", "p", "n", "c1"])
    assertLossless(source)
  }

  func testTextTheLexerRejectsStaysPlainFromTheErrorOn() {
    // The tokens before the error are coloured; from the unterminated string on, plain text.
    let html = Highlighter.html("print 1 # ok\nprint \"open <b> & # not a comment\nshow users")
    XCTAssertEqual(
      html,
      "<span class=\"k\">print</span> <span class=\"m\">1</span> <span class=\"c1\"># ok</span>\n"
        + "<span class=\"k\">print</span> &quot;open &lt;b&gt; &amp; # not a comment\nshow users")
    XCTAssertEqual(spans("x = 1abc").map(\.0), ["n", "o"])
    XCTAssertEqual(spans("a $ b").map(\.0), ["n"])
    XCTAssertEqual(spans("f(x))").map(\.0), ["nf", "p", "n", "p"])
  }

  func testHostileTextIsNeverLostOrReordered() {
    let hostile = [
      "", "\n", "\n\n", "#", "# only a comment", "\"", "'", "`", "``", "`open", "\"unterminated", "'a\\'",
      "print \"\\u{1F600}\" \"\\q\"", "用户 = generate users 10 # 中文注释\n用户 | head 3",
      "print \"😀 👩‍👩‍👧 e\u{301} é\" # 🎉", "\u{FEFF}show users\r\nshow users\r\n", "a\tb\u{0}c\u{7}d",
      "<script>alert('&amp;')</script>", "x = \"</span><span class=\\\"k\\\">\"", "1abc", ")", "(((", "[1, 2",
      "kmeans++ init kmeans++", "a; b ;; c", "users |\n  | sort spend desc\n", "&lt; &gt; &quot; &amp;",
      "print 'a' # \"b\" `c`\n\"d", "x = .5e-3 + 1_000 + 1e+", "\"a\"\"b\"'c'", "\u{10FFFF}\u{E000}",
    ]
    for source in hostile { assertLossless(source) }
  }

  /// Every code cell of every committed notebook comes back exactly, and none falls back to plain text.
  func testEveryNotebookCellRoundTrips() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let folder = root.appendingPathComponent("notebooks")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".ipynb") }
    XCTAssertGreaterThanOrEqual(names.count, 8)
    var cells = 0
    for name in names.sorted() {
      let data = try Data(contentsOf: folder.appendingPathComponent(name))
      let notebook = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
      for cell in notebook["cells"] as? [[String: Any]] ?? [] where cell["cell_type"] as? String == "code" {
        let source = (cell["source"] as? [String])?.joined() ?? cell["source"] as? String ?? ""
        assertLossless(source)
        // The committed cells are valid ShopMine: every non-blank character is inside some span.
        let html = Highlighter.html(source)
        let outside = html.replacingOccurrences(
          of: "<span class=\"[a-z0-9]+\">[^<]*</span>", with: "", options: .regularExpression)
        XCTAssertTrue(outside.allSatisfy { $0.isWhitespace || $0 == ";" }, "\(name): \(outside.debugDescription)")
        cells += 1
      }
    }
    XCTAssertGreaterThan(cells, 100)
  }
}
