import ShopMineData

/// Compiles ShopMine row expressions to SQL over a step's columns; `nil` for anything the dialect cannot
/// compute with ShopMine's result, so that the step runs in memory instead of differently.
struct ExpressionCompiler {
  let dialect: any SQLDialect
  /// The input's columns, as SQL.
  let columns: [String: SQLOperand]
  let types: TypeOracle
  /// Inside `aggregate`: the group keys, the only columns allowed outside an aggregate call.
  var keys: Set<String> = []
  /// Whether window functions may be compiled (`derive` only).
  var windows = false
  /// The query's row order (its sort), the order of a window without `order`; empty when none is defined.
  var rowOrder: [(operand: SQLOperand, descending: Bool)] = []

  init(dialect: any SQLDialect, columns: [String: SQLOperand], types: TypeOracle, keys: Set<String> = []) {
    self.dialect = dialect
    self.columns = columns
    self.types = types
    self.keys = keys
  }

  /// A row expression.
  func compile(_ e: RowExpression) -> SQLOperand? {
    compile(e, aggregating: false)
  }

  /// An `aggregate` definition: aggregate calls over rows, combined by operators and key columns.
  func compileAggregate(_ e: RowExpression) -> SQLOperand? {
    compile(e, aggregating: true)
  }

  private func type(_ e: RowExpression, aggregating: Bool) -> ColumnType? {
    aggregating ? types.aggregate(e) : types.row(e)
  }

  private func compile(_ e: RowExpression, aggregating: Bool) -> SQLOperand? {
    switch e {
    case .column(let name, _):
      if aggregating && !keys.contains(name) { return nil }
      return columns[name]
    case .literal(let v, _):
      guard let text = dialect.literal(v) else { return nil }
      return SQLOperand(text, v.columnType)
    case .unary(let op, let x, _):
      guard let a = compile(x, aggregating: aggregating) else { return nil }
      switch op {
      case .negate:
        guard a.type == .int || a.type == .float else { return nil }
        return SQLOperand("(-\(a.sql))", a.type)
      case .not:
        guard a.type == .bool else { return nil }
        return SQLOperand("(NOT \(a.sql))", .bool)
      }
    case .binary(let op, let x, let y, _):
      guard let a = compile(x, aggregating: aggregating), let b = compile(y, aggregating: aggregating),
        let result = type(e, aggregating: aggregating)
      else { return nil }
      return binary(op, a, b, result: result)
    case .isIn(let x, let list, let negated, _):
      guard let a = compile(x, aggregating: aggregating), a.type != nil else { return nil }
      var items: [String] = []
      for item in list {
        // A missing item or a computed one would make SQL's IN three-valued where ShopMine's is not.
        guard case .literal(let v, _) = item, !v.isMissing, v.columnType == a.type || bothNumeric(v.columnType, a.type),
          let text = dialect.literal(v)
        else { return nil }
        items.append(text)
      }
      guard !items.isEmpty else { return nil }
      return SQLOperand("(\(a.sql) \(negated ? "NOT IN" : "IN") (\(items.joined(separator: ", "))))", .bool)
    case .isMissing(let x, let negated, _):
      guard let a = compile(x, aggregating: aggregating) else { return nil }
      return SQLOperand("(\(a.sql) IS \(negated ? "NOT " : "")NULL)", .bool)
    case .call(let name, let args, _)
    where windows && !aggregating && WindowFunctions.has(name, arity: args.count):
      guard let result = type(e, aggregating: false) else { return nil }
      return compileWindow(WindowCall(name, args), result: result)
    case .call(let name, let args, _):
      if aggregating, AggregateFunction.isAggregateCall(name: name, arity: args.count),
        let f = AggregateFunction(rawValue: name)
      {
        guard let result = types.aggregate(e) else { return nil }
        var argument: SQLOperand?
        var level: Double?
        if f == .quantile {
          guard args.count == 2, case .literal(let q, _) = args[1], let l = q.doubleValue else { return nil }
          level = l
        }
        if let first = args.first {
          guard let a = compile(first, aggregating: false) else { return nil }
          argument = a
        }
        guard let sql = dialect.aggregate(f, argument, level: level, result: result) else { return nil }
        return SQLOperand(sql, result)
      }
      guard let result = type(e, aggregating: aggregating) else { return nil }
      var operands: [SQLOperand] = []
      for a in args {
        guard let o = compile(a, aggregating: aggregating) else { return nil }
        operands.append(o)
      }
      return dialect.function(name, operands, result: result).map { SQLOperand($0, result) }
    case .window(let w, _):
      guard windows, !aggregating, let result = type(e, aggregating: false) else { return nil }
      return compileWindow(w, result: result)
    }
  }

  private func bothNumeric(_ a: ColumnType?, _ b: ColumnType?) -> Bool {
    (a == .int || a == .float) && (b == .int || b == .float)
  }

  private func binary(_ op: BinaryOperator, _ a: SQLOperand, _ b: SQLOperand, result: ColumnType) -> SQLOperand? {
    // Booleans as numbers, and untyped missing literals, are left to the in-memory engine.
    let numeric = bothNumeric(a.type, b.type)
    switch op {
    case .add where a.type == .string && b.type == .string:
      return SQLOperand(dialect.concatenate(a, b), .string)
    case .add, .subtract, .multiply:
      guard numeric else { return nil }
      let symbol = op == .add ? "+" : op == .subtract ? "-" : "*"
      return SQLOperand(dialect.arithmetic(symbol, a, b, result: result), result)
    case .divide:
      guard numeric else { return nil }
      return dialect.divide(a, b).map { SQLOperand($0, .float) }
    case .modulo:
      guard numeric else { return nil }
      return dialect.remainder(a, b).map { SQLOperand($0, result) }
    case .power:
      guard numeric else { return nil }
      return dialect.power(a, b).map { SQLOperand($0, .float) }
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
      guard a.type != nil, b.type != nil, a.type == b.type || numeric else { return nil }
      let symbol = op == .equal ? "=" : op == .notEqual ? "<>" : op.rawValue
      return SQLOperand(dialect.compare(symbol, a, b), .bool)
    case .and, .or:
      guard a.type == .bool, b.type == .bool else { return nil }
      return SQLOperand("(\(a.sql) \(op == .and ? "AND" : "OR") \(b.sql))", .bool)
    }
  }
}
