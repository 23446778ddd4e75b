import Foundation
import JupyterProtocol
import ShopMineData
import XCTest

@testable import ShopMineLanguage

/// The reshaping and join verbs of issue 24 as written in a cell: the canonical lines, the older spellings,
/// the errors (naming the column or option, with did-you-mean), and joins of every kind in SQLite.
final class ReshapeJoinVerbTests: XCTestCase {
  func table(_ h: Harness, _ name: String) -> Table? {
    guard case .table(let t)? = h.engine.session[name] else { return nil }
    return t
  }

  /// Cells with the column names first (equal tables may encode their strings differently).
  func cells(_ h: Harness, _ name: String) -> [[Value]]? {
    table(h, name).map { t in [t.columnNames.map(Value.string)] + t.rows }
  }

  func testCanonicalLinesRunAsWritten() throws {
    var h = Harness()
    h.runAll([
      "users = generate users 2000 seed 4",
      "orders = generate orders 20000 seed 4",
      "monthly = orders | group by month = date_trunc(\"month\", ts), category aggregate revenue = sum(price * quantity)",
      "wide = monthly | pivot rows month columns category values revenue",
      "long = wide | unpivot columns books, home into category, revenue",
      "everyone = users | join orders on user_id kind outer",
      "never = users | join orders on user_id kind anti",
    ])
    let monthly = try XCTUnwrap(table(h, "monthly"))
    let wide = try XCTUnwrap(table(h, "wide"))
    let categories = try XCTUnwrap(monthly.column(named: "category"))
    let levels = Set((0..<categories.count).map { categories[$0].displayText }).sorted()
    XCTAssertEqual(wide.columnNames, ["month"] + levels)
    XCTAssertEqual(wide.rowCount, Set((0..<monthly.rowCount).map { monthly.rows[$0][0] }).count)
    let long = try XCTUnwrap(table(h, "long"))
    XCTAssertEqual(
      long.columnNames, ["month"] + levels.filter { $0 != "books" && $0 != "home" } + ["category", "revenue"])
    XCTAssertEqual(long.rowCount, 2 * wide.rowCount)
    let users = try XCTUnwrap(table(h, "users"))
    let orders = try XCTUnwrap(table(h, "orders"))
    let never = try XCTUnwrap(table(h, "never"))
    XCTAssertEqual(never.columnNames, users.columnNames)
    let everyone = try XCTUnwrap(table(h, "everyone"))
    let inner = try users.joined(with: orders, on: ["user_id"])
    XCTAssertEqual(everyone.rowCount, inner.rowCount + never.rowCount + orders.rowCount - inner.rowCount)
  }

  func testOlderSpellingsStillWork() throws {
    var h = Harness()
    h.runAll([
      "users = generate users 300 seed 2",
      "a = users | pivot index city columns gender values spend agg sum",
      "b = users | pivot rows city columns gender values spend aggregate sum",
      "c = users | join users on user_id how left",
      "d = users | join users on user_id kind left",
    ])
    XCTAssertEqual(cells(h, "a"), cells(h, "b"))
    XCTAssertEqual(cells(h, "c"), cells(h, "d"))
  }

  func testSuffixesFillAndUnionCommon() throws {
    var h = Harness()
    h.runAll([
      "users = generate users 50 seed 2",
      "j = users | join users on user_id suffixes \"_a\", \"_b\"",
      "p = users | pivot rows city columns gender values spend, age aggregate count fill 0",
      "u = users | union (users | select user_id, city) common",
      "v = users | union (users | select user_id, city)",
    ])
    XCTAssertTrue(table(h, "j")?.columnNames.contains("spend_a") ?? false)
    XCTAssertTrue(table(h, "j")?.columnNames.contains("spend_b") ?? false)
    let p = try XCTUnwrap(table(h, "p"))
    XCTAssertTrue(p.columnNames.dropFirst().allSatisfy { $0.hasPrefix("spend_") || $0.hasPrefix("age_") })
    XCTAssertFalse(p.rows.joined().contains(.missing))
    XCTAssertEqual(table(h, "u")?.columnNames, ["user_id", "city"])
    XCTAssertEqual(table(h, "v")?.rowCount, 100)
  }

