import JupyterProtocol
import ShopMineData

/// Runs statements against a working copy of the session, sending displays to the sink.
///
/// One evaluator lives for one cell (or script). The caller keeps ``session`` after each statement that
/// succeeds and restores its snapshot when one fails.
final class Evaluator {
  var session: Session
  let sink: any OutputSink
  let cancellation: Cancellation
  let source: SourceText
  let catalog: VerbCatalog
  let allowStdin: Bool
  /// `execute_reply` payloads gathered while running (the pager for `help`, `ask_exit` for `exit`).
  var payloads: [JSONValue] = []
  /// Set by `exit`: the statements after the current one do not run.
  var exitRequested = false
  /// What progress display ids start with: `progress-<execution count>` for a cell (see
  /// ``nextProgressDisplayID()``). Display ids must be unique across the session, since an update
  /// replaces every earlier display with the same id.
  var progressScope = "progress-0"
  /// Statements whose result would clearly exceed this are refused (see ``admitMemory(_:spec:)``).
  var memoryBudget = MemoryBudget.processDefault
  /// Progress displays made so far by this cell.
  private var progressCount = 0
  /// Calls of `def` functions under way (see ``maximumCallDepth``).
  var callDepth = 0

  init(
    session: Session, sink: any OutputSink, cancellation: Cancellation, source: SourceText,
    catalog: VerbCatalog, allowStdin: Bool
  ) {
    self.session = session
    self.sink = sink
    self.cancellation = cancellation
    self.source = source
    self.catalog = catalog
    self.allowStdin = allowStdin
  }

  /// Runs one statement; returns the value to display (`nil` for bindings and effect-only commands).
  /// On failure the session, the payloads and the exit request are as they were before the statement
  /// (`x = exit` fails and does not end the program).
  func run(_ statement: Statement) throws(Diagnostic) -> RuntimeValue? {
    // A loop's statements each keep or undo their own effect.
    if case .forLoop = statement.kind { return try runUnguarded(statement) }
    let snapshot = session
    let payloadCount = payloads.count
    let exiting = exitRequested
    do {
      return try runUnguarded(statement)
    } catch {
      session = snapshot
      payloads.removeSubrange(payloadCount...)
      exitRequested = exiting
      throw error
    }
  }

  private func runUnguarded(_ statement: Statement) throws(Diagnostic) -> RuntimeValue? {
    try checkInterrupt(at: statement.span)
    switch statement.kind {
    case .expression(let pipeline):
      let value = try evaluate(pipeline)
      if case .nothing = value { return nil }
      if let deferred = value.object((any DeferredTable).self) { return try preview(deferred, at: pipeline.span) }
      return value
    case .assign(let names, let spans, let pipeline):
      let value = try evaluate(pipeline)
      if names.count == 1 {
        if case .nothing = value {
          throw Diagnostic(
            "'\(pipelineVerb(pipeline) ?? "this")' gives no value to bind", at: pipeline.span,
            name: "ValueError")
        }
        session.bind(names[0], value)
        return nil
      }
      guard case .tuple(let parts) = value else {
        throw Diagnostic(
          "expected \(names.count) values to bind, got one \(value.kind)", at: pipeline.span,
          name: "ValueError",
          notes: ["commands that give two values include 'split'"])
      }
      guard parts.count == names.count else {
        throw Diagnostic(
          "expected \(names.count) values to bind, got \(parts.count)",
          at: spans[0].union(spans[spans.count - 1]), name: "ValueError")
      }
      for (name, part) in zip(names, parts) { session.bind(name, part) }
      return nil
    case .define(let definition):
      session.bind(definition.name, .object(UserFunction(definition: definition)))
      return nil
    case .forLoop(let name, _, let values, let body):
      try runLoop(name: name, values: values, body: body, at: statement.span)
      return nil
    case .time(let inner):
      let clock = ContinuousClock()
      let start = clock.now
      let value = try runUnguarded(inner)
      let elapsed = clock.now - start
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
      sink.stream(.stdout, "time: \(Self.formatDuration(seconds))\n")
      return value
    }
  }

  /// What showing a remote table displays: its first rows (one query, `LIMIT rows + 1`), titled when
  /// there are more in the database.
  private func preview(_ deferred: any DeferredTable, at span: SourceSpan) throws(Diagnostic) -> RuntimeValue {
    let rows = session.rows
    let table = try deferred.read(limit: rows + 1, evaluator: self, for: "showing it", at: span)
    guard table.rowCount > rows else { return .table(table) }
    let source = (deferred as? RemoteTable).map { "a remote table in \($0.database.displayURL)" } ?? deferred.kind
    return .object(
      TitledTable(
        kind: deferred.kind, table: table.head(rows), title: "First \(rows) rows of \(source)",
        notes: ["there are more rows: `collect` reads them all, `count(…)` counts them"]))
  }

  private func pipelineVerb(_ p: Pipeline) -> String? {
    if let last = p.stages.last { return last.verb }
    if case .verb(let call) = p.head { return call.verb }
    return nil
  }

  /// `1.234 s`, `12.3 ms`, `45 µs`.
  static func formatDuration(_ seconds: Double) -> String {
    if seconds >= 1 { return "\((seconds * 1000).rounded() / 1000) s" }
    if seconds >= 0.001 { return "\((seconds * 10_000).rounded() / 10) ms" }
    return "\(Int((seconds * 1_000_000).rounded())) µs"
  }

