import JupyterProtocol
import ShopMineData

/// Everything a verb's `evaluate` function sees: its parsed call, its subject, the session and the
/// outputs. Helpers read arguments with the errors users should see (spans, did-you-mean).
public final class VerbInvocation {
  public let spec: VerbSpec
  public let call: VerbCall
  /// The subject: piped in or written after the verb; `nil` for verbs without one.
  public let input: RuntimeValue?
  /// The evaluator running this statement (owns the session copy and outputs).
  let evaluator: Evaluator

  init(spec: VerbSpec, call: VerbCall, input: RuntimeValue?, evaluator: Evaluator) {
    self.spec = spec
    self.call = call
    self.input = input
    self.evaluator = evaluator
  }

  /// The session as of this statement; changes are kept only if the statement succeeds.
  public var session: Session {
    get { evaluator.session }
    set { evaluator.session = newValue }
  }
  public var sink: any OutputSink { evaluator.sink }
  public var cancellation: Cancellation { evaluator.cancellation }
  public var source: SourceText { evaluator.source }
  /// Whether the front end can answer `input` requests.
  public var allowStdin: Bool { evaluator.allowStdin }

  /// Adds an `execute_reply` payload (the pager for `help`).
  public func addPayload(_ payload: JSONValue) { evaluator.payloads.append(payload) }

  /// Ends the program after this statement: the rest of the cell or script does not run, and the reply asks
  /// the front end to end the session (``ExecutePayload/askExit(keepKernel:)``). `jupyter console` then
  /// closes and shuts the kernel down; notebook front ends ignore the request, so there only the cell ends.
  public func requestExit() {
    guard !evaluator.exitRequested else { return }
    evaluator.exitRequested = true
    addPayload(ExecutePayload.askExit())
  }

  /// Sends a display of `value` now (before the statement's own result).
  public func display(_ value: RuntimeValue) {
    evaluator.sink.display(Displays.bundle(value, evaluator.session.displayOptions), displayID: nil)
  }

  // MARK: Errors

  /// An error pointing at the verb.
  public func error(_ message: String, notes: [String] = [], suggestions: [String] = []) -> Diagnostic {
    Diagnostic(message, at: call.verbSpan, name: "ValueError", notes: notes, suggestions: suggestions)
  }

  /// An error pointing at argument `name` (or the verb when it is absent).
  public func error(at name: String, _ message: String, notes: [String] = [], suggestions: [String] = [])
    -> Diagnostic
  {
    Diagnostic(
      message, at: call.arguments[name]?.span ?? call.verbSpan, name: "ValueError", notes: notes,
      suggestions: suggestions)
  }

  /// Converts a library error to a diagnostic at the verb (or at the named argument).
  public func diagnostic(_ error: TableError, at name: String? = nil) -> Diagnostic {
    Errors.diagnostic(error, at: name.flatMap { call.arguments[$0]?.span } ?? call.span, call: call)
  }

  // MARK: Subject

  /// The subject as a table, or an error saying what it was instead.
  public func table() throws(Diagnostic) -> Table {
    let span = call.subject?.span ?? call.verbSpan
    guard let input else {
      throw Diagnostic(
        "'\(spec.name)' needs a table", at: span, name: "TypeError",
        suggestions: ["pipe one in: users | \(spec.name) …"])
    }
    // Objects that stand for a table (an evaluation report) work with every table verb.
    if let backed = input.object((any TableBackedObject).self) { return backed.table }
    // A remote table this verb cannot run in the database is fetched first.
    if let deferred = input.object((any DeferredTable).self) {
      return try deferred.read(limit: nil, evaluator: evaluator, for: "'\(spec.name)'", at: span)
    }
    guard case .table(let t) = input else {
      throw Diagnostic("'\(spec.name)' works on a table, not a \(input.kind)", at: span, name: "TypeError")
    }
    return t
  }

  // MARK: Arguments

  public func argument(_ name: String) -> ParsedArgument? { call.arguments[name] }
  public func has(_ name: String) -> Bool { call.arguments[name] != nil }

  /// The word given for `name` (`desc`, `zscore`), or `default`.
  public func word(_ name: String, default value: String? = nil) -> String? {
    guard let arg = call.arguments[name] else { return value }
    switch arg.value {
    case .word(let w, _): return w
    case .tagged(let w, _): return w
    case .expr(let e): return e.nameValue
    default: return value
    }
  }

  /// The expression written for `name` (row expressions are lowered by the verb).
  public func expression(_ name: String) -> Expr? {
    guard let arg = call.arguments[name] else { return nil }
    switch arg.value {
    case .expr(let e): return e
    case .tagged(_, .expr(let e)): return e
    default: return nil
    }
  }

  /// The expressions written for a list argument.
  public func expressions(_ name: String) -> [Expr] {
    guard let arg = call.arguments[name] else { return [] }
    switch arg.value {
    case .expr(let e): return [e]
    case .exprs(let list): return list
    case .tagged(_, .expr(let e)): return [e]
    case .tagged(_, .exprs(let list)): return list
    default: return []
    }
  }

  /// Evaluates argument `name` as a value (names are bindings); a remote table is fetched.
  public func value(_ name: String) throws(Diagnostic) -> RuntimeValue? {
    guard let e = expression(name) else { return nil }
    return try evaluate(e)
  }

  /// Evaluates any expression in value context; a remote table is fetched.
  public func evaluate(_ expr: Expr) throws(Diagnostic) -> RuntimeValue {
    try evaluator.collected(evaluator.evaluate(expr), for: "'\(spec.name)'", at: expr.span)
  }

