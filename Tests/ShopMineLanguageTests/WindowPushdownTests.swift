import Foundation
import ShopMineData
import XCTest

@testable import ShopMineLanguage

/// Window functions on a database table run as SQL window functions where the database gives what memory
/// gives, and in memory where it would not (no row order, a time span): checked against the same pipeline on
/// the table in memory. SQLite always; PostgreSQL too when `SHOPMINE_PG_URL` names a server.
final class WindowPushdownTests: XCTestCase {
  static let order = "ts, order_id, product_id"
  /// Pipelines that must run in the database, and whether their row order is fixed.
  static let pushed: [(steps: String, ordered: Bool)] = [
    ("sort \(order) | derive p = lag(price), c = cumsum(quantity), m = rolling_mean(d, 3), r = row_number()", true),
    (
      "sort \(order) | derive df = diff(quantity), l = lead(d, 2), t = ntile(4) over (by category order \(order)), "
        + "mx = rolling_max(price, 5), cm = cummin(d), s = rolling_sum(quantity, 4), f = lag(quantity, 2, 0)", true
    ),
    (
      "derive n = row_number() over (by user_id order \(order)), f = first(price) over (by user_id order \(order)), "
        + "z = last(d) over (by category order \(order)), k = cumcount() over (by payment order \(order))", false
    ),
    (
      "derive k = dense_rank(price desc) over (by category), r = rank(d) over (by category), "
        + "pr = percent_rank(quantity) over (by payment), rn = rank() over (by category order quantity desc)", false
    ),
    ("sort \(order) | derive p = lag(price) | where p > 50 | derive q = lag(p)", true),
    ("where price > 20 | sort \(order) | derive c = cumsum(price) over (by category) | head 50", true),
  ]
  /// Pipelines that must fall back to memory: no row order, or a time span.
  static let inMemory = [
    "derive p = lag(price)", "sort ts | derive m = rolling_mean(price, 7 days) over (order ts)",
    "sort \(order) | derive g = pct_change(price), s = rolling_std(price, 3)",
  ]

  func check(url: String) throws {
    var h = Harness()
    for line in [
      "db = connect \"\(url)\"",
      "mem = generate orders 1500 seed 5 | derive d = if(quantity == 2, missing, price)",
      "save mem to table window_pushdown in db mode replace",
    ] {
      let run = h.run(line)
      XCTAssertNil(run.error, "\(line): \(run.plainTraceback ?? "")")
    }
    for (steps, ordered) in Self.pushed {
      let pushed = h.run("p = db.window_pushdown | \(steps)")
      XCTAssertNil(pushed.error, "\(steps): \(pushed.plainTraceback ?? "")")
      XCTAssertNotNil(h.engine.session["p"]?.object(RemoteTable.self), "not run in the database: \(steps)")
      XCTAssertNil(h.run("a = p | collect").error, steps)
      XCTAssertNil(h.run("b = mem | \(steps)").error, steps)
      guard case .table(let a)? = h.engine.session["a"], case .table(let b)? = h.engine.session["b"] else {
        XCTFail("no tables for \(steps)")
        continue
      }
      PushdownPropertyTests.assertSame(a, b, ordered: ordered, steps)
    }
    for steps in Self.inMemory {
      let run = h.run("p = db.window_pushdown | \(steps)")
      XCTAssertNil(run.error, "\(steps): \(run.plainTraceback ?? "")")
      XCTAssertNil(h.engine.session["p"]?.object(RemoteTable.self), "pushed although it must not be: \(steps)")
    }
  }

  func testWindowsRunInSQLiteGiveWhatTheyGiveInMemory() throws {
    try check(url: "sqlite::memory:")
  }

  func testWindowsRunInPostgreSQLGiveWhatTheyGiveInMemory() throws {
    guard let url = ProcessInfo.processInfo.environment["SHOPMINE_PG_URL"] else {
      throw XCTSkip("SHOPMINE_PG_URL is not set (the test command starts a server and sets it)")
    }
    try check(url: url)
  }
}
