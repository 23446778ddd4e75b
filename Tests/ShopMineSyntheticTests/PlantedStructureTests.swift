import Foundation
import ShopMineData
import XCTest

@testable import ShopMineSynthetic

/// The planted truths are recoverable with simple methods: segments by k-means, the churn rule, the
/// elasticities by OLS, the bundles by co-occurrence, the anomalies by quantity, preferences by co-rating.
final class PlantedStructureTests: XCTestCase {
  private func features(_ users: Table) throws -> [[Double]] {
    let columns = try SyntheticShop.behaviourFeatures.map { name -> [Double] in
      let column = try users.requireColumn(name)
      switch column.storage {
      case .float(let values): return values
      case .int(let values): return values.map(Double.init)
      default: throw TableError.typeMismatch("\(name) is not numeric", column: name)
      }
    }
    // z-score with the population standard deviation, as `normalize zscore` does.
    return columns.map { values in
      let mean = values.reduce(0, +) / Double(values.count)
      let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
      return values.map { ($0 - mean) / sd }
    }
  }

  func testKMeansOnZScoredFeaturesRecoversTheSegments() throws {
    for (count, seed): (Int, Int64) in [(100, 42), (2000, 42), (100, 7), (2000, 9), (500, 123)] {
      let users = try SyntheticShop.users(count: count, seed: seed)
      let z = try features(users)
      let labels = SimpleKMeans.fit(columns: z, k: 3)
      let truth = try Strings.of(users, "segment")
      let ari = AdjustedRand.index(truth, labels.map(String.init))
      XCTAssertGreaterThanOrEqual(ari, 0.9, "users \(count) seed \(seed)")
    }
  }

  func testSegmentsAreSeparatedInEveryFeatureOrder() throws {
    let users = try SyntheticShop.users(count: 2000, seed: 42)
    let segment = try Strings.of(users, "segment")
    let spend = try Floats.of(users, "spend")
    let browse = try Floats.of(users, "browse_time")
    func mean(_ values: [Double], _ name: String) -> Double {
      let picked = values.indices.filter { segment[$0] == name }.map { values[$0] }
      return picked.reduce(0, +) / Double(picked.count)
    }
    XCTAssertGreaterThan(mean(spend, "loyal"), 3 * mean(spend, "bargain"))
    XCTAssertGreaterThan(mean(spend, "bargain"), 2 * mean(spend, "casual"))
    XCTAssertGreaterThan(mean(browse, "bargain"), mean(browse, "loyal") + 25)
    XCTAssertGreaterThan(mean(browse, "loyal"), mean(browse, "casual") + 15)
    var sizes: [String: Int] = [:]
    for s in segment { sizes[s, default: 0] += 1 }
    XCTAssertEqual(sizes, ["loyal": 514, "bargain": 719, "casual": 767])
  }

  func testChurnedIsExactlyTheDocumentedRule() throws {
    let users = try SyntheticShop.users(count: 2000, seed: 42)
    let churned = try Bools.of(users, "churned")
    let browse = try Floats.of(users, "browse_time")
    let freq = try Floats.of(users, "purchase_freq")
    let rating = try Floats.of(users, "rating")
    for i in churned.indices {
      let rule = freq[i] < 1.2 || (browse[i] < 20 && rating[i] < 3.0)
      XCTAssertEqual(churned[i], rule, "user \(i + 1)")
    }
    XCTAssertEqual(churned.filter { $0 }.count, 348)
  }

  func testChurnedUsersStopOrderingEarly() throws {
    let users = try SyntheticShop.users(count: 2000, seed: 9)
    let churned = try Bools.of(users, "churned")
    let orders = try SyntheticShop.orders(count: 50000, seed: 9)
    let buyer = try Ints.of(orders, "user_id")
    let ts = try Ints.of(orders, "ts")
    var last = [Int64](repeating: 0, count: 2001)
    for i in buyer.indices { last[Int(buyer[i])] = max(last[Int(buyer[i])], ts[i]) }
    let cutoff = ShopCalendar.yearStart + 240 * 86_400_000_000
    for u in 1...2000 where churned[u - 1] && last[u] > 0 {
      XCTAssertLessThan(last[u], cutoff, "churned user \(u) ordered after day 240")
    }
  }

