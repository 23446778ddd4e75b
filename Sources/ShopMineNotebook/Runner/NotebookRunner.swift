import Foundation
import JupyterProtocol

/// Executes a notebook's code cells in order against one in-process language session.
///
/// The language is the same ``KernelLanguage`` the kernel serves, driven through the same seam, so the
/// stored outputs are those nbclient would store from the kernel (timestamps and ids aside).
public final class NotebookRunner {
  public struct Options: Sendable {
    /// Keep running after a failing cell (nbclient's `allow_errors`).
    public var allowErrors = false
    /// Interrupt a cell that runs longer than this many seconds.
    public var timeout: Double?
    /// Whether the user asked the whole run to stop (Ctrl-C on `shopmine execute`). The caller also
    /// interrupts the language, which fails the running cell; the run then stops there even with
    /// `allowErrors`, and a request between cells stops before the next one.
    public var stopRequested: (@Sendable () -> Bool)?
    public init(allowErrors: Bool = false, timeout: Double? = nil, stopRequested: (@Sendable () -> Bool)? = nil) {
      self.allowErrors = allowErrors
      self.timeout = timeout
      self.stopRequested = stopRequested
    }
  }

  /// One executed (or skipped) cell, reported as the run goes.
  public struct CellEvent: Sendable {
    public var index: Int
    public var codeCellNumber: Int
    public var codeCellCount: Int
    public var error: ExecutionError?
  }

  /// The first failure that stopped (or, with `allowErrors`, did not stop) the run.
  public struct Failure: Sendable, Hashable {
    /// 1-based index among all cells.
    public var cellNumber: Int
    public var executionCount: Int?
    public var error: ExecutionError
  }

  private let language: any KernelLanguage
  private let options: Options

  public init(language: any KernelLanguage, options: Options = Options()) {
    self.language = language
    self.options = options
  }

  /// Tags that control execution, as nbclient and papermill read them.
  static let skipTag = "skip-execution"
  static let raisesTag = "raises-exception"
  static let errorMarkerID = "shopmine-error-marker"
  /// Output metadata marking the pager text of `help` stored as a display output.
  public static let pagerMetadataKey = "shopmine_pager"

  /// Checks that `notebook` is for this language; notebooks for other kernels are refused.
  public func checkLanguage(of notebook: Notebook) throws(NotebookError) {
    let expected = language.info.name
    if let declared = notebook.languageName, declared.lowercased() != expected {
      throw NotebookError(
        "this notebook is for the '\(declared)' language; ShopMine executes only '\(expected)' notebooks "
          + "(run it with `jupyter execute --kernel_name=…` and its own kernel)")
    }
  }

  /// Runs every code cell; `afterCell` sees the notebook after each cell (the CLI saves it there).
  /// Returns the first failure that is not expected by a `raises-exception` tag, if any.
  public func run(
    _ notebook: inout Notebook, afterCell: (Notebook, CellEvent) throws -> Void = { _, _ in }
  ) throws -> Failure? {
    try checkLanguage(of: notebook)
    notebook.metadata.removeValue(forKey: "shopmine-error")
    notebook.cells.removeAll { $0.id == NotebookRunner.errorMarkerID }
    stampLanguage(&notebook)

    let collector = CellOutputCollector(cellCount: notebook.cells.count)
    for (i, cell) in notebook.cells.enumerated() { collector.seed(cell: i, outputs: cell.outputs) }
    let codeCells = notebook.cells.indices.filter { notebook.cells[$0].kind == .code }
    var executionCount = 0
    var firstFailure: Failure?

    for (ordinal, index) in codeCells.enumerated() {
      var cell = notebook.cells[index]
      cell.metadata.removeValue(forKey: "shopmine")
      let skip =
        cell.tags.contains(NotebookRunner.skipTag)
        || cell.source.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
      if skip {
        // nbclient leaves skipped and empty cells untouched but for clearing their count.
        if !cell.tags.contains(NotebookRunner.skipTag) {
          collector.begin(cell: index)
          cell.outputs = []
          cell.executionCount = nil
        }
        notebook.cells[index] = cell
        try afterCell(notebook, CellEvent(index: index, codeCellNumber: ordinal + 1, codeCellCount: codeCells.count))
        continue
      }
      if options.stopRequested?() == true {
        // Stopped between cells: the cells from here on keep their previous outputs, as nbclient leaves
        // the cells after an interrupted one.
        let error = Self.stopError
        firstFailure = firstFailure ?? Failure(cellNumber: index + 1, executionCount: nil, error: error)
        markFailure(&notebook, cellIndex: index, executionCount: executionCount, error: error)
        try afterCell(
          notebook, CellEvent(index: index, codeCellNumber: ordinal + 1, codeCellCount: codeCells.count, error: error))
        return firstFailure
      }
      executionCount += 1
      collector.begin(cell: index)
      var timing: [String: JSONValue] = [:]
      timing["iopub.status.busy"] = .string(Self.timestamp())
      timing["iopub.execute_input"] = .string(Self.timestamp())
      let request = ExecutionRequest(code: cell.source, executionCount: executionCount)
      let outcome = withTimeout { language.execute(request, sink: collector) }
      var cellError: ExecutionError?
      switch outcome {
      case .ok(let result, let payloads):
        if let result { collector.executeResult(result, executionCount: executionCount) }
        // A `page` payload (the pager of `help`) becomes a display output, as JupyterLab and Notebook 7
        // add it to the cell's outputs, so a saved or headless notebook shows the help text too. Its
        // metadata says where it came from: nbclient, which ignores payloads, leaves it out.
        for payload in payloads where payload["source"]?.stringValue == "page" {
          if case .object(let data)? = payload["data"] {
            collector.display(MIMEBundle(data: data, metadata: [Self.pagerMetadataKey: true]), displayID: nil)
          }
        }
      case .error(var error):
        if timedOut {
          error = Self.timeoutError(after: options.timeout ?? 0, original: error)
        }
        collector.error(error)
        cellError = error
      }
      timing["shell.execute_reply"] = .string(Self.timestamp())
      timing["iopub.status.idle"] = .string(Self.timestamp())
      cell.executionCount = executionCount
      cell.metadata["execution"] = .object(timing)
      notebook.cells[index] = cell
      // Display updates may have changed earlier cells too.
      for (i, _) in notebook.cells.enumerated() where notebook.cells[i].kind == .code {
        notebook.cells[i].outputs = collector.outputs(of: i)
      }
      let expected = cell.tags.contains(NotebookRunner.raisesTag)
      if let cellError, !expected {
        if firstFailure == nil {
          firstFailure = Failure(cellNumber: index + 1, executionCount: executionCount, error: cellError)
        }
        if !options.allowErrors || options.stopRequested?() == true {
          markFailure(&notebook, cellIndex: index, executionCount: executionCount, error: cellError)
          try afterCell(
            notebook,
            CellEvent(index: index, codeCellNumber: ordinal + 1, codeCellCount: codeCells.count, error: cellError))
          return firstFailure
        }
      }
      try afterCell(
        notebook, CellEvent(index: index, codeCellNumber: ordinal + 1, codeCellCount: codeCells.count, error: cellError)
      )
    }
    return firstFailure
  }

