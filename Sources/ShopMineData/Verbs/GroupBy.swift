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
    var out: [Column]
    do throws(TableError) {
      keyColumns = try keys.map { (k: String) throws(TableError) -> Column in try requireColumn(k) }
      if keyColumns.isEmpty {
        grouping = Grouping.single(rowCount: rowCount)
        out = []
      } else if keyColumns.count == 1, let dense = try Self.directGrouping(keyColumns[0], cancellation: cancellation) {
        (grouping, out) = (dense.grouping, [dense.keys])
      } else {
        let (codes, count) = try KeyEncoding.groupCodes(keyColumns, cancellation: cancellation)
        // Every pass over the rows below runs in polled blocks: with millions of groups each is a
        // noticeable fraction of a second.
        var firstRow = [Int](repeating: -1, count: count)
        try cancellation.forEachBlock(rowCount) { block in
          for r in block where firstRow[Int(codes[r])] < 0 { firstRow[Int(codes[r])] = r }
        }
        // Order groups by their key values, then renumber rows' groups in that order.
        let reps = Table(
          uncheckedColumns: keyColumns.map {
            $0.gathering(firstRow, mayHaveNegative: false, cancellation: cancellation)
          },
          rowCount: count)
        try cancellation.check()
        let order = try Table.sortPermutation(
          reps.columns, descending: Array(repeating: false, count: keys.count), cancellation: cancellation)
        var rank = [Int32](repeating: 0, count: count)
        for (newIndex, old) in order.enumerated() { rank[old] = Int32(newIndex) }
        var groupOf = [Int32](repeating: 0, count: rowCount)
        var sizes = [Int](repeating: 0, count: count)
        try cancellation.forEachBlock(rowCount) { block in
          for r in block {
            let g = rank[Int(codes[r])]
            groupOf[r] = g
            sizes[Int(g)] += 1
          }
        }
        grouping = Grouping(groupOf: groupOf, count: count, sizes: sizes)
        let representatives = order.map { firstRow[$0] }
        out = keyColumns.map { $0.gathering(representatives, mayHaveNegative: false, cancellation: cancellation) }
        try cancellation.check()
      }
    } catch {
      throw ExpressionError(error, span: nil)
    }
    var groupTable = Table(uncheckedColumns: out, rowCount: grouping.count)
    for (name, expression) in aggregates {
      var temps: [Column] = []
      let rewritten = try rewriteAggregates(expression, grouping: grouping, temps: &temps, cancellation: cancellation)
      var scratch = groupTable
      for t in temps {
        do throws(TableError) { scratch = try scratch.settingColumn(t) } catch {
          throw ExpressionError(error, span: nil)
        }
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
          throw ExpressionError(
            .invalidArgument("quantile needs a number q between 0 and 1"), span: args[1].span ?? span)
        }
        q = d
      }
      let name = "\u{1}agg\(temps.count)"
      do throws(TableError) {
        let c = try AggregateKernels.apply(
          f, argument, q: q, grouping: grouping, name: name, cancellation: cancellation)
        temps.append(c.renamed(name))
      } catch {
        throw ExpressionError(error, span: span)
      }
      return .column(name, span: span)
    case .call(let fname, let args, let span):
      var out: [RowExpression] = []
      for a in args {
        out.append(try rewriteAggregates(a, grouping: grouping, temps: &temps, cancellation: cancellation))
      }
      return .call(fname, out, span: span)
    case .unary(let op, let x, let span):
      return .unary(
        op, try rewriteAggregates(x, grouping: grouping, temps: &temps, cancellation: cancellation), span: span)
    case .binary(let op, let a, let b, let span):
      return .binary(
        op, try rewriteAggregates(a, grouping: grouping, temps: &temps, cancellation: cancellation),
        try rewriteAggregates(b, grouping: grouping, temps: &temps, cancellation: cancellation), span: span)
    case .isIn(let x, let list, let negated, let span):
      var items: [RowExpression] = []
      for i in list {
        items.append(try rewriteAggregates(i, grouping: grouping, temps: &temps, cancellation: cancellation))
      }
      return .isIn(
        try rewriteAggregates(x, grouping: grouping, temps: &temps, cancellation: cancellation), items,
        negated: negated, span: span)
    case .isMissing(let x, let negated, let span):
      return .isMissing(
        try rewriteAggregates(x, grouping: grouping, temps: &temps, cancellation: cancellation), negated: negated,
        span: span)
    case .column, .literal:
      return e
    case .window(let w, let span):
      throw ExpressionError(
        .invalidArgument(
          "window function '\(w.function)' can only be used in 'derive': derive it as a column before 'group by'"),
        span: span)
    }
  }

  /// Groups of one complete integer or timestamp key whose values span a small range, by direct indexing
  /// instead of hashing: the group of a row is the rank of its value among the values present, so the
  /// groups come out in key order with no sort, and the key column is the present values themselves.
  /// `nil` when the key does not qualify (missing values, another type, a range much wider than the rows).
  ///
  /// - Complexity: O(n + range), with range ≤ max(2n, 65,536).
  static func directGrouping(
    _ key: Column, cancellation: Cancellation
  ) throws(TableError) -> (grouping: Grouping, keys: Column)? {
    guard key.validity == nil else { return nil }
    let values: [Int64]
    switch key.storage {
    case .int(let a), .timestamp(let a): values = a
    default: return nil
    }
    let n = values.count
    guard n > 0 else { return nil }
    var lo = Int64.max
    var hi = Int64.min
    values.withUnsafeBufferPointer { v in
      for x in v {
        lo = Swift.min(lo, x)
        hi = Swift.max(hi, x)
      }
    }
    let (span, overflow) = hi.subtractingReportingOverflow(lo)
    guard !overflow, span < Int64(Swift.max(2 * n, 1 << 16)), span < Int64(Int32.max) else { return nil }
    try cancellation.check()
    // Rows per value, then each present value's rank (its group); absent values stay -1.
    let range = Int(span) + 1
    var rank = [Int32](repeating: 0, count: range)
    values.withUnsafeBufferPointer { v in
      rank.withUnsafeMutableBufferPointer { counts in
        for x in v { counts[Int(x &- lo)] &+= 1 }
      }
    }
    var sizes: [Int] = []
    var present: [Int64] = []
    for k in 0..<range where rank[k] > 0 {
      sizes.append(Int(rank[k]))
      present.append(lo &+ Int64(k))
      rank[k] = Int32(sizes.count - 1)
    }
    try cancellation.check()
    let groupOf = values.withUnsafeBufferPointer { v in
      rank.withUnsafeBufferPointer { r in
        [Int32](unsafeUninitializedCapacity: n) { out, initialized in
          for i in 0..<n { out[i] = r[Int(v[i] &- lo)] }
          initialized = n
        }
      }
    }
    let keys = Column(name: key.name, storage: key.type == .timestamp ? .timestamp(present) : .int(present))
    return (Grouping(groupOf: groupOf, count: sizes.count, sizes: sizes), keys)
  }
}
