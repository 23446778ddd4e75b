import JupyterProtocol
import ShopMineData

/// How a verb argument is written, and so how the parser reads it.
public indirect enum ArgumentKind: Sendable, Hashable {
  /// One value expression; names are bindings (`k 3`, `to "out.csv"`, `with products`).
  case value
  /// A comma-separated list of value expressions (`print "rows:", count(users)`).
  case values
  /// One row expression; names are columns (`where spend > 5`, `value price * quantity`).
  case row
  /// One column name.
  case column
  /// A comma-separated list of column names (`on browse_time, spend`).
  case columns
  /// One of the given words (`desc`, `zscore`…).
  case word([String])
  /// Any bare word (a help topic, an option name for `set`).
  case anyWord
  /// One of the given words, or else a value expression (`fill missing with median` / `with 0`).
  case wordOrValue([String])
  /// An option without a value (`trace`).
  case flag
  /// `name = row expression, …` (`derive`, `aggregate`).
  case assignments
  /// `expression [asc|desc], …` (`sort`).
  case sortKeys
  /// `old to new, …` (`rename`).
  case renames
  /// One of the words followed by an argument of the inner kind (`for user 17`, `to item 42`).
  case tagged([String], ArgumentKind)

  /// How the kind reads in help and error messages.
  public var placeholder: String {
    switch self {
    case .value: return "VALUE"
    case .values: return "VALUE, …"
    case .row: return "EXPR"
    case .column: return "COLUMN"
    case .columns: return "COLUMN, …"
    case .word(let w): return w.joined(separator: "|")
    case .anyWord: return "WORD"
    case .wordOrValue(let w): return (w + ["VALUE"]).joined(separator: "|")
    case .flag: return ""
    case .assignments: return "NAME = EXPR, …"
    case .sortKeys: return "EXPR [asc|desc], …"
    case .renames: return "OLD to NEW, …"
    case .tagged(let w, let inner): return "\(w.joined(separator: "|")) \(inner.placeholder)"
    }
  }
}

/// One positional argument or option of a verb.
public struct ParameterSpec: Sendable, Hashable {
  /// For options, the word that introduces it (`seed`); for positionals, the name used in help.
  public var name: String
  public var kind: ArgumentKind
  /// Positionals only: whether it may be left out.
  public var optional: Bool
  /// A one-line description for completion metadata and `help`.
  public var summary: String

  public init(_ name: String, _ kind: ArgumentKind, optional: Bool = false, _ summary: String = "") {
    self.name = name
    self.kind = kind
    self.optional = optional
    self.summary = summary
  }
}

/// Whether a verb takes a subject value (piped in with `|` or written after the verb).
public enum SubjectRule: Sendable, Hashable {
  /// No subject (`generate`, `print`, `help`).
  case none
  /// A subject is required: `kmeans users k 3` ≡ `users | kmeans k 3`.
  case required
}

/// What `schema` inference knows when completing: the columns flowing in and the bound tables.
public struct SchemaQuery: Sendable {
  /// Columns of the subject, when it is a table whose columns are known.
  public var input: [String]?
  public var call: VerbCall
  /// Column names of a bound table by name (for `join users`).
  public var columnsOf: @Sendable (String) -> [String]?
}

/// A verb of the language: its syntax, help and behaviour, registered in ``VerbCatalog``.
///
/// Adding a verb means adding one file that defines a `static let` `VerbSpec` and listing it in
/// ``VerbCatalog/all``.
public struct VerbSpec: Sendable {
  public typealias Evaluate = @Sendable (VerbInvocation) throws(Diagnostic) -> RuntimeValue
  public typealias Schema = @Sendable (SchemaQuery) -> [String]?

  public var name: String
  /// Other names for the same verb (`dedupe` for `distinct`).
  public var aliases: [String]
  /// One line for completion metadata and `help`.
  public var summary: String
  public var subject: SubjectRule
  /// Where the written subject sits among the positionals (`plot bar USERS x …` has it at 1).
  public var subjectIndex: Int
  public var positionals: [ParameterSpec]
  public var options: [ParameterSpec]
  /// The help file's name in `Help/` without `.md` (usually the verb's name).
  public var helpFile: String
  /// The columns of the result given the input's columns (`nil`: unknown); for completion only.
  public var schema: Schema
  public var evaluate: Evaluate

  public init(
    _ name: String, aliases: [String] = [], summary: String, subject: SubjectRule = .required,
    subjectIndex: Int = 0, positionals: [ParameterSpec] = [], options: [ParameterSpec] = [],
    helpFile: String? = nil, schema: Schema? = nil, evaluate: @escaping Evaluate
  ) {
    self.name = name
    self.aliases = aliases
    self.summary = summary
    self.subject = subject
    self.subjectIndex = subjectIndex
    self.positionals = positionals
    self.options = options
    self.helpFile = helpFile ?? name
    if let schema {
      self.schema = schema
    } else if subject == .required {
      self.schema = { @Sendable query in query.input }
    } else {
      self.schema = { @Sendable _ in nil }
    }
    self.evaluate = evaluate
  }

  /// The option introduced by `word`, if any.
  public func option(_ word: String) -> ParameterSpec? { options.first { $0.name == word } }

  /// `kmeans SUBJECT k VALUE …` as a one-line usage string.
  public var usage: String {
    var parts = [name]
    var positionals = self.positionals.map { p -> String in
      let text = p.kind == .flag ? p.name : "\(p.kind.placeholder)"
      return p.optional ? "[\(text)]" : text
    }
    if subject == .required { positionals.insert("TABLE", at: min(subjectIndex, positionals.count)) }
    parts += positionals
    for o in options {
      parts.append(o.kind == .flag ? "[\(o.name)]" : "[\(o.name) \(o.kind.placeholder)]")
    }
    return parts.joined(separator: " ")
  }
}