  func testErrorsNameTheColumnOrOptionAndTheSessionSurvives() throws {
    var h = Harness()
    h.runAll(["users = generate users 50 seed 2", "t = users | select user_id, city, spend"])
    let mixed = h.run("t | unpivot columns city, spend")
    XCTAssertTrue(
      mixed.plainTraceback?.contains("cannot unpivot string column 'city' and float column 'spend'") ?? false,
      mixed.plainTraceback ?? "")
    let typo = h.run("t | unpivot columns spnd")
    XCTAssertTrue(typo.plainTraceback?.contains("unknown column 'spnd'") ?? false, typo.plainTraceback ?? "")
    XCTAssertTrue(typo.plainTraceback?.contains("spend") ?? false, typo.plainTraceback ?? "")
    let kind = h.run("t | join users on user_id kind outter")
    XCTAssertEqual(
      kind.error?.value,
      "expected 'inner' or 'left' or 'right' or 'outer' or 'semi' or 'anti' for 'kind' of 'join', found 'outter'")
    XCTAssertTrue(kind.plainTraceback?.contains("outer") ?? false, kind.plainTraceback ?? "")
    let both = h.run("t | join users on user_id kind left how inner")
    XCTAssertTrue(both.plainTraceback?.contains("'kind' or 'how'") ?? false, both.plainTraceback ?? "")
    let into = h.run("t | unpivot columns spend into only")
    XCTAssertTrue(into.plainTraceback?.contains("'into' takes two names") ?? false, into.plainTraceback ?? "")
    let pivot = h.run("t | pivot rows city values spend")
    XCTAssertTrue(pivot.plainTraceback?.contains("'pivot' needs 'columns'") ?? false, pivot.plainTraceback ?? "")
    let clash = h.run("t | union (users | derive city = spend | select user_id, city)")
    XCTAssertTrue(
      clash.plainTraceback?.contains("union cannot stack column 'city'") ?? false, clash.plainTraceback ?? "")
    XCTAssertNil(h.run("t | head 1").error)
  }

  /// Each kind joined by the database at `url` (a remote table, not fetched) equals the join in memory.
  func checkEveryJoinKindInTheDatabase(_ url: String) throws {
    var h = Harness()
    h.runAll([
      "users = generate users 200 seed 3", "orders = generate orders 1500 seed 3 | where user_id % 3 != 0",
      "some = users | where user_id % 2 == 0",
      "db = connect \"\(url)\"", "save some to table rj_users in db mode replace",
      "save orders to table rj_orders in db mode replace",
    ])
    for kind in ["inner", "left", "right", "outer", "semi", "anti"] {
      let order = kind == "semi" || kind == "anti" ? "user_id" : "user_id, order_id, product_id, quantity"
      h.runAll([
        "r = db.rj_users | join db.rj_orders on user_id kind \(kind)",
        "a = r | collect | sort \(order)",
        "b = some | join orders on user_id kind \(kind) | sort \(order)",
      ])
      XCTAssertNotNil(h.engine.session["r"]?.object(RemoteTable.self), "\(kind) did not run in \(url)")
      XCTAssertEqual(cells(h, "a"), cells(h, "b"), kind)
    }
  }

  func testEveryJoinKindInSQLiteEqualsTheJoinInMemory() throws {
    try checkEveryJoinKindInTheDatabase("sqlite::memory:")
  }

  func testEveryJoinKindInPostgreSQLEqualsTheJoinInMemory() throws {
    guard let url = ProcessInfo.processInfo.environment["SHOPMINE_PG_URL"] else {
      throw XCTSkip("no PostgreSQL server (SHOPMINE_PG_URL)")
    }
    try checkEveryJoinKindInTheDatabase(url)
  }

  func testAJoinOverTheMemoryBudgetIsRefusedForEveryKindThatGrows() {
    let engine = ShopMineEngine(memoryBudget: MemoryBudget(bytes: 4 << 20))
    func run(_ code: String) -> ExecutionOutcome {
      engine.execute(ExecutionRequest(code: code, allowStdin: false, executionCount: 1), sink: RecordingSink())
    }
    guard case .ok = run("users = generate users 2000 seed 1") else { return XCTFail("generate failed") }
    for kind in ["inner", "left", "right", "outer"] {
      guard case .error(let e) = run("users | join users on gender kind \(kind)") else {
        XCTFail("\(kind): a join of millions of rows ran under a 4 MB budget")
        continue
      }
      XCTAssertTrue(e.traceback.joined().contains("memory"), "\(kind): \(e.traceback.joined())")
    }
    guard case .ok = run("n = users | join users on gender kind semi") else { return XCTFail("semi join failed") }
  }
}
