import Foundation

/// A value shared between the kernel's threads, guarded by a lock.
///
/// The kernel's shared state is tiny (flags, counters, a replay set), so a plain lock is simpler and cheaper
/// than an actor, and usable from the blocking channel threads. `@unchecked Sendable`: every access goes
/// through ``withLock(_:)``.
final class Locked<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value

  init(_ value: Value) {
    self.value = value
  }

  /// Runs `body` with exclusive access to the value.
  func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }

  /// A copy of the current value.
  var current: Value { withLock { $0 } }
}
