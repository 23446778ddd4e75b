/// `format(x, spec)`: a value as text under a Python format spec (``PythonFormatSpec``). String
/// interpolation (`"{best:,.2f}"`) is written with it, so a spec means the same in a string and in a call.
enum FormatFunction {
  static let signatures = [
    FunctionSignature(
      "format", 1...2, "format(x, spec)",
      "x as text under a Python format spec: `format(1234.5, \",.2f\")` → `1,234.50`; a timestamp takes strftime directives (`\"%Y-%m\"`); missing stays missing"
    )
  ]

  static let names = Set(signatures.map(\.name))

  static func call(
    _ cols: [Column], _ args: [RowExpression], span: SourceSpan?, evaluator ev: ExpressionEvaluator
  ) throws(ExpressionError) -> Column {
    let n = ev.table.rowCount
    let c = cols[0]
    // The spec of each row, as an index into `specTexts` (nil: a missing spec, a missing result).
    var specTexts = [""]
    var specOf: (Int) -> Int? = { _ in 0 }
    if cols.count == 2 {
      let s = cols[1]
      if case .string(let codes, let dictionary) = s.storage {
        specTexts = dictionary
        specOf = { s.isValid($0) ? Int(codes[$0]) : nil }
      } else if s.isAllMissing {
        specOf = { _ in nil }
      } else {
        throw ExpressionError(
          .typeMismatch("'format' needs its spec as text, such as \",.2f\", but this is \(ev.describe(args[1], s))"),
          span: args[1].span ?? span)
      }
    }
    var parsed = [PythonFormatSpec?](repeating: nil, count: specTexts.count)
    var out: [String?] = []
    out.reserveCapacity(n)
    for r in 0..<n {
      guard let k = specOf(r), c.isValid(r) else {
        out.append(nil)
        continue
      }
      let v = c[r]
      // A timestamp's spec is a strftime pattern, as Python's datetime.__format__.
      if case .timestamp(let t) = v {
        out.append(specTexts[k].isEmpty ? v.displayText : Timestamp.strftime(t, specTexts[k]))
        continue
      }
      let spec: PythonFormatSpec
      if let known = parsed[k] {
        spec = known
      } else {
        do {
          spec = try PythonFormatSpec(specTexts[k])
        } catch {
          throw ExpressionError(error, span: args.count > 1 ? args[1].span ?? span : span)
        }
        parsed[k] = spec
      }
      do {
        out.append(try spec.format(v))
      } catch {
        throw ExpressionError(error, span: args[0].span ?? span)
      }
    }
    return Column(name: "format", strings: out)
  }
}
