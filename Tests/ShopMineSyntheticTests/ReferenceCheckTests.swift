import Foundation
import ShopMineData
import XCTest

@testable import ShopMineSynthetic

/// The planted structure as the reference libraries see it: scikit-learn's KMeans and IsolationForest,
/// mlxtend's fpgrowth and numpy's least squares, run by `Fixtures/make_fixtures.py` on CSVs of these very
/// tables. The fingerprints prove the recorded numbers describe the current generator.
final class ReferenceCheckTests: XCTestCase {
  private struct Checks: Decodable {
    struct Entry: Decodable {
      var kind: String
      var count: Int
      var seed: Int64
      var fingerprint: String
      var ari: Double?
      var isolation_forest_ap: Double?
      var elasticity: [String: Double]?
      var rules: Int?
      var rules_within_bundles: Int?
      var min_bundle_rule_lift: Double?
    }
    var tables: [Entry]
  }

  private func loadChecks() throws -> Checks {
    // A missing fixture fails: the recorded reference numbers are the point of these tests.
    let url = try XCTUnwrap(
      Bundle.module.url(forResource: "synthetic_checks", withExtension: "json", subdirectory: "Fixtures"),
      "Fixtures/synthetic_checks.json is not bundled: run Fixtures/make_fixtures.py")
    return try JSONDecoder().decode(Checks.self, from: Data(contentsOf: url))
  }

  func testRecordedFingerprintsMatchTheGenerator() throws {
    let checks = try loadChecks()
    XCTAssertEqual(checks.tables.count, 6)
    for entry in checks.tables {
      let table = try SyntheticShop.generate(entry.kind, count: entry.count, seed: entry.seed)
      XCTAssertEqual(
        try TableDump.fileFingerprint(table), entry.fingerprint,
        "\(entry.kind) \(entry.count) seed \(entry.seed) changed: re-run Fixtures/make_fixtures.py")
    }
  }

  func testScikitLearnKMeansRecoversSegments() throws {
    let users = try loadChecks().tables.filter { $0.kind == "users" }
    XCTAssertEqual(users.count, 4)
    for entry in users {
      XCTAssertGreaterThanOrEqual(entry.ari ?? 0, 0.9, "users \(entry.count) seed \(entry.seed)")
    }
  }

  func testScikitLearnIsolationForestFindsTheAnomalies() throws {
    for entry in try loadChecks().tables where entry.kind == "orders" {
      XCTAssertGreaterThanOrEqual(entry.isolation_forest_ap ?? 0, 0.8, "orders \(entry.count) seed \(entry.seed)")
    }
  }

  func testNumpyLeastSquaresRecoversElasticitiesOnFiftyThousandLines() throws {
    let entries = try loadChecks().tables.filter { $0.kind == "orders" && $0.count == 50000 }
    XCTAssertEqual(entries.count, 1)
    for entry in entries {
      let fitted = entry.elasticity ?? [:]
      for category in SyntheticShop.categories {
        XCTAssertEqual(fitted[category.name] ?? 0, category.elasticity, accuracy: 0.1, category.name)
      }
    }
  }

  func testMlxtendRulesAreExactlyTheBundleRules() throws {
    let entries = try loadChecks().tables.filter { $0.kind == "orders" && $0.count == 20000 }
    XCTAssertEqual(entries.count, 1)
    for entry in entries {
      // Two 3-product bundles give 12 rules each, four pairs give 2 each.
      XCTAssertEqual(entry.rules, 32)
      XCTAssertEqual(entry.rules_within_bundles, 32)
      XCTAssertGreaterThan(entry.min_bundle_rule_lift ?? 0, 20)
    }
  }
}
