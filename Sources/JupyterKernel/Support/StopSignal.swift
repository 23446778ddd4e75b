import Foundation

/// The kernel's stop request, both as a flag to check and as a file descriptor to wait on.
///
/// Every channel loop blocks in a poll without a time-out, so an idle kernel wakes for nothing; the read
/// end of a pipe sits in each poll set. ``set()`` writes one byte that nobody reads: the descriptor stays
/// readable from then on, so every loop — waiting now or polling later — returns and sees the flag.
final class StopSignal: Sendable {
  /// Readable once ``set()`` has been called; add it to a poll set.
  let descriptor: Int32
  private let writeEnd: Int32
  private let flag = Locked(false)

  init() {
    var ends: [Int32] = [-1, -1]
    // Without a pipe no loop could be woken: the process has run out of descriptors and cannot serve.
    guard pipe(&ends) == 0 else { fatalError("cannot create the kernel's stop pipe: errno \(errno)") }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    descriptor = ends[0]
    writeEnd = ends[1]
  }

  deinit {
    close(descriptor)
    close(writeEnd)
  }

  /// Whether ``set()`` has been called.
  var isSet: Bool { flag.current }

  /// Sets the flag and makes ``descriptor`` readable; returns false when it was already set.
  @discardableResult
  func set() -> Bool {
    let first = flag.withLock { value -> Bool in
      defer { value = true }
      return !value
    }
    guard first else { return false }
    var byte: UInt8 = 1
    _ = write(writeEnd, &byte, 1)
    return true
  }
}
