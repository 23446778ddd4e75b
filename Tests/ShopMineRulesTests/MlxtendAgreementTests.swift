import Foundation
import ShopMineData
import XCTest

@testable import ShopMineRules

/// Itemsets and every rule metric equal mlxtend 0.25's (fixtures from Fixtures/make_fixtures.py).
final class MlxtendAgreementTests: XCTestCase {
  private let metricNames: [(RuleMetric, String)] = [
    (.antecedentSupport, "antecedent support"), (.consequentSupport, "consequent support"), (.support, "support"),
    (.confidence, "confidence"), (.lift, "lift"), (.leverage, "leverage"), (.conviction, "conviction"),
    (.zhangsMetric, "zhangs_metric"), (.jaccard, "jaccard"), (.certainty, "certainty"),
    (.kulczynski, "kulczynski"),
  ]

  private func exampleBaskets() throws -> Baskets {
    let fixture = try Fixture.json("mlxtend_example.json")
    let transactions = (fixture["transactions"] as? [[String]]) ?? []
    XCTAssertEqual(transactions.count, 5)
    return try Baskets(transactions: transactions.map { $0.map { Value.string($0) } })
  }

  private func assertItemsets(
    _ mined: FrequentItemsets, equal fixture: [String: Any], file: StaticString = #filePath,
    line: UInt = #line
  ) {
    let expected = (fixture["itemsets"] as? [[String: Any]]) ?? []
    var expectedSupport: [String: Double] = [:]
    for e in expected { expectedSupport[sortedKey(Fixture.labels(e["items"]))] = Fixture.number(e["support"]) }
    XCTAssertEqual(mined.count, expected.count, "itemset count", file: file, line: line)
    for i in 0..<mined.count {
      let k = sortedKey(mined.labels(i))
      // Exact equality: same division count / n as mlxtend.
      XCTAssertEqual(mined.support(i), expectedSupport[k], "support of {\(k)}", file: file, line: line)
    }
  }

  private func assertRules(
    _ rules: AssociationRules, equal expected: [[String: Any]], file: StaticString = #filePath,
    line: UInt = #line
  ) {
    XCTAssertEqual(rules.count, expected.count, "rule count", file: file, line: line)
    var byKey: [String: [String: Any]] = [:]
    for e in expected {
      byKey[sortedKey(Fixture.labels(e["antecedents"])) + " -> " + sortedKey(Fixture.labels(e["consequents"]))] = e
    }
    var mismatches = 0
    for rule in rules.rules {
      let k =
        sortedKey(rule.antecedent.map { rules.itemLabels[Int($0)] }) + " -> "
        + sortedKey(rule.consequent.map { rules.itemLabels[Int($0)] })
      guard let e = byKey[k] else {
        XCTFail("rule \(k) not in mlxtend's output", file: file, line: line)
        continue
      }
      for (metric, name) in metricNames {
        let want = Fixture.number(e[name]) ?? .nan
        let got = rule.measures.value(metric)
        if !(got == want || (got.isNaN && want.isNaN)) {
          mismatches += 1
          if mismatches < 10 { XCTFail("\(k) \(name): \(got) vs mlxtend \(want)", file: file, line: line) }
        }
      }
    }
    XCTAssertEqual(mismatches, 0, file: file, line: line)
  }

  func testMlxtendExampleItemsetsFromBothMiners() throws {
    let fixture = try Fixture.json("mlxtend_example.json")
    let baskets = try exampleBaskets()
    XCTAssertEqual(baskets.basketCount, 5)
    let fp = try FPGrowth.mine(baskets, options: MiningOptions(minSupport: 0.6))
    let ap = try Apriori.mine(baskets, options: MiningOptions(minSupport: 0.6)).itemsets
    assertItemsets(fp, equal: fixture)
    XCTAssertEqual(fp, ap)
    // Canonical order: size, support descending, natural label order.
    let table = fp.table()
    XCTAssertEqual(table.columnNames, ["itemsets", "size", "support", "count"])
    XCTAssertEqual(
      (0..<table.rowCount).map { table.columns[0][$0] },
      [
        "Kidney Beans", "Eggs", "Milk", "Onion", "Yogurt", "Eggs, Kidney Beans", "Eggs, Onion", "Kidney Beans, Milk",
        "Kidney Beans, Onion", "Kidney Beans, Yogurt", "Eggs, Kidney Beans, Onion",
      ].map { Value.string($0) })
    XCTAssertEqual(table.columns[2][0], .float(1.0))
    XCTAssertEqual(table.columns[3][1], .int(4))
  }

