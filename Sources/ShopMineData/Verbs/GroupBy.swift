extension Table {
  /// `group by keys aggregate name = expr, …`: one row per distinct key combination, sorted by the keys
  /// (as pandas' `groupby` does; missing keys form their own group, last), then one column per aggregate.
  ///
  /// Each expression may combine aggregate calls (`sum(price * quantity) / count()`); outside an
  /// aggregate call only key columns may appear. With no keys the whole table is one group.
  ///
  /// - Complexity: O(n) hashing on integer key codes plus O(g log g) to order g groups.
  public func groupAggregate(
    by keys: [String], _ aggregates: [(name: String, expression: RowExpression)],
    cancellation: Cancellation = .none
  ) throws(ExpressionError) -> Table {
    let keyColumns: [Column]
    let grouping: Grouping
    let representatives: [Int]
    do throws(TableError) {
      keyColumns = try keys.map { (k: String) throws(TableError) -> Column in try requireColumn(k) }
      if keyColumns.isEmpty {
        grouping = Grouping.single(rowCount: rowCount)
        representatives = []
      } else {
        let (codes, count) = try KeyEncoding.groupCodes(keyColumns, cancellation: cancellation)
        var firstRow = [Int](repeating: 0, count: count)
        var seen = [Bool](repeating: false, count: count)
        for (r, c) in codes.enumerated() where !seen[Int(c)] {
          seen[Int(c)] = true
          firstRow[Int(c)] = r
        }
        // Order groups by their key values, then renumber rows' groups in that order.
        let reps = Table(uncheckedColumns: keyColumns, rowCount: rowCount).gatheringRows(firstRow)
        let order = try Table.sortPermutation(
          reps.columns, descending: Array(repeating: false, count: keys.count), cancellation: cancellation)
        var rank = [Int32](repeating: 0, count: count)
        for (newIndex, old) in order.enumerated() { rank[old] = Int32(newIndex) }
        grouping = Grouping(groupOf: codes.map { rank[Int($0)] }, count: count)
        representatives = order.map { firstRow[$0] }
      }
    } catch {
      throw ExpressionError(error, span: nil)
    }
    var out = keyColumns.map { $0.gathering(representatives) }
    var groupTable = Table(uncheckedColumns: out, rowCount: grouping.count)
    for (name, expression) in aggregates {
      var temps: [Column] = []
      let rewritten = try rewriteAggregates(expression, grouping: grouping, temps: &temps, cancellation: cancellation)
      var scratch = groupTable
      for t in temps {
        do throws(TableError) { scratch = try scratch.settingColumn(t) } catch { throw ExpressionError(error, span: nil) }
      }
      var result: Column
      do {
        result = try ExpressionEvaluator(table: scratch, cancellation: cancellation).evaluate(rewritten)
      } catch let e where e.error.code == .unknownColumn {
        let col = e.error.column ?? "?"
        throw ExpressionError(
          TableError(
            code: .unknownColumn,
            message: "column '\(col)' must be a group key or inside an aggregate such as sum(\(col))",
            column: col, candidates: columnNames), span: e.span)
      }
      result.name = name
      out.append(result)
      do throws(TableError) {
        groupTable = try groupTable.settingColumn(result)
      } catch {
        throw ExpressionError(error, span: expression.span)
      }
    }
    do throws(TableError) {
      return try Table(columns: out)
    } catch {
      throw ExpressionError(error, span: nil)
    }
  }

  /// Replaces each aggregate call by a reference to a per-group column computed here.
  private func rewriteAggregates(
    _ e: RowExpression, grouping: Grouping, temps: inout [Column], cancellation: Cancellation
  ) throws(ExpressionError) -> RowExpression {
    switch e {
    case .call(let fname, let args, let span) where AggregateFunction.isAggregateCall(name: fname, arity: args.count):
      guard let f = AggregateFunction(rawValue: fname) else { return e }
      let evaluator = ExpressionEvaluator(table: self, cancellation: cancellation)
      let argument: Column? = args.isEmpty ? nil : try evaluator.evaluate(args[0])
      var q = 0.5
      if f == .quantile {
        guard case .literal(let v, _) = args[1], let d = v.doubleValue, d >= 0, d <= 1 else {
          throw ExpressionError(.invalidArgument("quantile needs a number q between 0 and 1"), span: args[1].span ?? span)
        }
        q = d
      }
      let name = "\u{1}agg\(temps.count)"
      do throws(TableError) {
        let c = try AggregateKernels.apply(f, argument, q: q, grouping: grouping, name: name)
        temps.append(c.renamed(name))
      } catch {
        throw ExpressionError(error, span: span)
      }
      return .column(name, span: span)
    case .call(let fname, let args, let span):
      var out: [RowExpression] = []
      for a in args { out.append(try rewriteAggregates(a, grouping: grouping, temps: &temps, cancellation: cancellation)) }
      return .call(fname, out, span: span)
    case .unary(let op, let x, let span):
      return .unary(op, try rewriteAggregates(x, grouping: grouping, temps: &temps, cancellation: cancellation), span: span)
    case .binary(let op, let a, let b, let span):
      return .binary(
        op, try rewriteAggregates(a, grouping: grouping, temps: &temps, cancellation: cancellation),
        try rewriteAggregates(b, grouping: grouping, temps: &temps, cancellation: cancellation), span: span)
    case .isIn(let x, let list, let negated, let span):
      var items: [RowExpression] = []
      for i in list { items.append(try rewriteAggregates(i, grouping: grouping, temps: &temps, cancellation: cancellation)) }
      return .isIn(
        try rewriteAggregates(x, grouping: grouping, temps: &temps, cancellation: cancellation), items,
        negated: negated, span: span)
    case .isMissing(let x, let negated, let span):
      return .isMissing(
        try rewriteAggregates(x, grouping: grouping, temps: &temps, cancellation: cancellation), negated: negated,
        span: span)
    case .column, .literal:
      return e
    }
  }
}