  func testOrdinaryLeastSquaresRecoversEveryElasticity() throws {
    for seed: Int64 in [9, 1] {
      let orders = try SyntheticShop.orders(count: 50000, seed: seed)
      let category = try Strings.of(orders, "category")
      let price = try Floats.of(orders, "price")
      let quantity = try Ints.of(orders, "quantity")
      for c in SyntheticShop.categories {
        let rows = category.indices.filter { category[$0] == c.name }
        let slope = OLS.slope(x: rows.map { log(price[$0]) }, y: rows.map { log(Double(quantity[$0])) })
        XCTAssertEqual(slope, c.elasticity, accuracy: 0.1, "\(c.name) seed \(seed)")
      }
    }
    XCTAssertEqual(SyntheticShop.elasticity(of: "books"), -1.8)
    // The demand intercepts docs/DATA.md lists: a = 3.2 · sd(t).
    XCTAssertEqual(
      SyntheticShop.categories.map { ($0.logQuantityIntercept * 1000).rounded() / 1000 },
      [1.278, 1.665, 1.122, 1.024, 0.977, 1.386, 1.173, 0.771])
    XCTAssertEqual(SyntheticShop.elasticity(of: "electronics"), -2.5)
    XCTAssertNil(SyntheticShop.elasticity(of: "cars"))
  }

  func testBundlesAreTheOnlyFrequentPairsAndHaveTheHighestLift() throws {
    let orders = try SyntheticShop.orders(count: 20000, seed: 3)
    let ids = try Ints.of(orders, "order_id")
    let products = try Ints.of(orders, "product_id")
    var baskets: [[Int64]] = []
    for i in ids.indices {
      if i == 0 || ids[i] != ids[i - 1] { baskets.append([]) }
      baskets[baskets.count - 1].append(products[i])
    }
    let n = Double(baskets.count)
    var single: [Int64: Int] = [:]
    var pair: [Int64: Int] = [:]
    for basket in baskets {
      let items = basket.sorted()
      for a in items { single[a, default: 0] += 1 }
      for x in items.indices {
        for y in items.indices where y > x { pair[items[x] * 1000 + items[y], default: 0] += 1 }
      }
    }
    let bundlePairs = Set(
      SyntheticShop.bundles.flatMap { b in
        b.productIDs.indices.flatMap { x in
          b.productIDs.indices.filter { $0 > x }.map { b.productIDs[x] * 1000 + b.productIDs[$0] }
        }
      })
    XCTAssertEqual(bundlePairs.count, 10)
    // Support ≥ 0.01: exactly the bundle pairs.
    let frequent = Set(pair.filter { Double($0.value) / n >= 0.01 }.keys)
    XCTAssertEqual(frequent, bundlePairs)
    // Every bundle pair has lift above 20 and confidence above 0.85 both ways; no other pair reaches lift 20
    // with support 0.005.
    for key in bundlePairs {
      let a = key / 1000
      let b = key % 1000
      let support = Double(pair[key] ?? 0) / n
      let lift = support / (Double(single[a] ?? 0) / n * Double(single[b] ?? 0) / n)
      XCTAssertGreaterThan(lift, 20, "\(a) ⇒ \(b)")
      XCTAssertGreaterThan(Double(pair[key] ?? 0) / Double(single[a] ?? 1), 0.85)
      XCTAssertGreaterThan(Double(pair[key] ?? 0) / Double(single[b] ?? 1), 0.85)
    }
  }

  func testAnomaliesAreAboutOnePercentAndStandOutInQuantity() throws {
    let orders = try SyntheticShop.orders(count: 50000, seed: 9)
    let anomaly = try Bools.of(orders, "is_anomaly")
    let quantity = try Ints.of(orders, "quantity")
    let flagged = anomaly.indices.filter { anomaly[$0] }
    XCTAssertEqual(flagged.count, 497)
    XCTAssertGreaterThanOrEqual(flagged.map { quantity[$0] }.min() ?? 0, 60)
    let normalMax = anomaly.indices.filter { !anomaly[$0] }.map { quantity[$0] }.max() ?? 0
    XCTAssertLessThan(normalMax, 60)
    // Ranking lines by quantity alone gives average precision 1.
    XCTAssertEqual(AveragePrecision.of(scores: quantity.map(Double.init), truth: anomaly), 1, accuracy: 1e-12)
  }

