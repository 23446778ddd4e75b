extension ExpressionEvaluator {
  /// `== != < <= > >=`. Numbers compare with numbers (ints exactly), strings with strings (by content,
  /// lexicographically), timestamps with timestamps or with a string literal in ISO-8601, booleans with
  /// booleans. Anything else is a type error naming both sides.
  func compare(
    _ op: BinaryOperator, _ a: Column, _ b: Column, _ ea: RowExpression, _ eb: RowExpression, span: SourceSpan?
  ) throws(ExpressionError) -> Column {
    let n = a.count
    let validity = combinedValidity(a.effectiveValidity(), b.effectiveValidity())
    // Each branch produces two comparable Int64 or Double keys per row.
    if a.isAllMissing || b.isAllMissing {
      return Column(
        name: op.rawValue, storage: .bool([Bool](repeating: false, count: n)),
        validity: ValidityMask(count: n, allValid: false))
    }
    switch (a.storage, b.storage) {
    case (.int, .int), (.int, .bool), (.bool, .int), (.bool, .bool):
      let x = a.intLikeValues() ?? []
      let y = b.intLikeValues() ?? []
      return boolColumn(op, n, validity) { x[$0] < y[$0] ? -1 : (x[$0] == y[$0] ? 0 : 1) }
    case (.int, .float), (.float, .int), (.float, .float), (.float, .bool), (.bool, .float):
      let x = a.numericDoubles()?.values ?? []
      let y = b.numericDoubles()?.values ?? []
      return boolColumn(op, n, validity) { x[$0] < y[$0] ? -1 : (x[$0] == y[$0] ? 0 : 1) }
    case (.timestamp(let x), .timestamp(let y)):
      return boolColumn(op, n, validity) { x[$0] < y[$0] ? -1 : (x[$0] == y[$0] ? 0 : 1) }
    case (.timestamp(let x), .string(_, let d)):
      let t = try timestampLiteral(eb, d, span: span, other: ea, otherColumn: a)
      return boolColumn(op, n, validity) { x[$0] < t ? -1 : (x[$0] == t ? 0 : 1) }
    case (.string(_, let d), .timestamp(let y)):
      let t = try timestampLiteral(ea, d, span: span, other: eb, otherColumn: b)
      return boolColumn(op, n, validity) { t < y[$0] ? -1 : (t == y[$0] ? 0 : 1) }
    case (.string(let ca, let da), .string(let cb, let db)):
      if op == .equal || op == .notEqual {
        // Equality on codes: translate b's codes into a's dictionary (absent strings never match).
        let (_, maps) = unifyDictionaries([da, db])
        let ma = maps[0]
        let mb = maps[1]
        return boolColumn(op, n, validity) { ma[Int(ca[$0])] == mb[Int(cb[$0])] ? 0 : 1 }
      }
      let (merged, maps) = unifyDictionaries([da, db])
      let ranks = Column.dictionaryRanks(merged)
      let ra = maps[0].map { ranks[Int($0)] }
      let rb = maps[1].map { ranks[Int($0)] }
      return boolColumn(op, n, validity) {
        let x = ra[Int(ca[$0])]
        let y = rb[Int(cb[$0])]
        return x < y ? -1 : (x == y ? 0 : 1)
      }
    default:
      let offender = a.type == .string ? ea : (b.type == .string ? eb : ea)
      throw ExpressionError(
        .typeMismatch("cannot compare \(describe(ea, a)) with \(describe(eb, b))", column: offender.columnName),
        span: span)
    }
  }

  /// A string literal compared with a timestamp, read as ISO-8601.
  private func timestampLiteral(
    _ e: RowExpression, _ dictionary: [String], span: SourceSpan?, other: RowExpression, otherColumn: Column
  ) throws(ExpressionError) -> Int64 {
    guard case .literal(.string(let s), _) = e else {
      throw ExpressionError(
        .typeMismatch("cannot compare \(describe(other, otherColumn)) with a string value", column: other.columnName),
        span: span)
    }
    guard let t = Timestamp.parse(s) else {
      throw ExpressionError(
        .typeMismatch("cannot read '\(s)' as a timestamp (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)"),
        span: e.span ?? span)
    }
    _ = dictionary
    return t
  }

  /// Applies `op` to a three-way comparison per row.
  @inline(__always)
  private func boolColumn(_ op: BinaryOperator, _ n: Int, _ validity: ValidityMask?, _ cmp: (Int) -> Int) -> Column {
    var out = [Bool](repeating: false, count: n)
    switch op {
    case .equal: for i in 0..<n { out[i] = cmp(i) == 0 }
    case .notEqual: for i in 0..<n { out[i] = cmp(i) != 0 }
    case .less: for i in 0..<n { out[i] = cmp(i) < 0 }
    case .lessOrEqual: for i in 0..<n { out[i] = cmp(i) <= 0 }
    case .greater: for i in 0..<n { out[i] = cmp(i) > 0 }
    case .greaterOrEqual: for i in 0..<n { out[i] = cmp(i) >= 0 }
    default: break
    }
    return Column(name: op.rawValue, storage: .bool(out), validity: validity)
  }

  /// `and` / `or` with three-valued logic.
  func logic(
    _ op: BinaryOperator, _ a: Column, _ b: Column, _ ea: RowExpression, _ eb: RowExpression, span: SourceSpan?
  ) throws(ExpressionError) -> Column {
    let n = a.count
    func bools(_ c: Column, _ e: RowExpression) throws(ExpressionError) -> [Bool] {
      if c.isAllMissing { return [Bool](repeating: false, count: n) }
      guard case .bool(let v) = c.storage else {
        throw ExpressionError(
          .typeMismatch("'\(op.rawValue)' needs booleans, but this is \(describe(e, c))", column: e.columnName),
          span: e.span ?? span)
      }
      return v
    }
    let x = try bools(a, ea)
    let y = try bools(b, eb)
    let va = a.validity
    let vb = b.validity
    var out = [Bool](repeating: false, count: n)
    var valid = [Bool](repeating: true, count: n)
    for i in 0..<n {
      let av = va?.isValid(i) ?? true
      let bv = vb?.isValid(i) ?? true
      if op == .and {
        if (av && !x[i]) || (bv && !y[i]) {
          out[i] = false
        } else if av && bv {
          out[i] = true
        } else {
          valid[i] = false
        }
      } else {
        if (av && x[i]) || (bv && y[i]) {
          out[i] = true
        } else if av && bv {
          out[i] = false
        } else {
          valid[i] = false
        }
      }
    }
    return Column(name: op.rawValue, storage: .bool(out), validity: ValidityMask(valid))
  }
}
