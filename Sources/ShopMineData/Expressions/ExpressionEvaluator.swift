import Foundation

/// Evaluates ``RowExpression``s over a whole ``Table`` at once, producing a ``Column``.
///
/// Column-at-a-time: each node turns its operands' buffers into one result buffer in a tight loop, so
/// the cost per row is a few machine operations, not a boxed ``Value``. Literals are broadcast to
/// constant columns. Missing propagates through arithmetic and functions; comparisons with a missing
/// operand are missing (and ``predicate(_:)`` treats missing as false, as SQL's WHERE does);
/// `and`/`or` follow three-valued logic (`false and missing` is false, `true or missing` is true).
public struct ExpressionEvaluator: Sendable {
  public let table: Table
  public let cancellation: Cancellation
  /// `now()`: read once, so every row of an evaluation sees the same time.
  public let now: Int64
  /// Whether window functions may run (`derive` only): elsewhere they are refused with a pointer to `derive`.
  public var windows: Bool

  public init(table: Table, cancellation: Cancellation = .none, windows: Bool = false) {
    self.table = table
    self.cancellation = cancellation
    self.windows = windows
    now = Int64((Date().timeIntervalSince1970 * 1e6).rounded(.down))
  }

  /// Throws ``TableError/interrupted`` (at `span`) when the token was cancelled; called before every node
  /// and between the passes of the costlier ones.
  func poll(_ span: SourceSpan?) throws(ExpressionError) {
    do throws(TableError) {
      try cancellation.check()
    } catch {
      throw ExpressionError(error, span: span)
    }
  }

  /// The column of values of `expression` for every row (named after the expression).
  public func evaluate(_ expression: RowExpression) throws(ExpressionError) -> Column {
    try poll(expression.span)
    let n = table.rowCount
    switch expression {
    case .column(let name, let span):
      guard let c = table.column(named: name) else {
        throw ExpressionError(.unknownColumn(name, available: table.columnNames), span: span)
      }
      return c
    case .literal(let v, _):
      return Column.constant(v, count: n, name: v.displayText)
    case .unary(let op, let x, let span):
      let c = try evaluate(x)
      return try unary(op, c, x, span: span)
    case .binary(let op, let a, let b, let span):
      let ca = try evaluate(a)
      let cb = try evaluate(b)
      if op.isArithmetic { return try arithmetic(op, ca, cb, a, b, span: span) }
      if op.isComparison { return try compare(op, ca, cb, a, b, span: span) }
      return try logic(op, ca, cb, a, b, span: span)
    case .isIn(let x, let list, let negated, let span):
      let c = try evaluate(x)
      var hits = [Bool](repeating: false, count: n)
      for item in list {
        let ci = try evaluate(item)
        let eq = try compare(.equal, c, ci, x, item, span: span)
        guard case .bool(let e) = eq.storage else { continue }
        for i in 0..<n where e[i] && eq.isValid(i) { hits[i] = true }
      }
      if negated { hits = hits.map { !$0 } }
      return Column(name: "in", storage: .bool(hits), validity: c.effectiveValidity())
    case .isMissing(let x, let negated, _):
      let c = try evaluate(x)
      let mask = c.effectiveValidity()
      let values = (0..<n).map { i in (mask?.isValid(i) ?? true) == negated }
      return Column(name: "is_missing", bools: values)
    case .window(let w, let span):
      return try WindowFunctions.evaluate(w, span: span, evaluator: self)
    case .call(let name, let args, let span):
      if WindowFunctions.has(name, arity: args.count)
        && (windows || !AggregateFunction.isAggregateCall(name: name, arity: args.count))
      {
        return try WindowFunctions.evaluate(WindowCall(name, args), span: span, evaluator: self)
      }
      if AggregateFunction.isAggregateCall(name: name, arity: args.count)
        && !ScalarFunctions.has(name, arity: args.count)
      {
        throw ExpressionError(
          .invalidArgument("aggregate '\(name)' can only be used in 'aggregate' (after 'group by')"), span: span)
      }
      return try ScalarFunctions.call(name, args, span: span, evaluator: self)
    }
  }

  /// Evaluates a condition to one flag per row; missing counts as false (SQL `WHERE`).
  public func predicate(_ expression: RowExpression) throws(ExpressionError) -> [Bool] {
    let c = try evaluate(expression)
    guard case .bool(let values) = c.storage else {
      throw ExpressionError(
        .typeMismatch("a condition must be true or false, but this is \(describe(expression, c))"),
        span: expression.span)
    }
    guard let mask = c.validity else { return values }
    return (0..<values.count).map { values[$0] && mask.isValid($0) }
  }

  // MARK: - Describing operands in messages

  /// How an operand reads in an error: `string column 'city'`, `a number`, `a string value`.
  func describe(_ e: RowExpression, _ c: Column) -> String {
    switch e {
    case .column(let name, _): return "\(c.type.rawValue) column '\(name)'"
    case .literal(let v, _):
      switch v {
      case .missing: return "missing"
      case .int, .float: return "a number"
      case .string: return "a string"
      case .bool: return "a boolean"
      case .timestamp: return "a timestamp"
      }
    default:
      switch c.type {
      case .int, .float: return "a number"
      case .string: return "a string value"
      case .bool: return "a boolean value"
      case .timestamp: return "a timestamp value"
      }
    }
  }

  // MARK: - Unary

  func unary(_ op: UnaryOperator, _ c: Column, _ x: RowExpression, span: SourceSpan?) throws(ExpressionError) -> Column
  {
    switch op {
    case .negate:
      switch c.storage {
      case .int(let a):
        var out = [Int64](repeating: 0, count: a.count)
        for i in 0..<a.count {
          let (v, o) = Int64(0).subtractingReportingOverflow(a[i])
          if o && c.isValid(i) { throw ExpressionError(.overflow(in: "negation"), span: span) }
          out[i] = v
        }
        return Column(name: "neg", storage: .int(out), validity: c.validity)
      case .float(let a): return Column(name: "neg", storage: .float(a.map { -$0 }), validity: c.validity)
      default:
        throw ExpressionError(.typeMismatch("cannot negate \(describe(x, c))", column: x.columnName), span: span)
      }
    case .not:
      guard case .bool(let a) = c.storage else {
        throw ExpressionError(.typeMismatch("'not' needs a boolean, but this is \(describe(x, c))"), span: span)
      }
      return Column(name: "not", storage: .bool(a.map { !$0 }), validity: c.validity)
    }
  }
}

extension RowExpression {
  /// The column name when this node is a plain column reference.
  var columnName: String? {
    if case .column(let n, _) = self { return n }
    return nil
  }
}
