import Foundation

/// The little state the kernel's threads share: stop request, interrupt generation, replay guard.
final class KernelState: Sendable {
  private let stopRequest = Locked<KernelExit?>(nil)
  private let interrupts = Locked(0)
  private let replay = Locked(ReplayGuard())
  private let stopped = DispatchSemaphore(value: 0)

  /// Set once a shutdown was requested; channel loops wait on its descriptor, finish their current message
  /// and return.
  let stop = StopSignal()

  /// Whether a shutdown was requested.
  var isStopping: Bool { stop.isSet }

  /// The exit requested by the first shutdown request.
  var exit: KernelExit? { stopRequest.current }

  /// Asks every channel to stop; the first request wins. Wakes ``waitForStop()``.
  func requestStop(restart: Bool) {
    let first = stopRequest.withLock { value -> Bool in
      guard value == nil else { return false }
      value = KernelExit(restart: restart)
      return true
    }
    guard first else { return }
    stop.set()
    stopped.signal()
  }

  /// Blocks until ``requestStop(restart:)`` is called.
  func waitForStop() {
    stopped.wait()
  }

  /// Counts interrupts; a waiting `input_request` gives up when the count changes.
  var interruptGeneration: Int { interrupts.current }

  func noteInterrupt() {
    interrupts.withLock { $0 &+= 1 }
  }

  /// Whether a message with this signature may be processed (not a replay).
  func admit(signature: String) -> Bool {
    replay.withLock { $0.admit(signature) }
  }
}
