import CZeroMQ
import Synchronization

/// A libzmq context: owns the I/O threads that every ``ZMQSocket`` made from it uses.
///
/// Thread-safe (libzmq contexts are). ``shutdown()`` makes every blocking call on its sockets return
/// ``ZMQError/isContextTerminated``, which is how the kernel stops its channel threads; the context itself is
/// terminated when the last reference goes away, after every socket has been closed.
public final class ZMQContext: @unchecked Sendable {
  // @unchecked: libzmq documents contexts as thread-safe; the pointer never changes after init.
  let handle: UnsafeMutableRawPointer
  private let terminated = Atomic<Bool>(false)

  /// Creates a context with libzmq's defaults (one I/O thread).
  public init() throws {
    guard let handle = zmq_ctx_new() else { throw ZMQError.last("zmq_ctx_new") }
    self.handle = handle
  }

  /// Makes all current and future blocking operations on this context's sockets fail with `ETERM`.
  public func shutdown() {
    _ = zmq_ctx_shutdown(handle)
  }

  deinit {
    // Sockets keep their context alive, so by the time we get here they are all closed.
    terminate()
  }

  /// Terminates the context: blocks until every socket made from it is closed (``ZMQSocket/close()``) and
  /// their queued messages are sent or their linger time is up. Idempotent.
  public func terminate() {
    guard !terminated.exchange(true, ordering: .acquiringAndReleasing) else { return }
    // Retry on EINTR as the libzmq guide asks.
    while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
  }

  /// Whether this libzmq was built with `capability` ("curve", "ipc", …).
  public static func has(_ capability: String) -> Bool {
    zmq_has(capability) != 0
  }

  /// The libzmq version as (major, minor, patch).
  public static var version: (major: Int, minor: Int, patch: Int) {
    var major: Int32 = 0
    var minor: Int32 = 0
    var patch: Int32 = 0
    zmq_version(&major, &minor, &patch)
    return (Int(major), Int(minor), Int(patch))
  }
}
