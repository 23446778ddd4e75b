import Foundation
import ShopMineData
import ShopMineSources
import XCTest

/// The SQLite engine through the seam every database implements: writing in one transaction, reading
/// back to the same values and types, names that look like SQL staying names, and an interrupt stopping
/// a query that would never end.
final class SQLiteDatabaseTests: XCTestCase {
  func sample() -> Table { DatabaseContract.sample() }

  func open() throws -> any Database { try Connections.open("sqlite::memory:") }

  func testATableWrittenReadsBackToTheSameValuesAndTypes() throws {
    let db = try open()
    let table = sample()
    try db.write(table, to: "t", mode: .create, control: FetchControl())
    let columns = try db.columns(ofTable: "t")
    XCTAssertEqual(columns.map(\.type), table.columns.map(\.type))
    let back = try db.fetch(
      SQLQuery.table(["t"], columns: columns.map { ($0.name, $0.type) }, dialect: db.dialect).text(db.dialect),
      types: columns.map(\.type), control: FetchControl())
    XCTAssertEqual(back.rowCount, table.rowCount)
    for (a, b) in zip(back.columns, table.columns) {
      for r in 0..<table.rowCount { XCTAssertEqual(a[r], b[r], "\(a.name) row \(r)") }
    }
  }

  func testNamesThatLookLikeSQLAreOnlyNames() throws {
    try DatabaseContract.assertNamesThatLookLikeSQLAreOnlyNames(
      try open(), hostile: "x\"; drop table users; --", users: "users")
  }

  func testCreateRefusesAnExistingTableAndAFailedAppendLeavesTheTableAsItWas() throws {
    let db = try open()
    let table = sample()
    try db.write(table, to: "t", mode: .create, control: FetchControl())
    XCTAssertThrowsError(try db.write(table, to: "t", mode: .create, control: FetchControl())) { error in
      XCTAssertTrue((error as? TableError)?.message.contains("already exists") ?? false, "\(error)")
    }
    let wider = Table(uncheckedColumns: table.columns + [Column(name: "extra", ints: [1, 2, 3])], rowCount: 3)
    XCTAssertThrowsError(try db.write(wider, to: "t", mode: .append, control: FetchControl()))
    let count = try db.fetch("SELECT COUNT(*) FROM \"t\"", types: [.int], control: FetchControl())
    XCTAssertEqual(count.columns[0][0], .int(3))
    try db.write(table, to: "t", mode: .append, control: FetchControl())
    try db.write(table, to: "t", mode: .replace, control: FetchControl())
    let after = try db.fetch("SELECT COUNT(*) FROM \"t\"", types: [.int], control: FetchControl())
    XCTAssertEqual(after.columns[0][0], .int(3))
  }

  func testAnInterruptedWriteLeavesNothingBehind() throws {
    let db = try open()
    let n = 200_000
    let big = Table(uncheckedColumns: [Column(name: "x", ints: (0..<Int64(n)).map { $0 })], rowCount: n)
    let cancellation = Cancellation()
    let control = FetchControl(
      cancellation: cancellation, progress: { rows in if rows > 10_000 { cancellation.cancel() } })
    XCTAssertThrowsError(try db.write(big, to: "big", mode: .create, control: control)) { error in
      XCTAssertEqual((error as? TableError)?.code, .interrupted)
    }
    XCTAssertEqual(try db.tables().rowCount, 0)
  }

  func testAnInterruptStopsAQueryThatWouldNotEnd() throws {
    let db = try open()
    let cancellation = Cancellation()
    let started = Date()
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { cancellation.cancel() }
    let endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c"
    XCTAssertThrowsError(try db.fetch(endless, types: nil, control: FetchControl(cancellation: cancellation))) {
      XCTAssertEqual(($0 as? TableError)?.code, .interrupted)
    }
    XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    // The connection still answers.
    let one = try db.fetch("SELECT 1", types: [.int], control: FetchControl())
    XCTAssertEqual(one.columns[0][0], .int(1))
  }

  func testAZeroDivisorIsShopMinesErrorInTheDatabaseToo() throws {
    let db = try open()
    try db.write(sample(), to: "t", mode: .create, control: FetchControl())
    let columns = try db.columns(ofTable: "t")
    let proto = Table(uncheckedColumns: sample().columns.map { $0.slice(0..<0) }, rowCount: 0)
    let q = try XCTUnwrap(
      SQLQuery.table(["t"], columns: columns.map { ($0.name, $0.type) }, dialect: db.dialect)
        .deriving(
          "d", .binary(.divide, .column("id"), .literal(.int(0))), type: .float, types: .over(proto),
          dialect: db.dialect))
    XCTAssertThrowsError(try db.fetch(q.text(db.dialect), types: nil, control: FetchControl())) {
      XCTAssertEqual(($0 as? TableError)?.code, .divisionByZero)
    }
  }
}
