import CZeroMQ

/// Waits for input on several sockets at once (`zmq_poll`).
public enum ZMQPoller {
  /// Returns, for each socket in order, whether a message can be received without blocking.
  ///
  /// `timeoutMilliseconds` -1 waits forever, 0 returns at once. A signal arriving during the wait returns
  /// all-`false` rather than throwing, so callers simply poll again.
  public static func poll(_ sockets: [ZMQSocket], timeoutMilliseconds: Int) throws -> [Bool] {
    try poll(sockets, descriptors: [], timeoutMilliseconds: timeoutMilliseconds)
  }

  /// Waits for input on `sockets` and for `descriptors` (plain file descriptors, such as a pipe) to become
  /// readable; returns, for the sockets and then the descriptors in order, whether each is ready.
  ///
  /// A descriptor in the set lets another thread end a wait that has no time-out (a pipe it writes to), and
  /// ``ZMQSocket/notificationDescriptor()`` waits for a socket without touching it, so that another thread
  /// may use the socket (under a lock) meanwhile. Time-out and signals behave as in
  /// ``poll(_:timeoutMilliseconds:)``.
  public static func poll(_ sockets: [ZMQSocket], descriptors: [Int32], timeoutMilliseconds: Int) throws -> [Bool] {
    var items =
      sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
      + descriptors.map { zmq_pollitem_t(socket: nil, fd: $0, events: Int16(ZMQ_POLLIN), revents: 0) }
    let rc = items.withUnsafeMutableBufferPointer {
      zmq_poll($0.baseAddress, Int32($0.count), timeoutMilliseconds)
    }
    if rc < 0 {
      let error = ZMQError.last("zmq_poll")
      if error.isInterrupted { return Array(repeating: false, count: items.count) }
      throw error
    }
    return items.map { $0.revents & Int16(ZMQ_POLLIN) != 0 }
  }
}
