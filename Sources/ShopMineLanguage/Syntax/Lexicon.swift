import JupyterProtocol
import ShopMineData

/// The words and symbols of ShopMine, read from the tables the lexer, parser, evaluator and verb catalog
/// use, for highlighters that cannot link this module: `shopmine lexicon` prints ``json``, and the Pygments
/// lexer in python/shopmine-jupyter ships that output as `lexicon.json` (a test keeps the two equal).
public enum Lexicon {
  /// The word that makes a statement print its wall time (`time users | sort spend`); a keyword only at
  /// the start of a statement, where ``Parser`` reads it.
  static let statementKeywords = ["time", "def", "for"]
  /// The word that closes a `for` block, a keyword only alone on its line.
  static let blockEnd = "end"

  /// The words of a window function's `over (by … order … desc)`, read in `derive`'s definitions.
  static let windowWords = ["over", "by", "order", "asc", "desc"]

  /// The words of `case when … then … else … end`: keywords inside an expression, still usable as names
  /// elsewhere (`end` also closes blocks).
  public static let expressionKeywords = ["case", "else", "end", "then", "when"]

  /// Every verb name and alias.
  public static var verbs: [String] { VerbCatalog.standard.allNames }

  /// Words that are keywords wherever they are written bare and can never be names.
  public static var keywords: [String] { Parser.reserved.sorted() }

  /// Every option word of every verb.
  public static var options: [String] {
    Set(VerbCatalog.all.flatMap { $0.options.map(\.name) }).sorted()
  }

  /// Function names callable as `name(…)`: scalar functions, aggregates and the value-context ones.
  public static var functions: [String] {
    FunctionCatalog.names
  }

  /// Operator and punctuation symbols, as the lexer spells them.
  public static var symbols: [String] {
    (Lexer.symbols2.sorted() + Lexer.symbols1.map { String(Character($0)) }.sorted())
  }

  /// Per verb name and alias, the words its arguments read:
  /// - `options`: each option word with the words its value may be (`how` → inner, left), `null` for a flag;
  /// - `positionals`: the word lists of its word positionals, each matched at most once (`plot rules rules`:
  ///   the first is the chart kind, the second the table);
  /// - `keywords`: words its arguments may repeat (`sort a desc, b asc`, `rename a to b, c to d`).
  static var arguments: JSONValue {
    var out: [String: JSONValue] = [:]
    for name in VerbCatalog.standard.allNames {
      guard let spec = VerbCatalog.standard.spec(name) else { continue }
      var options: [String: JSONValue] = [:]
      for option in spec.options {
        options[option.name] = option.kind == .flag ? .null : strings(option.kind.valueWords)
      }
      var positionals: [JSONValue] = []
      var repeated: Set<String> = []
      for p in spec.positionals {
        switch p.kind {
        case .flag: positionals.append(strings([p.name]))
        case .sortKeys, .renames: repeated.formUnion(p.kind.valueWords)
        case .assignments where spec.name == VerbSpec.derive.name: repeated.formUnion(windowWords)
        default: if !p.kind.valueWords.isEmpty { positionals.append(strings(p.kind.valueWords)) }
        }
      }
      out[name] = .object([
        "options": .object(options), "positionals": .array(positionals), "keywords": strings(repeated.sorted()),
      ])
    }
    return .object(out)
  }

  /// The whole lexicon, as `shopmine lexicon` prints it.
  public static var json: JSONValue {
    .object([
      "verbs": strings(verbs), "keywords": strings(keywords), "statement_keywords": strings(statementKeywords),
      "block_end": .string(blockEnd),
      "expression_keywords": strings(expressionKeywords),
      "options": strings(options), "functions": strings(functions), "symbols": strings(symbols),
      "arguments": arguments,
    ])
  }

  private static func strings(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }
}

extension ArgumentKind {
  /// The bare words the parser reads as part of an argument of this kind (``Parser`` `parseArgument`).
  var valueWords: [String] {
    switch self {
    case .word(let words), .wordOrValue(let words): return words
    case .tagged(let words, let inner), .valueOrTagged(let words, let inner): return words + inner.valueWords
    case .sortKeys: return ["asc", "desc"]
    case .renames: return ["to"]
    case .value, .values, .row, .column, .columns, .anyWord, .flag, .assignments, .keys: return []
    }
  }
}
