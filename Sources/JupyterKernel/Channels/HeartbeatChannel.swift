import ZeroMQ

/// The heartbeat thread: echoes every ping straight back.
///
/// It shares nothing with the shell thread, so a long computation never delays it. It waits without a
/// time-out: a ping or the stop signal wakes it, nothing else.
struct HeartbeatChannel: Sendable {
  let socket: ZMQSocket
  let stop: StopSignal
  let log: KernelLog

  func run() {
    while !stop.isSet {
      do {
        guard try ZMQPoller.poll([socket], descriptors: [stop.descriptor], timeoutMilliseconds: -1)[0] else {
          continue
        }
        while let frames = try? socket.receive(dontWait: true) {
          try socket.send(frames)
        }
      } catch {
        log("heartbeat: \(error)")
        return
      }
    }
  }
}