  func testSinglesDayIsTheBusiestDay() throws {
    let orders = try SyntheticShop.orders(count: 50000, seed: 9)
    let ids = try Ints.of(orders, "order_id")
    let ts = try Ints.of(orders, "ts")
    var perDay = [Int](repeating: 0, count: ShopCalendar.daysInYear)
    for i in ids.indices where i == 0 || ids[i] != ids[i - 1] {
      perDay[Int((ts[i] - ShopCalendar.yearStart) / 86_400_000_000)] += 1
    }
    let busiest = perDay.indices.max { perDay[$0] < perDay[$1] }
    XCTAssertEqual(busiest, 315, "2024-11-11 is day 315 of the year")
    XCTAssertGreaterThan(Double(perDay[315]), 5 * Double(perDay.reduce(0, +)) / 366)
  }

  func testReviewTextCarriesTheRating() throws {
    let reviews = try SyntheticShop.reviews(count: 20000, seed: 3)
    let rating = try Ints.of(reviews, "rating")
    let text = try Strings.of(reviews, "text")
    let positive = ["love", "Excellent", "Perfect", "Fantastic", "Good", "nice", "Happy", "满意", "很好", "喜欢", "不错", "挺好"]
    let negative = ["Terrible", "Awful", "Worst", "poor", "Disappointed", "Poor", "Not worth", "非常差", "太差", "失望", "不值"]
    var chinese = 0
    for i in text.indices {
      let t = text[i]
      if t.unicodeScalars.contains(where: { $0.value >= 0x4E00 && $0.value <= 0x9FFF }) { chinese += 1 }
      if rating[i] >= 4 { XCTAssertFalse(negative.contains { t.contains($0) }, t) }
      if rating[i] <= 2 { XCTAssertFalse(positive.contains { t.contains($0) }, t) }
    }
    XCTAssertEqual(Double(chinese) / 20000, 0.15, accuracy: 0.02)
  }

  func testRatingsFollowTheLatentPreferences() throws {
    let reviews = try SyntheticShop.reviews(count: 20000, seed: 3)
    let world = ShopWorld(seed: 3, userCount: 2000, productCount: 500)
    let users = try Ints.of(reviews, "user_id")
    let products = try Ints.of(reviews, "product_id")
    let rating = try Ints.of(reviews, "rating").map(Double.init)
    let preference = users.indices.map {
      world.tastes.preference(of: world.users[Int(users[$0]) - 1], for: Int(products[$0]) - 1)
    }
    XCTAssertGreaterThan(OLS.correlation(preference, rating), 0.4)
    let mean = rating.reduce(0, +) / 20000
    XCTAssertEqual(mean, 4.14, accuracy: 0.01)
  }

  func testCoRatedItemsPredictHeldOutItemsBetterThanPopularity() throws {
    // Leave the last review of each user out; rank unseen products by co-occurrence with the user's other
    // products (a bare item-kNN) and by popularity; count hits in the top 10.
    let reviews = try SyntheticShop.reviews(count: 20000, seed: 3)
    let users = try Ints.of(reviews, "user_id")
    let products = try Ints.of(reviews, "product_id")
    var history = [[Int]](repeating: [], count: 2001)
    for i in users.indices { history[Int(users[i])].append(Int(products[i])) }
    var popularity = [Double](repeating: 0, count: 501)
    var cooccur = [Double](repeating: 0, count: 501 * 501)
    for items in history where items.count >= 2 {
      let train = items.dropLast()
      for a in train {
        popularity[a] += 1
        for b in train where b != a { cooccur[a * 501 + b] += 1 }
      }
    }
    var popularHits = 0
    var neighbourHits = 0
    for items in history where items.count >= 2 {
      let train = Set(items.dropLast())
      let heldOut = items[items.count - 1]
      var scores = [Double](repeating: 0, count: 501)
      for a in train {
        for b in 1...500 { scores[b] += cooccur[a * 501 + b] }
      }
      func top10(_ s: [Double]) -> Set<Int> {
        // Ten passes of "best remaining" (ties to the lower id): cheaper than sorting 500 scores per user.
        var picked = Set<Int>()
        for _ in 0..<10 {
          var best = -1
          for b in 1...500 where !train.contains(b) && !picked.contains(b) {
            if best < 0 || s[b] > s[best] { best = b }
          }
          if best > 0 { picked.insert(best) }
        }
        return picked
      }
      if top10(popularity).contains(heldOut) { popularHits += 1 }
      if top10(scores).contains(heldOut) { neighbourHits += 1 }
    }
    XCTAssertGreaterThan(Double(neighbourHits), 1.3 * Double(popularHits))
  }
}
