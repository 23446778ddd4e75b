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
