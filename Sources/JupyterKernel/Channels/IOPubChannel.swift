import ZeroMQ

/// The iopub thread: greets each new subscriber with `iopub_welcome`.
///
/// Publishers send on the XPUB socket themselves (see ``IOPubPublisher``); this thread only waits for the
/// subscription messages XPUB delivers and has the publisher answer them. It waits on the socket's
/// notification descriptor, which does not touch the socket; the publisher reads under its lock. The
/// descriptor is edge-triggered and a publisher's send may consume its edge, so the thread also looks every
/// 50 ms: a welcome is at most that late.
struct IOPubChannel: Sendable {
  let publisher: IOPubPublisher
  let descriptor: Int32
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
      publisher.greetNewSubscribers()
    }
  }
}
