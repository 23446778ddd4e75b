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

  func testTFIDFMatchesScikitLearnDefaults() {
    // TfidfVectorizer().fit(["good good", "bad"]): idf(good) = idf(bad) = ln(3/2) + 1.
    let v = TFIDF.fit(["good good", "bad"])
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
    XCTAssertEqual(model.predict(["满意 好评"]), [1])
    XCTAssertEqual(model.topTermsTable(count: 3).rowCount, 6)
  }
}
