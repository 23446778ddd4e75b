/// Encodes messages to ZeroMQ multipart frames and decodes received frames, signing and verifying them.
///
/// Frame layout (Jupyter messaging, "The Wire Protocol"):
/// `identities… | <IDS|MSG> | hmac | header | parent_header | metadata | content | buffers…`.
public struct WireCodec: Sendable {
  public let signer: MessageSigner
  /// Frames larger than this (bytes) are refused when decoding; libzmq's `ZMQ_MAXMSGSIZE` enforces the
  /// same limit earlier, at the socket.
  public var maximumFrameSize: Int
  private let writer = JSONWriter()
  private let parser = JSONParser()

  /// The delimiter frame between routing identities and the message.
  public static let delimiter: [UInt8] = Array("<IDS|MSG>".utf8)

  public init(signer: MessageSigner, maximumFrameSize: Int = 64 << 20) {
    self.signer = signer
    self.maximumFrameSize = maximumFrameSize
  }

  /// The frames for `message`, signed.
  public func encode(_ message: Message) -> [[UInt8]] {
    let parts = [
      writer.bytes(message.header.json), writer.bytes(message.parentHeader), writer.bytes(message.metadata),
      writer.bytes(message.content),
    ]
    var frames = message.identities
    frames.reserveCapacity(frames.count + 6 + message.buffers.count)
    frames.append(Self.delimiter)
    frames.append(Array(signer.signature(of: parts).utf8))
    frames.append(contentsOf: parts)
    frames.append(contentsOf: message.buffers)
    return frames
  }

  /// Decodes and verifies received frames.
  ///
  /// The signature is checked over the exact received bytes before any JSON is parsed, so a forged message
  /// costs one HMAC and nothing more.
  public func decode(_ frames: [[UInt8]]) throws(WireError) -> Message {
    guard let split = frames.firstIndex(of: Self.delimiter) else { throw .noDelimiter() }
    let body = frames[(split + 1)...]
    guard body.count >= 5 else { throw .tooFewFrames(body.count) }
    if let big = frames.first(where: { $0.count > maximumFrameSize }) {
      throw .invalidContent("message", "a frame of \(big.count) bytes exceeds the limit of \(maximumFrameSize)")
    }
    let start = body.startIndex
    let signature = body[start]
    let parts = Array(body[(start + 1)...(start + 4)])
    if signer.isSigning {
      guard !signature.isEmpty else { throw .missingSignature() }
      guard signer.verify(signature: signature, parts: parts) else { throw .badSignature() }
    }
    let header = try MessageHeader(json: try parse(parts[0], "header"))
    let parent = try parse(parts[1], "parent_header")
    let metadata = try parse(parts[2], "metadata")
    let content = try parse(parts[3], "content")
    guard case .object = content else { throw .invalidContent(header.msgType, "not a JSON object") }
    return Message(
      identities: Array(frames[..<split]), header: header, parentHeader: parent, metadata: metadata,
      content: content, buffers: Array(body[(start + 5)...]),
      signature: String(decoding: signature, as: UTF8.self))
  }

  private func parse(_ bytes: [UInt8], _ frame: String) throws(WireError) -> JSONValue {
    do {
      return try parser.parse(bytes)
    } catch {
      throw .invalidJSON(frame, error)
    }
  }
}
