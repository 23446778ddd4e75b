import ShopMineData
import XCTest

@testable import ShopMineRecommenders

/// Metric definitions against hand-computed values.
final class RankingMetricsTests: XCTestCase {
  func testPrecisionAndRecall() {
    XCTAssertEqual(RankingMetrics.precision(hits: 2, k: 5), 0.4)
    XCTAssertEqual(RankingMetrics.recall(hits: 2, relevant: 3), 2.0 / 3.0)
    XCTAssertEqual(RankingMetrics.recall(hits: 0, relevant: 0), 0)
  }

  func testNDCGUsesLog2AndIdealOverMinRelevantK() {
    // Hits at ranks 1 and 3, 4 relevant, k 3: DCG = 1 + 1/2; IDCG = 1 + 1/log2(3) + 1/2.
    let dcg = 1.0 + 0.5
    let idcg = 1.0 + 1.0 / log2(3.0) + 0.5
    XCTAssertEqual(RankingMetrics.ndcg(hitRanks: [1, 3], relevant: 4, k: 3), dcg / idcg, accuracy: 1e-15)
    // One relevant item found at rank 2: 1/log2(3) over IDCG 1.
    XCTAssertEqual(RankingMetrics.ndcg(hitRanks: [2], relevant: 1, k: 10), 1.0 / log2(3.0), accuracy: 1e-15)
    XCTAssertEqual(RankingMetrics.ndcg(hitRanks: [1], relevant: 1, k: 10), 1.0)
  }

  func testAveragePrecisionNormalisedByMinRelevantK() {
    // Hits at ranks 1 and 3 of 5 relevant, k 3: (1/1 + 2/3) / min(5, 3).
    XCTAssertEqual(
      RankingMetrics.averagePrecision(hitRanks: [1, 3], relevant: 5, k: 3), (1 + 2.0 / 3) / 3,
      accuracy: 1e-15)
    // 2 relevant, hit at rank 2 only: (1/2) / 2.
    XCTAssertEqual(RankingMetrics.averagePrecision(hitRanks: [2], relevant: 2, k: 10), 0.25)
  }

  func testNoveltyIsMinusLog2OfUserShare() {
    XCTAssertEqual(RankingMetrics.novelty(users: 1, totalUsers: 8), 3)
    XCTAssertEqual(RankingMetrics.novelty(users: 8, totalUsers: 8), 0)
  }

  /// A tiny world where every metric can be computed by hand.
  func testEvaluatePopularityOnHandWorld() throws {
    // Train: users 1–4. Item popularity: 10 (3 users), 20 (2), 30 (1), 40 (1).
    let train = try Interactions(
      users: [1, 2, 3, 1, 2, 3, 4].map { Value.int($0) }, items: [10, 10, 10, 20, 20, 30, 40].map { Value.int($0) })
    let pop = Popularity(data: train)
    // Test: user 4 holds out 20 and 30; user 1 holds out 10 (seen in train: not relevant) → user 1 skipped.
    let test = try Table(columns: [
      Column(name: "user_id", ints: [4, 4, 1]), Column(name: "product_id", ints: [20, 30, 10]),
    ])
    let r = try Evaluation.evaluate(pop, test: test, user: "user_id", item: "product_id", k: 2)
    // User 4 has seen 40; popular list without it: 10, 20 → one hit at rank 2 of 2 relevant.
    XCTAssertEqual(r.users, 1)
    XCTAssertEqual(r.precision, 0.5)
    XCTAssertEqual(r.recall, 0.5)
    XCTAssertEqual(r.hitRate, 1)
    XCTAssertEqual(r.ndcg, (1 / log2(3.0)) / (1 + 1 / log2(3.0)), accuracy: 1e-15)
    XCTAssertEqual(r.map, 0.25)
    XCTAssertEqual(r.coverage, 0.5)
    // Novelty: items 10 (3 of 4 users) and 20 (2 of 4).
    XCTAssertEqual(r.novelty, (-log2(0.75) + -log2(0.5)) / 2, accuracy: 1e-15)
    // Diversity: cosine(10, 20) over users: 10 = {1,2,3}, 20 = {1,2} → 2 / √6.
    XCTAssertEqual(r.diversity, 1 - 2 / 6.0.squareRoot(), accuracy: 1e-6)
    let table = r.table()
    XCTAssertEqual(table.columns[0][0], .string("precision@2"))
    XCTAssertNil(r.rmse)
  }
}
