import CZeroMQ

/// An error reported by libzmq: the failing operation, its `errno` and libzmq's own text.
public struct ZMQError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The libzmq call that failed, for example `zmq_bind(tcp://127.0.0.1:5555)`.
  public let operation: String
  /// The `errno` value libzmq reported (`zmq_errno()`).
  public let code: Int32

  /// `true` when the context was shut down (`ETERM`): the normal way a blocked channel thread learns to stop.
  public var isContextTerminated: Bool { code == ETERM }
  /// `true` when a non-blocking call had nothing to do (`EAGAIN`), or a receive timed out.
  public var isWouldBlock: Bool { code == EAGAIN }
  /// `true` when a blocking call was interrupted by a signal (`EINTR`); callers retry.
  public var isInterrupted: Bool { code == EINTR }

  /// `true` when a ROUTER socket with ``ZMQSocket/setRouterMandatory(_:)`` has no peer with that routing id.
  public var isHostUnreachable: Bool { code == EHOSTUNREACH }

  public init(operation: String, code: Int32) {
    self.operation = operation
    self.code = code
  }

  /// Captures `zmq_errno()` right after a failed call.
  static func last(_ operation: @autoclosure () -> String) -> ZMQError {
    ZMQError(operation: operation(), code: zmq_errno())
  }

  public var description: String {
    let text = zmq_strerror(code).map { String(cString: $0) } ?? "errno \(code)"
    return "\(operation) failed: \(text)"
  }
}
