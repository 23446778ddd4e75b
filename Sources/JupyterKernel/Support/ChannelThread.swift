import Foundation

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
      // name set before `start()` stays a Foundation property on Linux.
      Thread.current.name = name
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
