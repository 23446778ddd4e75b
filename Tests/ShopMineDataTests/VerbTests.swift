import XCTest

@testable import ShopMineData

final class VerbTests: XCTestCase {
  let orders =
    (try? Table(
      names: ["user_id", "price", "quantity", "city"],
      rows: [
        [.int(2), .float(10), .int(3), .string("Rome")],
        [.int(1), .float(250), .int(1), .string("Oslo")],
        [.int(2), .float(40), .int(5), .string("Rome")],
        [.int(3), .missing, .int(2), .missing],
        [.int(1), .float(5), .int(1), .string("Oslo")],
      ])) ?? .empty

  func testCanonicalPipelineDeriveWhereGroupSort() throws {
    let derived = try orders.deriving([("revenue", bin(.multiply, col("price"), col("quantity")))])
    let big = try derived.filtered(where: bin(.greater, col("revenue"), lit(.int(20))))
    let grouped = try big.groupAggregate(
      by: ["user_id"],
      [("total", call("sum", col("revenue"))), ("n", .call("count", [])), ("last", call("max", col("price")))])
    let sorted = try grouped.sorted(by: [SortKey("total", descending: true)])
    XCTAssertEqual(sorted.columnNames, ["user_id", "total", "n", "last"])
    XCTAssertEqual(
      sorted.rows, [[.int(1), .float(250), .int(1), .float(250)], [.int(2), .float(230), .int(2), .float(40)]])
  }

  func testGroupBySortsKeysKeepsMissingGroupLastAndComputesEveryAggregate() throws {
    let g = try orders.groupAggregate(
      by: ["city"],
      [
        ("n", .call("count", [])), ("priced", call("count", col("price"))), ("mean", call("mean", col("price"))),
        ("median", call("median", col("quantity"))), ("std", call("std", col("price"))),
        ("first", call("first", col("price"))), ("last", call("last", col("quantity"))),
        ("users", call("distinct", col("user_id"))), ("q", call("quantile", col("quantity"), lit(.float(0.25)))),
        ("per_row", bin(.divide, call("sum", col("quantity")), .call("count", []))),
      ])
    XCTAssertEqual(
      g.column(named: "city").map { c in (0..<c.count).map { c[$0] } }, [.string("Oslo"), .string("Rome"), .missing])
    XCTAssertEqual(g.column(named: "n")?.storage, .int([2, 2, 1]))
    XCTAssertEqual(g.column(named: "priced")?.storage, .int([2, 2, 0]))
    XCTAssertEqual(g.value(row: 0, column: "mean"), .float(127.5))
    XCTAssertEqual(g.value(row: 1, column: "median"), .float(4))
    XCTAssertEqual(g.value(row: 1, column: "std"), .float(21.213203435596427))
    XCTAssertEqual(g.value(row: 2, column: "std"), .missing)
    XCTAssertEqual(g.value(row: 0, column: "first"), .float(250))
    XCTAssertEqual(g.value(row: 1, column: "last"), .int(5))
    XCTAssertEqual(g.value(row: 1, column: "users"), .int(1))
    XCTAssertEqual(g.value(row: 1, column: "q"), .float(3.5))
    XCTAssertEqual(g.value(row: 1, column: "per_row"), .float(4))
  }

  func testAggregateOutsideKeyIsAClearError() {
    XCTAssertThrowsError(try orders.groupAggregate(by: ["city"], [("x", col("price"))])) { error in
      XCTAssertEqual(
        (error as? ExpressionError)?.message,
        "column 'price' must be a group key or inside an aggregate such as sum(price)")
    }
  }

  func testSortIsStableMultiKeyWithMissingLast() throws {
    let s = try orders.sorted(by: [SortKey("city", descending: true), SortKey("price")])
    XCTAssertEqual(
      s.column(named: "price").map { c in (0..<c.count).map { c[$0] } },
      [.float(10), .float(40), .float(5), .float(250), .missing])
    let asc = try orders.sorted(by: [SortKey("price")])
    XCTAssertEqual(asc.column(named: "user_id")?.storage, .int([1, 2, 2, 1, 3]))
    let byUser = try orders.sorted(by: [SortKey("user_id")])
    XCTAssertEqual(byUser.column(named: "price")?[0], .float(250))  // stable: first user-1 row stays first
  }

