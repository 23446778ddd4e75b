import ShopMineData

extension VerbSpec {
  /// The aggregates a pivot cell can take: those of one column.
  static let pivotAggregates = AggregateFunction.allCases.filter { $0.signature.arity.contains(1) }.map(\.rawValue)

  /// `pivot rows month columns category values revenue [aggregate sum] [fill 0]`.
  static let pivot = VerbSpec(
    "pivot", summary: "spread a column's values into columns, aggregating values per cell",
    options: [
      ParameterSpec("rows", .columns, "the columns whose distinct values make the rows"),
      ParameterSpec("columns", .column, "the column whose values become columns"),
      ParameterSpec("values", .columns, "the columns aggregated in each cell"),
      ParameterSpec("aggregate", .word(pivotAggregates), "how a cell's values are combined (mean)"),
      ParameterSpec("fill", .value, "the value of a cell with no rows (missing)"),
      ParameterSpec("index", .columns, "the same as rows (the older spelling)"),
      ParameterSpec("agg", .word(pivotAggregates), "the same as aggregate (the older spelling)"),
    ],
    schema: { q in
      // Only the row columns are known without the data: the levels come from the values.
      guard case .exprs(let rows)? = (q.call.arguments["rows"] ?? q.call.arguments["index"])?.value else { return nil }
      return rows.compactMap(\.nameValue)
    },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let usage = "pivot rows ROW columns COLUMN values VALUE"
      for (new, old) in [("rows", "index"), ("aggregate", "agg")] where inv.has(new) && inv.has(old) {
        throw inv.error(at: old, "'pivot' takes '\(new)' or '\(old)', not both")
      }
      let rowsOption = inv.has("index") ? "index" : "rows"
      let rows = try inv.columns(rowsOption, in: table)
      let columns = try inv.columns("columns", in: table)
      let values = try inv.columns("values", in: table)
      for (name, given) in [("rows", rows), ("columns", columns), ("values", values)] where given.isEmpty {
        throw inv.error("'pivot' needs '\(name)': \(usage)", suggestions: [usage])
      }
      let level = columns[0]
      if rows.contains(level) {
        throw inv.error(at: "columns", "'\(level)' cannot be both a row column and the columns of the pivot")
      }
      let word = inv.word("aggregate") ?? inv.word("agg") ?? AggregateFunction.mean.rawValue
      let aggregate = AggregateFunction(rawValue: word) ?? .mean
      var fill: Value?
      if let e = inv.expression("fill") {
        guard case .scalar(let v) = try inv.evaluate(e), !v.isMissing else {
          throw Diagnostic("'fill' takes one value (fill 0)", at: e.span, name: "TypeError")
        }
        fill = v
      }
      let cancellation = inv.cancellation
      return .table(
        try inv.expressions { () throws(ExpressionError) in
          try table.pivot(
            rows: rows, columns: level, values: values, aggregate: aggregate, fill: fill, cancellation: cancellation)
        })
    })

  /// `unpivot columns books, home [into category, revenue]`.
  static let unpivot = VerbSpec(
    "unpivot", aliases: ["melt"], summary: "turn columns into rows: one name column and one value column",
    options: [
      ParameterSpec("columns", .columns, "the columns turned into rows; the others are kept as ids"),
      ParameterSpec("into", .columns, "the names of the name and value columns (name, value)"),
    ],
    schema: { q in
      guard let input = q.input, case .exprs(let given)? = q.call.arguments["columns"]?.value else { return nil }
      let melted = given.compactMap(\.nameValue)
      var into = ["name", "value"]
      if case .exprs(let names)? = q.call.arguments["into"]?.value, names.count == 2 {
        into = names.compactMap(\.nameValue)
      }
      return input.filter { !melted.contains($0) } + into
    },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let usage = "unpivot columns A, B into NAME, VALUE"
      let melted = try inv.columns("columns", in: table)
      guard !melted.isEmpty else { throw inv.error("'unpivot' needs 'columns': \(usage)", suggestions: [usage]) }
      let given = inv.expressions("columns")
      // Text and numbers cannot share the value column: name both, pointing at the second.
      if let first = table.column(named: melted[0]) {
        for (name, e) in zip(melted, given).dropFirst() {
          guard let c = table.column(named: name), c.type != first.type, !(c.type.isNumeric && first.type.isNumeric)
          else { continue }
          throw Diagnostic(
            "cannot unpivot \(first.type.rawValue) column '\(first.name)' and \(c.type.rawValue) column '\(name)' into one column",
            at: e.span, name: "TypeError", suggestions: ["unpivot columns of one type, or convert one with str(…)"])
        }
      }
      var into = ("name", "value")
      if inv.has("into") {
        let names = inv.expressions("into").map(\.nameValue)
        guard names.count == 2, let n = names[0], let v = names[1] else {
          throw inv.error(
            at: "into", "'into' takes two names: the name column and the value column", suggestions: [usage])
        }
        into = (n, v)
      }
      return .table(
        try inv.data { () throws(TableError) in
          try table.unpivoted(columns: melted, name: into.0, value: into.1)
        })
    })
}