  // MARK: Private

  private var timedOut = false

  /// Runs `body`, interrupting the language when it outlives the per-cell timeout.
  private func withTimeout(_ body: () -> ExecutionOutcome) -> ExecutionOutcome {
    timedOut = false
    guard let limit = options.timeout, limit > 0 else { return body() }
    let state = TimeoutState()
    let language = self.language
    let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
    timer.schedule(deadline: .now() + limit)
    timer.setEventHandler {
      state.fire()
      language.interrupt()
    }
    timer.resume()
    let outcome = body()
    timer.cancel()
    timedOut = state.fired
    return outcome
  }

  private func stampLanguage(_ notebook: inout Notebook) {
    let info = language.info
    if notebook.metadata["kernelspec"] == nil {
      notebook.metadata["kernelspec"] = .object([
        "name": .string(info.name), "display_name": "ShopMine", "language": .string(info.name),
      ])
    }
    notebook.metadata["language_info"] = info.languageInfoJSON
  }

  /// Marks the failing cell and puts a visible marker cell at the top, as papermill does.
  private func markFailure(_ notebook: inout Notebook, cellIndex: Int, executionCount: Int, error: ExecutionError) {
    notebook.cells[cellIndex].metadata["shopmine"] = .object(["status": "failed"])
    let marker = Cell(
      id: NotebookRunner.errorMarkerID, kind: .markdown,
      source:
        "<span style=\"color:red; font-family:Helvetica Neue, Helvetica, Arial, sans-serif; font-size:2em;\">"
        + "An error stopped this run at cell \(cellIndex + 1) (In [\(executionCount)]): "
        + Escaping.verbatim(error.name + ": " + error.value) + "</span>",
      metadata: ["tags": ["shopmine-error"]])
    notebook.cells.insert(marker, at: 0)
  }

  /// The failure recorded when a stop request arrives between cells.
  static let stopError = ExecutionError(
    name: "KeyboardInterrupt", value: "interrupted before this cell ran",
    traceback: ["KeyboardInterrupt: interrupted before this cell ran"])

  static func timeoutError(after seconds: Double, original: ExecutionError) -> ExecutionError {
    let text = "cell timed out after \(Self.formatSeconds(seconds)) seconds"
    return ExecutionError(name: "TimeoutError", value: text, traceback: ["TimeoutError: " + text])
  }

  static func formatSeconds(_ s: Double) -> String {
    s.rounded() == s ? String(Int(s)) : String(s)
  }

  /// ISO-8601 with microseconds and `Z`, as nbclient records timings.
  static func timestamp(_ date: Date = Date()) -> String {
    let seconds = date.timeIntervalSince1970
    let whole = Int64(seconds.rounded(.down))
    let micros = Int64(((seconds - Double(whole)) * 1_000_000).rounded(.down))
    var tm = tm()
    var t = time_t(whole)
    gmtime_r(&t, &tm)
    func pad(_ v: Int32, _ width: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    let microsText = String(micros)
    return "\(pad(tm.tm_year + 1900, 4))-\(pad(tm.tm_mon + 1, 2))-\(pad(tm.tm_mday, 2))T"
      + "\(pad(tm.tm_hour, 2)):\(pad(tm.tm_min, 2)):\(pad(tm.tm_sec, 2))."
      + String(repeating: "0", count: max(0, 6 - microsText.count)) + microsText + "Z"
  }
}

/// Whether a cell's timer fired; set on the timer's queue, read after the cell returns.
private final class TimeoutState: @unchecked Sendable {
  private let lock = NSLock()
  private var _fired = false
  func fire() {
    lock.lock()
    _fired = true
    lock.unlock()
  }
  var fired: Bool {
    lock.lock()
    defer { lock.unlock() }
    return _fired
  }
}

extension CellOutputCollector {
  /// Starts with a cell's existing outputs (cells not run keep theirs).
  func seed(cell: Int, outputs: [JSONValue]) {
    begin(cell: cell)
    for output in outputs { appendSeeded(output, cell: cell) }
  }
}
