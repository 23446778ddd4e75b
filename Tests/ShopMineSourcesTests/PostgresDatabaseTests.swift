import Foundation
import ShopMineData
import ShopMineSources
import Synchronization
import XCTest

/// The PostgreSQL engine against a real server (scripts/postgres.sh; `SHOPMINE_PG_URL` names it, the
/// password comes from `PGPASSWORD`): values and types read back as written, names that look like SQL
/// staying names, writes in one transaction, interrupts answered at once, and one clear error per fault.
/// Without a server the tests skip, except when `SHOPMINE_REQUIRE_POSTGRES=1` (CI).
final class PostgresDatabaseTests: XCTestCase {
  var url: String = ""
  var created: [String] = []
  var db: (any Database)?

  override func setUpWithError() throws {
    let env = ProcessInfo.processInfo.environment
    guard let url = env["SHOPMINE_PG_URL"], !url.isEmpty else {
      if env["SHOPMINE_REQUIRE_POSTGRES"] == "1" { XCTFail("SHOPMINE_PG_URL is not set: no PostgreSQL server") }
      throw XCTSkip("no PostgreSQL server (bash scripts/postgres.sh start; export its variables)")
    }
    self.url = url
  }

  override func tearDown() {
    if let db {
      for name in created {
        _ = try? db.fetch("DROP TABLE IF EXISTS \(db.dialect.identifier(name))", types: nil, control: FetchControl())
      }
      db.close()
    }
  }

  /// A connection, and a table name of this test alone (tests of several processes share the database).
  func open() throws -> any Database {
    let db = try Connections.open(url)
    self.db = db
    return db
  }

  func name(_ base: String) -> String {
    let n = "\(base)_\(UUID().uuidString.prefix(8).lowercased())"
    created.append(n)
    return n
  }

  func sample() -> Table { DatabaseContract.sample() }

  func readBack(_ db: any Database, _ table: String) throws -> Table {
    let columns = try db.columns(ofTable: table)
    return try db.fetch(
      SQLQuery.table([table], columns: columns.map { ($0.name, $0.type) }, dialect: db.dialect).text(db.dialect),
      types: columns.map(\.type), control: FetchControl())
  }

