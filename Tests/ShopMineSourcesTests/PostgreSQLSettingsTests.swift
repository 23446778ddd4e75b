import Foundation
import ShopMineData
import ShopMineSources
import XCTest

/// `postgresql://` URLs completed by libpq's rules: the environment, the password file (only when only its
/// owner can read it), and a display form that never holds the password.
final class PostgreSQLSettingsTests: XCTestCase {
  func testTheURLsPartsWinOverTheEnvironmentWhichWinsOverDefaults() throws {
    let env = ["PGHOST": "db.example", "PGPORT": "6543", "PGUSER": "env-user", "PGDATABASE": "envdb", "USER": "me"]
    let full = try PostgreSQLSettings.parse(
      "postgresql://analyst:s%40cret@localhost:5433/shop?sslmode=require", environment: env)
    XCTAssertEqual(full.host, "localhost")
    XCTAssertEqual(full.port, 5433)
    XCTAssertEqual(full.user, "analyst")
    XCTAssertEqual(full.password, "s@cret")
    XCTAssertEqual(full.database, "shop")
    XCTAssertEqual(full.sslMode, .require)
    XCTAssertEqual(full.displayURL, "postgresql://analyst@localhost:5433/shop?sslmode=require")
    let bare = try PostgreSQLSettings.parse("postgres://", environment: env)
    XCTAssertEqual(
      [bare.host, String(bare.port), bare.user, bare.database], ["db.example", "6543", "env-user", "envdb"])
    XCTAssertEqual(bare.sslMode, .prefer)
    let defaults = try PostgreSQLSettings.parse("postgresql:///", environment: ["USER": "me", "HOME": "/nonexistent"])
    XCTAssertEqual(
      [defaults.host, String(defaults.port), defaults.user, defaults.database], ["localhost", "5432", "me", "me"])
    XCTAssertNil(defaults.password)
    let v6 = try PostgreSQLSettings.parse("postgresql://u@[::1]:7000/d", environment: [:])
    XCTAssertEqual(v6.host, "::1")
    XCTAssertEqual(v6.port, 7000)
    XCTAssertThrowsError(try PostgreSQLSettings.parse("postgresql://u@h/d?sslmode=sometimes", environment: [:]))
    XCTAssertThrowsError(try PostgreSQLSettings.parse("postgresql://u:pw@h:notaport/d", environment: [:])) { error in
      XCTAssertFalse("\(error)".contains("pw"), "\(error)")
    }
  }

  func testThePasswordComesFromPGPASSWORDThenTheOwnersPasswordFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("pgpass").path
    let lines = [
      "# comment", "other:5432:shop:analyst:wrong-host", "db\\:x:*:shop:analyst:escaped-host",
      "db.example:5432:*:analyst:pa\\:ss:word", "*:*:*:*:fallback",
    ]
    try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
    chmod(file, 0o600)
    var env = ["PGPASSFILE": file]
    func password(_ url: String) throws -> String? { try PostgreSQLSettings.parse(url, environment: env).password }
    XCTAssertEqual(try password("postgresql://analyst@db.example:5432/shop"), "pa:ss:word")
    XCTAssertEqual(try password("postgresql://analyst@db%3Ax:1/shop"), "escaped-host")
    XCTAssertEqual(try password("postgresql://someone@elsewhere/x"), "fallback")
    env["PGPASSWORD"] = "from-env"
    XCTAssertEqual(try password("postgresql://analyst@db.example:5432/shop"), "from-env")
    XCTAssertEqual(try password("postgresql://analyst:in-url@db.example:5432/shop"), "in-url")
    env["PGPASSWORD"] = nil
    // Readable by others: ignored, as libpq does.
    chmod(file, 0o644)
    XCTAssertNil(try password("postgresql://analyst@db.example:5432/shop"))
  }

  func testDisplayURLsAndRedactionNeverShowThePassword() throws {
    let s = try PostgreSQLSettings.parse("postgresql://analyst:secret@h/shop?password=other", environment: [:])
    XCTAssertFalse(s.displayURL.contains("secret") || s.displayURL.contains("other"), s.displayURL)
    XCTAssertEqual(Connections.redacted("postgresql://analyst:secret@h/shop"), "postgresql://analyst@h/shop")
  }

  /// A server that accepts the connection and never answers: an interrupt stops `connect` long before its
  /// 30-second timeout, as an interrupt, and nothing is left waiting.
  func testAnInterruptStopsAConnectToAServerThatNeverAnswers() throws {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    XCTAssertGreaterThanOrEqual(listener, 0)
    defer { close(listener) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p in
        bind(listener, p, length) == 0 && listen(listener, 4) == 0 && getsockname(listener, p, &length) == 0
      }
    }
    XCTAssertTrue(bound)
    let port = Int(UInt16(bigEndian: address.sin_port))
    let cancellation = Cancellation()
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { cancellation.cancel() }
    let started = Date()
    XCTAssertThrowsError(
      try Connections.open(
        "postgresql://analyst:x@127.0.0.1:\(port)/shop?connect_timeout=30", cancellation: cancellation)
    ) {
      XCTAssertEqual(($0 as? TableError)?.code, .interrupted, "\($0)")
    }
    XCTAssertLessThan(Date().timeIntervalSince(started), 10, "the interrupt did not stop the connect")
  }
}
