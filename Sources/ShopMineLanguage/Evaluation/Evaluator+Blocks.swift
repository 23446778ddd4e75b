import ShopMineData

/// `def` and `for`: functions of the session and loops over values.
extension Evaluator {
  /// Calls deeper than this are refused: a function that calls itself would otherwise never stop.
  static let maximumCallDepth = 64

  /// `for NAME in VALUES … end`: binds NAME to each value and runs the body, showing each bare value as
  /// it comes. Statements that finished keep their effect when a later one fails, as in a cell; the
  /// error says which pass failed.
  func runLoop(
    name: String, values: Expr, body: [Statement], at span: SourceSpan
  ) throws(Diagnostic) {
    let items = try loopValues(values)
    for (pass, item) in items.enumerated() {
      try checkInterrupt(at: span)
      session.bind(name, item)
      for statement in body {
        let value: RuntimeValue?
        do {
          value = try run(statement)
        } catch {
          var d = error
          d.notes.append(
            "in pass \(pass + 1) of \(items.count) of the 'for' loop, with \(name) = \(item.describeForError)")
          throw d
        }
        if exitRequested { return }
        guard let value else { continue }
        let parts: [RuntimeValue]
        if case .tuple(let t) = value { parts = t } else { parts = [value] }
        for part in parts { sink.display(Displays.bundle(part, session.displayOptions), displayID: nil) }
      }
    }
  }

  /// The values a loop goes over: a list, a range, or the values of a one-column table.
  private func loopValues(_ e: Expr) throws(Diagnostic) -> [RuntimeValue] {
    let v = try evaluate(e)
    if let elements = v.elements { return elements }
    if case .table(let t) = v, t.columnCount == 1 {
      return (0..<t.rowCount).map { .scalar(t.columns[0][$0]) }
    }
    throw Diagnostic(
      "'for' goes over a list, a range or a one-column table, not a \(v.kind)", at: e.span, name: "TypeError",
      suggestions: ["for c in [\"books\", \"home\"]", "for c in (orders | distinct category | select category)"])
  }

  /// `clean(load "a.csv")`: evaluates the arguments, binds them to the parameters for the body's run, and
  /// restores whatever those names were bound to before.
  func call(_ function: UserFunction, _ args: [Expr], at span: SourceSpan) throws(Diagnostic) -> RuntimeValue {
    let definition = function.definition
    try function.checkCall(arguments: args.count, depth: callDepth, at: span)
    var values: [RuntimeValue] = []
    for a in args { values.append(try evaluate(a)) }
    let saved = definition.parameters.map { session[$0] }
    for (p, v) in zip(definition.parameters, values) { session.bind(p, v) }
    callDepth += 1
    defer { callDepth -= 1 }
    let result: RuntimeValue
    do {
      result = try evaluate(definition.body)
    } catch {
      restore(definition.parameters, saved)
      throw function.relocated(error, to: span)
    }
    restore(definition.parameters, saved)
    return result
  }

  private func restore(_ names: [String], _ saved: [RuntimeValue?]) {
    for (name, old) in zip(names, saved) {
      if let old { session.bind(name, old) } else { session.remove(name) }
    }
  }
}
