import ShopMineData
import XCTest

@testable import ShopMineSynthetic

/// Column names, types and row counts of every kind, and the errors for bad arguments.
final class ShapeAndErrorTests: XCTestCase {
  private func schema(_ table: Table) -> [String] {
    table.columns.map { "\($0.name):\($0.type.rawValue)" }
  }

  func testEveryKindHasItsDocumentedColumnsAndExactRowCount() throws {
    let expected: [String: [String]] = [
      "users": [
        "user_id:int", "age:int", "gender:string", "city:string", "signup_date:timestamp", "browse_time:float",
        "purchase_freq:float", "spend:float", "review_count:int", "rating:float", "churned:bool", "segment:string",
      ],
      "products": ["product_id:int", "name:string", "category:string", "price:float", "cost:float", "stock:int"],
      "orders": [
        "order_id:int", "user_id:int", "product_id:int", "category:string", "price:float", "quantity:int",
        "payment:string", "ts:timestamp", "is_anomaly:bool",
      ],
      "reviews": [
        "review_id:int", "user_id:int", "product_id:int", "rating:int", "text:string", "ts:timestamp",
      ],
      "events": ["event_id:int", "user_id:int", "product_id:int", "event:string", "ts:timestamp"],
    ]
    for kind in SyntheticShop.kinds {
      let table = try SyntheticShop.generate(kind, count: 257, seed: 1)
      XCTAssertEqual(schema(table), expected[kind], kind)
      XCTAssertEqual(table.rowCount, 257, kind)
      XCTAssertTrue(table.columns.allSatisfy { $0.count == 257 && $0.missingCount == 0 }, kind)
    }
  }

  func testZeroRowsGiveEmptyTablesWithTheSameColumns() throws {
    for kind in SyntheticShop.kinds {
      let table = try SyntheticShop.generate(kind, count: 0, seed: 5)
      XCTAssertEqual(table.rowCount, 0, kind)
      XCTAssertEqual(table.columnCount, try SyntheticShop.generate(kind, count: 3, seed: 5).columnCount, kind)
    }
  }

  func testColumnNamesOfAKindAreTheColumnsItGenerates() throws {
    for kind in SyntheticShop.kinds {
      XCTAssertEqual(
        SyntheticShop.columnNames(of: kind), try SyntheticShop.generate(kind, count: 5, seed: 3).columnNames, kind)
    }
    XCTAssertEqual(SyntheticShop.columnNames(of: "orders")?.first, "order_id")
    XCTAssertNil(SyntheticShop.columnNames(of: "customers"))
  }

  func testKindsAndDescriptionsAgree() {
    XCTAssertEqual(SyntheticShop.kinds, ["users", "products", "orders", "reviews", "events"])
    XCTAssertEqual(SyntheticShop.kindDescriptions.map(\.kind), SyntheticShop.kinds)
  }

  func testUnknownKindIsAnErrorListingTheKinds() {
    XCTAssertThrowsError(try SyntheticShop.generate("user", count: 10, seed: 1)) { error in
      guard let error = error as? TableError else { return XCTFail("not a TableError: \(error)") }
      XCTAssertEqual(error.code, .invalidArgument)
      XCTAssertEqual(
        error.message, "generate: unknown kind 'user'; expected one of users, products, orders, reviews, events")
      XCTAssertEqual(error.candidates, SyntheticShop.kinds)
    }
  }

  func testNegativeAndHugeCountsAreErrors() {
    XCTAssertThrowsError(try SyntheticShop.generate("orders", count: -1, seed: 1)) { error in
      XCTAssertEqual(
        (error as? TableError)?.message, "generate orders: row count must be between 0 and 20000000, got -1")
    }
    XCTAssertThrowsError(try SyntheticShop.users(count: 20_000_001, seed: 1)) { error in
      XCTAssertEqual(
        (error as? TableError)?.message, "generate users: row count must be between 0 and 20000000, got 20000001")
    }
    XCTAssertThrowsError(try SyntheticShop.orders(count: 10, seed: 1, userCount: 0)) { error in
      XCTAssertEqual(
        (error as? TableError)?.message, "generate orders: user count must be between 1 and 1000000, got 0")
    }
  }

  func testMoreReviewsThanDistinctPairsIsAnError() throws {
    XCTAssertThrowsError(try SyntheticShop.reviews(count: 7, seed: 1, userCount: 2, productCount: 3)) { error in
      XCTAssertEqual(
        (error as? TableError)?.message,
        "generate reviews: 7 reviews cannot all be distinct (user, product) pairs of 2 users × 3 products")
    }
    // Exactly every pair is allowed, and then every pair appears once.
    let all = try SyntheticShop.reviews(count: 6, seed: 1, userCount: 2, productCount: 3)
    let users = try Ints.of(all, "user_id")
    let products = try Ints.of(all, "product_id")
    XCTAssertEqual(Set(zip(users, products).map { "\($0)-\($1)" }).count, 6)
  }

  func testCancelledGenerationThrowsInterruptedForEveryKind() {
    let token = Cancellation()
    token.cancel()
    for kind in SyntheticShop.kinds {
      XCTAssertThrowsError(try SyntheticShop.generate(kind, count: 100, seed: 1, cancellation: token), kind) { error in
        XCTAssertEqual((error as? TableError)?.code, .interrupted, kind)
      }
    }
  }
}

/// Typed column access for tests.
enum Ints {
  static func of(_ table: Table, _ name: String) throws -> [Int64] {
    let column = try table.requireColumn(name)
    switch column.storage {
    case .int(let values), .timestamp(let values): return values
    default: throw TableError.typeMismatch("\(name) is not an integer column", column: name)
    }
  }
}

enum Floats {
  static func of(_ table: Table, _ name: String) throws -> [Double] {
    guard case .float(let values) = try table.requireColumn(name).storage else {
      throw TableError.typeMismatch("\(name) is not a float column", column: name)
    }
    return values
  }
}

enum Bools {
  static func of(_ table: Table, _ name: String) throws -> [Bool] {
    guard case .bool(let values) = try table.requireColumn(name).storage else {
      throw TableError.typeMismatch("\(name) is not a bool column", column: name)
    }
    return values
  }
}

enum Strings {
  static func of(_ table: Table, _ name: String) throws -> [String] {
    guard case .string(let codes, let dictionary) = try table.requireColumn(name).storage else {
      throw TableError.typeMismatch("\(name) is not a string column", column: name)
    }
    return codes.map { dictionary[Int($0)] }
  }
}
