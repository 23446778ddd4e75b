import ShopMineData
import XCTest

@testable import ShopMineLearning

final class MetricsTests: XCTestCase {
  func testBinaryMetricsAndROCEqualScikitLearn() throws {
    let root = try Fixture.json("metrics")
    let b = root["binary"]
    let truth = try b["truth"].ints().map { Int32($0) }
    let predicted = try b["predicted"].ints().map { Int32($0) }
    let scores = try b["scores"].doubles()
    let confusion = ClassificationMetrics.confusionMatrix(truth: truth, predicted: predicted, classCount: 2)
    XCTAssertEqual(confusion, try b["confusion"].intMatrix())
    XCTAssertEqual(
      ClassificationMetrics.accuracy(truth: truth, predicted: predicted), try b["accuracy"].double(), accuracy: 1e-15)
    let positive = ClassificationMetrics.scores(of: 1, confusion: confusion)
    XCTAssertEqual(positive.precision, try b["precision"].double(), accuracy: 1e-15)
    XCTAssertEqual(positive.recall, try b["recall"].double(), accuracy: 1e-15)
    XCTAssertEqual(positive.f1, try b["f1"].double(), accuracy: 1e-15)
    let macro = ClassificationMetrics.macroScores(confusion: confusion)
    XCTAssertEqual(macro.precision, try b["macro_precision"].double(), accuracy: 1e-15)
    XCTAssertEqual(macro.recall, try b["macro_recall"].double(), accuracy: 1e-15)
    XCTAssertEqual(macro.f1, try b["macro_f1"].double(), accuracy: 1e-15)
    let roc = try ROCCurve(positive: truth.map { $0 == 1 }, scores: scores)
    XCTAssertEqual(roc.falsePositiveRate, try b["fpr"].doubles())
    XCTAssertEqual(roc.truePositiveRate, try b["tpr"].doubles())
    let thresholds = try b["thresholds"].array().map { $0.optionalDouble ?? .infinity }
    XCTAssertEqual(roc.thresholds, thresholds)
    XCTAssertEqual(roc.auc, try b["auc"].double(), accuracy: 1e-12)
    XCTAssertEqual(roc.table().columns[0][0], .missing)
  }

  func testMulticlassMacroAndConfusion() throws {
    let root = try Fixture.json("metrics")
    let m = root["multiclass"]
    let truth = try m["truth"].ints().map { Int32($0) }
    let predicted = try m["predicted"].ints().map { Int32($0) }
    let confusion = ClassificationMetrics.confusionMatrix(truth: truth, predicted: predicted, classCount: 3)
    XCTAssertEqual(confusion, try m["confusion"].intMatrix())
    let macro = ClassificationMetrics.macroScores(confusion: confusion)
    XCTAssertEqual(macro.precision, try m["macro_precision"].double(), accuracy: 1e-15)
    XCTAssertEqual(macro.recall, try m["macro_recall"].double(), accuracy: 1e-15)
    XCTAssertEqual(macro.f1, try m["macro_f1"].double(), accuracy: 1e-15)
  }

  func testAdjustedRandIndex() throws {
    let root = try Fixture.json("metrics")
    let ari = root["ari"]
    let a = try ari["a"].ints().map { Int32($0) }
    let b = try ari["b"].ints().map { Int32($0) }
    XCTAssertEqual(adjustedRandIndex(a, b), try ari["value"].double(), accuracy: 1e-12)
    // Renaming clusters changes nothing; identical partitions score 1.
    XCTAssertEqual(adjustedRandIndex([0, 0, 1, 1], [5, 5, 2, 2]), 1)
    // sklearn: adjusted_rand_score([0, 0, 1, 1], [0, 1, 0, 1]) == -0.5
    XCTAssertEqual(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]), -0.5, accuracy: 1e-15)
  }

  func testROCTiesFormOnePointAndAUCHalfForConstantScores() throws {
    let roc = try ROCCurve(positive: [true, false, true, false], scores: [0.5, 0.5, 0.5, 0.5])
    XCTAssertEqual(roc.falsePositiveRate, [0, 1])
    XCTAssertEqual(roc.truePositiveRate, [0, 1])
    XCTAssertEqual(roc.auc, 0.5)
    XCTAssertThrowsError(try ROCCurve(positive: [true, true], scores: [0.1, 0.2]))
  }

  func testEvaluationTables() throws {
    let data = try TrainingData(
      x: FeatureMatrix(rows: [[0], [1], [2], [3]], featureNames: ["spend"]),
      y: EncodedTarget(values: [.bool(false), .bool(false), .bool(true), .bool(true)]))
    let tree = try DecisionTreeModel.fit(data)
    let table = try Table(columns: [
      Column(name: "spend", floats: [0, 1, 2, 3, 1.8]),
      Column(name: "churned", bools: [false, false, true, true, false]),
    ])
    let evaluation = try ClassifierEvaluation(tree, on: table, target: "churned")
    XCTAssertEqual(evaluation.accuracy, 0.8)
    XCTAssertEqual(evaluation.confusion, [[2, 1], [0, 2]])
    let metrics = evaluation.metricsTable()
    XCTAssertEqual(
      metrics.columns[0].storage,
      Column(
        name: "metric",
        strings: [
          "accuracy", "precision (true)", "recall (true)", "f1 (true)", "precision (macro)", "recall (macro)",
          "f1 (macro)", "roc auc",
        ]
      ).storage)
    XCTAssertEqual(metrics.columns[1][1], .float(2.0 / 3.0))
    let confusion = evaluation.confusionTable()
    XCTAssertEqual(confusion.columnNames, ["actual", "predicted false", "predicted true"])
    XCTAssertEqual(confusion.columns[1].storage, .int([2, 0]))
  }
}
