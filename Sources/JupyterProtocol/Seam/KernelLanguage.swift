/// The seam between the language-agnostic kernel server and a language that runs inside it.
///
/// `JupyterKernel` drives a `KernelLanguage`; `ShopMineLanguage` implements one; the headless notebook
/// runner drives the very same implementation in-process, so kernel and headless outputs agree by
/// construction. All positions are counted in Unicode scalars (Jupyter's "code points"), never UTF-16
/// units or bytes.
public protocol KernelLanguage: AnyObject, Sendable {
  /// What `kernel_info_reply` says about the language.
  var info: LanguageDescription { get }

  /// Runs one cell. Streams and displays go to `sink` as they happen; the returned outcome carries the
  /// cell's value (sent as `execute_result`) or its single error. Runs on the shell thread; must check
  /// for ``interrupt()`` inside long loops.
  func execute(_ request: ExecutionRequest, sink: any OutputSink) -> ExecutionOutcome

  /// Completions at `cursor` (Unicode scalar offset into `code`).
  func complete(_ code: String, cursor: Int) -> CompletionResult

  /// Help for the token at `cursor` (Shift-Tab).
  func inspect(_ code: String, cursor: Int, detailLevel: Int) -> InspectionResult

  /// Whether `code` is a complete statement list (for consoles deciding when to run).
  func isComplete(_ code: String) -> Completeness

  /// Asks the running execution to stop soon. Called from another thread (control channel or SIGINT);
  /// must be cheap, thread-safe and harmless when nothing runs.
  func interrupt()
}

/// Where a running cell sends its outputs. The kernel publishes them on iopub with the request as parent;
/// the headless runner appends them to the cell.
public protocol OutputSink: AnyObject {
  /// Text on stdout or stderr.
  func stream(_ name: StreamName, _ text: String)
  /// A `display_data` output; with `displayID`, later updates can replace it.
  func display(_ bundle: MIMEBundle, displayID: String?)
  /// An `update_display_data` for an earlier display with the same id.
  func updateDisplay(_ bundle: MIMEBundle, displayID: String)
  /// A `clear_output`; with `wait`, the clearing happens when the next output arrives.
  func clearOutput(wait: Bool)
  /// Asks the front end for a line of input (stdin channel). Throws ``InputError`` when the request does
  /// not allow stdin, the front end has none, or the wait is interrupted.
  func readInput(prompt: String, password: Bool) throws -> String
}

public enum StreamName: String, Sendable, Hashable {
  case stdout
  case stderr
}

/// Why ``OutputSink/readInput(prompt:password:)`` could not return a line.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
  public static let notAllowed = InputError(
    "this front end does not accept input (allow_stdin is false)")
  public static let interrupted = InputError("input was interrupted")
}

/// One `execute_request`, as the language sees it.
public struct ExecutionRequest: Sendable, Hashable {
  public var code: String
  public var silent: Bool
  public var storeHistory: Bool
  public var allowStdin: Bool
  /// The number this execution shows as (`In [n]`). The kernel counts; the language only reports it.
  public var executionCount: Int

  public init(
    code: String, silent: Bool = false, storeHistory: Bool = true, allowStdin: Bool = false,
    executionCount: Int
  ) {
    self.code = code
    self.silent = silent
    self.storeHistory = storeHistory
    self.allowStdin = allowStdin
    self.executionCount = executionCount
  }
}

/// How a cell ended.
public enum ExecutionOutcome: Sendable, Hashable {
  /// Success; `result` is the cell's displayed value (an `execute_result`), `payloads` are
  /// execute_reply payloads (``ExecutePayload``: a pager, a request to end the session).
  case ok(result: MIMEBundle?, payloads: [JSONValue])
  /// Failure, reported as exactly one `error` output and an `execute_reply` with status "error".
  case error(ExecutionError)
}

/// The content of an `error` output: name, value and traceback lines (ANSI colour allowed).
public struct ExecutionError: Error, Sendable, Hashable {
  public var name: String
  public var value: String
  public var traceback: [String]
  public init(name: String, value: String, traceback: [String]) {
    self.name = name
    self.value = value
    self.traceback = traceback
  }
}

/// The language's part of `kernel_info_reply`.
public struct LanguageDescription: Sendable, Hashable {
  public var name: String
  public var version: String
  public var mimetype: String
  public var fileExtension: String
  public var pygmentsLexer: String
  public var codemirrorMode: String
  public var banner: String
  public var helpLinks: [HelpLink]

  public struct HelpLink: Sendable, Hashable {
    public var text: String
    public var url: String
    public init(text: String, url: String) {
      self.text = text
      self.url = url
    }
  }

  public init(
    name: String, version: String, mimetype: String, fileExtension: String,
    pygmentsLexer: String, codemirrorMode: String, banner: String, helpLinks: [HelpLink]
  ) {
    self.name = name
    self.version = version
    self.mimetype = mimetype
    self.fileExtension = fileExtension
    self.pygmentsLexer = pygmentsLexer
    self.codemirrorMode = codemirrorMode
    self.banner = banner
    self.helpLinks = helpLinks
  }
}

/// A `complete_reply`'s content: matches replacing `code[cursorStart..<cursorEnd]` (Unicode scalars).
public struct CompletionResult: Sendable, Hashable {
  public var matches: [String]
  public var cursorStart: Int
  public var cursorEnd: Int
  /// Goes to `metadata` (for example `_jupyter_types_experimental`).
  public var metadata: [String: JSONValue]
  public init(matches: [String], cursorStart: Int, cursorEnd: Int, metadata: [String: JSONValue] = [:]) {
    self.matches = matches
    self.cursorStart = cursorStart
    self.cursorEnd = cursorEnd
    self.metadata = metadata
  }
}

/// An `inspect_reply`'s content.
public struct InspectionResult: Sendable, Hashable {
  public var found: Bool
  public var bundle: MIMEBundle
  public init(found: Bool, bundle: MIMEBundle = MIMEBundle()) {
    self.found = found
    self.bundle = bundle
  }
  public static let notFound = InspectionResult(found: false)
}

/// An `is_complete_reply`'s status.
public enum Completeness: Sendable, Hashable {
  case complete
  case incomplete(indent: String)
  case invalid
  case unknown
}

extension LanguageDescription {
  /// The `language_info` object, identical in `kernel_info_reply` and in a notebook's metadata, so a
  /// notebook run headlessly and one run through the kernel carry the same bytes.
  public var languageInfoJSON: JSONValue {
    .object([
      "name": .string(name),
      "version": .string(version),
      "mimetype": .string(mimetype),
      "file_extension": .string(fileExtension),
      "pygments_lexer": .string(pygmentsLexer),
      "codemirror_mode": .string(codemirrorMode),
    ])
  }
}
