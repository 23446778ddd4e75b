import ShopMineData

/// An expression: a value expression (names are bindings) or a row expression (names are columns),
/// depending on where it appears. One tree for both, so parsing and errors are the same everywhere.
public struct Expr: Sendable, Hashable {
  public indirect enum Kind: Sendable, Hashable {
    case literal(Value)
    /// A name; `quoted` when written in backquotes.
    case name(String, quoted: Bool)
    case list([Expr])
    case range(Expr, Expr)
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `name(args)`; `nameSpan` covers the function name.
    case call(String, [Expr], nameSpan: SourceSpan)
    /// `x is missing` / `x is not missing`.
    case isMissing(Expr, negated: Bool)
    /// `x in [..]` / `x not in [..]`.
    case inList(Expr, Expr, negated: Bool)
    /// A parenthesised pipeline or verb call used as a value.
    case pipeline(Pipeline)
    /// A window function with `over`, ranking keys or a time span (see ``WindowExpr``).
    case window(WindowExpr)
  }
  public let kind: Kind
  public var span: SourceSpan
  /// Levels of the tree from this node down (a literal or name is 1). Kept on each node, from its
  /// children's, so the parser can refuse a tree deeper than ``Parser/maximumDepth`` without walking it:
  /// everything that walks a tree recurses.
  public let depth: Int

  public init(_ kind: Kind, _ span: SourceSpan) {
    self.kind = kind
    self.span = span
    switch kind {
    case .literal, .name: depth = 1
    case .list(let items), .call(_, let items, _): depth = 1 + (items.lazy.map(\.depth).max() ?? 0)
    case .range(let a, let b), .binary(_, let a, let b), .inList(let a, let b, _): depth = 1 + max(a.depth, b.depth)
    case .unary(_, let a), .isMissing(let a, _): depth = 1 + a.depth
    case .pipeline(let p): depth = 1 + p.depth
    case .window(let w): depth = 1 + (w.expressions.lazy.map(\.depth).max() ?? 0)
    }
  }

  /// The name, when this expression is a plain name (a column in row context).
  public var nameValue: String? {
    if case .name(let n, _) = kind { return n }
    return nil
  }
}

public enum UnaryOperator: String, Sendable, Hashable {
  case negate = "-"
  case not
}

public enum BinaryOperator: String, Sendable, Hashable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case remainder = "%"
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case and
  case or
}

/// `head | verb … | verb …`.
public struct Pipeline: Sendable, Hashable {
  public enum Head: Sendable, Hashable {
    case value(Expr)
    case verb(VerbCall)
  }
  public var head: Head
  public var stages: [VerbCall]
  public var span: SourceSpan

  /// The depth of the deepest expression in it.
  var depth: Int {
    let headDepth: Int
    switch head {
    case .value(let e): headDepth = e.depth
    case .verb(let call): headDepth = call.depth
    }
    return stages.reduce(headDepth) { max($0, $1.depth) }
  }
}

/// One verb with its arguments, parsed according to the verb's ``VerbSpec``.
public struct VerbCall: Sendable, Hashable {
  public var verb: String
  public var verbSpan: SourceSpan
  /// The subject written after the verb (`kmeans users …`); `nil` when piped in or not taken.
  public var subject: Expr?
  /// Positional arguments and options by parameter name.
  public var arguments: [String: ParsedArgument]
  public var span: SourceSpan

  /// The depth of the deepest expression among its subject and arguments.
  var depth: Int {
    arguments.values.reduce(subject?.depth ?? 0) { max($0, $1.value.depth) }
  }
}

/// A verb argument as written.
public struct ParsedArgument: Sendable, Hashable {
  public var value: ArgumentValue
  /// The whole argument, including its option word.
  public var span: SourceSpan
  public init(_ value: ArgumentValue, span: SourceSpan) {
    self.value = value
    self.span = span
  }
}

/// The shapes a verb argument can take (see ``ArgumentKind``).
public indirect enum ArgumentValue: Sendable, Hashable {
  case expr(Expr)
  case exprs([Expr])
  case word(String, SourceSpan)
  case flag
  case assignments([Assignment])
  case sortKeys([SortKey])
  case renames([Rename])
  case tagged(String, ArgumentValue)

  /// The depth of the deepest expression in it (0 for words and flags).
  var depth: Int {
    switch self {
    case .expr(let e): return e.depth
    case .exprs(let es): return es.lazy.map(\.depth).max() ?? 0
    case .assignments(let a): return a.lazy.map(\.expr.depth).max() ?? 0
    case .sortKeys(let k): return k.lazy.map(\.expr.depth).max() ?? 0
    case .tagged(_, let inner): return inner.depth
    case .word, .flag, .renames: return 0
    }
  }
}

/// `name = expression` inside `derive`, `aggregate` and friends.
public struct Assignment: Sendable, Hashable {
  public var name: String
  public var nameSpan: SourceSpan
  public var expr: Expr
}

/// A sort key: an expression and a direction.
public struct SortKey: Sendable, Hashable {
  public var expr: Expr
  public var descending: Bool
}

/// `old to new` inside `rename`.
public struct Rename: Sendable, Hashable {
  public var old: String
  public var oldSpan: SourceSpan
  public var new: String
  public var newSpan: SourceSpan
}

/// A statement of a cell or script.
public struct Statement: Sendable, Hashable {
  public indirect enum Kind: Sendable, Hashable {
    /// `name = pipeline` or `a, b = pipeline`.
    case assign([String], spans: [SourceSpan], Pipeline)
    /// A bare pipeline: its value displays.
    case expression(Pipeline)
    /// `time STATEMENT`.
    case time(Statement)
    /// `def NAME(PARAMS) = BODY`.
    case define(FunctionDefinition)
    /// `for NAME in VALUES` … `end`: the body runs once per value, with NAME bound to it.
    case forLoop(name: String, nameSpan: SourceSpan, values: Expr, body: [Statement])
  }
  public var kind: Kind
  public var span: SourceSpan
}

/// `def clean(t) = t | dedupe | fill missing with median`: a function of the session, usable in pipelines
/// (`clean(load "a.csv")`) and, when its body is an expression, in row expressions (`margin(price, cost)`).
public struct FunctionDefinition: Sendable, Hashable {
  public var name: String
  public var nameSpan: SourceSpan
  public var parameters: [String]
  public var body: Pipeline
  /// The definition as written, for display, `vars` and inspection.
  public var text: String
}

/// A parsed cell or script: each statement, or the syntax error that statement has (the others still
/// parse, so the statements before a bad one run and every syntax error is reported).
public struct Program: Sendable, Hashable {
  public var items: [Result<Statement, Diagnostic>]

  /// The statements that parsed.
  public var statements: [Statement] { items.compactMap { try? $0.get() } }
  /// The syntax errors, in source order.
  public var syntaxErrors: [Diagnostic] {
    items.compactMap {
      if case .failure(let d) = $0 { return d }
      return nil
    }
  }
}
