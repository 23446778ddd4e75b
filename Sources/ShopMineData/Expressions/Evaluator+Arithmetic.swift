#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension ExpressionEvaluator {
  /// `+ - * / % ^` over numeric columns. Ints stay ints for `+ - * %` (overflow is an error); `/` and `^`
  /// give floats, like pandas. `%` takes the divisor's sign (Python's floor modulo). A zero divisor on a
  /// row with values is an error rather than a silent infinity.
  func arithmetic(
    _ op: BinaryOperator, _ a: Column, _ b: Column, _ ea: RowExpression, _ eb: RowExpression, span: SourceSpan?
  ) throws(ExpressionError) -> Column {
    let n = a.count
    let isNumeric: (Column) -> Bool = { $0.type.isNumeric || $0.type == .bool || $0.isAllMissing }
    if op == .add, a.type == .string, b.type == .string {
      return concatenate(a, b)
    }
    if a.type == .timestamp || b.type == .timestamp {
      return try Durations.arithmetic(op, a, b, ea, eb, span: span, evaluator: self)
    }
    guard isNumeric(a), isNumeric(b) else {
      let bad = isNumeric(a) ? (eb, b) : (ea, a)
      throw ExpressionError(
        .typeMismatch(
          "cannot apply '\(op.rawValue)' to \(describe(ea, a)) and \(describe(eb, b))", column: bad.0.columnName),
        span: span)
    }
    // Each step below is a pass over every row (tens of milliseconds on millions); the token is polled
    // between them.
    let validity = combinedValidity(a.effectiveValidity(), b.effectiveValidity())
    try poll(span)
    let name = op.rawValue
    if op != .divide && op != .power, let x = a.intLikeValues(), let y = b.intLikeValues() {
      try poll(span)
      var out = [Int64](repeating: 0, count: n)
      for i in 0..<n {
        let valid = validity?.isValid(i) ?? true
        guard valid else { continue }
        let (v, overflow): (Int64, Bool)
        switch op {
        case .add: (v, overflow) = x[i].addingReportingOverflow(y[i])
        case .subtract: (v, overflow) = x[i].subtractingReportingOverflow(y[i])
        case .multiply: (v, overflow) = x[i].multipliedReportingOverflow(by: y[i])
        default:
          guard y[i] != 0 else { throw ExpressionError(.divisionByZero, span: span) }
          let (r, o) = x[i].remainderReportingOverflow(dividingBy: y[i])
          v = (r != 0 && (r < 0) != (y[i] < 0)) ? r + y[i] : r
          overflow = o
        }
        if overflow { throw ExpressionError(.overflow(in: "'\(op.rawValue)'"), span: span) }
        out[i] = v
      }
      return Column(name: name, storage: .int(out), validity: validity)
    }
    let x = a.numericDoubles()?.values ?? [Double](repeating: .nan, count: n)
    try poll(span)
    let y = b.numericDoubles()?.values ?? [Double](repeating: .nan, count: n)
    try poll(span)
    var out = [Double](repeating: 0, count: n)
    // Branch on the operator once, outside the loop, so each loop is a single vectorisable operation.
    switch op {
    case .add: for i in 0..<n { out[i] = x[i] + y[i] }
    case .subtract: for i in 0..<n { out[i] = x[i] - y[i] }
    case .multiply: for i in 0..<n { out[i] = x[i] * y[i] }
    case .divide, .modulo:
      for i in 0..<n {
        if y[i] == 0 && (validity?.isValid(i) ?? true) {
          throw ExpressionError(.divisionByZero, span: span)
        }
        if op == .divide {
          out[i] = x[i] / y[i]
        } else {
          let r = fmod(x[i], y[i])
          out[i] = (r != 0 && (r < 0) != (y[i] < 0)) ? r + y[i] : r
        }
      }
    case .power: for i in 0..<n { out[i] = pow(x[i], y[i]) }
    default: break
    }
    try poll(span)
    return Column.floats(name, out, validity: validity)
  }

  /// String `+` string: concatenation.
  func concatenate(_ a: Column, _ b: Column) -> Column {
    guard case .string(let ca, let da) = a.storage, case .string(let cb, let db) = b.storage else { return a }
    let strings: [String?] = (0..<a.count).map { i in
      a.isValid(i) && b.isValid(i) ? da[Int(ca[i])] + db[Int(cb[i])] : nil
    }
    return Column(name: "+", strings: strings)
  }
}
