import ShopMineData
import XCTest

@testable import ShopMineLearning

final class FeatureTests: XCTestCase {
  func users() throws -> Table {
    try Table(columns: [
      Column(name: "spend", floats: [10, 20, 30]),
      Column(name: "visits", ints: [1, 2, 3]),
      Column(name: "member", bools: [true, false, true]),
      Column(name: "country", strings: ["UK", "DE", "UK"]),
    ])
  }

  func testEncodesNumericBoolAndOneHot() throws {
    let x = try FeatureMatrix(users(), columns: ["spend", "member", "country", "visits"])
    XCTAssertEqual(x.encoding.featureNames, ["spend", "member", "country=DE", "country=UK", "visits"])
    XCTAssertEqual(x.values, [10, 1, 0, 1, 1, 20, 0, 1, 0, 2, 30, 1, 0, 1, 3])
    XCTAssertEqual(x.encoding.oneHotNote, "string column 'country' one-hot encoded")
  }

  func testPredictTimeEncodingReusesCategoriesAndIgnoresUnseen() throws {
    let encoding = try FeatureEncoding.fit(users(), columns: ["country"])
    let other = try Table(columns: [Column(name: "country", strings: ["FR", "UK"])])
    XCTAssertEqual(try FeatureMatrix(other, encoding: encoding).values, [0, 0, 0, 1])
  }

  func testMissingValueErrorNamesColumnAndSuggestsFill() throws {
    let table = try Table(columns: [
      Column(name: "spend", floats: [1, 2], validity: ValidityMask([true, false]))
    ])
    XCTAssertThrowsError(try FeatureMatrix(table, columns: ["spend"])) { error in
      let e = error as? TableError
      XCTAssertEqual(e?.column, "spend")
      XCTAssertEqual(
        e?.message,
        "feature column 'spend' has 1 missing value; use `fill missing` (or `where`) before fitting or predicting")
    }
  }

  func testUnknownColumnAndTargetErrors() throws {
    XCTAssertThrowsError(try FeatureMatrix(users(), columns: ["spnd"])) { error in
      XCTAssertEqual((error as? TableError)?.code, .unknownColumn)
    }
    let fractional = try Table(columns: [Column(name: "score", floats: [0.5, 1]), Column(name: "v", ints: [1, 2])])
    XCTAssertThrowsError(try TrainingData(fractional, target: "score", features: ["v"])) { error in
      XCTAssertEqual((error as? TableError)?.code, .typeMismatch)
    }
    XCTAssertThrowsError(try TrainingData(users(), target: "member", features: ["member"])) { error in
      XCTAssertEqual((error as? TableError)?.message, "the target column 'member' cannot also be a feature")
    }
    let data = try TrainingData(users(), target: "country", features: ["spend"])
    XCTAssertEqual(data.y.classes, [.string("DE"), .string("UK")])
    XCTAssertEqual(data.y.codes, [1, 0, 1])
  }

  func testClassColumnKeepsTargetType() {
    let classes: [ClassValue] = [.bool(false), .bool(true)]
    XCTAssertEqual(classes.column(named: "p", codes: [1, 0]).storage, .bool([true, false]))
    XCTAssertEqual(([.int(3), .int(7)] as [ClassValue]).column(named: "p", codes: [1]).storage, .int([7]))
  }

  func testSplitMixIsStable() {
    var rng = SeededRandom(seed: 42)
    // Reference outputs of the SplitMix64 algorithm (Vigna) for seed 42.
    XCTAssertEqual(rng.next(), 0xBDD7_3226_2FEB_6E95)
    XCTAssertEqual(rng.next(), 0x28EF_E333_B266_F103)
  }
}