  func testMlxtendExampleRulesEveryMetric() throws {
    let fixture = try Fixture.json("mlxtend_example.json")
    let baskets = try exampleBaskets()
    let itemsets = try FPGrowth.mine(baskets, options: MiningOptions(minSupport: 0.6))
    for case let c as [String: Any] in (fixture["rules"] as? [Any]) ?? [] {
      let metric = RuleMetric(name: (c["metric"] as? String) ?? "") ?? .confidence
      let threshold = Fixture.number(c["threshold"]) ?? 0
      let rules = try AssociationRules(itemsets: itemsets, metric: metric, threshold: threshold)
      assertRules(rules, equal: (c["rules"] as? [[String: Any]]) ?? [])
    }
  }

  func testMlxtendExampleRulesTable() throws {
    let baskets = try exampleBaskets()
    let itemsets = try FPGrowth.mine(baskets, options: MiningOptions(minSupport: 0.6))
    let table = try AssociationRules(itemsets: itemsets, metric: .confidence, threshold: 0.7).table()
    XCTAssertEqual(
      table.columnNames,
      [
        "antecedents", "consequents", "antecedent_support", "consequent_support", "support", "confidence", "lift",
        "leverage", "conviction", "zhangs_metric", "jaccard", "certainty", "kulczynski", "antecedent_size",
        "consequent_size",
      ])
    XCTAssertEqual(table.rowCount, 12)
    // First rule: itemset {Eggs, Kidney Beans} (support 0.8), antecedent Eggs → Kidney Beans, confidence 1.
    XCTAssertEqual(table.columns[0][0], .string("Eggs"))
    XCTAssertEqual(table.columns[1][0], .string("Kidney Beans"))
    XCTAssertEqual(table.columns[5][0], .float(1.0))
    XCTAssertEqual(table.columns[8][0], .float(.infinity))
    XCTAssertEqual(table.columns[12][0], .float(0.9))
    // The 3-itemset's rules: two-item antecedents first, as mlxtend iterates.
    XCTAssertEqual(table.columns[0][7], .string("Eggs, Kidney Beans"))
    XCTAssertEqual(table.columns[1][7], .string("Onion"))
    XCTAssertEqual(table.columns[13][7], .int(2))
    XCTAssertEqual(table.columns[0][10], .string("Eggs"))
    XCTAssertEqual(table.columns[1][10], .string("Kidney Beans, Onion"))
    XCTAssertEqual(table.columns[14][10], .int(2))
  }

  func testGeneratedBasketsMatchMlxtend() throws {
    let fixture = try Fixture.json("generated.json")
    let table = try Fixture.intTable("generated_baskets.csv")
    let baskets = try Baskets(table: table, basket: "order_id", item: "product_id")
    XCTAssertEqual(baskets.basketCount, fixture["basket_count"] as? Int)
    let support = Fixture.number(fixture["min_support"]) ?? 0
    let fp = try FPGrowth.mine(baskets, options: MiningOptions(minSupport: support))
    assertItemsets(fp, equal: fixture)
    let ap = try Apriori.mine(baskets, options: MiningOptions(minSupport: support))
    XCTAssertEqual(fp, ap.itemsets)
    for case let c as [String: Any] in (fixture["rules"] as? [Any]) ?? [] {
      let metric = RuleMetric(name: (c["metric"] as? String) ?? "") ?? .confidence
      let rules = try AssociationRules(itemsets: fp, metric: metric, threshold: Fixture.number(c["threshold"]) ?? 0)
      assertRules(rules, equal: (c["rules"] as? [[String: Any]]) ?? [])
    }
  }

  func testPlantedBundlesAreTopRulesByLift() throws {
    let table = try Fixture.intTable("generated_baskets.csv")
    let baskets = try Baskets(table: table, basket: "order_id", item: "product_id")
    let itemsets = try FPGrowth.mine(baskets, options: MiningOptions(minSupport: 0.02))
    let rules = try AssociationRules(itemsets: itemsets, metric: .confidence, threshold: 0.3)
    let top = rules.rules.sorted { $0.measures.lift > $1.measures.lift }.prefix(10)
    let bundles: [Set<Int64>] = [[11, 23, 37], [5, 60], [42, 43, 44, 45]]
    func ids(_ codes: [Int32]) -> Set<Int64> {
      Set(
        codes.compactMap { code -> Int64? in
          if case .int(let i) = rules.itemLabels[Int(code)] { return i }
          return nil
        })
    }
    // Each top rule links two items of the same planted bundle across its two sides.
    for rule in top {
      let a = ids(rule.antecedent), c = ids(rule.consequent)
      XCTAssertTrue(
        bundles.contains { !$0.isDisjoint(with: a) && !$0.isDisjoint(with: c) },
        "top rule \(a) → \(c) does not link a planted bundle")
    }
  }
}
