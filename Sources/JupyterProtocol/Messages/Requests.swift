/// `execute_request` content.
public struct ExecuteRequestContent: Sendable, Hashable {
  public var code: String
  public var silent: Bool
  public var storeHistory: Bool
  public var userExpressions: [String: JSONValue]
  public var allowStdin: Bool
  public var stopOnError: Bool

  public init(
    code: String, silent: Bool = false, storeHistory: Bool = true,
    userExpressions: [String: JSONValue] = [:], allowStdin: Bool = true, stopOnError: Bool = true
  ) {
    self.code = code
    self.silent = silent
    // The spec: "silent=True forces store_history to be False".
    self.storeHistory = storeHistory && !silent
    self.userExpressions = userExpressions
    self.allowStdin = allowStdin
    self.stopOnError = stopOnError
  }

  public init(_ content: JSONValue) throws(WireError) {
    let r = try ContentReader(content, msgType: MessageType.executeRequest)
    let silent = try r.bool("silent", default: false)
    self.init(
      code: try r.string("code"), silent: silent,
      storeHistory: try r.bool("store_history", default: !silent),
      userExpressions: try r.object("user_expressions"), allowStdin: try r.bool("allow_stdin", default: true),
      stopOnError: try r.bool("stop_on_error", default: true))
  }
}

/// `complete_request` content; `cursorPos` counts Unicode code points.
public struct CompleteRequestContent: Sendable, Hashable {
  public var code: String
  public var cursorPos: Int

  public init(_ content: JSONValue) throws(WireError) {
    let r = try ContentReader(content, msgType: MessageType.completeRequest)
    code = try r.string("code")
    cursorPos = CodePointCursor.clamp(try r.int("cursor_pos", default: nil), in: code)
  }
}

/// `inspect_request` content; `cursorPos` counts Unicode code points.
public struct InspectRequestContent: Sendable, Hashable {
  public var code: String
  public var cursorPos: Int
  public var detailLevel: Int

  public init(_ content: JSONValue) throws(WireError) {
    let r = try ContentReader(content, msgType: MessageType.inspectRequest)
    code = try r.string("code")
    cursorPos = CodePointCursor.clamp(try r.int("cursor_pos", default: nil), in: code)
    detailLevel = try r.int("detail_level", default: 0) ?? 0
  }
}

/// `is_complete_request` content.
public struct IsCompleteRequestContent: Sendable, Hashable {
  public var code: String

  public init(_ content: JSONValue) throws(WireError) {
    code = try ContentReader(content, msgType: MessageType.isCompleteRequest).string("code")
  }
}

/// `history_request` content.
public struct HistoryRequestContent: Sendable, Hashable {
  public enum AccessType: String, Sendable, Hashable {
    case range, tail, search
  }

  public var output: Bool
  public var raw: Bool
  public var accessType: AccessType
  /// For `range`: the session number (0 or negative: relative to the current session).
  public var session: Int
  public var start: Int
  public var stop: Int?
  /// For `tail` and `search`: how many entries (the most recent ones).
  public var n: Int?
  /// For `search`: a glob pattern (`*` any run, `?` one character) matched against the whole input.
  public var pattern: String
  public var unique: Bool

  public init(
    accessType: AccessType, output: Bool = false, raw: Bool = true, session: Int = 0, start: Int = 0,
    stop: Int? = nil, n: Int? = nil, pattern: String = "*", unique: Bool = false
  ) {
    self.accessType = accessType
    self.output = output
    self.raw = raw
    self.session = session
    self.start = start
    self.stop = stop
    self.n = n
    self.pattern = pattern
    self.unique = unique
  }

  public init(_ content: JSONValue) throws(WireError) {
    let r = try ContentReader(content, msgType: MessageType.historyRequest)
    let name = try r.string("hist_access_type")
    guard let accessType = AccessType(rawValue: name) else {
      throw .invalidContent(MessageType.historyRequest, "unknown hist_access_type '\(name)'")
    }
    self.init(
      accessType: accessType, output: try r.bool("output", default: false), raw: try r.bool("raw", default: true),
      session: try r.int("session", default: 0) ?? 0, start: try r.int("start", default: 0) ?? 0,
      stop: try r.int("stop", default: nil), n: try r.int("n", default: nil),
      pattern: try r.string("pattern", default: "*"), unique: try r.bool("unique", default: false))
  }
}

/// `comm_info_request` content.
public struct CommInfoRequestContent: Sendable, Hashable {
  public var targetName: String?

  public init(_ content: JSONValue) throws(WireError) {
    targetName = try ContentReader(content, msgType: MessageType.commInfoRequest).optionalString("target_name")
  }
}

/// `comm_open` content.
public struct CommOpenContent: Sendable, Hashable {
  public var commID: String
  public var targetName: String

  public init(_ content: JSONValue) throws(WireError) {
    let r = try ContentReader(content, msgType: MessageType.commOpen)
    commID = try r.string("comm_id")
    targetName = try r.string("target_name", default: "")
  }
}

/// `shutdown_request` content.
public struct ShutdownRequestContent: Sendable, Hashable {
  public var restart: Bool

  public init(_ content: JSONValue) throws(WireError) {
    restart = try ContentReader(content, msgType: MessageType.shutdownRequest).bool("restart", default: false)
  }
}

/// `input_reply` content.
public struct InputReplyContent: Sendable, Hashable {
  public var value: String

  public init(_ content: JSONValue) throws(WireError) {
    value = try ContentReader(content, msgType: MessageType.inputReply).string("value")
  }
}
