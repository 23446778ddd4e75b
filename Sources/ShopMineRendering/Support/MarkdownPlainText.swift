/// Markdown as readable plain text, for the `text/plain` beside a `text/markdown` rendering of the same
/// source: a terminal pager (`jupyter console`'s `help`) shows `text/plain` as it is, and raw fences and
/// backticks there are noise.
///
/// It handles what the help files use — ATX headings, fenced code blocks, code spans (any number of
/// backticks, as CommonMark reads them) and backslash escapes — and leaves the rest as written (lists,
/// paragraphs), which already reads as text. Headings are underlined (`=` under `#`, `-` under `##`, none
/// below), code blocks are indented four spaces, code spans lose their backticks; text inside code is kept
/// verbatim, so a backquoted ShopMine name inside a code span keeps its backquotes.
public enum MarkdownPlainText {
  public static func render(_ markdown: String) -> String {
    var output: [String] = []
    var paragraph: [Substring] = []
    var fence: Fence?
    func flushParagraph() {
      guard !paragraph.isEmpty else { return }
      // Inline markup is read over the whole paragraph: a code span may run across a line break.
      output.append(inline(paragraph.joined(separator: "\n")))
      paragraph = []
    }
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      if let open = fence {
        if open.isClosed(by: line) {
          fence = nil
        } else {
          output.append(line.isEmpty ? "" : "    " + line)
        }
        continue
      }
      if let opening = Fence(opening: line) {
        flushParagraph()
        fence = opening
      } else if let (level, text) = heading(line) {
        flushParagraph()
        let title = inline(text)
        output.append(title)
        if level <= 2 { output.append(String(repeating: level == 1 ? "=" : "-", count: title.count)) }
      } else if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
        flushParagraph()
        output.append("")
      } else {
        paragraph.append(line)
      }
    }
    flushParagraph()
    return output.joined(separator: "\n")
  }

  /// An open fenced code block: its character (backtick or tilde) and length.
  private struct Fence {
    let marker: Character
    let length: Int

    /// A line opening a fence: up to three spaces, then three or more backticks or tildes (a backtick
    /// fence's info string may not contain a backtick).
    init?(opening line: Substring) {
      let body = Self.unindented(line)
      guard let marker = body.first, marker == "`" || marker == "~" else { return nil }
      let run = body.prefix { $0 == marker }
      guard run.count >= 3, marker == "~" || !body.dropFirst(run.count).contains("`") else { return nil }
      self.marker = marker
      self.length = run.count
    }

    /// Whether `line` closes this fence: the same character, at least as many, nothing but spaces after.
    func isClosed(by line: Substring) -> Bool {
      let body = Self.unindented(line)
      let run = body.prefix { $0 == marker }
      return run.count >= length && body.dropFirst(run.count).allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// `line` without up to three leading spaces, or `""` when it is indented more (then it is not a fence).
    private static func unindented(_ line: Substring) -> Substring {
      let spaces = line.prefix { $0 == " " }.count
      return spaces <= 3 ? line.dropFirst(spaces) : ""
    }
  }

  /// An ATX heading's level and text (`## kmeans` → 2, `kmeans`), without an optional closing `#` run.
  private static func heading(_ line: Substring) -> (Int, Substring)? {
    let body = line.drop { $0 == " " }
    guard line.count - body.count <= 3 else { return nil }
    let level = body.prefix { $0 == "#" }.count
    guard (1...6).contains(level) else { return nil }
    let rest = body.dropFirst(level)
    guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
    var text = rest.drop { $0 == " " || $0 == "\t" }
    while text.last == " " || text.last == "\t" { text = text.dropLast() }
    let closing = text.reversed().prefix { $0 == "#" }.count
    if closing > 0 {
      let before = text.dropLast(closing)
      if before.isEmpty || before.last == " " || before.last == "\t" {
        text = before
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
      }
    }
    return (level, text)
  }

  /// Code spans without their backticks, backslash escapes resolved; everything else as it is.
  static func inline(_ text: some StringProtocol) -> String {
    segments(text).map(\.text).joined()
  }

  /// A stretch of inline text: plain (backslash escapes resolved) or the content of a code span.
  struct Segment: Equatable {
    var text: String
    var isCode: Bool
  }

  /// `text` cut into plain stretches and code spans, as CommonMark reads code spans: a run of n backticks
  /// opens one, the next run of exactly n closes it, one space of padding on each side is dropped, and
  /// backticks without a partner are literal. The one scanner behind the pager's plain text and the HTML of
  /// summary notes (``InlineMarkdown``).
  static func segments(_ text: some StringProtocol) -> [Segment] {
    let chars = Array(text)
    var result: [Segment] = []
    var plain = ""
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == "\\", i + 1 < chars.count, chars[i + 1].isASCII, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
        plain.append(chars[i + 1])
        i += 2
        continue
      }
      guard c == "`" else {
        plain.append(c)
        i += 1
        continue
      }
      let n = run(of: "`", in: chars, from: i)
      var j = i + n
      var close: Int?
      while j < chars.count {
        guard chars[j] == "`" else {
          j += 1
          continue
        }
        let m = run(of: "`", in: chars, from: j)
        if m == n {
          close = j
          break
        }
        j += m
      }
      guard let close else {
        // No partner: the backticks are literal text.
        plain += String(repeating: "`", count: n)
        i += n
        continue
      }
      var content = chars[(i + n)..<close]
      // One space on each side is padding (it lets a span start or end with a backtick): `` `x` ``.
      if content.count >= 2, content.first == " ", content.last == " ", content.contains(where: { $0 != " " }) {
        content = content.dropFirst().dropLast()
      }
      if !plain.isEmpty { result.append(Segment(text: plain, isCode: false)) }
      plain = ""
      result.append(Segment(text: String(content), isCode: true))
      i = close + n
    }
    if !plain.isEmpty { result.append(Segment(text: plain, isCode: false)) }
    return result
  }

  private static func run(of character: Character, in chars: [Character], from start: Int) -> Int {
    var n = 0
    while start + n < chars.count, chars[start + n] == character { n += 1 }
    return n
  }
}
