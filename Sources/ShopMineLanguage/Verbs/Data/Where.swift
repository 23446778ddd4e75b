import ShopMineData

extension VerbSpec {
  /// `where spend > 500 and city == "Shanghai"`: keep rows where the condition is true.
  static let `where` = VerbSpec(
    "where", aliases: ["filter"], summary: "keep the rows where a condition holds",
    positionals: [ParameterSpec("condition", .row, "a true/false row expression")],
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      guard let condition = try inv.rowExpression("condition", in: table) else { return .table(table) }
      let cancellation = inv.cancellation
      return .table(
        try inv.expressions { () throws(ExpressionError) in
          try table.filtered(where: condition, cancellation: cancellation)
        })
    })

  /// `derive revenue = price * quantity, big = revenue > 100`: add or replace columns.
  static let derive = VerbSpec(
    "derive", aliases: ["mutate"], summary: "add columns computed from row expressions",
    positionals: [ParameterSpec("columns", .assignments, "NAME = EXPR, …")],
    schema: { q in
      guard case .assignments(let list)? = q.call.arguments["columns"]?.value, var out = q.input else { return q.input }
      for a in list where !out.contains(a.name) { out.append(a.name) }
      return out
    },
    evaluate: { inv throws(Diagnostic) in
      var table = try inv.table()
      let cancellation = inv.cancellation
      // One definition at a time, so later ones can use earlier ones (`derive r = p * q, big = r > 100`).
      guard case .assignments(let list)? = inv.argument("columns")?.value else { return .table(table) }
      for a in list {
        let e = try inv.rowExpression(a.expr, in: table)
        let current = table
        table = try inv.expressions { () throws(ExpressionError) in
          try current.deriving([(a.name, e)], cancellation: cancellation)
        }
      }
      return .table(table)
    })
}
