import PostgresNIO
import ShopMineData

/// PostgreSQL's binary values as ShopMine values, and ShopMine values as bound parameters.
///
/// postgres-nio asks for every result column in binary format: integers and floats big-endian, `timestamp`
/// and `timestamptz` microseconds since 2000-01-01 (UTC, as the session's time zone is UTC), `date` days
/// since then, `numeric` PostgreSQL's base-10000 digits (read through postgres-nio's `PostgresNumeric`).
enum PostgreSQLValues {
  /// Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01.
  static let epochOffset: Int64 = 946_684_800_000_000

  /// The value of one cell; `infinity` timestamps and `NaN` numerics read as missing.
  static func value(_ cell: PostgresCell) throws(TableError) -> Value {
    guard var bytes = cell.bytes else { return .missing }
    let type = cell.dataType
    func fail() -> TableError {
      TableError.database(
        "column '\(cell.columnName)' has PostgreSQL type \(type.knownSQLName ?? "oid \(type.rawValue)"), which "
          + "ShopMine does not read: cast it in SQL (to text, bigint, double precision, boolean or timestamp)",
        column: cell.columnName)
    }
    guard cell.format == .binary else {
      // Only a type postgres-nio asks in text would come here; text is what it says.
      return .string(bytes.readString(length: bytes.readableBytes) ?? "")
    }
    switch type {
    case .bool: return bytes.readInteger(as: UInt8.self).map { .bool($0 != 0) } ?? .missing
    case .int2: return bytes.readInteger(as: Int16.self).map { .int(Int64($0)) } ?? .missing
    case .int4: return bytes.readInteger(as: Int32.self).map { .int(Int64($0)) } ?? .missing
    case .int8: return bytes.readInteger(as: Int64.self).map { .int($0) } ?? .missing
    case .float4:
      return bytes.readInteger(as: UInt32.self).map { .float(Double(Float(bitPattern: $0))) } ?? .missing
    case .float8: return bytes.readInteger(as: UInt64.self).map { .float(Double(bitPattern: $0)) } ?? .missing
    case .numeric:
      guard let text = PostgresData(type: .numeric, formatCode: .binary, value: bytes).numeric?.string else {
        return .missing
      }
      if let i = Int64(text) { return .int(i) }
      guard let d = Double(text), !d.isNaN else { return .missing }
      return .float(d)
    case .text, .varchar, .bpchar, .name, .char:
      return .string(bytes.readString(length: bytes.readableBytes) ?? "")
    case .timestamp, .timestamptz:
      guard let t = bytes.readInteger(as: Int64.self), t != .max, t != .min else { return .missing }
      let (sum, overflow) = t.addingReportingOverflow(epochOffset)
      return overflow ? .missing : .timestamp(sum)
    case .date:
      guard let d = bytes.readInteger(as: Int32.self), d != .max, d != .min else { return .missing }
      return .timestamp(Int64(d) * 86_400_000_000 + epochOffset)
    default:
      if type.rawValue == 705 {  // `unknown`: an untyped literal, sent as its text
        return .string(bytes.readString(length: bytes.readableBytes) ?? "")
      }
      throw fail()
    }
  }

  /// Appends `value` as a parameter: NaN (ShopMine's missing float) as NULL, a timestamp as the text the
  /// statement casts.
  static func bind(_ value: Value, into binds: inout PostgresBindings) {
    switch value {
    case .missing: binds.appendNull()
    case .int(let i): binds.append(i)
    case .float(let d): d.isNaN ? binds.appendNull() : binds.append(d)
    case .bool(let b): binds.append(b)
    case .string(let s): binds.append(s)
    case .timestamp(let t): binds.append(PostgreSQLDialect.timestampText(t))
    }
  }
}

/// postgres-nio's errors as one clear ShopMine error each, naming the server and database.
enum PostgreSQLErrors {
  static func tableError(_ error: any Error, _ settings: PostgreSQLSettings, doing what: String) -> TableError {
    if let e = error as? TableError { return e }
    let at = "PostgreSQL at \(settings.target)"
    guard let e = error as? PSQLError else {
      return TableError.database("\(at): \(String(describing: error)) (\(what))")
    }
    switch e.code {
    case .server:
      let state = e.serverInfo?[.sqlState] ?? ""
      let message = e.serverInfo?[.message] ?? "an error"
      switch state {
      case "22012": return .divisionByZero
      case "22003": return .overflow(in: "the query")
      case "57014": return .interrupted
      case "28P01", "28000":
        return TableError.database(
          "\(at): \(message). The password comes from the URL's environment: PGPASSWORD, or a line "
            + "'\(settings.host):\(settings.port):\(settings.database):\(settings.user):PASSWORD' in ~/.pgpass "
            + "(mode 0600), never the notebook")
      case "3D000": return TableError.database("\(at): \(message)")
      case "57P01", "57P02", "57P03":
        return TableError.database("\(at): the server is shutting down or restarting (\(message)); connect again")
      default:
        var text = "\(at): \(message)"
        if let detail = e.serverInfo?[.detail] { text += " — \(detail)" }
        if let hint = e.serverInfo?[.hint] { text += " (hint: \(hint))" }
        return TableError.database("\(text) (\(what))")
      }
    case .connectionError:
      return TableError.database("cannot connect to \(at): \(reason(e.underlying)) (\(what))")
    case .serverClosedConnection, .uncleanShutdown:
      return TableError.database(
        "\(at) closed the connection (\(what)): the server stopped or the network failed; connect again")
    case .clientClosedConnection:
      return TableError.database("the connection to \(at) is closed (\(what)): connect again")
    case .authMechanismRequiresPassword:
      return TableError.database(
        "\(at) asks user '\(settings.user)' for a password: set PGPASSWORD or add a line to ~/.pgpass "
          + "(mode 0600); never write it in the notebook")
    case .sslUnsupported:
      return TableError.database(
        "\(at) does not accept TLS, which sslmode=\(settings.sslMode.rawValue) requires")
    default:
      return TableError.database("\(at): \(e.code) \(e.underlying.map { reason($0) } ?? "") (\(what))")
    }
  }

  /// Why a connection failed, in words: an unknown host, a refused connection, a timeout.
  private static func reason(_ error: (any Error)?) -> String {
    guard let error else { return "the connection failed" }
    if let e = error as? NIOConnectionError {
      if e.connectionErrors.isEmpty, e.dnsAError != nil || e.dnsAAAAError != nil {
        return "unknown host '\(e.host)'"
      }
      if let first = e.connectionErrors.first { return reason(first.error) }
    }
    if error is ChannelError, case .connectTimeout = error as? ChannelError { return "the connection timed out" }
    if let e = error as? IOError {
      switch e.errnoCode {
      case ECONNREFUSED: return "connection refused (is the server running, on this port?)"
      case ENOENT: return "no server socket there (is the server running?)"
      case EHOSTUNREACH, ENETUNREACH: return "the host is unreachable"
      default: return e.description
      }
    }
    if let e = error as? SocketAddressError, case .unknown(let host, _) = e { return "unknown host '\(host)'" }
    if error is NIOSSLError { return "TLS failed: \(error)" }
    return String(describing: error)
  }
}
