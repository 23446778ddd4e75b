/// The evaluated arguments of one scalar function call, read by type: the one set of argument readers the
/// number, calendar, text and cast functions share, so "needs a timestamp" reads the same everywhere and an
/// argument that is the literal `missing` (a column with no value) fits every type.
struct FunctionArguments {
  let name: String
  let columns: [Column]
  let expressions: [RowExpression]
  let span: SourceSpan?
  let evaluator: ExpressionEvaluator

  var rowCount: Int { evaluator.table.rowCount }
  var count: Int { columns.count }
  subscript(i: Int) -> Column { columns[i] }

  /// The error for argument `i` being of the wrong type (`'year' needs a timestamp, but this is …`).
  func wrongType(_ i: Int, needs what: String) -> ExpressionError {
    ExpressionError(
      .typeMismatch(
        "'\(name)' needs \(what), but this is \(evaluator.describe(expressions[i], columns[i]))",
        column: expressions[i].columnName),
      span: expressions[i].span ?? span)
  }

  /// Argument `i` as doubles (ints, floats and bools convert) with its validity.
  func numbers(_ i: Int) throws(ExpressionError) -> (values: [Double], validity: ValidityMask?) {
    let c = columns[i]
    guard c.type.isNumeric || c.type == .bool || c.isAllMissing, let v = c.numericDoubles() else {
      throw wrongType(i, needs: "a number")
    }
    return v
  }

  /// Argument `i` as timestamps (µs) with its validity; all-missing gives an all-invalid mask.
  func timestamps(_ i: Int) throws(ExpressionError) -> (values: [Int64], validity: ValidityMask?) {
    let c = columns[i]
    if case .timestamp(let t) = c.storage { return (t, c.validity) }
    if c.isAllMissing {
      return ([Int64](repeating: 0, count: rowCount), ValidityMask(count: rowCount, allValid: false))
    }
    throw wrongType(i, needs: "a timestamp")
  }

  /// Argument `i` as dictionary codes and strings with its validity; all-missing gives an all-invalid mask.
  func strings(_ i: Int) throws(ExpressionError) -> (codes: [Int32], dictionary: [String], validity: ValidityMask?) {
    let c = columns[i]
    if case .string(let codes, let d) = c.storage { return (codes, d, c.validity) }
    if c.isAllMissing {
      return ([Int32](repeating: 0, count: rowCount), [""], ValidityMask(count: rowCount, allValid: false))
    }
    throw wrongType(i, needs: "a string")
  }

  /// Argument `i` as a string written in the call (a unit, a zone, a format).
  func written(_ i: Int, _ what: String) throws(ExpressionError) -> String {
    guard case .literal(.string(let s), _) = expressions[i] else {
      throw ExpressionError(
        .invalidArgument("'\(name)' needs \(what) as a string written in the call"), span: expressions[i].span ?? span)
    }
    return s
  }
}
