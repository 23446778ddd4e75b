/// A half-open range of positions in the source text (Unicode scalars), carried opaquely for errors.
public typealias SourceSpan = Range<Int>

/// A row expression as the parser builds it: evaluated per row, vectorised over whole columns.
///
/// Used by `where`, `derive`, sort keys and `group by … aggregate`. Every node may carry the span of the
/// source text it came from; evaluation errors report the span of the node that failed.
public indirect enum RowExpression: Sendable, Hashable {
  /// A column of the input table, by name.
  case column(String, span: SourceSpan? = nil)
  /// A constant (`missing` included).
  case literal(Value, span: SourceSpan? = nil)
  /// `-x`, `not x`.
  case unary(UnaryOperator, RowExpression, span: SourceSpan? = nil)
  /// Arithmetic, comparison and `and`/`or`.
  case binary(BinaryOperator, RowExpression, RowExpression, span: SourceSpan? = nil)
  /// `x in [a, b, …]` (or `not in` when `negated`).
  case isIn(RowExpression, [RowExpression], negated: Bool = false, span: SourceSpan? = nil)
  /// `x is missing` (or `is not missing` when `negated`); never itself missing.
  case isMissing(RowExpression, negated: Bool = false, span: SourceSpan? = nil)
  /// A function call by name: a scalar function (`round(x, 2)`) or, inside `aggregate`, an aggregate
  /// (`sum(x)`, `count()`); ``AggregateFunction/isAggregateCall(name:arity:)`` tells them apart.
  case call(String, [RowExpression], span: SourceSpan? = nil)
  /// A window function with its window (`rank(x desc) over (by user_id)`); only `derive` evaluates it
  /// (see ``WindowFunctions``). A window function written without `over`, `desc` or a time span is a
  /// plain ``call(_:_:span:)``, evaluated over the whole table.
  case window(WindowCall, span: SourceSpan? = nil)

  /// The span of this node.
  public var span: SourceSpan? {
    switch self {
    case .column(_, let s), .literal(_, let s), .unary(_, _, let s), .binary(_, _, _, let s),
      .isIn(_, _, _, let s), .isMissing(_, _, let s), .call(_, _, let s), .window(_, let s):
      return s
    }
  }

  /// Column names this expression reads, in first-use order (for schema-only checks and completion).
  public var referencedColumns: [String] {
    var out: [String] = []
    func visit(_ e: RowExpression) {
      switch e {
      case .column(let n, _): if !out.contains(n) { out.append(n) }
      case .literal: break
      case .unary(_, let x, _): visit(x)
      case .binary(_, let a, let b, _):
        visit(a)
        visit(b)
      case .isIn(let x, let list, _, _):
        visit(x)
        list.forEach(visit)
      case .isMissing(let x, _, _): visit(x)
      case .call(_, let args, _): args.forEach(visit)
      case .window(let w, _): w.expressions.forEach(visit)
      }
    }
    visit(self)
    return out
  }

  /// A short name for the result column when the user gives none (`sum(revenue)` → `sum_revenue`).
  public var suggestedName: String {
    switch self {
    case .column(let n, _): return n
    case .literal(let v, _): return v.displayText
    case .call(let f, let args, _):
      let inner = args.map(\.suggestedName).filter { !$0.isEmpty }
      return ([f] + inner).joined(separator: "_")
    case .window(let w, _):
      return RowExpression.call(w.function, w.arguments).suggestedName
    case .unary(_, let x, _), .isMissing(let x, _, _), .isIn(let x, _, _, _): return x.suggestedName
    case .binary(_, let a, _, _): return a.suggestedName
    }
  }
}

/// Prefix operators.
public enum UnaryOperator: String, Sendable, Hashable {
  case negate = "-"
  case not = "not"
}

/// Infix operators.
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case modulo = "%"
  case power = "^"
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case and = "and"
  case or = "or"

  public var isArithmetic: Bool {
    switch self {
    case .add, .subtract, .multiply, .divide, .modulo, .power: return true
    default: return false
    }
  }

  public var isComparison: Bool {
    switch self {
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
    default: return false
    }
  }
}

/// An evaluation error with the span of the expression node it is about.
public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong (code, message, column, candidates for "did you mean").
  public let error: TableError
  /// Where in the source, when the parser supplied spans.
  public let span: SourceSpan?

  public init(_ error: TableError, span: SourceSpan?) {
    self.error = error
    self.span = span
  }

  public var message: String { error.message }
  public var description: String { error.message }
}
