import Foundation
import ShopMineData

/// Where and how to connect to PostgreSQL: a `postgresql://` URL completed by libpq's rules, so that a
/// notebook never needs to hold a password.
///
/// Each part comes from the first of: the URL (or its `?host=…&port=…&user=…&dbname=…&sslmode=…`
/// parameters), the environment (`PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGSSLMODE`,
/// `PGCONNECT_TIMEOUT`), the default (`localhost`, 5432, the OS user, the user's name, `prefer`, 10 s).
/// The password is the URL's, else `PGPASSWORD`, else the first matching line of the password file
/// (`PGPASSFILE`, or `~/.pgpass`), which libpq ignores, as here, unless only its owner can read it.
public struct PostgreSQLSettings: Sendable, Equatable {
  public var host: String
  public var port: Int
  public var user: String
  public var password: String?
  public var database: String
  public var sslMode: SSLMode
  /// `sslrootcert`: the CA certificates that `verify-ca` and `verify-full` trust.
  public var rootCertificate: String?
  public var connectTimeoutSeconds: Int

  /// libpq's `sslmode`.
  public enum SSLMode: String, Sendable, CaseIterable {
    case disable, allow, prefer, require
    case verifyCA = "verify-ca"
    case verifyFull = "verify-full"

    /// Whether the connection is encrypted: `require`, `verify-ca` and `verify-full` (TLS or no connection);
    /// `disable`, `allow` and `prefer` connect in plain text (see docs/SOURCES.md).
    public var usesTLS: Bool { self == .require || self == .verifyCA || self == .verifyFull }
  }

  /// A Unix-domain socket directory when `host` is a path (`/var/run/postgresql`), as in libpq.
  public var socketPath: String? {
    host.hasPrefix("/") ? host + "/.s.PGSQL.\(port)" : nil
  }

  /// `host:port/database`, for messages (never the password).
  public var target: String { "\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" }

  /// The URL as `vars` shows it: every part that was decided, and no password.
  public var displayURL: String {
    let mode = sslMode == .prefer ? "" : "?sslmode=\(sslMode.rawValue)"
    return "postgresql://\(Self.percentEncoded(user))@\(target)\(mode)"
  }

