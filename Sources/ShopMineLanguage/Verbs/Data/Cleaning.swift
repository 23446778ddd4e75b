import ShopMineData

extension VerbSpec {
  /// `fill missing with median [on a, b]`: replace missing values.
  static let fill = VerbSpec(
    "fill", summary: "replace missing values (mean, median, mode or a constant)",
    positionals: [ParameterSpec("missing", .word(["missing"]), "the word 'missing'")],
    options: [
      ParameterSpec("with", .wordOrValue(["mean", "median", "mode"]), "mean, median, mode or a value"),
      ParameterSpec("on", .columns, "only these columns"),
    ],
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let strategy: FillStrategy
      switch inv.argument("with")?.value {
      case .word(let w, _)?:
        strategy = w == "mean" ? .mean : (w == "median" ? .median : .mode)
      case .expr(let e)?:
        guard case .scalar(let v) = try inv.evaluate(e) else {
          throw Diagnostic("'with' needs a single value", at: e.span, name: "TypeError")
        }
        strategy = .constant(v)
      default:
        throw inv.error("'fill missing' needs 'with': mean, median, mode or a value")
      }
      let on = inv.has("on") ? try inv.columns("on", in: table) : nil
      let cancellation = inv.cancellation
      return .table(
        try inv.data { () throws(TableError) in
          try table.fillingMissing(strategy, in: on, cancellation: cancellation)
        })
    })

  /// `normalize zscore on a, b` (population std) or `normalize minmax`.
  static let normalize = VerbSpec(
    "normalize", summary: "rescale numeric columns (zscore or minmax)",
    positionals: [ParameterSpec("method", .word(["zscore", "minmax"]), optional: true, "zscore (default) or minmax")],
    options: [ParameterSpec("on", .columns, "columns (default: every numeric column)")],
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let method: NormalizeMethod = inv.word("method") == "minmax" ? .minmax : .zscore
      let on = inv.has("on") ? try inv.columns("on", in: table) : nil
      return .table(try inv.data { () throws(TableError) in try table.normalized(method, columns: on) })
    })

  /// `outliers iqr k 1.5 on spend clip` / `outliers zscore t 3 remove`.
  static let outliers = VerbSpec(
    "outliers", summary: "flag, clip or remove outliers (iqr or zscore rule)",
    positionals: [
      ParameterSpec("rule", .word(["iqr", "zscore"]), optional: true, "iqr (default) or zscore"),
      ParameterSpec("cutoff", .value, optional: true, "k or t written after the rule: outliers iqr 1.5"),
    ],
    options: [
      ParameterSpec("on", .columns, "columns (default: every numeric column)"),
      ParameterSpec.number("k", default: 1.5, "IQR fence multiplier"),
      ParameterSpec.number("t", default: 3, "z-score threshold"),
      ParameterSpec("flag", .flag, "add an 'outlier' column (default)"),
      ParameterSpec("clip", .flag, "clip values to the fences"),
      ParameterSpec("remove", .flag, "drop outlier rows"),
    ],
    schema: { q in
      guard var out = q.input else { return nil }
      if q.call.arguments["clip"] == nil, q.call.arguments["remove"] == nil { out.append("outlier") }
      return out
    },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      func fence(_ name: String) throws(Diagnostic) -> Double {
        if inv.has("cutoff"), inv.has(name) {
          throw inv.error(
            at: name, "the rule's cutoff is given twice: after the rule and as '\(name)'",
            suggestions: ["keep one of them"])
        }
        let value = inv.has("cutoff") ? try inv.number("cutoff") : try inv.number(name)
        guard value.isFinite, value >= 0 else {
          throw inv.error(at: name, "'\(name)' must be a finite number ≥ 0, got \(ValueFormatter.number(value))")
        }
        return value
      }
      let rule: OutlierRule = inv.word("rule") == "zscore" ? .zscore(t: try fence("t")) : .iqr(k: try fence("k"))
      let action: OutlierAction = inv.has("remove") ? .remove : (inv.has("clip") ? .clip : .flag)
      let on = inv.has("on") ? try inv.columns("on", in: table) : nil
      return .table(try inv.data { () throws(TableError) in try table.outliers(rule, action: action, columns: on) })
    })
}
