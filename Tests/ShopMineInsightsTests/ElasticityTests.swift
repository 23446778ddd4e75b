import ShopMineData
import XCTest

@testable import ShopMineInsights

final class ElasticityTests: XCTestCase {
  private func fit() throws -> ElasticityResult {
    let data = try FixtureFiles.table("elasticity_data.csv", ints: ["quantity"], floats: ["price"])
    return try Elasticity.estimate(data, options: ElasticityOptions(group: "category"))
  }

  func testMatchesNumpyLeastSquaresPerGroup() throws {
    let result = try fit()
    let expected = try FixtureFiles.csv("elasticity_expected.csv")
    let h = expected.header
    XCTAssertEqual(result.estimates.map(\.group), ["books", "electronics", "toys"])
    for (i, row) in expected.rows.enumerated() {
      func x(_ name: String) throws -> Double {
        try XCTUnwrap(Double(row[try XCTUnwrap(h.firstIndex(of: name))]))
      }
      let e = result.estimates[i]
      XCTAssertEqual(e.group, row[0])
      XCTAssertEqual(e.elasticity, try x("elasticity"), accuracy: 1e-10)
      XCTAssertEqual(e.intercept, try x("intercept"), accuracy: 1e-10)
      XCTAssertEqual(e.standardError, try x("se"), accuracy: 1e-12)
      XCTAssertEqual(e.ciLow, try x("ci_low"), accuracy: 1e-10)
      XCTAssertEqual(e.ciHigh, try x("ci_high"), accuracy: 1e-10)
      XCTAssertEqual(e.rSquared, try x("r2"), accuracy: 1e-10)
      XCTAssertEqual(e.n, 400)
      XCTAssertEqual(e.linearA, try x("linear_a"), accuracy: 1e-8)
      XCTAssertEqual(e.linearB, try x("linear_b"), accuracy: 1e-10)
      XCTAssertEqual(e.priceMin, try x("price_min"))
      XCTAssertEqual(e.priceMax, try x("price_max"))
    }
  }

  func testRecoversPlantedElasticitiesWithinATenth() throws {
    let result = try fit()
    let planted = ["books": -1.8, "electronics": -0.6, "toys": -2.5]
    for e in result.estimates {
      XCTAssertEqual(e.elasticity, try XCTUnwrap(planted[e.group]), accuracy: 0.1, e.group)
      XCTAssertLessThan(e.ciLow, e.elasticity)
      XCTAssertGreaterThan(e.ciHigh, e.elasticity)
    }
    XCTAssertEqual(try result.table.stringsForTest("category"), ["books", "electronics", "toys"])
    XCTAssertEqual(
      result.table.columnNames,
      [
        "category", "elasticity", "std_error", "ci_low", "ci_high", "r2", "n", "intercept", "price_min",
        "price_max", "linear_a", "linear_b", "note",
      ])
    XCTAssertEqual(result.observations.rowCount, 1200)
  }

  func testFittedCurveIsConstantElasticityAcrossTheObservedRange() throws {
    let result = try fit()
    let e = try XCTUnwrap(result.estimate(for: "books"))
    let curve = try result.curve(for: "books", points: 5)
    let p = try curve.doublesForTest("price")
    let q = try curve.doublesForTest("quantity")
    XCTAssertEqual(p.first ?? 0, 8.05, accuracy: 1e-12)
    XCTAssertEqual(p.last ?? 0, 17.88, accuracy: 1e-12)
    XCTAssertEqual(q[2], exp(e.intercept) * pow(p[2], e.elasticity), accuracy: 1e-9)
    XCTAssertThrowsError(try result.curve(for: "garden")) {
      XCTAssertEqual(($0 as? TableError)?.message, "no elasticity estimate for group 'garden'")
    }
    XCTAssertEqual(result.observations(for: "toys").rowCount, 400)
  }

  func testPricePointAggregationAveragesQuantityPerPrice() throws {
    // Prices 1, 2, 4 with mean quantities 8, 4, 2: ln Q = ln 8 − 1·ln P exactly.
    let t = try Table(columns: [
      Column(name: "price", floats: [1, 1, 2, 2, 2, 4, 0]),
      Column(name: "quantity", ints: [6, 10, 4, 3, 5, 2, 9]),
    ])
    let r = try Elasticity.estimate(t, options: ElasticityOptions(aggregation: .pricePoint))
    let e = try XCTUnwrap(r.estimates.first)
    XCTAssertEqual(e.group, "all")
    XCTAssertEqual(e.n, 3)
    XCTAssertEqual(e.dropped, 1)  // the price-0 point has no logarithm
    XCTAssertEqual(e.elasticity, -1, accuracy: 1e-12)
    XCTAssertEqual(e.intercept, log(8), accuracy: 1e-12)
    XCTAssertEqual(e.rSquared, 1, accuracy: 1e-12)
    XCTAssertEqual(e.standardError, 0, accuracy: 1e-7)
  }

  func testDayAggregationSumsQuantityAndAveragesPrice() throws {
    let day: Int64 = 86_400_000_000
    let t = try Table(columns: [
      Column(name: "price", floats: [1, 3, 4, 4]),
      Column(name: "quantity", ints: [4, 4, 1, 1]),
      Column(name: "ts", timestamps: [0, day - 1, day, 2 * day]),
    ])
    let r = try Elasticity.estimate(t, options: ElasticityOptions(aggregation: .day(time: "ts")))
    // Day 0: mean price 2, quantity 8; days 1 and 2: price 4, quantity 1 → slope ln(1/8)/ln 2 = −3.
    XCTAssertEqual(try r.observations.doublesForTest("price"), [2, 4, 4])
    XCTAssertEqual(try r.observations.doublesForTest("quantity"), [8, 1, 1])
    XCTAssertEqual(r.estimates.first?.elasticity ?? 0, -3, accuracy: 1e-12)
  }

