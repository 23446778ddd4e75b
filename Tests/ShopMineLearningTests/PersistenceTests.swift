import Foundation
import ShopMineData
import XCTest

@testable import ShopMineLearning

final class PersistenceTests: XCTestCase {
  var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("learning-\(UUID().uuidString)")
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  func testEveryModelRoundTrips() throws {
    let data = try Fixture.training("iris")
    let table = try Table(columns: [
      Column(name: "text", strings: ["good", "bad", "good good", "awful"]),
      Column(name: "label", strings: ["pos", "neg", "pos", "neg"]),
    ])
    let models: [SavedModel] = [
      .kmeans(try KMeans.fit(data.x, options: KMeansOptions(k: 3, initialization: .first)).model),
      .dbscan(try DBSCAN.fit(data.x, options: DBSCANOptions(eps: 0.5))),
      .tree(try DecisionTreeModel.fit(data, options: DecisionTreeOptions(maxDepth: 3))),
      .logistic(try LogisticModel.fit(data)),
      .naiveBayes(try NaiveBayesModel.fit(data)),
      .knn(try KNNModel.fit(data, k: 5)),
      .sentiment(try SentimentModel.fit(table, textColumn: "text", labelColumn: "label")),
    ]
    for model in models {
      let path = directory.appendingPathComponent("models/m.\(model.kind)").path
      try LearningModelFile.save(model, to: path)
      XCTAssertEqual(try LearningModelFile.load(from: path), model, model.kind)
      // Same model, same bytes.
      XCTAssertEqual(try LearningModelFile.encode(model), try Data(contentsOf: URL(fileURLWithPath: path)))
    }
  }

  func testHeaderIsDocumentedShape() throws {
    let x = try FeatureMatrix(rows: [[0], [1], [10]])
    let model = SavedModel.kmeans(try KMeans.fit(x, options: KMeansOptions(k: 2, initialization: .first)).model)
    let text = try XCTUnwrap(String(data: LearningModelFile.encode(model), encoding: .utf8))
    XCTAssertTrue(text.hasPrefix(#"{"format":"shopmine-model","kind":"kmeans","model":{"#), text)
    XCTAssertTrue(text.hasSuffix(#","version":2}"#), text)
  }

  func testNewerVersionAndCorruptFilesAreClearErrors() throws {
    let newer = Data(#"{"format":"shopmine-model","version":7,"kind":"tree","model":{}}"#.utf8)
    XCTAssertThrowsError(try LearningModelFile.decode(newer, source: "'t.tree'")) { error in
      XCTAssertEqual(
        (error as? TableError)?.message,
        "'t.tree' was written by a newer ShopMine (model format version 7); this build reads up to version 2")
    }
    XCTAssertThrowsError(try LearningModelFile.decode(Data("{not json".utf8), source: "'x'")) { error in
      XCTAssertEqual((error as? TableError)?.message, "'x' is not a ShopMine model file (corrupt or not JSON)")
    }
    let truncated = Data(#"{"format":"shopmine-model","version":1,"kind":"tree","model":{"classes":[]}}"#.utf8)
    XCTAssertThrowsError(try LearningModelFile.decode(truncated, source: "'y'")) { error in
      let message = (error as? TableError)?.message ?? ""
      XCTAssertTrue(message.hasPrefix("'y' is corrupt: its tree model could not be read (missing field"), message)
    }
    XCTAssertThrowsError(try LearningModelFile.load(from: directory.appendingPathComponent("none").path)) { error in
      XCTAssertEqual((error as? TableError)?.code, .io)
    }
  }
}
