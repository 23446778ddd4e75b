import JupyterProtocol
import ZeroMQ

/// Publishes iopub messages from any thread, in one global order.
///
/// Every publisher serialises through one lock onto an inproc PUSH socket whose only reader is the
/// ``IOPubChannel`` thread, the sole owner of the XPUB socket. So `busy → execute_input → outputs → idle`
/// leaves the kernel in the order it was produced, even when the control thread publishes its own
/// busy/idle in between. Messages are signed here, on the caller's thread, outside the lock.
final class IOPubPublisher: Sendable {
  private let push: Locked<ZMQSocket>
  private let codec: WireCodec
  let session: String
  private let log: KernelLog

  init(push: ZMQSocket, codec: WireCodec, session: String, log: KernelLog) {
    self.push = Locked(push)
    self.codec = codec
    self.session = session
    self.log = log
  }

  /// Publishes a message of `msgType` whose parent is `parent` (none: an empty parent header).
  func publish(_ msgType: String, content: JSONValue, parent: Message?) {
    let message = Message(
      identities: [Array("kernel.\(session).\(msgType)".utf8)],
      header: MessageHeader(msgType: msgType, session: session),
      parentHeader: parent?.header.json ?? .object([:]), content: content)
    let frames = codec.encode(message)
    push.withLock { socket in
      do {
        try socket.send(frames)
      } catch {
        log("iopub: could not queue \(msgType): \(error)")
      }
    }
  }

  /// Publishes `status` with `state`.
  func status(_ state: BroadcastContent.ExecutionState, parent: Message?) {
    publish(MessageType.status, content: BroadcastContent.status(state), parent: parent)
  }
}