  func assertSame(_ a: Table, _ b: Table, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.rowCount, b.rowCount, file: file, line: line)
    XCTAssertEqual(a.columns.map(\.name), b.columns.map(\.name), file: file, line: line)
    for (x, y) in zip(a.columns, b.columns) {
      XCTAssertEqual(x.type, y.type, x.name, file: file, line: line)
      for r in 0..<min(a.rowCount, b.rowCount) {
        XCTAssertEqual(x[r], y[r], "\(x.name) row \(r)", file: file, line: line)
      }
    }
  }

  func testATableWrittenReadsBackToTheSameValuesAndTypes() throws {
    let db = try open()
    let t = name("t")
    try db.write(sample(), to: t, mode: .create, control: FetchControl())
    let columns = try db.columns(ofTable: t)
    XCTAssertEqual(
      columns.map(\.databaseType), ["bigint", "double precision", "boolean", "text", "timestamp without time zone"])
    assertSame(try readBack(db, t), sample())
    // Without the expected types, the values' own types decide.
    let untyped = try db.fetch(
      "SELECT * FROM \(db.dialect.identifier(t)) ORDER BY id", types: nil, control: FetchControl())
    for (a, b) in zip(untyped.columns, sample().columns) {
      for r in 0..<3 { XCTAssertEqual(a[r], b[r], "\(a.name) row \(r)") }
    }
  }

  func testPostgreSQLsOtherTypesReadAsShopMineTypes() throws {
    let db = try open()
    let t = name("types")
    let q = db.dialect.identifier(t)
    for sql in [
      "CREATE TABLE \(q) (a smallint, b integer, c real, d numeric(12, 3), e varchar(5), f char(3), g date, "
        + "h timestamptz, i uuid)",
      "INSERT INTO \(q) VALUES (-3, 2147483647, 0.5, 1234.125, 'héllo', 'ab', '2024-03-01', "
        + "'2024-03-01 12:00:00+02', '00000000-0000-0000-0000-000000000001'), (NULL, NULL, NULL, NULL, NULL, NULL, "
        + "NULL, NULL, NULL)",
    ] { _ = try db.fetch(sql, types: nil, control: FetchControl()) }
    // A uuid is named, with its type, in the error.
    XCTAssertThrowsError(try db.columns(ofTable: t)) { error in
      let message = (error as? TableError)?.message ?? ""
      XCTAssertTrue(message.contains("'i'") && message.contains("uuid"), message)
    }
    let back = try db.fetch(
      "SELECT a, b, c, d, e, f, g, h FROM \(q) ORDER BY a NULLS LAST", types: nil, control: FetchControl())
    let day = Timestamp.make(year: 2024, month: 3, day: 1, hour: 0, minute: 0, second: 0, microsecond: 0)
    XCTAssertEqual(
      (0..<8).map { back.columns[$0][0] },
      [
        .int(-3), .int(2_147_483_647), .float(0.5), .float(1234.125), .string("héllo"), .string("ab "),
        .timestamp(day), .timestamp(day + 10 * 3_600_000_000),
      ])
    XCTAssertTrue((0..<8).allSatisfy { back.columns[$0][1].isMissing })
    XCTAssertThrowsError(try db.fetch("SELECT i FROM \(q)", types: nil, control: FetchControl())) { error in
      XCTAssertTrue((error as? TableError)?.message.contains("UUID") ?? false, "\(error)")
    }
    // A numeric sum of integers comes back as the integer ShopMine computed it to be.
    let sum = try db.fetch("SELECT SUM(b) FROM \(q)", types: [.int], control: FetchControl())
    XCTAssertEqual(sum.columns[0][0], .int(2_147_483_647))
  }

  func testAnEmptyResultKeepsItsColumnsAndTypes() throws {
    let db = try open()
    let t = name("t")
    try db.write(sample(), to: t, mode: .create, control: FetchControl())
    let empty = try db.fetch(
      "SELECT id, city, ts FROM \(db.dialect.identifier(t)) WHERE id < 0", types: nil, control: FetchControl())
    XCTAssertEqual(empty.rowCount, 0)
    XCTAssertEqual(empty.columns.map(\.name), ["id", "city", "ts"])
    XCTAssertEqual(empty.columns.map(\.type), [.int, .string, .timestamp])
    let described = try db.columns(
      ofQuery: "SELECT id * 2 AS twice, price / 2 AS half FROM \(db.dialect.identifier(t))", control: FetchControl())
    XCTAssertEqual(described.map(\.name), ["twice", "half"])
    XCTAssertEqual(described.map(\.type), [.int, .float])
  }

  func testNamesThatLookLikeSQLAreOnlyNames() throws {
    try DatabaseContract.assertNamesThatLookLikeSQLAreOnlyNames(
      try open(), hostile: name("x\"; drop table users; --"), users: name("users"))
  }

  func testATableOfAnotherSchemaIsNamedSchemaDotTable() throws {
    let db = try open()
    let schema = "sales_" + UUID().uuidString.prefix(8).lowercased()
    let control = FetchControl()
    _ = try db.fetch("CREATE SCHEMA \(schema)", types: nil, control: control)
    defer { _ = try? db.fetch("DROP SCHEMA \(schema) CASCADE", types: nil, control: control) }
    _ = try db.fetch("CREATE TABLE \(schema).orders (id bigint, price double precision)", types: nil, control: control)
    _ = try db.fetch("INSERT INTO \(schema).orders VALUES (1, 2.5), (2, 4.0)", types: nil, control: control)
    XCTAssertEqual(try db.tablePath("\(schema).orders"), [schema, "orders"])
    XCTAssertEqual(try db.columns(ofTable: "\(schema).orders").map(\.name), ["id", "price"])
    let query = SQLQuery.table(
      try db.tablePath("\(schema).orders"), columns: [("id", .int), ("price", .float)], dialect: db.dialect)
    XCTAssertEqual(try db.fetch(query.text(db.dialect), types: [.int, .float], control: control).rowCount, 2)
    // `tables` lists it as the name `db.NAME` reads.
    let names = try db.tables().column(named: "name").map { c in (0..<c.count).map { c[$0].displayText } } ?? []
    XCTAssertTrue(names.contains("\(schema).orders"), "\(names)")
    // A table whose name has a dot, in the search path, is that table.
    let dotted = name("with.dot")
    try db.write(sample(), to: dotted, mode: .create, control: control)
    XCTAssertEqual(try db.tablePath(dotted), [dotted])
    XCTAssertEqual(try db.columns(ofTable: dotted).count, sample().columnCount)
  }

  func testCreateRefusesAnExistingTableAndAFailedAppendLeavesTheTableAsItWas() throws {
    let db = try open()
    let t = name("t")
    let table = sample()
    try db.write(table, to: t, mode: .create, control: FetchControl())
    XCTAssertThrowsError(try db.write(table, to: t, mode: .create, control: FetchControl())) { error in
      XCTAssertTrue((error as? TableError)?.message.contains("already exists") ?? false, "\(error)")
    }
    let wider = Table(uncheckedColumns: table.columns + [Column(name: "extra", ints: [1, 2, 3])], rowCount: 3)
    XCTAssertThrowsError(try db.write(wider, to: t, mode: .append, control: FetchControl()))
    func count() throws -> Value {
      try db.fetch("SELECT COUNT(*) FROM \(db.dialect.identifier(t))", types: [.int], control: FetchControl())
        .columns[0][0]
    }
    XCTAssertEqual(try count(), .int(3))
    try db.write(table, to: t, mode: .append, control: FetchControl())
    XCTAssertEqual(try count(), .int(6))
    try db.write(table, to: t, mode: .replace, control: FetchControl())
    XCTAssertEqual(try count(), .int(3))
    // A replace that fails half way (a column the table cannot hold) leaves the old table.
    let bad = Table(uncheckedColumns: [Column(name: "id", strings: ["\u{0}"])], rowCount: 1)
    XCTAssertThrowsError(try db.write(bad, to: t, mode: .replace, control: FetchControl()))
    XCTAssertEqual(try count(), .int(3))
  }

  func testAHundredThousandRowsWriteAndReadQuickly() throws {
    let db = try open()
    let t = name("big")
    let n = 100_000
    let big = Table(
      uncheckedColumns: [
        Column(name: "x", ints: (0..<Int64(n)).map { $0 }), Column(name: "y", floats: (0..<n).map { Double($0) / 7 }),
        Column(name: "s", strings: (0..<n).map { "user \($0 % 977)" }),
        Column(name: "t", timestamps: (0..<Int64(n)).map { $0 * 1_000_003 }),
      ], rowCount: n)
    let started = Date()
    try db.write(big, to: t, mode: .create, control: FetchControl())
    let wrote = Date().timeIntervalSince(started)
    let back = try readBack(db, t)
    let read = Date().timeIntervalSince(started) - wrote
    print("PostgreSQL: wrote \(n) rows × 4 columns in \(wrote) s, read them in \(read) s")
    XCTAssertEqual(back.rowCount, n)
    for c in 0..<4 { XCTAssertEqual(back.columns[c][n - 1], big.columns[c][n - 1]) }
    XCTAssertLessThan(wrote, 30)
  }

  func testAnInterruptedWriteLeavesNothingBehind() throws {
    let db = try open()
    let t = name("big")
    let n = 200_000
    let big = Table(uncheckedColumns: [Column(name: "x", ints: (0..<Int64(n)).map { $0 })], rowCount: n)
    let cancellation = Cancellation()
    let control = FetchControl(
      cancellation: cancellation, progress: { rows in if rows > 10_000 { cancellation.cancel() } })
    XCTAssertThrowsError(try db.write(big, to: t, mode: .create, control: control)) { error in
      XCTAssertEqual((error as? TableError)?.code, .interrupted)
    }
    XCTAssertThrowsError(try db.columns(ofTable: t))
  }

  func testAnInterruptStopsASleepingQueryAtOnceAndTheConnectionStillWorks() throws {
    let db = try open()
    let cancellation = Cancellation()
    let interrupted = Mutex(Date.distantFuture)
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
      interrupted.withLock { $0 = Date() }
      cancellation.cancel()
    }
    XCTAssertThrowsError(
      try db.fetch("SELECT pg_sleep(30)", types: nil, control: FetchControl(cancellation: cancellation))
    ) {
      XCTAssertEqual(($0 as? TableError)?.code, .interrupted)
    }
    let answered = Date().timeIntervalSince(interrupted.withLock { $0 })
    print("PostgreSQL: an interrupt of pg_sleep(30) answered in \(Int(answered * 1000)) ms")
    XCTAssertLessThan(answered, 1)
    let one = try db.fetch("SELECT 1 AS one", types: [.int], control: FetchControl())
    XCTAssertEqual(one.columns[0][0], .int(1))
  }

  func testAZeroDivisorAndAnOverflowAreShopMinesErrorsInTheDatabaseToo() throws {
    let db = try open()
    let t = name("t")
    try db.write(sample(), to: t, mode: .create, control: FetchControl())
    let columns = try db.columns(ofTable: t)
    let proto = Table(uncheckedColumns: sample().columns.map { $0.slice(0..<0) }, rowCount: 0)
    let base = SQLQuery.table([t], columns: columns.map { ($0.name, $0.type) }, dialect: db.dialect)
    let divided = try XCTUnwrap(
      base.deriving(
        "d", .binary(.divide, .column("id"), .literal(.int(0))), type: .float, types: .over(proto), dialect: db.dialect
      ))
    XCTAssertThrowsError(try db.fetch(divided.text(db.dialect), types: nil, control: FetchControl())) {
      XCTAssertEqual(($0 as? TableError)?.code, .divisionByZero)
    }
    let doubled = try XCTUnwrap(
      base.deriving(
        "d", .binary(.multiply, .column("id"), .literal(.int(2))), type: .int, types: .over(proto), dialect: db.dialect)
    )
    XCTAssertThrowsError(try db.fetch(doubled.text(db.dialect), types: nil, control: FetchControl())) {
      XCTAssertEqual(($0 as? TableError)?.code, .overflow)
    }
  }

  func testAWrongPasswordIsOneClearErrorThatNeverShowsThePassword() throws {
    let wrong = url.replacingOccurrences(of: "://analyst@", with: "://analyst:not-the-password@")
    XCTAssertThrowsError(try Connections.open(wrong)) { error in
      let message = (error as? TableError)?.message ?? "\(error)"
      XCTAssertTrue(message.contains("password authentication failed"), message)
      XCTAssertTrue(message.contains("/shop"), message)
      XCTAssertFalse(message.contains("not-the-password"), message)
    }
  }

  func testAnUnknownHostAndARefusedConnectionAreClearErrors() throws {
    let started = Date()
    XCTAssertThrowsError(try Connections.open("postgresql://analyst@no-such-host.invalid:5432/shop")) { error in
      let message = (error as? TableError)?.message ?? "\(error)"
      XCTAssertTrue(message.contains("unknown host 'no-such-host.invalid'"), message)
    }
    XCTAssertThrowsError(try Connections.open("postgresql://analyst@127.0.0.1:1/shop")) { error in
      let message = (error as? TableError)?.message ?? "\(error)"
      XCTAssertTrue(message.contains("connection refused") && message.contains("127.0.0.1:1/shop"), message)
    }
    XCTAssertLessThan(Date().timeIntervalSince(started), 15)
  }

  func testTLSWhenTheURLAsksForItWithTheCertificateCheckedForVerifyFull() throws {
    guard let root = ProcessInfo.processInfo.environment["SHOPMINE_PG_ROOTCERT"],
      let port = ProcessInfo.processInfo.environment["PGPORT"]
    else { throw XCTSkip("the test server has no certificate (openssl missing)") }
    func encrypted(_ url: String) throws -> Value {
      let db = try Connections.open(url)
      defer { db.close() }
      return try db.fetch(
        "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", types: [.bool], control: FetchControl()
      ).columns[0][0]
    }
    let base = "postgresql://analyst@localhost:\(port)/shop"
    XCTAssertEqual(try encrypted(base + "?sslmode=require"), .bool(true))
    XCTAssertEqual(try encrypted(base + "?sslmode=verify-full&sslrootcert=\(root)"), .bool(true))
    XCTAssertEqual(try encrypted(base + "?sslmode=disable"), .bool(false))
    XCTAssertEqual(try encrypted(base), .bool(false))
    // The certificate names localhost, not 127.0.0.1; and without the root it is not trusted.
    for url in [
      "postgresql://analyst@127.0.0.1:\(port)/shop?sslmode=verify-full&sslrootcert=\(root)",
      base + "?sslmode=verify-full",
    ] {
      XCTAssertThrowsError(try Connections.open(url)) { error in
        let message = (error as? TableError)?.message ?? "\(error)"
        XCTAssertTrue(message.contains(":\(port)/shop"), message)
        XCTAssertTrue(message.contains("TLS") || message.contains("certificate"), message)
      }
    }
  }

  func testAFloatRemainderIsCsFmodExactlyWithTheDivisorsSign() throws {
    let db = try open()
    let t = name("mod")
    let tiny = Double.ulpOfOne
    let xs: [Double] = [
      13.45, -13.45, 7 - 7 * tiny, 7 + 7 * tiny, 14 - 14 * tiny, 0.1, -0.1, 1e-300, 0, 21, -21, 1e15 + 0.3,
      4_503_599_627_370_496 + 2, -1.5e17, 6.999999999999999, 123_456.789, -987_654.321, 1e9 / 3,
    ]
    let table = Table(uncheckedColumns: [Column(name: "x", floats: xs)], rowCount: xs.count)
    try db.write(table, to: t, mode: .create, control: FetchControl())
    let base = SQLQuery.table([t], columns: [("x", .float)], dialect: db.dialect)
    for y: Int64 in [7, -7, 3, 1, 1 << 20] {
      let q = try XCTUnwrap(
        base.deriving(
          "r", .binary(.modulo, .column("x"), .literal(.int(y))), type: .float, types: .over(table),
          dialect: db.dialect))
      let back = try db.fetch(q.text(db.dialect), types: [.float, .float], control: FetchControl())
      for (i, x) in xs.enumerated() {
        // ShopMine's float `%`: fmod, then moved by the divisor when the signs differ.
        let r = fmod(x, Double(y))
        let expected = (r != 0 && (r < 0) != (y < 0)) ? r + Double(y) : r
        XCTAssertEqual(back.columns[1][i], .float(expected), "\(x) % \(y)")
      }
    }
  }
}
