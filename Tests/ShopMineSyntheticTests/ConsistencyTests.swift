import ShopMineData
import XCTest

@testable import ShopMineSynthetic

/// Ids mean the same user and product in every table of a seed; ids, times and ranges are well formed.
final class ConsistencyTests: XCTestCase {
  func testUsersAndProductsArePrefixStable() throws {
    let small = try SyntheticShop.users(count: 100, seed: 42)
    let large = try SyntheticShop.users(count: 2000, seed: 42)
    XCTAssertEqual(
      TableDump.csv(small), TableDump.csv(large).split(separator: "\n").prefix(101).joined(separator: "\n") + "\n")
    let fewProducts = try SyntheticShop.products(count: 50, seed: 3)
    let products = try SyntheticShop.products(count: 500, seed: 3)
    XCTAssertEqual(
      TableDump.csv(fewProducts),
      TableDump.csv(products).split(separator: "\n").prefix(51).joined(separator: "\n") + "\n")
  }

  func testIdsAreOneToN() throws {
    XCTAssertEqual(try Ints.of(try SyntheticShop.users(count: 300, seed: 4), "user_id"), (1...300).map { Int64($0) })
    XCTAssertEqual(
      try Ints.of(try SyntheticShop.products(count: 300, seed: 4), "product_id"), (1...300).map { Int64($0) })
    XCTAssertEqual(
      try Ints.of(try SyntheticShop.reviews(count: 300, seed: 4), "review_id"), (1...300).map { Int64($0) })
    XCTAssertEqual(try Ints.of(try SyntheticShop.events(count: 300, seed: 4), "event_id"), (1...300).map { Int64($0) })
  }

  func testOrdersReferenceDefaultUsersAndProductsAndAgreeWithTheProductsTable() throws {
    let orders = try SyntheticShop.orders(count: 20000, seed: 3)
    let products = try SyntheticShop.products(count: 500, seed: 3)
    let users = try Ints.of(orders, "user_id")
    let productIDs = try Ints.of(orders, "product_id")
    XCTAssertGreaterThanOrEqual(users.min() ?? 0, 1)
    XCTAssertLessThanOrEqual(users.max() ?? 0, 2000)
    XCTAssertGreaterThan(Set(users).count, 1700, "most of the 2000 default users order")
    XCTAssertEqual(productIDs.min(), 1)
    XCTAssertLessThanOrEqual(productIDs.max() ?? 0, 500)
    let catalogue = try Strings.of(products, "category")
    let lineCategory = try Strings.of(orders, "category")
    for (i, p) in productIDs.enumerated() {
      XCTAssertEqual(lineCategory[i], catalogue[Int(p) - 1], "line \(i + 1)")
      if lineCategory[i] != catalogue[Int(p) - 1] { break }
    }
    // Every bundle product carries its fixed name and category.
    let names = try Strings.of(products, "name")
    for bundle in SyntheticShop.bundles {
      for (k, id) in bundle.productIDs.enumerated() {
        XCTAssertEqual(names[Int(id) - 1], bundle.names[k])
        XCTAssertEqual(catalogue[Int(id) - 1], bundle.categories[k])
      }
    }
  }

  func testOrderIdsFollowTimeAndLinesOfAnOrderShareUserPaymentAndTime() throws {
    let orders = try SyntheticShop.orders(count: 20000, seed: 11)
    let ids = try Ints.of(orders, "order_id")
    let ts = try Ints.of(orders, "ts")
    let users = try Ints.of(orders, "user_id")
    let payment = try Strings.of(orders, "payment")
    XCTAssertEqual(ids.first, 1)
    for i in 1..<ids.count {
      XCTAssertTrue(ids[i] == ids[i - 1] || ids[i] == ids[i - 1] + 1, "order ids are contiguous at line \(i + 1)")
      XCTAssertGreaterThanOrEqual(ts[i], ts[i - 1], "time order at line \(i + 1)")
      if ids[i] == ids[i - 1] {
        XCTAssertEqual(users[i], users[i - 1])
        XCTAssertEqual(payment[i], payment[i - 1])
        XCTAssertEqual(ts[i], ts[i - 1])
      }
    }
    XCTAssertGreaterThanOrEqual(ts.min() ?? 0, ShopCalendar.yearStart)
    XCTAssertLessThan(ts.max() ?? .max, ShopCalendar.yearEnd)
    XCTAssertEqual(Set(payment), ["alipay", "wechat", "card", "cod"])
    // Lines per order average about 2.2 (1 + Poisson(0.8) taste lines, plus bundles in 18 % of orders).
    let orderCount = Double(ids.last ?? 0)
    XCTAssertEqual(20000 / orderCount, 2.2, accuracy: 0.1)
  }

