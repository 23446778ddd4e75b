import Dispatch
import Synchronization

/// A flag that long-running work polls to stop early (the kernel's interrupt flips it).
///
/// Shared by reference between the control thread that sets it and the shell thread that checks it.
public final class Cancellation: Sendable {
  private let flag = Atomic<Bool>(false)

  public init() {}

  /// Requests cancellation; thread-safe.
  public func cancel() { flag.store(true, ordering: .relaxed) }
  /// Clears the request before the next statement runs.
  public func reset() { flag.store(false, ordering: .relaxed) }
  public var isCancelled: Bool { flag.load(ordering: .relaxed) }

  /// Throws ``TableError/interrupted`` when cancellation was requested.
  @inline(__always)
  public func check() throws(TableError) {
    if isCancelled { throw TableError.interrupted }
  }

  /// A token that is never cancelled, for callers outside the kernel.
  public static let none = Cancellation()
}

/// Reports progress of long work: `(done, total, note)`; the language throttles and renders it.
public typealias ProgressCallback = @Sendable (_ done: Int, _ total: Int, _ note: String) -> Void

/// Frees the partial results of an interrupted command off the evaluating thread.
///
/// Returning the pages of a half-built result to the system costs time in proportion to what was
/// written: an interrupted self-join of 3M orders held about 600 MB of new columns, and freeing them took
/// up to 150 ms before the interrupt could be answered. Handing the last references to a background queue
/// lets the error go out at once. The queue waits a moment first, so that the evaluating thread has
/// dropped its own references by then and the background release is the last one.
public enum DeferredRelease {
  /// Keeps `value` alive on a background queue for a short while, then drops it there.
  public static func release<T: Sendable>(_ value: T) {
    DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + .milliseconds(20)) {
      withExtendedLifetime(value) {}
    }
  }
}
