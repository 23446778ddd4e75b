import ArgumentParser
import JupyterProtocol
import ShopMineLanguage

/// `shopmine lexicon` (hidden): prints the language's verbs, keywords, options, functions and symbols as
/// JSON, read from the lexer's, parser's and verb catalog's own tables. It regenerates
/// python/shopmine-jupyter/shopmine_jupyter/lexicon.json, which the Pygments lexer reads:
/// `shopmine lexicon > python/shopmine-jupyter/shopmine_jupyter/lexicon.json`.
struct LexiconCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lexicon",
    abstract: "Print the language's words and symbols as JSON (for syntax highlighters).",
    shouldDisplay: false)

  func run() throws {
    var out = ""
    Self.write(Lexicon.json, indent: 0, into: &out)
    print(out)
  }

  /// Writes `value` with one object key per line (sorted) and arrays of words on one line, so the
  /// committed file diffs line by line when a verb or option changes.
  static func write(_ value: JSONValue, indent: Int, into out: inout String) {
    guard case .object(let members) = value, !members.isEmpty else {
      out += value.jsonString
      return
    }
    let pad = String(repeating: " ", count: indent + 1)
    out += "{\n"
    for (index, (key, member)) in members.sorted(by: { $0.key < $1.key }).enumerated() {
      out += pad + JSONValue.string(key).jsonString + ": "
      write(member, indent: indent + 1, into: &out)
      out += index == members.count - 1 ? "\n" : ",\n"
    }
    out += String(repeating: " ", count: indent) + "}"
  }
}
