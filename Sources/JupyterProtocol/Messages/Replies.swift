/// Builders for the content of every reply this kernel sends on shell, control and stdin.
///
/// Each returns the `content` object exactly as Jupyter messaging 5.5 lays it out; the kernel never builds
/// a content dictionary by hand elsewhere.
public enum ReplyContent {
  /// `execute_reply` for a cell that succeeded.
  public static func executeOK(executionCount: Int, payload: [JSONValue] = []) -> JSONValue {
    ["status": "ok", "execution_count": .int(executionCount), "payload": .array(payload), "user_expressions": [:]]
  }

  /// `execute_reply` (or any reply) for a failure: `ename`, `evalue`, `traceback`.
  public static func error(_ error: ExecutionError, executionCount: Int? = nil) -> JSONValue {
    var content: [String: JSONValue] = [
      "status": "error", "ename": .string(error.name), "evalue": .string(error.value),
      "traceback": .array(error.traceback.map { .string($0) }),
    ]
    if let executionCount { content["execution_count"] = .int(executionCount) }
    return .object(content)
  }

  /// `kernel_info_reply`.
  public static func kernelInfo(
    _ language: LanguageDescription, implementation: String,
    implementationVersion: String
  ) -> JSONValue {
    [
      "status": "ok", "protocol_version": .string(MessageHeader.protocolVersion),
      "implementation": .string(implementation), "implementation_version": .string(implementationVersion),
      // The same object a notebook's metadata carries (see `LanguageDescription.languageInfoJSON`).
      "language_info": language.languageInfoJSON,
      "banner": .string(language.banner),
      "help_links": .array(language.helpLinks.map { ["text": .string($0.text), "url": .string($0.url)] }),
      "debugger": false,
      // Protocol 5.5: optional features this kernel implements; it implements none of the optional ones.
      "supported_features": [],
    ]
  }

  /// `complete_reply`.
  public static func complete(_ result: CompletionResult) -> JSONValue {
    [
      "status": "ok", "matches": .array(result.matches.map { .string($0) }),
      "cursor_start": .int(result.cursorStart), "cursor_end": .int(result.cursorEnd),
      "metadata": .object(result.metadata),
    ]
  }

  /// `inspect_reply`.
  public static func inspect(_ result: InspectionResult) -> JSONValue {
    [
      "status": "ok", "found": .bool(result.found), "data": .object(result.bundle.data),
      "metadata": .object(result.bundle.metadata),
    ]
  }

  /// `is_complete_reply`.
  public static func isComplete(_ completeness: Completeness) -> JSONValue {
    switch completeness {
    case .complete: return ["status": "complete"]
    case .incomplete(let indent): return ["status": "incomplete", "indent": .string(indent)]
    case .invalid: return ["status": "invalid"]
    case .unknown: return ["status": "unknown"]
    }
  }

  /// `history_reply`; each entry is `[session, line, input]` or `[session, line, [input, output]]`.
  public static func history(_ entries: [JSONValue]) -> JSONValue {
    ["status": "ok", "history": .array(entries)]
  }

  /// `comm_info_reply` (this kernel has no comms).
  public static func commInfo() -> JSONValue {
    ["status": "ok", "comms": [:]]
  }

  /// `shutdown_reply`, echoing `restart`.
  public static func shutdown(restart: Bool) -> JSONValue {
    ["status": "ok", "restart": .bool(restart)]
  }

  /// `interrupt_reply`.
  public static func interrupt() -> JSONValue {
    ["status": "ok"]
  }
}

/// Builders for iopub and stdin message contents.
public enum BroadcastContent {
  /// The kernel's execution state.
  public enum ExecutionState: String, Sendable {
    case starting, busy, idle
  }

  /// `status`.
  public static func status(_ state: ExecutionState) -> JSONValue {
    ["execution_state": .string(state.rawValue)]
  }

  /// `stream`.
  public static func stream(_ name: StreamName, _ text: String) -> JSONValue {
    ["name": .string(name.rawValue), "text": .string(text)]
  }

  /// `display_data` / `update_display_data`; with `displayID`, `transient.display_id` is set.
  public static func display(_ bundle: MIMEBundle, displayID: String?) -> JSONValue {
    var content: [String: JSONValue] = ["data": .object(bundle.data), "metadata": .object(bundle.metadata)]
    content["transient"] = displayID.map { ["display_id": .string($0)] } ?? [:]
    return .object(content)
  }

  /// `execute_input`.
  public static func executeInput(code: String, executionCount: Int) -> JSONValue {
    ["code": .string(code), "execution_count": .int(executionCount)]
  }

  /// `execute_result`.
  public static func executeResult(_ bundle: MIMEBundle, executionCount: Int) -> JSONValue {
    ["execution_count": .int(executionCount), "data": .object(bundle.data), "metadata": .object(bundle.metadata)]
  }

  /// `error` (iopub).
  public static func error(_ error: ExecutionError) -> JSONValue {
    [
      "ename": .string(error.name), "evalue": .string(error.value),
      "traceback": .array(error.traceback.map { .string($0) }),
    ]
  }

  /// `clear_output`.
  public static func clearOutput(wait: Bool) -> JSONValue {
    ["wait": .bool(wait)]
  }

  /// `iopub_welcome`, sent to each new subscriber with the topic it subscribed to.
  public static func iopubWelcome(subscription: String) -> JSONValue {
    ["subscription": .string(subscription)]
  }

  /// `comm_close` for a comm this kernel does not serve.
  public static func commClose(commID: String) -> JSONValue {
    ["comm_id": .string(commID), "data": [:]]
  }

  /// `input_request` (stdin).
  public static func inputRequest(prompt: String, password: Bool) -> JSONValue {
    ["prompt": .string(prompt), "password": .bool(password)]
  }
}
