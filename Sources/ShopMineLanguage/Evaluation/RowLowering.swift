import ShopMineData
import ShopMineSources

/// Lowers parsed expressions to ShopMineData's vectorised ``RowExpression`` IR.
///
/// In a row expression a name is a column; a name that is no column of the table but is bound to a single
/// value in the session becomes that constant (`where spend > threshold`). Spans carry over, so data-layer
/// errors point at the right place.
///
/// Value expressions (`1 + 2`, `round(x, 2)` outside verbs) are lowered the same way with no columns and
/// evaluated over one row, so single values and rows share one engine: names, bracketed pipelines and
/// `count(table)` are evaluated first and become constants.
struct RowLowering {
  /// The table's columns; `nil` lowers a value expression.
  let columns: [String]?
  let evaluator: Evaluator
  /// Inside the body of a `def` function in a row expression: its parameters, as the argument expressions.
  var parameters: [String: RowExpression] = [:]
  /// Inside such a body: the call's span, which every node of the body takes (the body's own positions
  /// belong to the cell that defined it).
  var callSpan: SourceSpan?
  /// Bodies entered so far (a function that calls itself is refused at ``Evaluator/maximumCallDepth``).
  var depth = 0

  func lower(_ e: Expr) throws(Diagnostic) -> RowExpression {
    let span = (callSpan ?? e.span).start..<(callSpan ?? e.span).end
    switch e.kind {
    case .literal(let v):
      return .literal(v, span: span)
    case .name(let n, _) where parameters[n] != nil:
      return parameters[n] ?? .literal(.missing)
    case .call(let name, let args, _) where evaluator.session[name]?.object(UserFunction.self) != nil:
      guard let columns, let function = evaluator.session[name]?.object(UserFunction.self) else {
        return .literal(try evaluator.scalar(e), span: span)
      }
      return try inline(function, args, columns: columns, at: callSpan ?? e.span)
    case .name(let n, _):
      guard let columns else { return .literal(try evaluator.scalar(e), span: span) }
      if !columns.contains(n), let v = evaluator.session[n]?.singleValue {
        return .literal(v, span: span)
      }
      guard columns.contains(n) else {
        throw Errors.unknownColumn(n, at: e.span, in: columns)
      }
      return .column(n, span: span)
    case .unary(let op, let x):
      return .unary(op == .negate ? .negate : .not, try lower(x), span: span)
    case .binary(let op, let a, let b):
      return .binary(Self.map(op), try lower(a), try lower(b), span: span)
    case .isMissing(let x, let negated):
      return .isMissing(try lower(x), negated: negated, span: span)
    case .inList(let x, let list, let negated):
      return .isIn(try lower(x), try lowerItems(list), negated: negated, span: span)
    case .call(let name, let args, let nameSpan):
      if columns == nil, FunctionCatalog.counting.contains(name), args.count == 1 {
        return try counting(name, args[0], span: span)
      }
      let known = columns == nil ? FunctionCatalog.valueNames : FunctionCatalog.rowNames
      if columns == nil, WindowFunctions.isWindow(name), !known.contains(name) {
        throw Self.windowOutsideRows(name, at: e.span)
      }
      guard known.contains(name) || name == CaseWhen.name else {
        var d = Diagnostic("unknown function '\(name)'", at: nameSpan, name: "NameError")
          .suggesting(name, from: known)
        if columns == nil, AggregateFunction(rawValue: name) != nil {
          d.notes.append("'\(name)' is an aggregate: use it in 'group by … aggregate' or 'aggregate'")
        }
        throw d
      }
      var lowered: [RowExpression] = []
      for a in args { lowered.append(try lower(a)) }
      return .call(name, lowered, span: span)
    case .window(let w):
      guard columns != nil else { throw Self.windowOutsideRows(w.name, at: e.span) }
      var arguments: [RowExpression] = []
      for a in w.arguments { arguments.append(try lower(a)) }
      var partition: [RowExpression] = []
      for p in w.partition { partition.append(try lower(p)) }
      var order: [WindowOrderKey] = []
      for k in w.order { order.append(WindowOrderKey(try lower(k.expr), descending: k.descending)) }
      let call = WindowCall(
        w.name, arguments, descending: w.descending, timeSpan: w.timeSpan?.microseconds, partition: partition,
        order: order)
      return .window(call, span: span)
    case .list, .range, .pipeline:
      // Outside rows these are values: a bracketed pipeline may give a single value; a list or range is
      // refused by `scalar` with the kind it is.
      guard columns != nil else { return .literal(try evaluator.scalar(e), span: span) }
      if case .list = e.kind {
        throw Diagnostic(
          "a list is not a row value", at: e.span, name: "TypeError",
          suggestions: ["use 'x in [a, b]' to test membership"])
      }
      if case .range = e.kind { throw Diagnostic("a range is not a row value", at: e.span, name: "TypeError") }
      throw Diagnostic("a pipeline cannot be used inside a row expression", at: e.span, name: "TypeError")
    }
  }

  /// A `def` function in a row expression: its body with the parameters replaced by the arguments, so
  /// `margin(price, cost)` runs as vectorised as `(price - cost) / price`.
  private func inline(
    _ function: UserFunction, _ args: [Expr], columns: [String], at span: SourceSpan
  ) throws(Diagnostic) -> RowExpression {
    let definition = function.definition
    guard let body = function.expressionBody else {
      throw Diagnostic(
        "'\(definition.name)' runs verbs, so it gives a value, not a column", at: span, name: "TypeError",
        notes: ["defined as: \(definition.text)"],
        suggestions: ["call it outside a row expression: x = \(definition.name)(…)"])
    }
    try function.checkCall(arguments: args.count, depth: depth, at: span)
    var inner = RowLowering(columns: columns, evaluator: evaluator)
    for (p, a) in zip(definition.parameters, args) { inner.parameters[p] = try lower(a) }
    inner.callSpan = span
    inner.depth = depth + 1
    do {
      return try inner.lower(body)
    } catch {
      throw function.relocated(error, to: span)
    }
  }

