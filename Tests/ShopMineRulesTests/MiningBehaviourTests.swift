import ShopMineData
import XCTest

@testable import ShopMineRules

/// Apriori's trace, thresholds, maxlen, input handling and errors.
final class MiningBehaviourTests: XCTestCase {
  private let example: [[String]] = [
    ["Milk", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"],
    ["Dill", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"],
    ["Milk", "Apple", "Kidney Beans", "Eggs"],
    ["Milk", "Unicorn", "Corn", "Kidney Beans", "Yogurt"],
    ["Corn", "Onion", "Onion", "Kidney Beans", "Ice cream", "Eggs"],
  ]

  private func baskets() throws -> Baskets {
    try Baskets(transactions: example.map { $0.map { Value.string($0) } })
  }

  func testAprioriTraceIsTheTextbookWalk() throws {
    let result = try Apriori.mine(baskets(), options: MiningOptions(minSupport: 0.6))
    // Level 1: 11 distinct items, 5 frequent. Level 2: C(5,2) = 10 pairs, 5 frequent. Level 3: the prefix
    // {Kidney Beans} joins 4 partners into 6 candidates; 5 have an infrequent pair (e.g. {Eggs, Milk}).
    XCTAssertEqual(
      result.trace,
      [
        AprioriLevel(size: 1, generated: 11, pruned: 0, counted: 11, kept: 5),
        AprioriLevel(size: 2, generated: 10, pruned: 0, counted: 10, kept: 5),
        AprioriLevel(size: 3, generated: 6, pruned: 5, counted: 1, kept: 1),
      ])
    let table = result.traceTable()
    XCTAssertEqual(table.columnNames, ["level", "candidates", "pruned", "counted", "kept"])
    XCTAssertEqual(table.columns[2][2], .int(5))
  }

  func testMaxLengthStopsBothMiners() throws {
    let b = try baskets()
    let fp = try FPGrowth.mine(b, options: MiningOptions(minSupport: 0.4, maxLength: 2))
    let ap = try Apriori.mine(b, options: MiningOptions(minSupport: 0.4, maxLength: 2))
    XCTAssertEqual(fp, ap.itemsets)
    XCTAssertEqual((0..<fp.count).map { fp.itemset($0).count }.max(), 2)
    XCTAssertEqual(ap.trace.count, 2)
    let full = try FPGrowth.mine(b, options: MiningOptions(minSupport: 0.4))
    // Baskets 1 and 2 share {Eggs, Kidney Beans, Nutmeg, Onion, Yogurt}.
    XCTAssertEqual((0..<full.count).map { full.itemset($0).count }.max(), 5)
  }

  func testMinersAgreeAcrossThresholdsAndThreads() throws {
    // A deterministic pseudo-random database with correlated items.
    var state: UInt64 = 42
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    var transactions: [[Value]] = []
    for _ in 0..<600 {
      var t: [Value] = []
      for item in 0..<25 where next() % 100 < UInt64(40 - item) { t.append(.int(Int64(item))) }
      if next() % 5 == 0 { t += [.int(30), .int(31), .int(32)] }
      transactions.append(t)
    }
    let b = try Baskets(transactions: transactions)
    for support in [0.3, 0.1, 0.05] {
      let ap = try Apriori.mine(b, options: MiningOptions(minSupport: support)).itemsets
      let fp1 = try FPGrowth.mine(b, options: MiningOptions(minSupport: support, threads: 1))
      let fp2 = try FPGrowth.mine(b, options: MiningOptions(minSupport: support, threads: 2))
      XCTAssertEqual(ap, fp1, "support \(support)")
      XCTAssertEqual(fp1, fp2, "support \(support)")
      XCTAssertGreaterThan(fp1.count, 0)
    }
  }

  func testSupportThresholdUsesTheSameDivisionAsMlxtend() throws {
    // 3 baskets: count 1 gives 1/3 = 0.333…; a threshold of 0.3333333333333333 keeps it (1/3 ≥ that),
    // a threshold one ulp above 1/3 does not.
    let b = try Baskets(transactions: [[.int(1)], [.int(2)], [.int(2)]])
    XCTAssertEqual(b.minimumCount(forSupport: 1.0 / 3.0), 1)
    XCTAssertEqual(b.minimumCount(forSupport: (1.0 / 3.0).nextUp), 2)
    XCTAssertEqual(b.minimumCount(forSupport: 1.0), 3)
  }

  func testBasketsFromTableSkipMissingAndDuplicateRows() throws {
    let table = try Table(columns: [
      Column(name: "order", strings: ["a", "a", "a", "b", "b", nil, "c"]),
      Column(
        name: "item", ints: [7, 7, 9, 9, 3, 7, 0], validity: ValidityMask([true, true, true, true, true, true, false])),
    ])
    let b = try Baskets(table: table, basket: "order", item: "item")
    // Basket c only has a missing item; the row with a missing order is skipped.
    XCTAssertEqual(b.basketCount, 2)
    XCTAssertEqual(b.itemLabels, [.int(9), .int(3), .int(7)])
    XCTAssertEqual(b.itemCounts, [2, 1, 1])
    let sets = try FPGrowth.mine(b, options: MiningOptions(minSupport: 0.5)).table()
    XCTAssertEqual(sets.columns[0][0], .string("9"))
    XCTAssertEqual(sets.columns[0][1], .string("3"))
    XCTAssertEqual(sets.columns[0][3], .string("3, 9"))
  }

  func testDuplicateBasketsAreStoredOnceWithWeights() throws {
    let b = try Baskets(transactions: [[.int(1), .int(2)], [.int(2), .int(1)], [.int(1)]])
    XCTAssertEqual(b.distinctCount, 2)
    XCTAssertEqual(b.weights.sorted(), [1, 2])
    XCTAssertEqual(b.basketCount, 3)
  }

  func testInvalidArgumentsNameTheProblem() throws {
    let b = try baskets()
    XCTAssertThrowsError(try FPGrowth.mine(b, options: MiningOptions(minSupport: 0))) { error in
      XCTAssertEqual((error as? TableError)?.message, "support must be a fraction in (0, 1], got 0.0")
    }
    XCTAssertThrowsError(try Apriori.mine(b, options: MiningOptions(minSupport: 0.5, maxLength: 0))) { error in
      XCTAssertEqual((error as? TableError)?.message, "maxlen must be at least 1, got 0")
    }
    let table = try Table(columns: [Column(name: "order", ints: [1]), Column(name: "item", ints: [1])])
    XCTAssertThrowsError(try Baskets(table: table, basket: "order_id", item: "item")) { error in
      XCTAssertEqual((error as? TableError)?.code, .unknownColumn)
      XCTAssertEqual((error as? TableError)?.candidates, ["order", "item"])
    }
  }

  func testCancelledMiningThrowsInterrupted() throws {
    let token = Cancellation()
    token.cancel()
    XCTAssertThrowsError(try FPGrowth.mine(baskets(), options: MiningOptions(minSupport: 0.2), cancellation: token)) {
      XCTAssertEqual($0 as? TableError, .interrupted)
    }
    XCTAssertThrowsError(try Apriori.mine(baskets(), options: MiningOptions(minSupport: 0.2), cancellation: token)) {
      XCTAssertEqual($0 as? TableError, .interrupted)
    }
  }

  func testRulesByLiftThresholdAndMetricNames() throws {
    let itemsets = try FPGrowth.mine(baskets(), options: MiningOptions(minSupport: 0.6))
    let rules = try AssociationRules(itemsets: itemsets, metric: .lift, threshold: 1.2)
    // Only the Eggs/Onion rules have lift 1.25; the rest have lift 1.
    XCTAssertEqual(rules.count, 6)
    XCTAssertTrue(rules.rules.allSatisfy { abs($0.measures.lift - 1.25) < 1e-12 })
    XCTAssertEqual(RuleMetric(name: "zhangs_metric"), .zhangsMetric)
    XCTAssertEqual(RuleMetric(name: "antecedent support"), .antecedentSupport)
    XCTAssertNil(RuleMetric(name: "lyft"))
  }
}
