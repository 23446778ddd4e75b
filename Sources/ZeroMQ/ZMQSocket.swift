import CZeroMQ
import Synchronization

/// One libzmq socket, sending and receiving multipart messages as arrays of byte arrays.
///
/// A libzmq socket is not thread-safe: use it from one thread at a time. It may move between threads (the
/// kernel creates its sockets on the main thread and hands each to its channel thread); the thread start
/// and join around such a move are the full memory barrier libzmq asks for. `@unchecked Sendable` states
/// exactly that contract. Closed by ``close()`` or, failing that, when the last reference goes away.
public final class ZMQSocket: @unchecked Sendable {
  let handle: UnsafeMutableRawPointer
  /// Keeps the context alive until this socket is closed (`zmq_ctx_term` waits for open sockets).
  let context: ZMQContext
  /// The pattern this socket was created with.
  public let kind: ZMQSocketKind
  private let closed = Atomic<Bool>(false)

  /// Creates a socket of `kind` in `context`.
  public init(_ context: ZMQContext, kind: ZMQSocketKind) throws {
    guard let handle = zmq_socket(context.handle, kind.rawValue) else {
      throw ZMQError.last("zmq_socket(\(kind))")
    }
    self.handle = handle
    self.context = context
    self.kind = kind
  }

  deinit {
    close()
  }

  /// Closes the socket now; its queued messages are still sent, for up to its linger time, before
  /// ``ZMQContext/terminate()`` returns. Idempotent; no other call may follow on this socket.
  ///
  /// A server that exits right after its last reply must close explicitly: a socket still referenced by a
  /// finished thread's closure is closed only when that closure is released, possibly after the process has
  /// exited, and the reply is lost.
  public func close() {
    guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
    zmq_close(handle)
  }

  /// Binds to `endpoint` (`tcp://127.0.0.1:5555`, `tcp://*:0`, `ipc:///tmp/k-1`, `inproc://name`).
  public func bind(_ endpoint: String) throws {
    guard zmq_bind(handle, endpoint) == 0 else { throw ZMQError.last("zmq_bind(\(endpoint))") }
  }

  /// Connects to `endpoint`.
  public func connect(_ endpoint: String) throws {
    guard zmq_connect(handle, endpoint) == 0 else { throw ZMQError.last("zmq_connect(\(endpoint))") }
  }

  /// Sends one multipart message; every frame but the last carries `ZMQ_SNDMORE`.
  ///
  /// With `dontWait`, a full queue throws ``ZMQError/isWouldBlock`` instead of blocking. An empty array
  /// sends nothing.
  public func send(_ frames: [[UInt8]], dontWait: Bool = false) throws {
    let last = frames.count - 1
    for (index, frame) in frames.enumerated() {
      var flags: Int32 = index < last ? ZMQ_SNDMORE : 0
      if dontWait { flags |= ZMQ_DONTWAIT }
      try sendFrame(frame, flags: flags)
    }
  }

  private func sendFrame(_ frame: [UInt8], flags: Int32) throws {
    while true {
      // zmq_send copies the bytes, so the buffer only has to live for the call.
      let rc = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
      if rc >= 0 { return }
      let error = ZMQError.last("zmq_send")
      if error.isInterrupted { continue }
      throw error
    }
  }

  /// Receives one whole multipart message.
  ///
  /// Blocks unless `dontWait` (then throws ``ZMQError/isWouldBlock`` when nothing is queued) or a receive
  /// timeout is set. `EINTR` (a signal arriving) is retried.
  public func receive(dontWait: Bool = false) throws -> [[UInt8]] {
    var frames: [[UInt8]] = []
    var more = true
    while more {
      frames.append(try receiveFrame(dontWait: dontWait && frames.isEmpty))
      more = try integerOption(ZMQ_RCVMORE) != 0
    }
    return frames
  }

  private func receiveFrame(dontWait: Bool) throws -> [UInt8] {
    var message = zmq_msg_t()
    zmq_msg_init(&message)
    defer { zmq_msg_close(&message) }
    while true {
      let rc = zmq_msg_recv(&message, handle, dontWait ? ZMQ_DONTWAIT : 0)
      if rc >= 0 { break }
      let error = ZMQError.last("zmq_msg_recv")
      if error.isInterrupted { continue }
      throw error
    }
    let size = zmq_msg_size(&message)
    guard size > 0, let data = zmq_msg_data(&message) else { return [] }
    return Array(UnsafeRawBufferPointer(start: data, count: size))
  }

  /// Whether a message can be received right now without blocking (one `zmq_poll` with timeout 0).
  public func hasPendingInput() throws -> Bool {
    try ZMQPoller.poll([self], timeoutMilliseconds: 0).first ?? false
  }
}
