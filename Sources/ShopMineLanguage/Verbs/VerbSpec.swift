import JupyterProtocol
import ShopMineData
import ShopMineRendering

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
  /// Column names or `name = row expression`, mixed (`group by month = date(ts), category`).
  case keys
  /// `expression [asc|desc], …` (`sort`).
  case sortKeys
  /// `old to new, …` (`rename`).
  case renames
  /// One of the words followed by an argument of the inner kind (`for user 17`, `to item 42`).
  case tagged([String], ArgumentKind)
  /// One of the words followed by an argument of the inner kind, or else a value expression
  /// (`to table sales` / `to "sales.csv"`).
  case valueOrTagged([String], ArgumentKind)

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
    case .keys: return "COLUMN|NAME = EXPR, …"
    case .sortKeys: return "EXPR [asc|desc], …"
    case .renames: return "OLD to NEW, …"
    case .tagged(let w, let inner): return "\(w.joined(separator: "|")) \(inner.placeholder)"
    case .valueOrTagged(let w, let inner): return "VALUE|\(w.joined(separator: "|")) \(inner.placeholder)"
    }
  }
}

/// What values a `.value` parameter takes and what it is when left out: declared once with the
/// parameter, and read by ``VerbInvocation/integer(_:)`` and ``VerbInvocation/number(_:)``, shown by
/// `help VERB` and the reference.
public enum ValueRule: Sendable, Hashable {
  /// Any value; the verb reads and checks it.
  case free
  /// A whole number within `range`; `default` when left out (`nil`: the option is needed, or the verb
  /// decides).
  case integer(ClosedRange<Int>, default: Int?)
  /// A number; `default` when left out.
  case number(default: Double?)
  /// A random seed: a whole number ≥ 0; the session's `set seed` when left out.
  case seed

  /// How the default reads in help (`300`, `set seed`), or `nil` when there is none.
  public var defaultText: String? {
    switch self {
    case .free: return nil
    case .integer(_, let d): return d.map { "\($0)" }
    case .number(let d): return d.map { DecimalFormat.trimmed($0, maxDecimals: 10) }
    case .seed: return "set seed"
    }
  }

  /// How a value of this rule reads in help: `N` for whole numbers, `X` for numbers, `S` for a seed.
  public var placeholder: String {
    switch self {
    case .free: return "VALUE"
    case .integer: return "N"
    case .number: return "X"
    case .seed: return "S"
    }
  }