  /// Reads `url` (`postgresql://` or `postgres://`), completing it from `environment` and the password
  /// file.
  public static func parse(
    _ url: String, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(TableError) -> PostgreSQLSettings {
    let shown = Connections.redacted(url)
    guard let schemeEnd = url.range(of: "://") else {
      throw TableError.invalidArgument("'\(shown)' is not a PostgreSQL URL: postgresql://user@host:port/database")
    }
    var rest = Substring(url[schemeEnd.upperBound...])
    var parameters: [String: String] = [:]
    if let q = rest.firstIndex(of: "?") {
      for pair in rest[rest.index(after: q)...].split(separator: "&") where !pair.isEmpty {
        let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        parameters[try decoded(kv[0], shown)] = kv.count > 1 ? try decoded(kv[1], shown) : ""
      }
      rest = rest[..<q]
    }
    var path: Substring = ""
    if let slash = rest.firstIndex(of: "/") {
      path = rest[rest.index(after: slash)...]
      rest = rest[..<slash]
    }
    var userInfo: Substring?
    if let at = rest.lastIndex(of: "@") {
      userInfo = rest[..<at]
      rest = rest[rest.index(after: at)...]
    }
    var urlUser: String?
    var urlPassword: String?
    if let userInfo {
      if let colon = userInfo.firstIndex(of: ":") {
        urlUser = try decoded(userInfo[..<colon], shown)
        urlPassword = try decoded(userInfo[userInfo.index(after: colon)...], shown)
      } else {
        urlUser = try decoded(userInfo, shown)
      }
    }
    var urlHost: String?
    var urlPort: String?
    if rest.hasPrefix("[") {
      guard let close = rest.firstIndex(of: "]") else {
        throw TableError.invalidArgument("'\(shown)': an unclosed '['")
      }
      urlHost = String(rest[rest.index(after: rest.startIndex)..<close])
      let after = rest[rest.index(after: close)...]
      if after.hasPrefix(":") { urlPort = String(after.dropFirst()) }
    } else if let colon = rest.lastIndex(of: ":") {
      urlHost = try decoded(rest[..<colon], shown)
      urlPort = String(rest[rest.index(after: colon)...])
    } else if !rest.isEmpty {
      urlHost = try decoded(rest, shown)
    }
    if urlHost?.contains(",") == true {
      throw TableError.invalidArgument("'\(shown)': ShopMine connects to one host, not a list")
    }
    func pick(_ key: String, _ fromURL: String?, _ variable: String) -> String? {
      for candidate in [parameters[key], fromURL, environment[variable]] {
        if let candidate, !candidate.isEmpty { return candidate }
      }
      return nil
    }
    let host = pick("host", urlHost, "PGHOST") ?? "localhost"
    let portText = pick("port", urlPort, "PGPORT") ?? "5432"
    guard let port = Int(portText), (1...65535).contains(port) else {
      throw TableError.invalidArgument("'\(shown)': the port '\(portText)' is not a number from 1 to 65535")
    }
    let osUser = environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()
    let user = pick("user", urlUser, "PGUSER") ?? osUser
    let database = pick("dbname", path.isEmpty ? nil : try decoded(path, shown), "PGDATABASE") ?? user
    let modeText = pick("sslmode", nil, "PGSSLMODE") ?? "prefer"
    guard let sslMode = SSLMode(rawValue: modeText) else {
      throw TableError(
        code: .invalidArgument, message: "'\(shown)': unknown sslmode '\(modeText)'", column: "sslmode",
        candidates: SSLMode.allCases.map(\.rawValue))
    }
    let timeoutText = pick("connect_timeout", nil, "PGCONNECT_TIMEOUT") ?? "10"
    guard let timeout = Int(timeoutText), timeout >= 0 else {
      throw TableError.invalidArgument("'\(shown)': connect_timeout '\(timeoutText)' is not a whole number of seconds")
    }
    var settings = PostgreSQLSettings(
      host: host, port: port, user: user, password: nil, database: database, sslMode: sslMode,
      rootCertificate: pick("sslrootcert", nil, "PGSSLROOTCERT"),
      connectTimeoutSeconds: timeout == 0 ? 10 : max(2, timeout))
    settings.password =
      pick("password", urlPassword, "PGPASSWORD")
      ?? PasswordFile.lookup(settings, environment: environment)
    return settings
  }

  private static func decoded(_ part: Substring, _ shown: String) throws(TableError) -> String {
    guard let text = String(part).removingPercentEncoding else {
      throw TableError.invalidArgument("'\(shown)' has a malformed %-escape")
    }
    return text
  }

  private static func percentEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
  }
}

/// libpq's password file: `hostname:port:database:username:password` lines, `*` matching anything in the
/// first four fields, `\:` and `\\` escapes, `#` comments; ignored unless it is a regular file only its
/// owner can read or write (mode 0600 or stricter).
enum PasswordFile {
  static func lookup(_ settings: PostgreSQLSettings, environment: [String: String]) -> String? {
    let path =
      environment["PGPASSFILE"]
      ?? (environment["HOME"] ?? NSHomeDirectory()).appending("/.pgpass")
    var info = stat()
    guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o077 == 0,
      let text = try? String(contentsOfFile: path, encoding: .utf8)
    else { return nil }
    // libpq matches a socket connection's host as "localhost".
    let host = settings.host.hasPrefix("/") ? "localhost" : settings.host
    let wanted = [host, String(settings.port), settings.database, settings.user]
    for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
      let fields = split(line)
      guard fields.count >= 5 else { continue }
      if zip(fields.prefix(4), wanted).allSatisfy({ $0.0 == "*" || $0.0 == $0.1 }) { return fields[4] }
    }
    return nil
  }

  /// The fields of one line; the last (the password) keeps any further colons.
  static func split(_ line: Substring) -> [String] {
    var fields: [String] = []
    var current = ""
    var escaped = false
    for c in line {
      if escaped {
        current.append(c)
        escaped = false
      } else if c == "\\" {
        escaped = true
      } else if c == ":" && fields.count < 4 {
        fields.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    fields.append(current)
    return fields
  }
}
