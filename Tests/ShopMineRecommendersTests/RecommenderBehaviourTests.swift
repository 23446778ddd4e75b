import CShopMineKernels
import Foundation
import ShopMineData
import XCTest

@testable import ShopMineRecommenders

/// Recommendation lists, cross-checks against Surprise and implicit, persistence.
final class RecommenderBehaviourTests: XCTestCase {
  private func implicitData() throws -> (Interactions, Table) {
    let train = try Fixture.intTable("implicit_train.csv")
    let data = try Interactions(table: train, user: "user_id", item: "product_id", value: "quantity")
    return (data, try Fixture.intTable("implicit_test.csv"))
  }

  func testALSPrecisionWithinTenPercentOfImplicit() throws {
    let (data, test) = try implicitData()
    let model = try ALS(data: data, options: ALSOptions(factors: 16, iterations: 10, seed: 1))
    let r = try Evaluation.evaluate(model, test: test, user: "user_id", item: "product_id", k: 10)
    let reference = try Fixture.reference("als_precision")
    XCTAssertEqual(r.users, 800)
    XCTAssertEqual(r.precision, reference, accuracy: reference * 0.10, "implicit's precision@10 is \(reference)")
  }

  func testExactSolverAgreesWithConjugateGradient() throws {
    let (data, test) = try implicitData()
    let exact = try ALS(data: data, options: ALSOptions(factors: 16, iterations: 8, exact: true, seed: 1))
    let cg = try ALS(data: data, options: ALSOptions(factors: 16, iterations: 8, cgSteps: 3, seed: 1))
    let pe = try Evaluation.evaluate(exact, test: test, user: "user_id", item: "product_id", k: 10).precision
    let pc = try Evaluation.evaluate(cg, test: test, user: "user_id", item: "product_id", k: 10).precision
    XCTAssertEqual(pe, pc, accuracy: 0.1 * pe)
  }

  func testEveryLearnedRecommenderBeatsPopularityOnNDCG() throws {
    let (data, test) = try implicitData()
    let models: [(name: String, model: any Recommender)] = [
      ("pop", Popularity(data: data)),
      ("icf", try ItemKNN(data: data, options: NeighborhoodOptions(neighbors: 40, explicitRatings: false))),
      ("ucf", try UserKNN(data: data, options: NeighborhoodOptions(neighbors: 40, explicitRatings: false))),
      ("mf", try ALS(data: data, options: ALSOptions(factors: 16, iterations: 10, seed: 1))),
    ]
    let table = try Evaluation.compare(models, test: test, user: "user_id", item: "product_id", k: 10)
    XCTAssertEqual(table.columnNames.prefix(4), ["model", "precision@10", "recall@10", "ndcg@10"])
    let ndcg = (0..<table.rowCount).map { table.columns[3][$0].doubleValue ?? 0 }
    for k in 1..<ndcg.count {
      XCTAssertGreaterThan(ndcg[k], ndcg[0], "\(models[k].name) NDCG@10 \(ndcg[k]) vs popularity \(ndcg[0])")
    }
  }

  func testSVDRMSEWithinTwoPercentOfSurprise() throws {
    let train = try Fixture.intTable("ratings_train.csv")
    let test = try Fixture.intTable("ratings_test.csv")
    let data = try Interactions(table: train, user: "user_id", item: "product_id", value: "rating", duplicates: .mean)
    let model = try SVD(data: data, options: SVDOptions(factors: 20, epochs: 20, seed: 1, ratingScale: 1...5))
    let r = try Evaluation.evaluate(model, test: test, user: "user_id", item: "product_id", rating: "rating", k: 10)
    let reference = try Fixture.reference("svd_rmse")
    let rmse = try XCTUnwrap(r.rmse)
    XCTAssertEqual(rmse, reference, accuracy: reference * 0.02, "Surprise's RMSE is \(reference)")
    // Predictions stay on the rating scale.
    let column = try Evaluation.predictions(model, table: test, user: "user_id", item: "product_id", name: "predicted")
    XCTAssertTrue(column.doubles().allSatisfy { ($0 ?? 0) >= 1 && ($0 ?? 0) <= 5 })
  }