  /// `progress-<execution count>-<n>`: the next progress display id of this cell.
  func nextProgressDisplayID() -> String {
    progressCount += 1
    return "\(progressScope)-\(progressCount)"
  }

  func checkInterrupt(at span: SourceSpan) throws(Diagnostic) {
    if cancellation.isCancelled {
      throw Diagnostic("interrupted", at: span, name: "KeyboardInterrupt")
    }
  }

  // MARK: Pipelines

  func evaluate(_ pipeline: Pipeline) throws(Diagnostic) -> RuntimeValue {
    var value: RuntimeValue?
    switch pipeline.head {
    case .value(let e): value = try evaluate(e)
    case .verb(let call): value = try invoke(call, input: nil)
    }
    // A Parquet file is read with only the columns the steps after it use.
    if let scan = value?.object(ParquetScan.self), !pipeline.stages.isEmpty {
      value = .object(scan.narrowed(to: requiredColumns(pipeline.stages, of: scan.prototype.columnNames)))
    }
    for stage in pipeline.stages {
      try checkInterrupt(at: stage.span)
      value = try invoke(stage, input: value)
    }
    return value ?? .nothing
  }

  func invoke(_ call: VerbCall, input: RuntimeValue?) throws(Diagnostic) -> RuntimeValue {
    guard let spec = catalog.spec(call.verb) else {
      throw Diagnostic("unknown verb '\(call.verb)'", at: call.verbSpan, name: "NameError")
    }
    var subject = input
    if subject == nil, let written = call.subject { subject = try evaluate(written) }
    if spec.subject.takesSubject, let s = subject, case .nothing = s {
      throw Diagnostic("'\(spec.name)' got no value to work on", at: call.verbSpan, name: "ValueError")
    }
    try admitMemory(call, spec: spec)
    let invocation = VerbInvocation(spec: spec, call: call, input: subject, evaluator: self)
    if let push = spec.push, let remote = subject?.object(RemoteTable.self) {
      do {
        if let pushed = try push(invocation, remote) { return pushed }
      } catch {
        throw error.located(call.span)
      }
    }
    do {
      return try spec.evaluate(invocation)
    } catch {
      throw error.located(call.span)
    }
  }

  // MARK: Value expressions

  func evaluate(_ expr: Expr) throws(Diagnostic) -> RuntimeValue {
    switch expr.kind {
    case .literal(let v):
      return .scalar(v)
    case .name(let name, let quoted):
      if !quoted, session[name] == nil, let dot = name.firstIndex(of: "."),
        let connection = session[String(name[..<dot])]?.object(DatabaseConnection.self)
      {
        let table = String(name[name.index(after: dot)...])
        do {
          return .object(try RemoteTable.table(table, in: connection.database))
        } catch {
          throw Errors.diagnostic(error, at: expr.span, call: nil)
        }
      }
      guard let value = session[name] else {
        var d = Diagnostic("unknown name '\(name)'", at: expr.span, name: "NameError")
          .suggesting(name, from: session.order)
        if name == "end" { d.notes.append("'end' closes a 'for' block, and no 'for' is open here") }
        if d.suggestions.isEmpty, catalog.claims(name) {
          d.notes.append("'\(name)' is a verb; write it at the start of a statement or after '|'")
        }
        throw d
      }
      return value
    case .list(let items):
      var out: [RuntimeValue] = []
      for item in items { out.append(try evaluate(item)) }
      return .list(out)
    case .range(let a, let b):
      let lo = try evaluate(a)
      let hi = try evaluate(b)
      guard case .scalar(.int(let x)) = lo, case .scalar(.int(let y)) = hi else {
        throw Diagnostic("a range needs whole numbers at both ends", at: expr.span, name: "TypeError")
      }
      return .range(x, y)
    case .isMissing(let a, let negated):
      let v = try evaluate(a)
      var isMissing = false
      if case .scalar(.missing) = v { isMissing = true }
      return .scalar(.bool(isMissing != negated))
    case .call(let name, let args, _):
      if let function = session[name]?.object(UserFunction.self) { return try call(function, args, at: expr.span) }
      return .scalar(try oneRow(expr))
    case .unary, .binary, .inList, .window:
      return .scalar(try oneRow(expr))
    case .pipeline(let p):
      return try evaluate(p)
    }
  }

  /// Evaluates `expr` and requires a single value.
  func scalar(_ expr: Expr) throws(Diagnostic) -> Value {
    let v = try evaluate(expr)
    guard let s = v.singleValue else {
      var d = Diagnostic("expected a single value here, not a \(v.kind)", at: expr.span, name: "TypeError")
      if case .table(let t) = v {
        d.notes.append(
          "a table is a value only with one row and one column; this one has \(v.shape)"
            + (t.columnCount == 1 ? "" : ": select the column, and aggregate or `head 1` the rows"))
      }
      throw d
    }
    return s
  }

  /// An operator or function of single values, by the row engine over one row (see ``RowLowering``).
  private func oneRow(_ expr: Expr) throws(Diagnostic) -> Value {
    let lowered = try RowLowering(columns: nil, evaluator: self).lower(expr)
    let row = ExpressionEvaluator(table: Table(uncheckedColumns: [], rowCount: 1), cancellation: cancellation)
    do {
      return try row.evaluate(lowered)[0]
    } catch {
      throw Errors.diagnostic(error, fallback: expr.span, call: nil)
    }
  }
}
