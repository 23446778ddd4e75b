import ShopMineData
import XCTest

@testable import ShopMineLanguage

/// `group by` keys that are expressions (`group by parity = StoreID % 2`), mixed with column names: the
/// same table as deriving the key first and grouping by it, in memory and in a database.
final class GroupKeyTests: XCTestCase {
  func table(_ h: Harness, _ name: String) -> Table? {
    guard case .table(let t)? = h.engine.session[name] else { return nil }
    return t
  }

  /// A table's column names and cells (equal tables may encode their strings differently).
  func cells(_ h: Harness, _ name: String) -> [[Value]]? {
    table(h, name).map { t in [t.columnNames.map(Value.string)] + (0..<t.rowCount).map { r in t.columns.map { $0[r] } }
    }
  }

  func testAComputedKeyGroupsAsTheDerivedColumnWould() throws {
    var h = Harness()
    h.runAll([
      "t = generate orders 3000 seed 7",
      "a = t | group by parity = order_id % 2, category aggregate n = count(), s = sum(price * quantity)",
      "b = t | derive parity = order_id % 2 | group by parity, category aggregate n = count(), s = sum(price * quantity)",
      "c = t | group by day = date(ts) aggregate n = count()",
      "d = t | derive day = date(ts) | group by day aggregate n = count()",
    ])
    let a = try XCTUnwrap(table(h, "a"))
    XCTAssertEqual(a.columnNames, ["parity", "category", "n", "s"])
    XCTAssertEqual(a, table(h, "b"))
    let parity = try XCTUnwrap(a.column(named: "parity"))
    XCTAssertEqual(Set((0..<parity.count).map { parity[$0] }), [.int(0), .int(1)])
    XCTAssertEqual(table(h, "c"), table(h, "d"))
    XCTAssertEqual(table(h, "c")?.column(named: "day")?.type, .timestamp)
  }

  func testAComputedKeyRunsInTheDatabaseAsOneQuery() throws {
    var h = Harness()
    h.runAll([
      "t = generate orders 3000 seed 7", "db = connect \"sqlite::memory:\"", "save t to table t in db",
      "p = db.t | group by parity = order_id % 2, category aggregate n = count()",
      "a = p | collect", "b = t | group by parity = order_id % 2, category aggregate n = count()",
    ])
    XCTAssertNotNil(h.engine.session["p"]?.object(RemoteTable.self), "the computed key did not run in SQLite")
    XCTAssertEqual(cells(h, "a"), cells(h, "b"))
  }

  func testAComputedKeyNamedLikeAColumnAndAnUnknownColumnAreRefused() {
    var h = Harness()
    h.run("t = generate orders 100 seed 7")
    let clash = h.run("t | group by price = round(price) aggregate n = count()")
    XCTAssertTrue(
      clash.plainTraceback?.contains("the key 'price' is already a column") ?? false, clash.plainTraceback ?? "")
    XCTAssertTrue(clash.plainTraceback?.contains("price_key = …") ?? false, clash.plainTraceback ?? "")
    let unknown = h.run("t | group by categry aggregate n = count()")
    XCTAssertTrue(unknown.plainTraceback?.contains("unknown column 'categry'") ?? false, unknown.plainTraceback ?? "")
    XCTAssertTrue(unknown.plainTraceback?.contains("category") ?? false, unknown.plainTraceback ?? "")
  }
}
