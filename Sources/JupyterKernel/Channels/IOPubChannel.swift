import ZeroMQ

/// The iopub thread: greets each new subscriber with `iopub_welcome`.
///
/// Publishers send on the XPUB socket themselves (see ``IOPubPublisher``); this thread only waits for the
/// subscription messages XPUB delivers and has the publisher answer them. It waits on the socket's
/// notification descriptor, which does not touch the socket; the publisher reads under its lock. The
/// descriptor is edge-triggered and a publisher's send may consume its edge; the publisher then greets
/// what arrived itself (``IOPubPublisher/publish(_:content:parent:)``), so this thread can wait without a
/// time-out.
struct IOPubChannel: Sendable {
  let publisher: IOPubPublisher
  let descriptor: Int32
  let stop: StopSignal
  let log: KernelLog

  func run() {
    while !stop.isSet {
      do {
        _ = try ZMQPoller.poll([], descriptors: [descriptor, stop.descriptor], timeoutMilliseconds: -1)
      } catch {
        log("iopub: poll failed: \(error)")
        return
      }
      publisher.greetNewSubscribers()
    }
  }
}