  func testBasketsNeverRepeatAProduct() throws {
    let orders = try SyntheticShop.orders(count: 20000, seed: 3)
    let ids = try Ints.of(orders, "order_id")
    let products = try Ints.of(orders, "product_id")
    var pairs = Set<Int64>()
    for i in ids.indices { XCTAssertTrue(pairs.insert(ids[i] * 1000 + products[i]).inserted) }
  }

  func testUsersHavePlausibleDemographics() throws {
    let users = try SyntheticShop.users(count: 2000, seed: 42)
    let age = try Ints.of(users, "age")
    XCTAssertGreaterThanOrEqual(age.min() ?? 0, 18)
    XCTAssertLessThanOrEqual(age.max() ?? 99, 70)
    XCTAssertEqual(Set(try Strings.of(users, "gender")), ["F", "M"])
    XCTAssertEqual(Set(try Strings.of(users, "city")), Set(Cities.names))
    let signup = try Ints.of(users, "signup_date")
    XCTAssertGreaterThanOrEqual(signup.min() ?? 0, ShopCalendar.signupStart)
    XCTAssertLessThan(signup.max() ?? .max, ShopCalendar.yearStart)
    XCTAssertTrue(signup.allSatisfy { $0 % 86_400_000_000 == 0 }, "sign-up dates are midnights")
    let rating = try Floats.of(users, "rating")
    XCTAssertTrue(rating.allSatisfy { $0 >= 1 && $0 <= 5 })
  }

  func testCanonicalFilterOfIssueThreeFindsRows() throws {
    // `users | where spend > 500 and city == "Shanghai" | sort spend desc | head 5` must show five rows.
    let users = try SyntheticShop.users(count: 100, seed: 42)
    let spend = try Floats.of(users, "spend")
    let city = try Strings.of(users, "city")
    XCTAssertEqual(spend.indices.filter { spend[$0] > 500 && city[$0] == "Shanghai" }.count, 5)
  }

  func testReviewsAreDistinctPairsInTimeOrder() throws {
    let reviews = try SyntheticShop.reviews(count: 20000, seed: 3)
    let users = try Ints.of(reviews, "user_id")
    let products = try Ints.of(reviews, "product_id")
    XCTAssertEqual(Set(users.indices.map { users[$0] * 1000 + products[$0] }).count, 20000)
    let ts = try Ints.of(reviews, "ts")
    XCTAssertEqual(ts, ts.sorted())
    let rating = try Ints.of(reviews, "rating")
    XCTAssertEqual(Set(rating), [1, 2, 3, 4, 5])
  }

  func testEventsFollowTheFunnel() throws {
    let events = try SyntheticShop.events(count: 20000, seed: 3)
    let kind = try Strings.of(events, "event")
    let users = try Ints.of(events, "user_id")
    let products = try Ints.of(events, "product_id")
    let ts = try Ints.of(events, "ts")
    XCTAssertEqual(ts, ts.sorted())
    var counts: [String: Int] = [:]
    for k in kind { counts[k, default: 0] += 1 }
    XCTAssertEqual(counts, ["view": 13881, "favorite": 1108, "cart": 3445, "purchase": 1566])
    // Every cart follows a view, every purchase a cart, of the same user and product.
    var viewed = Set<Int64>()
    var carted = Set<Int64>()
    for i in kind.indices {
      let key = users[i] * 1000 + products[i]
      switch kind[i] {
      case "view": viewed.insert(key)
      case "cart":
        XCTAssertTrue(viewed.contains(key), "cart without view at event \(i + 1)")
        carted.insert(key)
      case "purchase": XCTAssertTrue(carted.contains(key), "purchase without cart at event \(i + 1)")
      default: XCTAssertTrue(viewed.contains(key), "favorite without view at event \(i + 1)")
      }
    }
  }
}
