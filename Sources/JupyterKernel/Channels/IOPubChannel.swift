import JupyterProtocol
import ZeroMQ

/// The iopub thread: greets each new subscriber with `iopub_welcome`.
///
/// Publishers send on the XPUB socket themselves (see ``IOPubPublisher``); this thread only reads the
/// subscription messages XPUB delivers. It waits on the socket's notification descriptor, which does not
/// touch the socket, and reads under the publishers' lock. The descriptor is edge-triggered and a
/// publisher's send may consume its edge, so the thread also looks every 50 ms: a welcome is at most that late.
struct IOPubChannel: Sendable {
  let publisher: IOPubPublisher
  let descriptor: Int32
  let codec: WireCodec
  let session: String
  let stopping: Locked<Bool>
  let log: KernelLog

  func run() {
    while !stopping.current {
      do {
        _ = try ZMQPoller.waitReadable(descriptor: descriptor, timeoutMilliseconds: 50)
      } catch {
        log("iopub: poll failed: \(error)")
        return
      }
      publisher.withSocket(greetSubscribers)
    }
  }

  private func greetSubscribers(_ xpub: ZMQSocket) {
    while (try? xpub.hasPendingInput()) == true {
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
