import ZeroMQ

/// The heartbeat thread: echoes every ping straight back.
///
/// It shares nothing with the shell thread, so a long computation never delays it. The poll timeout only
/// bounds how long shutdown waits for this thread.
struct HeartbeatChannel: Sendable {
  let socket: ZMQSocket
  let stopping: Locked<Bool>
  let log: KernelLog

  func run() {
    while !stopping.current {
      do {
        guard try ZMQPoller.poll([socket], timeoutMilliseconds: 50)[0] else { continue }
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