  /// The allowed values in words (`1 to 1000000`, `at least 2`), or `nil` when anything goes.
  public var rangeText: String? {
    guard case .integer(let r, _) = self else { return nil }
    switch (r.lowerBound == Int.min, r.upperBound == Int.max) {
    case (true, true): return nil
    case (false, true): return "at least \(r.lowerBound)"
    case (true, false): return "at most \(r.upperBound)"
    case (false, false): return "\(r.lowerBound) to \(r.upperBound)"
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
  /// For `.value` parameters: the values allowed and the default.
  public var rule: ValueRule
  /// For column parameters: the column types accepted (`nil`: any). A column of another type is refused
  /// with an error naming it, before the verb runs (`rfm … time order_id` would score everyone alike).
  public var columnTypes: Set<ColumnType>?

  public init(_ name: String, _ kind: ArgumentKind, optional: Bool = false, _ summary: String = "") {
    self.init(name, kind, optional: optional, rule: .free, summary)
  }

  init(_ name: String, _ kind: ArgumentKind, optional: Bool, rule: ValueRule, _ summary: String) {
    self.name = name
    self.kind = kind
    self.optional = optional
    self.summary = summary
    self.rule = rule
  }

  /// A column parameter that accepts only columns of `types` (`time` of `rfm`: a timestamp).
  public static func column(_ name: String, of types: Set<ColumnType>, _ summary: String) -> ParameterSpec {
    var p = ParameterSpec(name, .column, summary)
    p.columnTypes = types
    return p
  }

  /// A whole-number parameter (`iterations`, `k`) with its range and default.
  public static func integer(
    _ name: String, default value: Int? = nil, in range: ClosedRange<Int> = Int.min...Int.max, optional: Bool = false,
    _ summary: String
  ) -> ParameterSpec {
    ParameterSpec(name, .value, optional: optional, rule: .integer(range, default: value), summary)
  }

  /// A number parameter (`tol`, `support`) with its default.
  public static func number(_ name: String, default value: Double? = nil, _ summary: String) -> ParameterSpec {
    ParameterSpec(name, .value, optional: false, rule: .number(default: value), summary)
  }

  /// `seed S`: the session's `set seed` when left out.
  public static func seed(_ summary: String = "random seed") -> ParameterSpec {
    ParameterSpec("seed", .value, optional: false, rule: .seed, summary)
  }
}

/// Whether a verb takes a subject value (piped in with `|` or written after the verb).
public enum SubjectRule: Sendable, Hashable {
  /// No subject (`generate`, `print`, `help`).
  case none
  /// A subject is required: `kmeans users k 3` ≡ `users | kmeans k 3`.
  case required
  /// The subject comes only through `|` (`… | first spend`). Anywhere else the word is an ordinary name,
  /// so `first`, `last` and `value` stay usable as names of columns and bindings.
  case piped

  /// Whether the verb works on a subject value.
  public var takesSubject: Bool { self != .none }
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
/// Adding a verb means adding one file that defines a `static let` `VerbSpec` and listing it in its
/// family's ``VerbPack``.
public struct VerbSpec: Sendable {
  public typealias Evaluate = @Sendable (VerbInvocation) throws(Diagnostic) -> RuntimeValue
  public typealias Schema = @Sendable (SchemaQuery) -> [String]?
  /// What a call will need in memory, judged before it runs from arguments that are cheap to evaluate
  /// (bytes, and the words naming it in the refusal); `nil` when it cannot tell.
  typealias MemoryEstimate = @Sendable (VerbCall, Evaluator) throws(Diagnostic) -> (bytes: Double, what: String)?

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
  /// The estimate the evaluator checks against the memory budget before running the verb.
  var memoryEstimate: MemoryEstimate?
  /// How the verb runs in a database when its subject is a remote table: the next remote table (or a
  /// value the database computed), or `nil` when this call cannot run there, and the subject is fetched
  /// and ``evaluate`` runs in memory. Declared beside ``evaluate`` in the verb's file.
  typealias Push = @Sendable (VerbInvocation, RemoteTable) throws(Diagnostic) -> RuntimeValue?
  var push: Push?

  /// A verb: its name, syntax, help and behaviour; `memoryEstimate` for verbs whose result's size can be
  /// judged before they run (`generate`, `load`), `push` for verbs that run in a database.
  init(
    _ name: String, aliases: [String] = [], summary: String, subject: SubjectRule = .required,
    subjectIndex: Int = 0, positionals: [ParameterSpec] = [], options: [ParameterSpec] = [],
    helpFile: String? = nil, schema: Schema? = nil, memoryEstimate: MemoryEstimate? = nil, push: Push? = nil,
    evaluate: @escaping Evaluate
  ) {
    self.memoryEstimate = memoryEstimate
    self.push = push
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
    } else if subject.takesSubject {
      self.schema = { @Sendable query in query.input }
    } else {
      self.schema = { @Sendable _ in nil }
    }
    self.evaluate = evaluate
  }

  /// The option introduced by `word`, if any.
  public func option(_ word: String) -> ParameterSpec? { options.first { $0.name == word } }
  /// The positional or option named `name`, if any.
  public func parameter(_ name: String) -> ParameterSpec? {
    positionals.first { $0.name == name } ?? option(name)
  }

  /// `kmeans SUBJECT k VALUE …` as a one-line usage string.
  public var usage: String {
    var parts = [name]
    var positionals = self.positionals.map { p -> String in
      let text = p.kind == .flag ? p.name : "\(p.kind.placeholder)"
      return p.optional ? "[\(text)]" : text
    }
    if subject == .required { positionals.insert("TABLE", at: min(subjectIndex, positionals.count)) }
    if subject == .piped { parts.insert("TABLE |", at: 0) }
    parts += positionals
    for o in options {
      parts.append(o.kind == .flag ? "[\(o.name)]" : "[\(o.name) \(o.kind.placeholder)]")
    }
    return parts.joined(separator: " ")
  }
}
