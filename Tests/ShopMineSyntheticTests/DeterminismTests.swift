import ShopMineData
import XCTest

@testable import ShopMineSynthetic

/// Same seed ⇒ same bytes: repeated runs agree, and golden fingerprints and first rows pin the output so
/// any change to the generator (or to the platform's libm) is caught.
final class DeterminismTests: XCTestCase {
  func testTwoRunsWithTheSameSeedAreIdentical() throws {
    for kind in SyntheticShop.kinds {
      let a = try SyntheticShop.generate(kind, count: 3000, seed: 42)
      let b = try SyntheticShop.generate(kind, count: 3000, seed: 42)
      XCTAssertEqual(a, b, kind)
      XCTAssertEqual(TableDump.csv(a), TableDump.csv(b), kind)
    }
  }

  /// Orders, reviews and events draw from a world kept between calls (``ShopWorld/shared``): a table must not
  /// depend on whether its world was built for it, kept from an earlier table or rebuilt after eviction.
  func testAKeptWorldGivesTheSameTablesAsAFreshlyBuiltOne() throws {
    func evict() throws {
      for seed in 1000..<(1000 + Int64(ShopWorld.cachedWorlds)) { _ = try SyntheticShop.orders(count: 1, seed: seed) }
    }
    for kind in ["orders", "reviews", "events"] {
      try evict()
      let built = try SyntheticShop.generate(kind, count: 2000, seed: 77)
      let kept = try SyntheticShop.generate(kind, count: 2000, seed: 77)
      try evict()
      let rebuilt = try SyntheticShop.generate(kind, count: 2000, seed: 77)
      XCTAssertEqual(TableDump.csv(built), TableDump.csv(kept), kind)
      XCTAssertEqual(TableDump.csv(built), TableDump.csv(rebuilt), kind)
    }
    // The shared world is the world its key describes, field by field, for kept and for too-large worlds.
    for (users, products) in [(2000, 500), (ShopWorld.cachedUserLimit + 1, 40)] {
      let shared = ShopWorld.shared(seed: 9, userCount: users, productCount: products)
      let direct = ShopWorld(seed: 9, userCount: users, productCount: products)
      XCTAssertEqual(shared.users.map(\.spend), direct.users.map(\.spend))
      XCTAssertEqual(shared.users.map(\.primaryTaste), direct.users.map(\.primaryTaste))
      XCTAssertEqual(shared.products.map(\.popularity), direct.products.map(\.popularity))
      XCTAssertEqual(shared.tastes.preference, direct.tastes.preference)
    }
  }

  func testDifferentSeedsGiveDifferentTables() throws {
    for kind in SyntheticShop.kinds {
      XCTAssertNotEqual(
        try SyntheticShop.generate(kind, count: 200, seed: 1), try SyntheticShop.generate(kind, count: 200, seed: 2),
        kind)
    }
  }

  func testGoldenFingerprints() throws {
    let golden: [(String, Int, Int64, String)] = [
      ("users", 100, 42, "7426f3f832c2cca7"),
      ("products", 500, 3, "33a2482791de215c"),
      ("orders", 5000, 42, "20a8082eba45cd6e"),
      ("reviews", 2000, 5, "a6cebef24e0b3f79"),
      ("events", 2000, 3, "ce955b50dcd625c2"),
    ]
    for (kind, count, seed, fingerprint) in golden {
      let table = try SyntheticShop.generate(kind, count: count, seed: seed)
      XCTAssertEqual(TableDump.fingerprint(table), fingerprint, "\(kind) \(count) seed \(seed)")
    }
  }

  func testGoldenFirstRowsOfUsers() throws {
    let lines = TableDump.csv(try SyntheticShop.users(count: 3, seed: 42)).split(separator: "\n")
    XCTAssertEqual(
      lines,
      [
        "user_id,age,gender,city,signup_date,browse_time,purchase_freq,spend,review_count,rating,churned,segment",
        "1,24,F,Hangzhou,1621209600000000,65.9,3.6,501.59,13,4.4,false,bargain",
        "2,29,M,Shenzhen,1577836800000000,41.2,8.0,1621.93,26,4.9,false,loyal",
        "3,36,M,Shanghai,1552435200000000,40.9,8.8,1911.75,24,4.5,false,loyal",
      ])
  }

  func testGoldenFirstRowsOfOrders() throws {
    // A 4-line table holds the first orders generated, numbered in time order.
    let lines = TableDump.csv(try SyntheticShop.orders(count: 4, seed: 3)).split(separator: "\n")
    XCTAssertEqual(
      lines,
      [
        "order_id,user_id,product_id,category,price,quantity,payment,ts,is_anomaly",
        "1,469,135,clothing,132.22,2,alipay,1707579766000000,false",
        "1,469,146,clothing,118.3,3,alipay,1707579766000000,false",
        "2,1841,73,clothing,83.99,6,wechat,1713549578000000,false",
        "2,1841,182,beauty,82.0,2,wechat,1713549578000000,false",
      ])
  }

  func testGoldenFirstRowsOfProductsReviewsAndEvents() throws {
    XCTAssertEqual(
      TableDump.csv(try SyntheticShop.products(count: 3, seed: 3)).split(separator: "\n"),
      [
        "product_id,name,category,price,cost,stock",
        "1,Roasted Chili Sauce,food,20.83,11.27,9",
        "2,Illustrated Business Strategy Book,books,31.23,14.08,40",
        "3,Glass Bath Towel,home,97.23,53.37,132",
      ])
    XCTAssertEqual(
      TableDump.csv(try SyntheticShop.reviews(count: 3, seed: 3)).split(separator: "\n"),
      [
        "review_id,user_id,product_id,rating,text,ts",
        "1,1284,99,5,Fantastic value! Minor flaws but still good. Bought it as a gift.,1709397928000000",
        "2,819,337,5,Absolutely love it! Would definitely buy again. Bought it as a gift.,1718584350000000",
        "3,1889,373,3,Average quality. It does the job.,1731334903000000",
      ])
    XCTAssertEqual(
      TableDump.csv(try SyntheticShop.events(count: 3, seed: 3)).split(separator: "\n"),
      [
        "event_id,user_id,product_id,event,ts",
        "1,1496,277,view,1708095450000000",
        "2,1496,250,view,1708095672000000",
        "3,271,47,view,1725105450000000",
      ])
  }

  func testNegativeSeedsAreValidAndDistinct() throws {
    let a = try SyntheticShop.users(count: 50, seed: -1)
    XCTAssertEqual(a, try SyntheticShop.users(count: 50, seed: -1))
    XCTAssertNotEqual(a, try SyntheticShop.users(count: 50, seed: 1))
  }

  func testStringColumnsAreEncodedInFirstAppearanceOrderLikeColumnFromStrings() throws {
    let orders = try SyntheticShop.orders(count: 500, seed: 8)
    for name in ["category", "payment"] {
      let column = try orders.requireColumn(name)
      XCTAssertEqual(column, Column(name: name, strings: try Strings.of(orders, name)), name)
    }
  }
}