  func testConstantPriceGroupsExplainWhyThereIsNoEstimate() throws {
    let t = try Table(columns: [
      Column(name: "g", strings: ["a", "a", "b"]),
      Column(name: "price", floats: [5, 5, 2]),
      Column(name: "quantity", floats: [1, 2, 3]),
    ])
    let r = try Elasticity.estimate(t, options: ElasticityOptions(group: "g"))
    XCTAssertEqual(r.estimates[0].note, "every observation has the same price; the slope is undefined")
    XCTAssertEqual(r.estimates[1].note, "needs at least 2 observations with positive price and quantity, has 1")
    XCTAssertEqual(try r.table.stringsForTest("elasticity"), ["missing", "missing"])
  }
}

final class PriceOptimizerTests: XCTestCase {
  private func estimate(_ eps: Double, a: Double = 100, b: Double = 2, min: Double = 5, max: Double = 40)
    -> ElasticityEstimate
  {
    ElasticityEstimate(
      group: "books", elasticity: eps, intercept: 5, standardError: 0.1, ciLow: eps - 0.2, ciHigh: eps + 0.2,
      rSquared: 0.9, n: 100, dropped: 0, priceMin: min, priceMax: max, linearA: a, linearB: b, note: "")
  }

  func testConstantElasticityProfitOptimumIsMarkupRule() {
    let r = PriceOptimizer.optimum(estimate(-2), model: .constantElasticity, hasCost: true, cost: 10)
    XCTAssertEqual(r.price, 20)  // c·ε/(1+ε) = 10·(−2)/(−1)
    XCTAssertEqual(r.status, "ok")
    XCTAssertFalse(r.extrapolated)
    XCTAssertEqual(r.quantity, exp(5) * pow(20, -2), accuracy: 1e-12)
    XCTAssertEqual(r.profit, 10 * exp(5) / 400, accuracy: 1e-12)
  }

  func testOptimumOutsideTheDataIsClampedAndFlagged() {
    let r = PriceOptimizer.optimum(estimate(-1.25), model: .constantElasticity, hasCost: true, cost: 12.5)
    XCTAssertEqual(r.unclampedPrice, 62.5)
    XCTAssertEqual(r.price, 40)
    XCTAssertTrue(r.extrapolated)
    XCTAssertEqual(r.status, "clamped to the highest observed price 40.00 (optimum 62.50 is outside the data)")
  }

  func testInelasticDemandHasNoInteriorOptimum() {
    let profit = PriceOptimizer.optimum(estimate(-0.58), model: .constantElasticity, hasCost: true, cost: 10)
    XCTAssertTrue(profit.price.isNaN)
    XCTAssertEqual(
      profit.status,
      "no interior profit optimum: demand is inelastic (ε = −0.58 ≥ −1), so profit keeps rising with the price")
    let revenue = PriceOptimizer.optimum(estimate(-1.8), model: .constantElasticity, hasCost: false, cost: nil)
    XCTAssertTrue(revenue.price.isNaN)
    XCTAssertEqual(
      revenue.status,
      "no interior revenue optimum: demand is elastic (ε = −1.80 < −1), so revenue keeps rising as the price falls")
  }

  func testLinearDemandOptima() {
    let revenue = PriceOptimizer.optimum(estimate(-1.5), model: .linear, hasCost: false, cost: nil)
    XCTAssertEqual(revenue.price, 25)  // a/(2b) = 100/4
    XCTAssertEqual(revenue.quantity, 50)
    XCTAssertEqual(revenue.revenue, 1250)
    let profit = PriceOptimizer.optimum(estimate(-1.5), model: .linear, hasCost: true, cost: 10)
    XCTAssertEqual(profit.price, 30)  // (a + b·c)/(2b) = 120/4
    XCTAssertEqual(profit.profit, 800)
    let rising = PriceOptimizer.optimum(estimate(-1.5, b: -1), model: .linear, hasCost: false, cost: nil)
    XCTAssertEqual(rising.status, "no interior optimum: the fitted demand does not fall as the price rises (b ≤ 0)")
  }

  func testCostTableKeyedByGroupColumn() throws {
    let data = try FixtureFiles.table("elasticity_data.csv", ints: ["quantity"], floats: ["price"])
    let el = try Elasticity.estimate(data, options: ElasticityOptions(group: "category"))
    let costs = try Table(columns: [
      Column(name: "category", strings: ["toys", "books"]), Column(name: "cost", floats: [15, 6]),
    ])
    let (prices, table) = try PriceOptimizer.optimize(el, cost: .table(costs, key: "category", cost: nil))
    let books = prices[0]
    XCTAssertEqual(books.unitCost, 6)
    XCTAssertEqual(books.price, 6 * books.elasticity / (1 + books.elasticity), accuracy: 1e-12)
    XCTAssertEqual(prices[1].status, "no unit cost for 'electronics' in the cost table")
    XCTAssertEqual(prices[2].unitCost, 15)
    XCTAssertEqual(try table.stringsForTest("category"), ["books", "electronics", "toys"])
    XCTAssertEqual(try table.stringsForTest("objective"), ["profit", "profit", "profit"])
    let bad = try Table(columns: [Column(name: "category", strings: ["toys"]), Column(name: "name", strings: ["x"])])
    XCTAssertThrowsError(try PriceOptimizer.optimize(el, cost: .table(bad, key: "category", cost: nil))) {
      XCTAssertEqual(
        ($0 as? TableError)?.message,
        "optimize: the cost table needs a column named 'cost' (or exactly one numeric column besides 'category'); it has category, name"
      )
    }
  }
}