  func testRecommendFiltersSeenExplainsAndFallsBackForColdUsers() throws {
    let (data, _) = try implicitData()
    let model = try ItemKNN(data: data, options: NeighborhoodOptions(neighbors: 20))
    let seen = Set(data.items(ofUser: try XCTUnwrap(data.userIndex(.int(17)))).items.map { data.itemLabels[Int($0)] })
    let list = Recommendations.recommend(model, user: .int(17), k: 5)
    XCTAssertEqual(list.map(\.rank), [1, 2, 3, 4, 5])
    XCTAssertTrue(list.allSatisfy { !seen.contains($0.itemLabel) })
    XCTAssertTrue(list.allSatisfy { $0.because.map(seen.contains) ?? false }, "because names a past item")
    XCTAssertEqual(list.map(\.score), list.map(\.score).sorted(by: >))
    let cold = Recommendations.recommend(model, user: .int(999_999), k: 3)
    let popular = Recommendations.popularityOrder(data).prefix(3).map { data.itemLabels[$0] }
    XCTAssertEqual(cold.map(\.itemLabel), Array(popular))
    XCTAssertTrue(cold.allSatisfy { $0.because == nil })

    let table = try Recommendations.table(model, users: [.int(1), .int(2), .int(3)], k: 5)
    XCTAssertEqual(table.columnNames, ["user", "rank", "item", "score", "because"])
    XCTAssertEqual(table.rowCount, 15)
    XCTAssertEqual(table.columns[0][5], .int(2))
    let similar = try Recommendations.similarTable(model, item: .int(42), k: 5)
    XCTAssertEqual(similar.columnNames, ["rank", "item", "score"])
    XCTAssertThrowsError(try Recommendations.similarTable(model, item: .int(-5), k: 5)) {
      XCTAssertEqual(($0 as? TableError)?.message, "item -5 is not in the model's training data")
    }
  }

  func testALSIsDeterministicAndExplainsWithPastItems() throws {
    let (data, _) = try implicitData()
    let a = try ALS(data: data, options: ALSOptions(factors: 8, iterations: 3, seed: 7, threads: 1))
    let b = try ALS(data: data, options: ALSOptions(factors: 8, iterations: 3, seed: 7, threads: 2))
    XCTAssertEqual(a.userFactors, b.userFactors)
    XCTAssertEqual(a.itemFactors, b.itemFactors)
    let u = try XCTUnwrap(data.userIndex(.int(5)))
    let seen = Set(data.items(ofUser: u).items.map(Int.init))
    for r in Recommendations.recommend(a, user: .int(5), k: 5) {
      if let because = r.because { XCTAssertTrue(seen.contains(try XCTUnwrap(data.itemIndex(because)))) }
    }
  }

  /// The conjugate-gradient loop is C compiled for AVX2 and for baseline x86-64: both must give the same bits.
  func testALSAVX2AndBaselineKernelsGiveTheSameFactors() throws {
    defer { _ = sm_kernels_select(1) }
    let (data, _) = try implicitData()
    // 20 factors: a stride of 24, so the dot product's odd block of eight and the zero padding are both used.
    let options = ALSOptions(factors: 20, iterations: 4, seed: 3, threads: 2)
    let wide = sm_kernels_select(1)
    let a = try ALS(data: data, options: options)
    XCTAssertEqual(sm_kernels_select(0), 0)
    let b = try ALS(data: data, options: options)
    XCTAssertEqual(a.userFactors, b.userFactors, "avx2 in use: \(wide)")
    XCTAssertEqual(a.itemFactors, b.itemFactors)
    XCTAssertFalse(a.userFactors.allSatisfy { $0 == 0 })
    XCTAssertTrue(a.userFactors.allSatisfy(\.isFinite))
  }