  /// The items of `x in LIST`: a written list's items lowered, or a bound list's values as constants.
  private func lowerItems(_ list: Expr) throws(Diagnostic) -> [RowExpression] {
    var lowered: [RowExpression] = []
    if case .list(let items) = list.kind {
      for item in items { lowered.append(try lower(item)) }
      return lowered
    }
    let v = try evaluator.evaluate(list)
    guard let elements = v.elements else {
      if case .range = v {
        throw Diagnostic(
          "the range for 'in' is too long (10,000,000 values at most); compare with >= and <= instead",
          at: list.span, name: "ValueError")
      }
      throw Diagnostic(
        "'in' needs a list such as [1, 2, 3], not \(v.describeForError)", at: list.span, name: "TypeError")
    }
    for element in elements {
      guard case .scalar(let s) = element else {
        throw Diagnostic("a list for 'in' holds single values", at: list.span, name: "TypeError")
      }
      lowered.append(.literal(s, span: list.span.start..<list.span.end))
    }
    return lowered
  }

  /// `count(users)`, `rows(users)`, `len([1, 2])` in a value expression: the size of the table or list
  /// as a constant; `len` of a single value is the string function. The argument is evaluated once.
  private func counting(_ name: String, _ argument: Expr, span: Range<Int>) throws(Diagnostic) -> RowExpression {
    let v = try evaluator.evaluate(argument)
    if case .table(let t) = v { return .literal(.int(Int64(t.rowCount)), span: span) }
    if let deferred = v.object((any DeferredTable).self) {
      // Counted where it is: `SELECT COUNT(*)` in a database, one column of a Parquet file.
      return .literal(.int(try deferred.count(evaluator: evaluator, at: argument.span)), span: span)
    }
    if let items = v.elements { return .literal(.int(Int64(items.count)), span: span) }
    guard name == "len", case .scalar(let s) = v else {
      throw Diagnostic(
        "'\(name)' counts the rows of a table or the items of a list, not \(v.describeForError)",
        at: argument.span, name: "TypeError")
    }
    return .call(name, [.literal(s, span: argument.span.start..<argument.span.end)], span: span)
  }

  /// A window function in a value expression: it needs the rows of a table.
  static func windowOutsideRows(_ name: String, at span: SourceSpan) -> Diagnostic {
    Diagnostic(
      "window function '\(name)' works on the rows of a table", at: span, name: "TypeError",
      suggestions: ["use it in 'derive': t | derive w = \(name)(…)"])
  }

  static func map(_ op: BinaryOperator) -> ShopMineData.BinaryOperator {
    switch op {
    case .add: return .add
    case .subtract: return .subtract
    case .multiply: return .multiply
    case .divide: return .divide
    case .remainder: return .modulo
    case .equal: return .equal
    case .notEqual: return .notEqual
    case .less: return .less
    case .lessOrEqual: return .lessOrEqual
    case .greater: return .greater
    case .greaterOrEqual: return .greaterOrEqual
    case .and: return .and
    case .or: return .or
    }
  }
}

extension Errors {
  /// An expression error from the data layer, at its node's span.
  static func diagnostic(_ error: ExpressionError, fallback: SourceSpan, call: VerbCall?) -> Diagnostic {
    let span = error.span.map { SourceSpan(start: $0.lowerBound, length: $0.count) } ?? fallback
    var d = diagnostic(error.error, at: span, call: error.span == nil ? call : nil)
    if error.span != nil { d.span = span }
    return d
  }
}

extension VerbInvocation {
  /// Lowers argument `name` (a row expression) against `table`'s columns.
  public func rowExpression(_ name: String, in table: Table) throws(Diagnostic) -> RowExpression? {
    guard let e = expression(name) else { return nil }
    return try RowLowering(columns: table.columnNames, evaluator: evaluator).lower(e)
  }

  /// Lowers any expression against `table`'s columns.
  public func rowExpression(_ expr: Expr, in table: Table) throws(Diagnostic) -> RowExpression {
    try RowLowering(columns: table.columnNames, evaluator: evaluator).lower(expr)
  }

  /// `name = expr, …` of argument `name`, lowered against `table`.
  public func assignments(_ name: String, in table: Table) throws(Diagnostic) -> [(
    name: String, expression: RowExpression
  )] {
    guard case .assignments(let list)? = argument(name)?.value else { return [] }
    var out: [(name: String, expression: RowExpression)] = []
    for a in list { out.append((a.name, try rowExpression(a.expr, in: table))) }
    return out
  }

  /// Runs a data-layer call, converting its errors to diagnostics at the verb.
  public func data<T>(_ body: () throws(TableError) -> T) throws(Diagnostic) -> T {
    do { return try body() } catch { throw diagnostic(error) }
  }

  /// Runs a data-layer call that evaluates expressions, converting errors at their expression's span.
  public func expressions<T>(_ body: () throws(ExpressionError) -> T) throws(Diagnostic) -> T {
    do { return try body() } catch {
      throw Errors.diagnostic(error, fallback: call.span, call: call)
    }
  }
}
