import JupyterProtocol

/// Syntax highlighting of ShopMine source as HTML, cut by the real ``Lexer`` and classified with the
/// words of ``Lexicon`` (the same lists the Pygments lexer in python/shopmine-jupyter ships as
/// `lexicon.json`), for the HTML report of `shopmine execute --html` and `shopmine run --format html`.
///
/// Spans carry Pygments' short CSS class names, so a Pygments stylesheet colours them too:
///
/// | class | what |
/// |---|---|
/// | `k` | a verb where a verb call starts; `time` before a statement |
/// | `kp` | a word a verb's arguments read (`users` in `generate users`, `desc`, `inner`, `to`) |
/// | `na` | an option word of the verb being read (`k` and `seed` in `kmeans users k 3 seed 0`) |
/// | `ow` / `kc` | `and or not in is` / `true false missing` |
/// | `nb` / `nf` | a call of one of ShopMine's functions / of any other name (`sum(x)` / `foo(x)`) |
/// | `s2` / `s1` | a `"…"` / `'…'` string |
/// | `m` | a number (`42`, `100.5`, `1e3`, `1_000`) |
/// | `c1` | a `#` comment |
/// | `n` | any other name, bare or backquoted |
/// | `o` / `p` | an operator (`|`, `==`, `..`) / punctuation (`(`, `,`) |
///
/// The output is lossless: removing the tags and unescaping `&amp; &lt; &gt; &quot;` gives back the
/// source scalar for scalar. No element crosses a line break (tokens and comments never contain one),
/// so a caller may split the HTML on `"\n"` to number lines. Text the lexer rejects (an unterminated
/// string, `1abc`, `$`) and everything after it in the cell is escaped plain text.
public enum Highlighter {
  /// `source` as escaped HTML with `<span class="…">` around each classified token.
  public static func html(_ source: String) -> String {
    let text = SourceText(source)
    let result = Lexer(text).tokenize()
    let classes = classify(result.tokens, in: text)
    var out = Output(text.scalars)
    for (token, cssClass) in zip(result.tokens, classes) {
      guard let cssClass else { continue }  // newlines and the end: their text is gap text
      out.gap(upTo: token.span.start)
      out.span(cssClass, token.span.start..<token.span.end)
    }
    // Without an error, what follows the last token is blank or comments. After one, the lexer stopped
    // at the error: the text from there on is plain (its comments are not known to be comments).
    let stop = result.error == nil ? text.scalars.count : max(out.position, result.error?.span?.start ?? 0)
    out.gap(upTo: stop)
    out.plain(upTo: text.scalars.count)
    return out.html
  }

  /// The CSS class of each token (`nil` for statement ends and the end token, which are not drawn).
  static func classify(_ tokens: [Token], in text: SourceText) -> [String?] {
    var frames = [Frame()]
    var classes: [String?] = []
    classes.reserveCapacity(tokens.count)
    for (index, token) in tokens.enumerated() {
      let next = index + 1 < tokens.count ? tokens[index + 1] : nil
      switch token.kind {
      case .newline, .end:
        frames = [Frame()]
        classes.append(nil)
      case .identifier(let name, let quoted):
        if quoted {
          frames[frames.count - 1].readValue()
          classes.append("n")
        } else {
          classes.append(word(name, next: next, frame: &frames[frames.count - 1]))
        }
      case .integer, .float:
        frames[frames.count - 1].readValue()
        classes.append("m")
      case .string:
        frames[frames.count - 1].readValue()
        classes.append(text.scalars[token.span.start] == "'" ? "s1" : "s2")
      case .symbol(let symbol):
        classes.append(punctuation.contains(symbol) ? "p" : "o")
        switch symbol {
        case "(", "[", "{":
          frames.append(Frame())
        case ")", "]", "}":
          // The lexer rejects a closing bracket that closes nothing, so a frame is always open here.
          if frames.count > 1 { frames.removeLast() }
          frames[frames.count - 1].readValue()
        case "|":
          frames[frames.count - 1] = Frame()
        case "=", ",":
          frames[frames.count - 1].separator(symbol)
        default:
          break
        }
      }
    }
    return classes
  }