  func testModelsSaveAndLoadIdentically() throws {
    let (data, _) = try implicitData()
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shopmine-rec-\(getpid())")
    defer { try? FileManager.default.removeItem(at: dir) }
    let als = try ALS(data: data, options: ALSOptions(factors: 8, iterations: 2, seed: 3))
    let path = dir.appendingPathComponent("models/orders.als").path
    try ModelFile.save(als, to: path)
    let loaded = try XCTUnwrap(try ModelFile.load(from: path) as? ALS)
    XCTAssertEqual(loaded.userFactors, als.userFactors)
    XCTAssertEqual(loaded.itemFactors, als.itemFactors)
    XCTAssertEqual(loaded.data.userLabels, als.data.userLabels)
    XCTAssertEqual(
      Recommendations.recommend(loaded, user: .int(9), k: 5), Recommendations.recommend(als, user: .int(9), k: 5))

    let ratings = try Interactions(
      table: try Fixture.intTable("ratings_train.csv"), user: "user_id", item: "product_id",
      value: "rating", duplicates: .mean)
    let svd = try SVD(data: ratings, options: SVDOptions(factors: 4, epochs: 2, seed: 1))
    try ModelFile.save(svd, to: path + ".svd")
    let svd2 = try XCTUnwrap(try ModelFile.load(from: path + ".svd") as? SVD)
    XCTAssertEqual(svd2.predict(user: 3, item: 4), svd.predict(user: 3, item: 4))

    let icf = try ItemKNN(data: data)
    try ModelFile.save(icf, to: path + ".icf")
    let icf2 = try ModelFile.load(from: path + ".icf")
    XCTAssertEqual(icf2.kind, .itemcf)
    XCTAssertEqual(
      Recommendations.recommend(icf2, user: .int(9), k: 5), Recommendations.recommend(icf, user: .int(9), k: 5))
  }

  func testCorruptAndNewerModelFilesGiveClearErrors() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shopmine-bad-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let garbage = dir.appendingPathComponent("garbage.als").path
    try Data("not json".utf8).write(to: URL(fileURLWithPath: garbage))
    XCTAssertThrowsError(try ModelFile.load(from: garbage)) {
      XCTAssertEqual(
        ($0 as? TableError)?.message, "'\(garbage)' is not a ShopMine model file (corrupt or not JSON)")
    }
    let newer = dir.appendingPathComponent("newer.als").path
    try Data(#"{"format": "shopmine-recommender", "version": 9}"#.utf8).write(to: URL(fileURLWithPath: newer))
    XCTAssertThrowsError(try ModelFile.load(from: newer)) {
      XCTAssertEqual(
        ($0 as? TableError)?.message,
        "'\(newer)' was written by a newer ShopMine (model format version 9); this build reads up to version 2")
    }
    XCTAssertThrowsError(try ModelFile.load(from: dir.appendingPathComponent("missing.als").path)) {
      XCTAssertEqual(($0 as? TableError)?.code, .io)
    }
  }

  func testCancelledTrainingThrowsInterrupted() throws {
    let (data, _) = try implicitData()
    let token = Cancellation()
    token.cancel()
    XCTAssertThrowsError(try ALS(data: data, options: ALSOptions(factors: 8), cancellation: token)) {
      XCTAssertEqual($0 as? TableError, .interrupted)
    }
  }

  /// Preparing interactions polls the token too (id hashing, counting sorts), and an uncancelled token
  /// changes nothing.
  func testCancelledInteractionPrepThrowsInterrupted() throws {
    let train = try Fixture.intTable("implicit_train.csv")
    let token = Cancellation()
    let data = try Interactions(
      table: train, user: "user_id", item: "product_id", value: "quantity", cancellation: token)
    let plain = try Interactions(table: train, user: "user_id", item: "product_id", value: "quantity")
    XCTAssertEqual(data.userOffsets, plain.userOffsets)
    XCTAssertEqual(data.userItems, plain.userItems)
    token.cancel()
    XCTAssertThrowsError(
      try Interactions(table: train, user: "user_id", item: "product_id", value: "quantity", cancellation: token)
    ) { XCTAssertEqual($0 as? TableError, .interrupted) }
    XCTAssertThrowsError(try ColumnKeys(train.requireColumn("user_id"), cancellation: token)) {
      XCTAssertEqual($0 as? TableError, .interrupted)
    }
  }
}