  /// Argument `name` as it is, a remote table left in its database (for verbs that push down).
  func remoteValue(_ name: String) throws(Diagnostic) -> RuntimeValue? {
    guard let e = expression(name) else { return nil }
    return try evaluator.evaluate(e)
  }

  /// Argument `name` as a whole number within its declared range (``ValueRule/integer(_:default:)``), or
  /// its declared default when left out; `nil` when left out without a default.
  public func int(_ name: String) throws(Diagnostic) -> Int? {
    guard case .integer(let range, let value) = spec.parameter(name)?.rule else {
      return try int(name, default: nil, in: Int.min...Int.max)
    }
    return try int(name, default: value, in: range)
  }

  /// ``int(_:)`` for a parameter declared with a default, so never `nil`.
  public func integer(_ name: String) throws(Diagnostic) -> Int {
    guard let value = try int(name) else { throw error("'\(spec.name)' needs '\(name)'") }
    return value
  }

  /// Argument `name` as a number, or its declared default (``ValueRule/number(default:)``) when left out.
  public func double(_ name: String) throws(Diagnostic) -> Double? {
    guard case .number(let value) = spec.parameter(name)?.rule else { return try double(name, default: nil) }
    return try double(name, default: value)
  }

  /// ``double(_:)`` for a parameter declared with a default, so never `nil`.
  public func number(_ name: String) throws(Diagnostic) -> Double {
    guard let value = try double(name) else { throw error("'\(spec.name)' needs '\(name)'") }
    return value
  }

  /// Argument `name` as a whole number within `range`, or `value` when left out: for the few parameters
  /// whose range or default depends on the call (`set precision N`, `show rows N`).
  public func int(_ name: String, default value: Int?, in range: ClosedRange<Int>)
    throws(Diagnostic) -> Int?
  {
    guard let e = expression(name) else { return value }
    let v = try evaluator.evaluate(e)
    guard let s = v.singleValue else {
      throw Diagnostic("'\(name)' must be a whole number, not a \(v.kind)", at: e.span, name: "TypeError")
    }
    let result: Int
    switch s {
    case .int(let i) where i >= Int64(Int.min) && i <= Int64(Int.max): result = Int(i)
    case .float(let d) where d.rounded() == d && abs(d) < 9e15: result = Int(d)
    default:
      throw Diagnostic(
        "'\(name)' must be a whole number, not \(ValueFormatter.plain(s))", at: e.span,
        name: "TypeError")
    }
    guard range.contains(result) else {
      let bounds =
        range.upperBound == Int.max
        ? "at least \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
      throw Diagnostic("'\(name)' must be \(bounds), not \(result)", at: e.span, name: "ValueError")
    }
    return result
  }

  /// Argument `name` as a number, or `value` when left out (a default that depends on the call).
  public func double(_ name: String, default value: Double?) throws(Diagnostic) -> Double? {
    guard let e = expression(name) else { return value }
    let v = try evaluator.evaluate(e)
    guard let s = v.singleValue, let d = s.doubleValue, !(s.columnType == .bool) else {
      throw Diagnostic("'\(name)' must be a number, not \(v.describeForError)", at: e.span, name: "TypeError")
    }
    return d
  }

  /// Argument `name` as a string.
  public func string(_ name: String) throws(Diagnostic) -> String? {
    guard let e = expression(name) else { return nil }
    let v = try evaluator.evaluate(e)
    guard case .string(let s)? = v.singleValue else {
      throw Diagnostic(
        "'\(name)' must be a string, not \(v.describeForError)", at: e.span, name: "TypeError",
        suggestions: ["write it in double quotes"])
    }
    return s
  }

  /// The seed: argument `name` when given, else the session's `set seed`.
  public func seed(_ name: String = "seed") throws(Diagnostic) -> UInt64 {
    guard let i = try int(name, default: nil, in: 0...Int.max) else { return session.seed }
    return UInt64(i)
  }

  /// Column names written for `name`, each checked against `table` (unknown ones get did-you-mean).
  public func columns(_ name: String, in table: Table) throws(Diagnostic) -> [String] {
    var out: [String] = []
    for e in expressions(name) {
      guard let column = e.nameValue else {
        throw Diagnostic("expected a column name", at: e.span, name: "SyntaxError")
      }
      guard let found = table.column(named: column) else {
        throw Errors.unknownColumn(column, at: e.span, in: table.columnNames)
      }
      if let types = spec.parameter(name)?.columnTypes, !types.contains(found.type) {
        let wanted = types.map(\.rawValue).sorted().joined(separator: " or ")
        let fitting = table.columns.filter { types.contains($0.type) }.map(\.name)
        throw Diagnostic(
          "'\(name)' needs a \(wanted) column, but '\(column)' is \(found.type.rawValue)", at: e.span,
          name: "TypeError",
          suggestions: fitting.isEmpty
            ? ["the table has no \(wanted) column: load it with `dates` or derive one with date(…)"]
            : ["\(wanted) columns: \(fitting.joined(separator: ", "))"])
      }
      out.append(column)
    }
    return out
  }
}

extension RuntimeValue {
  /// `a table`, `the string "x"`: how an unexpected value reads in a message.
  var describeForError: String {
    switch self {
    case .scalar(let v): return "\(kind) \(ValueFormatter.plain(v))"
    default: return "a \(kind)"
    }
  }
}
