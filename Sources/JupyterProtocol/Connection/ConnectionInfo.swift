/// The contents of a Jupyter connection file: where the five channels listen and how messages are signed.
public struct ConnectionInfo: Sendable, Hashable {
  /// `tcp` (host and port) or `ipc` (a Unix socket path made of `ip` and the port number).
  public enum Transport: String, Sendable, Hashable {
    case tcp, ipc
  }

  /// The five kernel channels.
  public enum Channel: String, Sendable, Hashable, CaseIterable {
    case shell, iopub, stdin, control, heartbeat = "hb"
  }

  public var transport: Transport
  /// Host to bind for tcp (any address, `0.0.0.0` for remote kernels, IPv6 allowed); path prefix for ipc.
  public var ip: String
  public var shellPort: Int
  public var iopubPort: Int
  public var stdinPort: Int
  public var controlPort: Int
  public var heartbeatPort: Int
  /// The HMAC key (UTF-8); empty means unsigned messages.
  public var key: String
  public var signatureScheme: String
  public var kernelName: String?
  /// CurveZMQ server keys (Z85), present when the client asked for transport encryption.
  public var curvePublicKey: String?
  public var curveSecretKey: String?

  public init(
    transport: Transport = .tcp, ip: String = "127.0.0.1", shellPort: Int, iopubPort: Int,
    stdinPort: Int, controlPort: Int, heartbeatPort: Int, key: String = "",
    signatureScheme: String = MessageSigner.supportedScheme, kernelName: String? = nil,
    curvePublicKey: String? = nil, curveSecretKey: String? = nil
  ) {
    self.transport = transport
    self.ip = ip
    self.shellPort = shellPort
    self.iopubPort = iopubPort
    self.stdinPort = stdinPort
    self.controlPort = controlPort
    self.heartbeatPort = heartbeatPort
    self.key = key
    self.signatureScheme = signatureScheme
    self.kernelName = kernelName
    self.curvePublicKey = curvePublicKey
    self.curveSecretKey = curveSecretKey
  }

  /// Parses a connection file's bytes; every problem names the field at fault.
  public init(json bytes: [UInt8]) throws(ConnectionFileError) {
    let document: JSONValue
    do {
      document = try JSONParser().parse(bytes)
    } catch {
      throw ConnectionFileError("not valid JSON: \(error)")
    }
    guard case .object(let fields) = document else { throw ConnectionFileError("expected a JSON object") }

    func string(_ key: String, default fallback: String? = nil) throws(ConnectionFileError) -> String {
      switch fields[key] {
      case .string(let s)?: return s
      case nil, .null?:
        if let fallback { return fallback }
        throw ConnectionFileError("missing '\(key)'")
      default: throw ConnectionFileError("'\(key)' must be a string")
      }
    }
    func port(_ key: String, transport: Transport) throws(ConnectionFileError) -> Int {
      guard let value = fields[key] else { throw ConnectionFileError("missing '\(key)'") }
      guard let number = value.intValue else { throw ConnectionFileError("'\(key)' must be an integer") }
      let range = transport == .tcp ? 1...65535 : 0...Int(Int32.max)
      guard range.contains(number) else {
        throw ConnectionFileError("'\(key)' is \(number), expected \(range.lowerBound)...\(range.upperBound)")
      }
      return number
    }

    let transportName = try string("transport", default: "tcp")
    guard let transport = Transport(rawValue: transportName) else {
      throw ConnectionFileError("unsupported transport '\(transportName)' (expected tcp or ipc)")
    }
    let scheme = try string("signature_scheme", default: MessageSigner.supportedScheme)
    guard scheme == MessageSigner.supportedScheme else {
      throw ConnectionFileError("unsupported signature_scheme '\(scheme)' (expected hmac-sha256)")
    }
    let ip = try string("ip", default: "127.0.0.1")
    guard !ip.isEmpty else { throw ConnectionFileError("'ip' is empty") }
    let publicKey = fields["curve_publickey"]?.stringValue
    let secretKey = fields["curve_secretkey"]?.stringValue
    if (publicKey == nil) != (secretKey == nil) {
      throw ConnectionFileError("'curve_publickey' and 'curve_secretkey' must be given together")
    }
    if let secretKey, secretKey.utf8.count != 40 {
      throw ConnectionFileError("'curve_secretkey' must be a 40-character Z85 key")
    }
    self.init(
      transport: transport, ip: ip,
      shellPort: try port("shell_port", transport: transport),
      iopubPort: try port("iopub_port", transport: transport),
      stdinPort: try port("stdin_port", transport: transport),
      controlPort: try port("control_port", transport: transport),
      heartbeatPort: try port("hb_port", transport: transport),
      key: try string("key", default: ""), signatureScheme: scheme,
      kernelName: fields["kernel_name"]?.stringValue, curvePublicKey: publicKey, curveSecretKey: secretKey)
  }

  /// The port (or ipc suffix) of `channel`.
  public func port(of channel: Channel) -> Int {
    switch channel {
    case .shell: return shellPort
    case .iopub: return iopubPort
    case .stdin: return stdinPort
    case .control: return controlPort
    case .heartbeat: return heartbeatPort
    }
  }

  /// Whether `ip` is an IPv6 address (the socket then needs `ZMQ_IPV6`).
  public var isIPv6: Bool { transport == .tcp && ip.contains(":") }

  /// The ZeroMQ endpoint to bind `channel` to: `tcp://ip:port` (IPv6 in brackets) or `ipc://ip-port`, the
  /// naming jupyter_client uses for ipc.
  public func endpoint(_ channel: Channel) -> String {
    let port = port(of: channel)
    switch transport {
    case .tcp:
      let host = isIPv6 && !ip.hasPrefix("[") ? "[\(ip)]" : ip
      return "tcp://\(host):\(port)"
    case .ipc:
      return "ipc://\(ip)-\(port)"
    }
  }

  /// Whether the channels must be CurveZMQ servers.
  public var usesCurve: Bool { curveSecretKey != nil }

  /// The signer for this connection's key.
  public var signer: MessageSigner { MessageSigner(key: Array(key.utf8)) }
}

/// A connection file that cannot be used, with the reason.
public struct ConnectionFileError: Error, Sendable, Hashable, CustomStringConvertible {
  public let reason: String
  public init(_ reason: String) { self.reason = reason }
  public var description: String { "connection file: \(reason)" }
}
