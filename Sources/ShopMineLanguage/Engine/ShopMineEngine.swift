import JupyterProtocol
import ShopMineData
import Synchronization

/// The ShopMine language behind the kernel seam: parses and runs cells against one persistent session.
///
/// The kernel drives it through ``KernelLanguage``; the headless runner and `shopmine run` use the same
/// object (``runScript(_:fileName:sink:allowStdin:)``), so all three produce the same outputs.
public final class ShopMineEngine: KernelLanguage, Sendable {
  /// The session; locked while a cell runs (the kernel runs one request at a time, so the lock is for
  /// safety against completion from another thread, not for throughput).
  private let state = Mutex(Session())
  /// Flipped by ``interrupt()`` from the control thread; long verbs poll it.
  public let cancellation = Cancellation()
  /// Scripts run so far, so each script's progress display ids differ (cells use their execution count).
  private let scriptRuns = Atomic<Int>(0)
  public let catalog: VerbCatalog
  /// Statements whose result would clearly exceed this many bytes are refused with a `MemoryError`.
  public let memoryBudget: MemoryBudget

  public init(catalog: VerbCatalog = .standard, memoryBudget: MemoryBudget = .processDefault) {
    self.catalog = catalog
    self.memoryBudget = memoryBudget
  }

  public var info: LanguageDescription { .shopMine }

  public func interrupt() { cancellation.cancel() }

  // MARK: Execution

  public func execute(_ request: ExecutionRequest, sink: any OutputSink) -> ExecutionOutcome {
    cancellation.reset()
    // The evaluating thread computes: it yields to the kernel's I/O threads when a priority was asked for.
    ComputeThreads.enter()
    let source = SourceText(request.code, fileName: "<cell>")
    let program: Program
    switch Parser.parseStatements(source, verbs: catalog) {
    case .success(let p): program = p
    case .failure(let d): return .error(executionError([d], source))
    }
    // The statements before the first error run; a syntax error reports every syntax error of the cell.
    let outcome = run(
      program, source: source, sink: sink, allowStdin: request.allowStdin, lastAsResult: true, keepGoing: false,
      progressScope: "progress-\(request.executionCount)")
    if let first = outcome.errors.first {
      let syntax = program.syntaxErrors
      return .error(executionError(syntax.contains(first) ? syntax : [first], source))
    }
    return .ok(result: outcome.result, payloads: outcome.payloads)
  }

  /// Runs a whole script (a `.mine` file): every bare value is displayed through `sink`, none is held
  /// back as a result. Stops at the first error unless `keepGoing`, in which case each failing statement is
  /// reported and the next one runs. Errors come back with their source for rendering.
  public func runScript(
    _ text: String, fileName: String, sink: any OutputSink, allowStdin: Bool = false,
    keepGoing: Bool = false
  ) -> Result<[JSONValue], ScriptErrors> {
    cancellation.reset()
    let source = SourceText(text, fileName: fileName)
    let program: Program
    switch Parser.parseStatements(source, verbs: catalog) {
    case .success(let p): program = p
    case .failure(let d): return .failure(ScriptErrors([ScriptError(diagnostic: d, source: source)]))
    }
    let scripts = scriptRuns.wrappingAdd(1, ordering: .relaxed).newValue
    let run = run(
      program, source: source, sink: sink, allowStdin: allowStdin, lastAsResult: false,
      keepGoing: keepGoing, progressScope: "progress-script\(scripts)")
    if !run.errors.isEmpty {
      return .failure(ScriptErrors(run.errors.map { ScriptError(diagnostic: $0, source: source) }))
    }
    return .success(run.payloads)
  }

  /// Binds a parameter before a script runs (`shopmine run -p NAME VALUE`): `VALUE` is read as a number,
  /// `true`/`false`, or else as a string.
  public func setParameter(_ name: String, _ raw: String) throws(Diagnostic) {
    let source = SourceText(name, fileName: "<parameter>")
    let lexed = Lexer(source).tokenize()
    guard lexed.error == nil, lexed.tokens.count == 2, let word = lexed.tokens[0].identifier,
      !Parser.reserved.contains(word), !catalog.claims(word)
    else {
      throw Diagnostic(
        "'\(name)' cannot be a parameter name", at: nil, name: "NameError",
        suggestions: ["use letters, digits and '_', starting with a letter"])
    }
    let value = Self.parameterValue(raw)
    state.withLock { $0.bind(word, .scalar(value)) }
  }

  static func parameterValue(_ raw: String) -> Value {
    let trimmed = raw.trimmingSpaces
    if let i = Int64(trimmed) { return .int(i) }
    if let d = Double(trimmed), d.isFinite { return .float(d) }
    if trimmed == "true" { return .bool(true) }
    if trimmed == "false" { return .bool(false) }
    return .string(raw)
  }

