import JupyterProtocol
import ZeroMQ

/// The iopub thread: forwards queued messages to the XPUB socket and greets new subscribers.
///
/// XPUB (not PUB) so that subscriptions come up as messages: each new subscriber gets an `iopub_welcome`
/// (protocol 5.4), which tells a client its subscription is live and nothing it asks for afterwards will be
/// missed. `ZMQ_XPUB_VERBOSE` passes repeated subscriptions to the same topic too.
struct IOPubChannel: Sendable {
  let xpub: ZMQSocket
  let pull: ZMQSocket
  let codec: WireCodec
  let session: String
  let stopping: Locked<Bool>
  let log: KernelLog

  /// Runs until ``stopping`` is set and every queued message has been sent.
  func run() {
    while true {
      let ready: [Bool]
      do {
        ready = try ZMQPoller.poll([pull, xpub], timeoutMilliseconds: 50)
      } catch {
        log("iopub: poll failed: \(error)")
        return
      }
      if ready[1] { greetSubscribers() }
      if ready[0] {
        forwardQueued()
      } else if stopping.current {
        // Nothing was queued during a whole poll interval after the stop request: everything published
        // before shutdown has left.
        forwardQueued()
        return
      }
    }
  }

  private func forwardQueued() {
    while true {
      do {
        let frames = try pull.receive(dontWait: true)
        try xpub.send(frames)
      } catch let error as ZMQError where error.isWouldBlock {
        return
      } catch {
        log("iopub: forwarding failed: \(error)")
        return
      }
    }
  }

  private func greetSubscribers() {
    while true {
      let frames: [[UInt8]]
      do {
        frames = try xpub.receive(dontWait: true)
      } catch {
        return
      }
      // A subscription frame is 0x01 followed by the topic; 0x00 is an unsubscription.
      guard let first = frames.first, first.first == 1 else { continue }
      let topic = String(decoding: first.dropFirst(), as: UTF8.self)
      let welcome = Message(
        identities: [Array(first.dropFirst())], header: MessageHeader(msgType: MessageType.iopubWelcome, session: session),
        content: BroadcastContent.iopubWelcome(subscription: topic))
      do {
        try xpub.send(codec.encode(welcome))
      } catch {
        log("iopub: could not send iopub_welcome: \(error)")
      }
    }
  }
}
