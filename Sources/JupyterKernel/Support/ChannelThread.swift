import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A dedicated OS thread for one channel's blocking loop, joinable.
///
/// The channels block in libzmq calls, so they get their own threads (swift-nio's rule: never block a shared
/// executor) instead of tasks on the cooperative pool.
final class ChannelThread: Sendable {
  private let finished = DispatchSemaphore(value: 0)

  /// Starts `body` on a new thread named `name` with `stackSize` bytes of stack.
  init(name: String, stackSize: Int = 1 << 20, body: @escaping @Sendable () -> Void) {
    let finished = self.finished
    let thread = Thread {
      // Named from inside: only the running thread's own name reaches the OS (`top -H`, /proc), where a
      // name set before `start()` stays a Foundation property on Linux. The OS name is set directly as
      // well: Foundation's setter was seen not to reach /proc under load (the OS keeps 15 bytes).
      Thread.current.name = name
      #if os(Linux)
        // Swift's Glibc module does not export pthread_setname_np (a GNU extension); the thread's own
        // /proc entry takes the same name.
        let fd = open("/proc/thread-self/comm", O_WRONLY)
        if fd >= 0 {
          let bytes = Array(name.utf8.prefix(15))
          _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
          close(fd)
        }
      #endif
      body()
      finished.signal()
    }
    thread.stackSize = stackSize
    thread.start()
  }

  /// Waits until the thread's body has returned.
  func join() {
    finished.wait()
  }
}
