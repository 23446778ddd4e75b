import JupyterProtocol
import ShopMineData

/// A function defined with `def`: bound in the session under its name, so `vars`, completion, `del` and
/// inspection treat it like any other binding.
struct UserFunction: LanguageObject, Hashable {
  let definition: FunctionDefinition

  var kind: String { "function" }
  var shape: String { "\(definition.name)(\(definition.parameters.joined(separator: ", ")))" }
  /// The body as one expression, when it is one (`(p - c) / p`): such a function works in row
  /// expressions too. A body with verbs works only on values.
  var expressionBody: Expr? {
    guard definition.body.stages.isEmpty, case .value(let e) = definition.body.head else { return nil }
    return e
  }

  func bundle(_ options: DisplayOptions) -> MIMEBundle {
    MIMEBundle(data: [
      "text/plain": .string(definition.text),
      "text/html": .string("<pre>\(Escaping.html(definition.text))</pre>"),
    ])
  }

  /// Refuses a call with the wrong number of arguments, or one nested past ``Evaluator/maximumCallDepth``.
  func checkCall(arguments: Int, depth: Int, at span: SourceSpan) throws(Diagnostic) {
    let count = definition.parameters.count
    guard arguments == count else {
      throw Diagnostic(
        "'\(definition.name)' takes \(count) argument\(count == 1 ? "" : "s") (\(definition.parameters.joined(separator: ", "))), got \(arguments)",
        at: span, name: "TypeError", notes: ["defined as: \(definition.text)"])
    }
    guard depth < Evaluator.maximumCallDepth else {
      throw Diagnostic(
        "calls of '\(definition.name)' nest more than \(Evaluator.maximumCallDepth) deep", at: span,
        name: "RecursionError",
        notes: ["a function that calls itself never stops: ShopMine has no conditions to end recursion"])
    }
  }

  /// An error raised inside the body, moved to the call: the body's positions belong to the cell that
  /// defined it, which may not be the one running.
  func relocated(_ d: Diagnostic, to call: SourceSpan) -> Diagnostic {
    var copy = d
    copy.span = call
    copy.notes.insert("in '\(definition.name)', defined as: \(definition.text)", at: 0)
    return copy
  }
}
