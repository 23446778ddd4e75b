import ShopMineData
import XCTest

@testable import ShopMineLearning

final class SentimentTests: XCTestCase {
  func testTokenizerWordsAndCJKBigrams() {
    let t = Tokenizer()
    XCTAssertEqual(t.tokens("Great product, a GREAT price!"), ["great", "product", "great", "price"])
    XCTAssertEqual(t.tokens("质量很好"), ["质量", "量很", "很好"])
    XCTAssertEqual(t.tokens("好 ok 商品です"), ["好", "ok", "商品", "品で", "です"])
    XCTAssertEqual(t.tokens("Café crème 10x"), ["café", "crème", "10x"])
  }

  func testTFIDFMatchesScikitLearnDefaults() throws {
    // TfidfVectorizer().fit(["good good", "bad"]): idf(good) = idf(bad) = ln(3/2) + 1.
    let v = try TFIDF.fit(["good good", "bad"])
    XCTAssertEqual(v.vocabulary, ["bad", "good"])
    XCTAssertEqual(v.idf[0], 1.4054651081081644, accuracy: 1e-15)
    let vector = v.transform("good bad bad", index: v.termIndex())
    XCTAssertEqual(vector.map(\.term), [0, 1])
    XCTAssertEqual(vector[0].weight, 2 / 5.0.squareRoot(), accuracy: 1e-15)
    XCTAssertEqual(vector[1].weight, 1 / 5.0.squareRoot(), accuracy: 1e-15)
  }

  func testLearnsPlantedSentimentFromRatings() throws {
    var rng = SeededRandom(seed: 5)
    let positive = ["great", "love", "excellent", "perfect", "好评", "满意"]
    let negative = ["broken", "terrible", "refund", "awful", "差评", "失望"]
    let filler = ["the", "product", "arrived", "box", "delivery", "商品", "快递"]
    var texts: [String?] = []
    var ratings: [Int64] = []
    for i in 0..<600 {
      let good = i % 3 != 0
      var words: [String] = []
      for _ in 0..<6 { words.append(filler[rng.nextIndex(below: filler.count)]) }
      let pool = good ? positive : negative
      words.append(pool[rng.nextIndex(below: pool.count)])
      texts.append(words.joined(separator: " "))
      ratings.append(good ? 4 + Int64(rng.nextIndex(below: 2)) : 1 + Int64(rng.nextIndex(below: 2)))
    }
    let table = try Table(columns: [Column(name: "text", strings: texts), Column(name: "rating", ints: ratings)])
    let model = try SentimentModel.fit(table, textColumn: "text", labelColumn: "rating")
    XCTAssertTrue(model.bucketedRatings)
    XCTAssertEqual(model.classes, [.string("negative"), .string("positive")])
    let evaluation = try model.evaluate(table, labelColumn: "rating")
    XCTAssertEqual(evaluation.accuracy, 1.0)
    let column = try model.predictColumn(table, named: "predicted")
    XCTAssertEqual(column[0], .string("negative"))
    XCTAssertEqual(column[1], .string("positive"))
    XCTAssertEqual(try model.predict(["满意 好评"]), [1])
    XCTAssertEqual(model.topTermsTable(count: 3).rowCount, 6)
  }

  /// Tokenising, scoring and evaluating all poll the token (found by the language fuzz target: a sentiment
  /// fit on 75,777 generated reviews ran past the fuzzer's 1 s limit after its 300 ms watchdog had
  /// interrupted it), and an uncancelled token changes nothing.
  func testCancelledTokenInterruptsTokenisingScoringAndEvaluating() throws {
    let texts = (0..<3_000).map { i in i % 2 == 0 ? "great product \(i)" : "broken box \(i)" }
    let table = try Table(columns: [
      Column(name: "text", strings: texts), Column(name: "rating", ints: texts.indices.map { $0 % 2 == 0 ? 5 : 1 }),
    ])
    let token = Cancellation()
    let model = try SentimentModel.fit(table, textColumn: "text", labelColumn: "rating", cancellation: token)
    let plain = try SentimentModel.fit(table, textColumn: "text", labelColumn: "rating")
    XCTAssertEqual(model, plain)
    XCTAssertEqual(try model.evaluate(table, labelColumn: "rating", cancellation: token).accuracy, 1.0)
    token.cancel()
    let interrupted: (Error) -> Void = { XCTAssertEqual($0 as? TableError, .interrupted) }
    XCTAssertThrowsError(try TFIDF.fit(texts, cancellation: token), "tokenising", interrupted)
    XCTAssertThrowsError(try model.probabilities(texts, cancellation: token), "scoring", interrupted)
    XCTAssertThrowsError(try model.predictColumn(table, named: "p", cancellation: token), "predicting", interrupted)
    XCTAssertThrowsError(
      try model.evaluate(table, labelColumn: "rating", cancellation: token), "evaluating", interrupted)
  }
}