  func testJoinInnerLeftMultiKeyAndSuffixes() throws {
    let users = try Table(
      names: ["user_id", "city", "age"],
      rows: [[.int(1), .string("Oslo"), .int(30)], [.int(2), .string("Nice"), .int(41)]])
    let inner = try orders.joined(with: users, on: ["user_id"])
    XCTAssertEqual(inner.columnNames, ["user_id", "price", "quantity", "city_x", "city_y", "age"])
    XCTAssertEqual(inner.column(named: "age")?.storage, .int([41, 30, 41, 30]))
    let left = try orders.joined(with: users, on: ["user_id"], kind: .left)
    XCTAssertEqual(left.rowCount, 5)
    XCTAssertEqual(left.value(row: 3, column: "age"), .missing)
    let two = try orders.joined(with: users, on: ["user_id", "city"])
    XCTAssertEqual(
      two.rows,
      [
        [.int(1), .float(250), .int(1), .string("Oslo"), .int(30)],
        [.int(1), .float(5), .int(1), .string("Oslo"), .int(30)],
      ])
  }

  func testSelectDropRenameHeadTailSchema() throws {
    XCTAssertEqual(try orders.selecting(["city", "user_id"]).columnNames, ["city", "user_id"])
    XCTAssertEqual(try orders.dropping(["price"]).columnNames, ["user_id", "quantity", "city"])
    XCTAssertEqual(try orders.renaming([("price", "p")]).columnNames, ["user_id", "p", "quantity", "city"])
    XCTAssertThrowsError(try orders.selecting(["prise"])) { error in
      XCTAssertEqual((error as? TableError)?.message, "unknown column 'prise'")
    }
    XCTAssertEqual(orders.head(2).column(named: "user_id")?.storage, .int([2, 1]))
    XCTAssertEqual(orders.tail(2).column(named: "user_id")?.storage, .int([3, 1]))
    XCTAssertEqual(
      orders.schema().rows,
      [
        [.string("user_id"), .string("int"), .int(0)], [.string("price"), .string("float"), .int(1)],
        [.string("quantity"), .string("int"), .int(0)], [.string("city"), .string("string"), .int(1)],
      ])
  }

  func testDistinctUnionDropMissing() throws {
    XCTAssertEqual(try orders.distinct(on: ["user_id"]).column(named: "price")?[1], .float(250))
    XCTAssertEqual(try orders.distinct().rowCount, 5)
    let u = try orders.union(orders.head(1))
    XCTAssertEqual(u.rowCount, 6)
    XCTAssertEqual(try u.distinct().rowCount, 5)
    XCTAssertEqual(try orders.droppingMissing().rowCount, 4)
    XCTAssertEqual(try orders.droppingMissing(in: ["quantity"]).rowCount, 5)
  }

  /// A share stays a share through row selections and renaming, and stops being one once computed on.
  func testShareMeaningSurvivesRowSelectionsAndNotComputation() throws {
    let segments = Table(
      uncheckedColumns: [
        Column(name: "segment", strings: ["a", "b", "c"]),
        Column(name: "share", floats: [0.5, 0.3, 0.2], meaning: .share),
      ], rowCount: 3)
    func meaning(_ t: Table, _ name: String = "share") -> ColumnMeaning? { t.column(named: name)?.meaning }
    XCTAssertEqual(meaning(try segments.sorted(by: [SortKey("share")])), .share)
    XCTAssertEqual(meaning(try segments.filtered(where: bin(.greater, col("share"), lit(.float(0.25))))), .share)
    XCTAssertEqual(meaning(segments.head(2)), .share)
    XCTAssertEqual(meaning(segments.tail(1)), .share)
    XCTAssertEqual(meaning(try segments.union(segments)), .share)
    XCTAssertEqual(segments.column(named: "share")?.renamed("part").meaning, .share)
    let derived = try segments.deriving([("percent", bin(.multiply, col("share"), lit(.int(100))))])
    XCTAssertNil(meaning(derived, "percent"))
    // Stacked on a plain number column it is a plain number.
    let plain = Table(
      uncheckedColumns: [Column(name: "segment", strings: ["d"]), Column(name: "share", floats: [1])], rowCount: 1)
    XCTAssertNil(meaning(try segments.union(plain)))
  }

  func testFillMissingStrategies() throws {
    let median = try orders.fillingMissing(.median)
    XCTAssertEqual(median.value(row: 3, column: "price"), .float(25))
    XCTAssertEqual(median.value(row: 3, column: "city"), .missing)
    let mean = try orders.fillingMissing(.mean, in: ["price"])
    XCTAssertEqual(mean.value(row: 3, column: "price"), .float(76.25))
    let mode = try orders.fillingMissing(.mode)
    XCTAssertEqual(mode.value(row: 3, column: "city"), .string("Oslo"))  // tie → smallest
    let constant = try orders.fillingMissing([("city", .constant(.string("?"))), ("price", .constant(.int(0)))])
    XCTAssertEqual(constant.rows[3], [.int(3), .float(0), .int(2), .string("?")])
  }

