import ShopMineData

/// `connect URL`: the database a URL names, by its scheme.
public enum Connections {
  /// An engine ShopMine connects to: the URL schemes it answers and how it opens one (an interrupt
  /// while connecting stops it).
  public struct Engine: Sendable {
    public var schemes: [String]
    public var open: @Sendable (String, Cancellation) throws(TableError) -> any Database
  }

  /// Every engine, one entry each.
  public static let engines: [Engine] = [
    Engine(schemes: ["sqlite"], open: { url, _ throws(TableError) in try openSQLite(url) }),
    Engine(
      schemes: ["postgresql", "postgres"],
      open: { url, cancellation throws(TableError) in
        try PostgreSQLDatabase(settings: PostgreSQLSettings.parse(url), cancellation: cancellation)
      }),
  ]

  /// Opens the database `url` names.
  public static func open(_ url: String, cancellation: Cancellation = .none) throws(TableError) -> any Database {
    let scheme = url.prefix { $0 != ":" }.lowercased()
    guard url.contains(":"), let engine = engines.first(where: { $0.schemes.contains(scheme) }) else {
      let known = engines.flatMap(\.schemes)
      throw TableError(
        code: .invalidArgument,
        message:
          "unknown database URL '\(redacted(url))': it starts with \(known.map { "'\($0):'" }.joined(separator: " or "))",
        column: String(scheme), candidates: known)
    }
    return try engine.open(url, cancellation)
  }

  /// `sqlite:PATH`, `sqlite:///absolute/path`, `sqlite::memory:`.
  static func openSQLite(_ url: String) throws(TableError) -> any Database {
    var path = String(url.dropFirst("sqlite:".count))
    if path.hasPrefix("//") { path.removeFirst(2) }
    guard !path.isEmpty else {
      throw TableError.invalidArgument("'sqlite:' needs a file: connect \"sqlite:shop.db\" (or \"sqlite::memory:\")")
    }
    return try SQLiteDatabase(path: path, displayURL: url)
  }

  /// The URL without its password (`postgresql://analyst:secret@host` → `postgresql://analyst@host`).
  public static func redacted(_ url: String) -> String {
    guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
    let userInfo = url[scheme.upperBound..<at]
    guard let colon = userInfo.firstIndex(of: ":") else { return url }
    return String(url[..<colon]) + String(url[at...])
  }
}
