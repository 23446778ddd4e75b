/// A message header (`msg_id`, `session`, `username`, `date`, `msg_type`, `version`).
///
/// Keeps the JSON it was decoded from in ``json`` so that a reply's `parent_header` echoes the request's header
/// exactly, including fields this kernel does not know (such as `subshell_id`).
public struct MessageHeader: Sendable, Hashable {
  public var msgID: String
  public var session: String
  public var username: String
  /// ISO-8601 timestamp, as sent (see ``ISODate``).
  public var date: String
  public var msgType: String
  /// Protocol version, "5.5" for everything this kernel sends.
  public var version: String
  /// The header as JSON, including any extra fields of a decoded header.
  public var json: JSONValue

  /// The protocol version this kernel speaks.
  public static let protocolVersion = "5.5"

  /// A fresh header for a message this kernel sends.
  public init(
    msgType: String, session: String, username: String = "kernel", msgID: String = MessageID.make(),
    date: String = ISODate.now()
  ) {
    self.msgID = msgID
    self.session = session
    self.username = username
    self.date = date
    self.msgType = msgType
    self.version = Self.protocolVersion
    self.json = .object([
      "msg_id": .string(msgID), "session": .string(session), "username": .string(username),
      "date": .string(date), "msg_type": .string(msgType), "version": .string(Self.protocolVersion),
    ])
  }

  /// Decodes a received header; `msg_id` and `msg_type` are required strings, the others must be strings
  /// when present.
  public init(json: JSONValue) throws(WireError) {
    guard case .object(let fields) = json else { throw .invalidHeader("not a JSON object") }
    func string(_ key: String, required: Bool) throws(WireError) -> String {
      switch fields[key] {
      case .string(let s): return s
      case nil, .null?:
        if required { throw .invalidHeader("missing '\(key)'") }
        return ""
      default: throw .invalidHeader("'\(key)' must be a string")
      }
    }
    self.msgID = try string("msg_id", required: true)
    self.msgType = try string("msg_type", required: true)
    self.session = try string("session", required: false)
    self.username = try string("username", required: false)
    self.version = try string("version", required: false)
    self.date = fields["date"]?.stringValue ?? ""
    self.json = json
  }
}