  func testNormalizeAndOutliers() throws {
    let t = try Table(
      names: ["x", "c"], rows: [[.int(1), .int(7)], [.int(2), .int(7)], [.int(3), .int(7)], [.int(100), .int(7)]])
    let z = try t.normalized(.minmax)
    XCTAssertEqual(z.column(named: "x")?.storage, .float([0, 1.0 / 99, 2.0 / 99, 1]))
    XCTAssertEqual(z.column(named: "c")?.storage, .float([0, 0, 0, 0]))
    let zs = try t.normalized(.zscore, columns: ["c"])
    XCTAssertEqual(zs.column(named: "c")?.storage, .float([0, 0, 0, 0]))
    let flagged = try t.outliers(.iqr(k: 1.5), action: .flag, columns: ["x"])
    XCTAssertEqual(flagged.column(named: "outlier")?.storage, .bool([false, false, false, true]))
    XCTAssertEqual(try t.outliers(.iqr(k: 1.5), action: .remove, columns: ["x"]).rowCount, 3)
    let clipped = try t.outliers(.iqr(k: 1.5), action: .clip, columns: ["x"])
    // Q1 = 1.75, Q3 = 27.25, upper = 27.25 + 1.5 × 25.5 = 65.5
    XCTAssertEqual(clipped.value(row: 3, column: "x"), .float(65.5))
  }

  func testSplitIsDeterministicAndPartitionsRows() throws {
    let t = try Table(names: ["id", "g"], rows: (0..<10).map { [.int(Int64($0)), .string($0 < 6 ? "a" : "b")] })
    let (train, test) = try t.split(SplitOptions(testFraction: 0.25, seed: 7))
    XCTAssertEqual(test.rowCount, 3)  // ⌈0.25 × 10⌉
    XCTAssertEqual(train.rowCount + test.rowCount, 10)
    let again = try t.split(SplitOptions(testFraction: 0.25, seed: 7))
    XCTAssertEqual(again.test.rows, test.rows)
    let strat = try t.split(SplitOptions(testFraction: 0.5, seed: 1, stratify: "g"))
    XCTAssertEqual(strat.test.column(named: "g").map { c in (0..<c.count).filter { c[$0] == .string("a") }.count }, 3)
    let events = try Table(
      names: ["user", "t"], rows: [[.int(1), .int(5)], [.int(1), .int(9)], [.int(2), .int(1)], [.int(1), .int(7)]])
    let loo = try events.split(SplitOptions(by: "user", lastBy: "t"))
    XCTAssertEqual(loo.test.rows, [[.int(1), .int(9)]])
    XCTAssertEqual(loo.train.rowCount, 3)
    let byUser = try events.split(SplitOptions(testFraction: 0.5, seed: 3, by: "user"))
    XCTAssertEqual(byUser.test.rowCount, 2)  // round(0.5 × 3) from user 1; user 2's single row stays in train
  }

  func testSampleAndSplitMix64AreStable() throws {
    var rng = SplitMix64(seed: 42)
    XCTAssertEqual(rng.next(), 0xBDD7_3226_2FEB_6E95)
    let t = try Table(names: ["id"], rows: (0..<100).map { [.int(Int64($0))] })
    let s = try t.sample(5, seed: 42)
    XCTAssertEqual(s.rowCount, 5)
    XCTAssertEqual(try t.sample(5, seed: 42).rows, s.rows)
    XCTAssertEqual(try t.sample(500, seed: 1).rowCount, 100)
  }

  func testPivotSpreadsValues() throws {
    let sales = try Table(
      names: ["month", "cat", "amount"],
      rows: [
        [.int(1), .string("toys"), .float(10)], [.int(1), .string("books"), .float(4)],
        [.int(2), .string("toys"), .float(6)],
        [.int(1), .string("toys"), .float(20)],
      ])
    let p = try sales.pivot(index: "month", columns: "cat", values: "amount", aggregate: .sum)
    XCTAssertEqual(p.columnNames, ["month", "books", "toys"])
    XCTAssertEqual(p.rows, [[.int(1), .float(4), .float(30)], [.int(2), .missing, .float(6)]])
  }

  func testInterruptStopsGroupBy() {
    let token = Cancellation()
    token.cancel()
    XCTAssertThrowsError(try orders.groupAggregate(by: ["user_id"], [("n", .call("count", []))], cancellation: token)) {
      error in
      XCTAssertEqual((error as? ExpressionError)?.error.code, .interrupted)
    }
  }
}
