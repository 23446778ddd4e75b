import JupyterProtocol
import ZeroMQ

/// Publishes broadcast messages on iopub from any thread.
///
/// Each caller encodes and signs its message on its own thread, then sends it on the XPUB socket under one
/// lock. Sending directly, rather than through a queue to the iopub thread, saves a thread hand-off on every
/// message: a trivial execute publishes four (busy, execute_input, execute_result, idle), and on a busy
/// machine each hand-off is a chance to wait for a core. The lock keeps libzmq's rule (one thread uses a
/// socket at a time, with a full memory barrier between) and makes the socket one FIFO: outputs reach
/// every subscriber in the order they were published. The XPUB's high-water mark is unlimited, so a send
/// never blocks while the lock is held.
final class IOPubPublisher: Sendable {
  private let xpub: Locked<ZMQSocket>
  private let codec: WireCodec
  let session: String
  private let log: KernelLog

  init(xpub: ZMQSocket, codec: WireCodec, session: String, log: KernelLog) {
    self.xpub = Locked(xpub)
    self.codec = codec
    self.session = session
    self.log = log
  }

  func publish(_ msgType: String, content: JSONValue, parent: Message?) {
    let message = Message(
      identities: [Array("kernel.\(session).\(msgType)".utf8)],
      header: MessageHeader(msgType: msgType, session: session),
      parentHeader: parent?.header.json ?? .object([:]), content: content)
    let frames = codec.encode(message)
    xpub.withLock { socket in
      do {
        try socket.send(frames)
      } catch {
        log("iopub: could not send \(msgType): \(error)")
      }
    }
  }

  func status(_ state: BroadcastContent.ExecutionState, parent: Message?) {
    publish(MessageType.status, content: BroadcastContent.status(state), parent: parent)
  }

  /// Runs `body` with the XPUB socket, excluding every publisher meanwhile (the iopub thread's greetings).
  func withSocket<Result>(_ body: (ZMQSocket) throws -> Result) rethrows -> Result {
    try xpub.withLock { try body($0) }
  }
}
