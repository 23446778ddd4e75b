import ShopMineData
import XCTest

@testable import ShopMineLanguage

/// A table of one row and one column stands for its value wherever a single value goes: shares of a total
/// without a join on a constant key.
final class OneCellTableTests: XCTestCase {
  func testAOneCellTableIsItsValueInExpressionsAndOptions() throws {
    var h = Harness()
    h.runAll([
      "orders = generate orders 500 seed 3",
      "total = orders | group aggregate s = sum(price)",
      "shares = orders | derive share = price / total",
      "k = orders | group aggregate n = distinct(category) | derive n = n - 5",
    ])
    guard case .table(let orders)? = h.engine.session["orders"], case .table(let shares)? = h.engine.session["shares"]
    else { return XCTFail("no tables") }
    let prices = try XCTUnwrap(orders.column(named: "price")?.numericDoubles()?.0)
    let sum = prices.reduce(0, +)
    let share = try XCTUnwrap(shares.column(named: "share")?.numericDoubles()?.0)
    for (p, s) in zip(prices, share) { XCTAssertEqual(s, p / sum, accuracy: 1e-12) }
    let doubled = try XCTUnwrap(Double((h.run("total * 2").result ?? "").replacingOccurrences(of: ",", with: "")))
    XCTAssertEqual(doubled, 2 * sum, accuracy: 1e-6 * sum)
    // As an option's value: the number of clusters computed in a cell.
    let fit = h.run("km = kmeans orders k k on price, quantity seed 0")
    XCTAssertNil(fit.error, fit.plainTraceback ?? "")
  }

  func testATableOfSeveralCellsIsRefusedWithWhatToDo() {
    var h = Harness()
    h.run("orders = generate orders 50 seed 3")
    let r = h.run("orders * 2")
    XCTAssertEqual(r.error?.value, "expected a single value here, not a table")
    let traceback = r.plainTraceback ?? ""
    XCTAssertTrue(traceback.contains("a table is a value only with one row and one column"), traceback)
    XCTAssertTrue(traceback.contains("aggregate or `head 1`"), traceback)
  }
}
