/// One Jupyter message: routing identities, header, parent header, metadata, content and binary buffers.
public struct Message: Sendable, Hashable {
  /// ZeroMQ routing identities (the frames before `<IDS|MSG>`); replies go back to the same ones.
  public var identities: [[UInt8]]
  public var header: MessageHeader
  /// The header of the message this one answers, or an empty object.
  public var parentHeader: JSONValue
  public var metadata: JSONValue
  public var content: JSONValue
  public var buffers: [[UInt8]]
  /// The hex HMAC this message arrived with (empty when unsigned or not decoded from the wire).
  public var signature: String

  public init(
    identities: [[UInt8]] = [], header: MessageHeader, parentHeader: JSONValue = .object([:]),
    metadata: JSONValue = .object([:]), content: JSONValue = .object([:]), buffers: [[UInt8]] = [],
    signature: String = ""
  ) {
    self.identities = identities
    self.header = header
    self.parentHeader = parentHeader
    self.metadata = metadata
    self.content = content
    self.buffers = buffers
    self.signature = signature
  }

  /// The `msg_type`.
  public var msgType: String { header.msgType }

  /// A message answering or caused by `parent`: same identities, parent header echoed.
  public static func child(
    of parent: Message, msgType: String, session: String, content: JSONValue,
    metadata: JSONValue = .object([:])
  ) -> Message {
    Message(
      identities: parent.identities, header: MessageHeader(msgType: msgType, session: session),
      parentHeader: parent.header.json, metadata: metadata, content: content)
  }
}
