import CZeroMQ

extension ZMQSocket {
  /// How long (ms) unsent messages may delay closing; -1 waits forever, 0 drops them.
  public func setLinger(milliseconds: Int) throws {
    try setIntegerOption(ZMQ_LINGER, clamp32(milliseconds), name: "ZMQ_LINGER")
  }

  /// On an XPUB socket, passes every subscription (not only the first per topic) up to ``receive(dontWait:)``,
  /// so each new subscriber can be greeted with `iopub_welcome`.
  public func setExtendedPublishVerbose(_ verbose: Bool) throws {
    try setIntegerOption(ZMQ_XPUB_VERBOSE, verbose ? 1 : 0, name: "ZMQ_XPUB_VERBOSE")
  }

  /// Peers that send a frame larger than `bytes` are disconnected; -1 means no limit.
  public func setMaxMessageSize(bytes: Int64) throws {
    var value = bytes
    try setRawOption(ZMQ_MAXMSGSIZE, &value, MemoryLayout<Int64>.size, name: "ZMQ_MAXMSGSIZE")
  }

  /// Receives time out after `milliseconds` (throwing ``ZMQError/isWouldBlock``); -1 blocks forever.
  public func setReceiveTimeout(milliseconds: Int) throws {
    try setIntegerOption(ZMQ_RCVTIMEO, clamp32(milliseconds), name: "ZMQ_RCVTIMEO")
  }

  /// The high-water marks (messages queued per peer before dropping or blocking); 0 means no limit.
  public func setHighWaterMarks(send: Int, receive: Int) throws {
    try setIntegerOption(ZMQ_SNDHWM, clamp32(send), name: "ZMQ_SNDHWM")
    try setIntegerOption(ZMQ_RCVHWM, clamp32(receive), name: "ZMQ_RCVHWM")
  }

  /// On a ROUTER socket, makes sending to an unknown (not yet connected) peer fail with `EHOSTUNREACH`
  /// (``ZMQError/isHostUnreachable``) instead of silently dropping the message.
  public func setRouterMandatory(_ enabled: Bool) throws {
    try setIntegerOption(ZMQ_ROUTER_MANDATORY, enabled ? 1 : 0, name: "ZMQ_ROUTER_MANDATORY")
  }

  /// Allows IPv6 (and IPv4) addresses on tcp endpoints; libzmq is IPv4-only by default.
  public func setIPv6(_ enabled: Bool) throws {
    try setIntegerOption(ZMQ_IPV6, enabled ? 1 : 0, name: "ZMQ_IPV6")
  }

  /// The routing id this socket announces to ROUTER peers.
  public func setRoutingID(_ id: [UInt8]) throws {
    try id.withUnsafeBytes { try setRawOption(ZMQ_ROUTING_ID, $0.baseAddress, $0.count, name: "ZMQ_ROUTING_ID") }
  }

  /// Subscribes a SUB socket to messages whose first frame starts with `prefix` (empty: everything).
  public func subscribe(_ prefix: [UInt8] = []) throws {
    try prefix.withUnsafeBytes { try setRawOption(ZMQ_SUBSCRIBE, $0.baseAddress, $0.count, name: "ZMQ_SUBSCRIBE") }
  }

  /// Makes this socket a CurveZMQ server with `secretKey` (40-character Z85).
  public func makeCurveServer(secretKey: String) throws {
    try setIntegerOption(ZMQ_CURVE_SERVER, 1, name: "ZMQ_CURVE_SERVER")
    try setZ85Key(ZMQ_CURVE_SECRETKEY, secretKey, name: "ZMQ_CURVE_SECRETKEY")
  }

  /// Makes this socket a CurveZMQ client of the server whose public key is `serverKey` (all Z85).
  public func makeCurveClient(serverKey: String, publicKey: String, secretKey: String) throws {
    try setZ85Key(ZMQ_CURVE_SERVERKEY, serverKey, name: "ZMQ_CURVE_SERVERKEY")
    try setZ85Key(ZMQ_CURVE_PUBLICKEY, publicKey, name: "ZMQ_CURVE_PUBLICKEY")
    try setZ85Key(ZMQ_CURVE_SECRETKEY, secretKey, name: "ZMQ_CURVE_SECRETKEY")
  }

  /// The endpoint this socket last bound to, with the real port when bound to port 0 or `*`.
  public func lastEndpoint() throws -> String {
    var buffer = [CChar](repeating: 0, count: 512)
    var size = buffer.count
    let rc = buffer.withUnsafeMutableBytes { zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, $0.baseAddress, &size) }
    guard rc == 0 else { throw ZMQError.last("zmq_getsockopt(ZMQ_LAST_ENDPOINT)") }
    let bytes = buffer.prefix(max(0, min(size, buffer.count))).prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The file descriptor libzmq signals when the socket's events may have changed (`ZMQ_FD`).
  ///
  /// It is edge-triggered and only a hint: after it fires (or after any time-out), ask the socket itself
  /// (``hasPendingInput()``) — and only from the thread that currently owns the socket.
  public func notificationDescriptor() throws -> Int32 {
    try integerOption(ZMQ_FD)
  }

  func integerOption(_ option: Int32) throws -> Int32 {
    var value: Int32 = 0
    var size = MemoryLayout<Int32>.size
    guard zmq_getsockopt(handle, option, &value, &size) == 0 else {
      throw ZMQError.last("zmq_getsockopt(\(option))")
    }
    return value
  }

  private func setIntegerOption(_ option: Int32, _ value: Int32, name: String) throws {
    var value = value
    try setRawOption(option, &value, MemoryLayout<Int32>.size, name: name)
  }

  private func setZ85Key(_ option: Int32, _ key: String, name: String) throws {
    // libzmq accepts a Z85 key as exactly 40 characters (or 41 with a terminating NUL).
    let bytes = Array(key.utf8)
    guard bytes.count == 40 else {
      throw ZMQError(
        operation: "zmq_setsockopt(\(name)): a Z85 key has 40 characters, got \(bytes.count)",
        code: EINVAL)
    }
    try bytes.withUnsafeBytes { try setRawOption(option, $0.baseAddress, $0.count, name: name) }
  }

  private func setRawOption(_ option: Int32, _ value: UnsafeRawPointer?, _ size: Int, name: String) throws {
    guard zmq_setsockopt(handle, option, value, size) == 0 else {
      throw ZMQError.last("zmq_setsockopt(\(name))")
    }
  }

  private func clamp32(_ value: Int) -> Int32 {
    Int32(clamping: value)
  }
}