  /// The class of the bare word `name`, as the parser would read it where it stands; updates `frame`.
  private static func word(_ name: String, next: Token?, frame: inout Frame) -> String {
    if Parser.reserved.contains(name) {
      // Reserved words never end an argument: `is missing`, `not in`, `a and b`.
      return literalWords.contains(name) ? "kc" : "ow"
    }
    if Lexicon.expressionKeywords.contains(name) {
      frame.readValue()
      return "k"  // `case when … end`
    }
    if frame.head {
      if let words = verbWords[name] {
        frame = Frame()
        frame.head = false
        frame.verb = words
        return "k"
      }
      if Lexicon.statementKeywords.contains(name), let next, !next.isEnd, !next.isSymbol("=") {
        return "k"  // `time STATEMENT`: a verb call may still follow
      }
      if name == Lexicon.blockEnd, next?.isEnd ?? true { return "k" }  // `end` of a `for` block
    }
    if let verb = frame.verb {
      if frame.optionValues == nil, let values = verb.options[name] {
        frame.head = false
        frame.optionValues = values  // nil for a flag: no value follows
        return "na"
      }
      if frame.optionValues?.contains(name) == true {
        frame.readValue()
        return "kp"
      }
      if verb.keywords.contains(name) { return "kp" }
      if frame.optionValues == nil,
        let index = verb.positionals.indices.first(where: {
          !frame.usedPositionals.contains($0) && verb.positionals[$0].contains(name)
        })
      {
        frame.usedPositionals.insert(index)
        frame.head = false
        return "kp"
      }
    }
    frame.readValue()
    if let next, next.isSymbol("("), !next.spaceBefore {
      return functions.contains(name) ? "nb" : "nf"
    }
    return "n"
  }

  /// What the parser expects at one bracket level (or at statement level).
  struct Frame {
    /// Whether a verb call may start here.
    var head = true
    /// The words of the verb whose arguments are being read.
    var verb: VerbWords?
    /// Right after an option that takes a value (or a comma inside a verb's arguments): the words that
    /// value may be. `nil` anywhere else, where an option word may come next.
    var optionValues: Set<String>?
    /// The verb's word positionals already matched (each matches once: `plot rules rules`).
    var usedPositionals: Set<Int> = []

    /// A value was read: the current option has its value, and no verb call starts here.
    mutating func readValue() {
      head = false
      optionValues = nil
    }

    /// `=` or `,`. Outside a verb, `a = …`, `a, b = …` and list items may start a verb call; inside one,
    /// a comma continues the current argument's list, so the next word is a value.
    mutating func separator(_ symbol: String) {
      if verb == nil {
        head = true
      } else if symbol == "," {
        optionValues = []
      }
    }
  }

  /// The words one verb's arguments read, from ``Lexicon``'s `arguments` table.
  struct VerbWords {
    /// Option word → the words its value may be (`nil` for a flag).
    var options: [String: Set<String>?]
    /// The word lists of its word positionals.
    var positionals: [Set<String>]
    /// Words its arguments may repeat (`desc`, `to`).
    var keywords: Set<String>
  }

  /// Per verb name and alias, read once from ``Lexicon`` — the table `shopmine lexicon` prints, so the
  /// report and the Pygments lexer classify from one set of facts.
  static let verbWords: [String: VerbWords] = {
    func strings(_ value: JSONValue?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }
    var out: [String: VerbWords] = [:]
    for (verb, entry) in Lexicon.arguments.objectValue ?? [:] {
      var options: [String: Set<String>?] = [:]
      for (option, values) in entry["options"]?.objectValue ?? [:] {
        options[option] = values == .null ? .some(nil) : .some(Set(strings(values)))
      }
      out[verb] = VerbWords(
        options: options,
        positionals: (entry["positionals"]?.arrayValue ?? []).map { Set(strings($0)) },
        keywords: Set(strings(entry["keywords"])))
    }
    return out
  }()

  static let functions = Set(Lexicon.functions)
  private static let literalWords: Set<String> = ["true", "false", "missing"]
  /// Symbols that are punctuation rather than operators (Pygments' `p`), as in the Pygments lexer.
  private static let punctuation: Set<String> = ["(", ")", "[", "]", "{", "}", ",", ":"]

  /// Builds the HTML left to right, so no scalar of the source is dropped or repeated.
  private struct Output {
    let scalars: [Unicode.Scalar]
    var position = 0
    var html = ""

    init(_ scalars: [Unicode.Scalar]) {
      self.scalars = scalars
      html.unicodeScalars.reserveCapacity(scalars.count * 2)
    }

    /// The text between tokens: blanks, statement ends and `#` comments (up to the line's end).
    mutating func gap(upTo end: Int) {
      while position < end {
        if scalars[position] == "#" {
          var stop = position
          while stop < end, scalars[stop] != "\n" { stop += 1 }
          span("c1", position..<stop)
        } else {
          var stop = position
          while stop < end, scalars[stop] != "#" { stop += 1 }
          append(position..<stop)
          position = stop
        }
      }
    }

    mutating func span(_ cssClass: String, _ range: Range<Int>) {
      html += "<span class=\"\(cssClass)\">"
      append(range)
      html += "</span>"
      position = range.upperBound
    }

    mutating func plain(upTo end: Int) {
      append(position..<end)
      position = end
    }

    /// Escapes as HTMLReport does: the text comes back exactly when unescaped.
    private mutating func append(_ range: Range<Int>) {
      var text = ""
      text.unicodeScalars.append(contentsOf: scalars[range])
      html += Escaping.verbatim(text)
    }
  }
}