  /// What running a program produced: the held-back result, payloads, and the errors met (at most one
  /// unless `keepGoing`).
  private struct RunOutcome {
    var result: MIMEBundle?
    var payloads: [JSONValue]
    var errors: [Diagnostic]
  }

  private func run(
    _ program: Program, source: SourceText, sink: any OutputSink, allowStdin: Bool,
    lastAsResult: Bool, keepGoing: Bool, progressScope: String
  ) -> RunOutcome {
    state.withLock { session -> RunOutcome in
      let evaluator = Evaluator(
        session: session, sink: sink, cancellation: cancellation, source: source,
        catalog: catalog, allowStdin: allowStdin)
      evaluator.progressScope = progressScope
      evaluator.memoryBudget = memoryBudget
      var result: MIMEBundle?
      var errors: [Diagnostic] = []
      var shownPayloads = 0
      for (i, item) in program.items.enumerated() {
        let value: RuntimeValue?
        do throws(Diagnostic) {
          value = try evaluator.run(try item.get())
        } catch {
          session = evaluator.session
          errors.append(error)
          if keepGoing, error.name != "KeyboardInterrupt" { continue }
          return RunOutcome(result: nil, payloads: evaluator.payloads, errors: errors)
        }
        // Keep what this statement did before running the next one.
        session = evaluator.session
        // A script has no pager: `help` text is shown in place, as a display.
        if !lastAsResult {
          for payload in evaluator.payloads[shownPayloads...] where payload["source"]?.stringValue == "page" {
            if case .object(let data)? = payload["data"] { sink.display(MIMEBundle(data: data), displayID: nil) }
          }
          shownPayloads = evaluator.payloads.count
        }
        if evaluator.exitRequested { break }
        guard let value else { continue }
        let options = session.displayOptions
        var parts: [RuntimeValue] = [value]
        if case .tuple(let t) = value { parts = t }
        for (j, part) in parts.enumerated() {
          let bundle = Displays.bundle(part, options)
          if lastAsResult, i == program.items.count - 1, j == parts.count - 1 {
            result = bundle
          } else {
            sink.display(bundle, displayID: nil)
          }
        }
      }
      return RunOutcome(result: result, payloads: evaluator.payloads, errors: errors)
    }
  }

  /// The error a cell reports: the first diagnostic's name and message, and every diagnostic rendered.
  private func executionError(_ diagnostics: [Diagnostic], _ source: SourceText) -> ExecutionError {
    let first = diagnostics[0]
    let more =
      diagnostics.count > 1
      ? " (and \(diagnostics.count - 1) more syntax error\(diagnostics.count > 2 ? "s" : ""))" : ""
    return ExecutionError(
      name: first.name, value: first.message + more,
      // A blank line between diagnostics, as a compiler prints them.
      traceback: diagnostics.enumerated().flatMap { i, d in
        (i > 0 ? [""] : []) + DiagnosticFormatter(style: .ansi).lines(d, in: source)
      })
  }

  // MARK: Introspection

  /// A snapshot of the session (for inspection, tests and the headless runner).
  public var session: Session { state.withLock { $0 } }

  public func complete(_ code: String, cursor: Int) -> CompletionResult {
    let session = self.session
    return Completer(catalog: catalog, session: session).complete(code, cursor: cursor)
  }

  public func inspect(_ code: String, cursor: Int, detailLevel: Int) -> InspectionResult {
    Inspector(catalog: catalog, session: session).inspect(code, cursor: cursor, detailLevel: detailLevel)
  }

  public func isComplete(_ code: String) -> Completeness {
    CompletenessChecker(catalog: catalog).check(code)
  }
}

/// The errors a script run met, in source order (one unless it ran with `keepGoing`).
///
/// A collection of ``ScriptError`` that is itself an `Error`, because `Result`'s failure must be one
/// (an array is not).
public struct ScriptErrors: Error, Sendable, RandomAccessCollection {
  public var errors: [ScriptError]
  public init(_ errors: [ScriptError]) { self.errors = errors }
  public var startIndex: Int { errors.startIndex }
  public var endIndex: Int { errors.endIndex }
  public subscript(position: Int) -> ScriptError { errors[position] }
}

/// A script's failure: the diagnostic and the source it points into.
public struct ScriptError: Error, Sendable {
  public var diagnostic: Diagnostic
  public var source: SourceText
  /// `file:line:col: error: …` and the source snippet, for the command line.
  public var rendered: String { DiagnosticFormatter(style: .cli).render(diagnostic, in: source) }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}
