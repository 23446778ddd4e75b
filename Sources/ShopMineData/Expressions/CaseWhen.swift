/// `case when C then V [when C then V]… [else V] end`: the value of the first branch whose condition is
/// true, else the `else` value (missing without one). A missing condition is not true, as in SQL's `CASE`.
///
/// The parser writes it as a call of ``name`` (which no identifier can spell) with the conditions and values
/// in turn and the `else` value last, so every step that walks expressions (columns read, lowering, SQL)
/// sees an ordinary call. The result has the branches' common type: ints and floats give a float; text
/// with numbers (or any other mix) is an error at the first branch that differs.
public enum CaseWhen {
  /// The call name `case … end` is parsed to.
  public static let name = "case when"

  /// The branches of a call's arguments: (condition, value) pairs and the `else` value.
  public static func branches(_ args: [RowExpression]) -> (
    pairs: [(RowExpression, RowExpression)], otherwise: RowExpression
  )? {
    guard args.count % 2 == 1, let last = args.last else { return nil }
    let pairs = stride(from: 0, to: args.count - 1, by: 2).map { (args[$0], args[$0 + 1]) }
    return (pairs, last)
  }

  static func evaluate(
    _ args: [RowExpression], span: SourceSpan?, evaluator ev: ExpressionEvaluator
  ) throws(ExpressionError) -> Column {
    guard let written = branches(args), !written.pairs.isEmpty else {
      throw ExpressionError(.invalidArgument("'case' needs at least one 'when … then …'"), span: span)
    }
    let (pairs, otherwise) = written
    let n = ev.table.rowCount
    var pick = [Int](repeating: pairs.count, count: n)
    var decided = [Bool](repeating: false, count: n)
    var values: [Column] = []
    var valueArgs: [RowExpression] = []
    var firstTyped: Int?
    for (k, (condition, value)) in pairs.enumerated() {
      let c = try ev.evaluate(condition)
      if !c.isAllMissing || c.type == .bool {
        guard case .bool(let flags) = c.storage else {
          throw ExpressionError(
            .typeMismatch("'when' needs a condition, but this is \(ev.describe(condition, c))"),
            span: condition.span ?? span)
        }
        for i in 0..<n where !decided[i] && flags[i] && c.isValid(i) {
          pick[i] = k
          decided[i] = true
        }
      }
      values.append(try ev.evaluate(value))
      valueArgs.append(value)
      try check(&firstTyped, values, valueArgs, ev: ev, span: span)
    }
    values.append(try ev.evaluate(otherwise))
    valueArgs.append(otherwise)
    try check(&firstTyped, values, valueArgs, ev: ev, span: span)
    return try ScalarFunctions.choose("case", values, valueArgs, pick: pick, span: span, ev: ev)
  }

  /// Refuses the newest branch value when its type cannot mix with the first typed one, at its span.
  private static func check(
    _ first: inout Int?, _ values: [Column], _ args: [RowExpression], ev: ExpressionEvaluator, span: SourceSpan?
  ) throws(ExpressionError) {
    let k = values.count - 1
    let c = values[k]
    if args[k].isMissingLiteral { return }
    guard let f = first else {
      first = k
      return
    }
    let t = values[f].type
    if t == c.type || (t.isNumeric && c.type.isNumeric) { return }
    throw ExpressionError(
      .typeMismatch(
        "'case' branches must give one type, but this branch gives \(ev.describe(args[k], c)) and an earlier one \(ev.describe(args[f], values[f]))"
      ), span: args[k].span ?? span)
  }
}
