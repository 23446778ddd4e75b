import Dispatch
import Foundation
import JupyterProtocol
import Synchronization
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
///
/// It also greets subscribers (``greetNewSubscribers()``) and remembers whether any client has subscribed
/// yet, so that the first request can wait for one (``awaitFirstSubscriber(milliseconds:)``).
final class IOPubPublisher: Sendable {
  private let xpub: Locked<ZMQSocket>
  private let codec: WireCodec
  let session: String
  private let log: KernelLog
  private let subscribed = Atomic<Bool>(false)

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
      // The send may have taken in a subscription and consumed the edge of the notification descriptor
      // that the iopub thread waits on: greet it here, or it would wait for the next subscriber.
      greetPending(on: socket)
    }
  }

  func status(_ state: BroadcastContent.ExecutionState, parent: Message?) {
    publish(MessageType.status, content: BroadcastContent.status(state), parent: parent)
  }

  /// Whether any client has subscribed to iopub since the kernel started.
  var hasSubscriber: Bool { subscribed.load(ordering: .acquiring) }

  /// Answers every pending subscription with `iopub_welcome` (the subscription's topic as its identity).
  func greetNewSubscribers() {
    xpub.withLock { greetPending(on: $0) }
  }

  /// ``greetNewSubscribers()`` with the lock held.
  private func greetPending(on xpub: ZMQSocket) {
    while (try? xpub.hasPendingInput()) == true {
      let frames: [[UInt8]]
      do {
        frames = try xpub.receive(dontWait: true)
      } catch {
        return
      }
      // A subscription frame is 0x01 followed by the topic; 0x00 is an unsubscription.
      guard let first = frames.first, first.first == 1 else { continue }
      subscribed.store(true, ordering: .releasing)
      let topic = String(decoding: first.dropFirst(), as: UTF8.self)
      let welcome = Message(
        identities: [Array(first.dropFirst())],
        header: MessageHeader(msgType: MessageType.iopubWelcome, session: session),
        content: BroadcastContent.iopubWelcome(subscription: topic))
      do {
        try xpub.send(codec.encode(welcome))
      } catch {
        log("iopub: could not send iopub_welcome: \(error)")
      }
    }
  }

  /// Until the first client has subscribed, waits up to `milliseconds` for a subscription.
  ///
  /// PUB/SUB drops what is published before a subscription reaches the kernel ("slow joiner"). A client
  /// connects its shell and iopub sockets at the same moment, but the shell may connect first: then the
  /// `busy`, outputs and `idle` of its first request go to nobody, and a front end that waits for `idle`
  /// before showing the next prompt (`jupyter console`) waits forever. The shell thread calls this before
  /// each cell; once any client has subscribed it returns at once, and a client that never subscribes
  /// costs one wait. `kernel_info_request` does not wait: jupyter_client's `wait_for_ready` probes with it,
  /// checks that iopub answers too and probes again if not, so delaying its reply would only queue
  /// duplicates.
  func awaitFirstSubscriber(milliseconds: Int) {
    guard !hasSubscriber, milliseconds > 0 else { return }
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(milliseconds) * 1_000_000
    while true {
      greetNewSubscribers()
      if hasSubscriber || DispatchTime.now().uptimeNanoseconds >= deadline { return }
      usleep(2_000)
    }
  }
}
