import ShopMineData
import XCTest

@testable import ShopMineLearning

final class ClassifierTests: XCTestCase {
  func testNaiveBayesProbabilitiesEqualScikitLearn() throws {
    for c in try Fixture.cases("naive_bayes") {
      let name = try c["data"].string()
      let kind = try XCTUnwrap(NaiveBayesModel.Kind(rawValue: c["kind"].string()))
      let data = try Fixture.training(name)
      let model = try NaiveBayesModel.fit(data, kind: kind)
      let proba = try model.probabilities(data.x)
      let expected = try c["proba"].matrix().flatMap { $0 }
      XCTAssertEqual(proba.count, expected.count)
      var worst = 0.0
      for (a, b) in zip(proba, expected) { worst = max(worst, abs(a - b)) }
      XCTAssertLessThanOrEqual(worst, 1e-9, "\(name) \(kind)")
      XCTAssertEqual(try model.predict(data.x).map(Int.init), try c["predict"].ints())
    }
  }

  func testKNNPredictionsEqualScikitLearn() throws {
    for c in try Fixture.cases("knn") {
      let name = try c["data"].string()
      let k = try c["k"].int()
      let weights = try XCTUnwrap(KNNModel.Weights(rawValue: c["weights"].string()))
      let (train, test, _) = try Fixture.split(name)
      let model = try KNNModel.fit(train, k: k, weights: weights)
      XCTAssertEqual(
        try model.predict(test).map(Int.init), try c["predict"].ints(), "\(name) k=\(k) \(weights)")
      let proba = try model.probabilities(test)
      let expected = try c["proba"].matrix()
      let ties = Set(try c["boundary_ties"].ints())
      let classCount = model.classes.count
      for (row, shares) in expected.enumerated() where !ties.contains(row) {
        for j in 0..<classCount {
          XCTAssertEqual(proba[row * classCount + j], shares[j], accuracy: 1e-9, "\(name) row \(row)")
        }
      }
    }
  }

  func testKNNTiesGoToSmallestClassAndEarlierRow() throws {
    // Query at 0: rows 0 (class 1) and 1 (class 0) tie at distance 1; k = 1 keeps the earlier row → class 1.
    let data = try TrainingData(
      x: FeatureMatrix(rows: [[-1], [1], [5]]), y: EncodedTarget(values: [.string("b"), .string("a"), .string("a")]))
    let one = try KNNModel.fit(data, k: 1)
    XCTAssertEqual(try one.predict(FeatureMatrix(rows: [[0]])), [1])
    // k = 2: one vote each → the smaller class "a" (index 0) wins.
    let two = try KNNModel.fit(data, k: 2)
    XCTAssertEqual(try two.predict(FeatureMatrix(rows: [[0]])), [0])
    // Distance weights with an exact match: only the zero-distance neighbour votes.
    let weighted = try KNNModel.fit(data, k: 3, weights: .distance)
    XCTAssertEqual(try weighted.probabilities(FeatureMatrix(rows: [[-1]])), [0, 1])
  }

  /// Scoring polls the token for every classifier (kNN's neighbour searches between chunks of rows), so an
  /// interrupt stops `predict`, `evaluate` and the training accuracy a fit reports; an uncancelled token
  /// changes nothing.
  func testCancelledTokenStopsScoringOfEveryClassifier() throws {
    let data = try TrainingData(
      x: FeatureMatrix(rows: (0..<5_000).map { [Double($0 % 97), Double($0 % 13)] }),
      y: EncodedTarget(values: (0..<5_000).map { .string($0 % 97 < 48 ? "low" : "high") }))
    let models: [any Classifier] = [
      try KNNModel.fit(data, k: 5), try NaiveBayesModel.fit(data), try DecisionTreeModel.fit(data),
      try LogisticModel.fit(data),
    ]
    let token = Cancellation()
    for model in models {
      XCTAssertEqual(try model.predict(data.x, cancellation: token), try model.predict(data.x), "\(type(of: model))")
    }
    token.cancel()
    for model in models {
      XCTAssertThrowsError(try model.predict(data.x, cancellation: token), "\(type(of: model))") {
        XCTAssertEqual($0 as? TableError, .interrupted)
      }
    }
  }

  /// The long single steps before a tree's splits and a kNN's searches, the presort of every feature and the
  /// k-d tree's build, poll the token too (each sorts up to all rows in one go).
  func testCancelledTokenStopsTheTreePresortAndTheKDTreeBuild() throws {
    let data = try TrainingData(
      x: FeatureMatrix(rows: (0..<5_000).map { [Double($0 % 97), Double($0 % 13)] }),
      y: EncodedTarget(values: (0..<5_000).map { .string($0 % 97 < 48 ? "low" : "high") }))
    XCTAssertNoThrow(try TreeBuilder(data: data, options: .init(), cancellation: Cancellation()))
    XCTAssertNoThrow(
      try KDTree(points: data.x.values, n: 5_000, d: 2, metric: .euclidean, cancellation: Cancellation()))
    let token = Cancellation()
    token.cancel()
    XCTAssertThrowsError(try TreeBuilder(data: data, options: .init(), cancellation: token)) {
      XCTAssertEqual($0 as? TableError, .interrupted)
    }
    XCTAssertThrowsError(try KDTree(points: data.x.values, n: 5_000, d: 2, metric: .euclidean, cancellation: token)) {
      XCTAssertEqual($0 as? TableError, .interrupted)
    }
  }

  func testLogisticCoefficientsEqualScikitLearn() throws {
    for c in try Fixture.cases("logistic") {
      let name = try c["data"].string()
      let cValue = try c["C"].double()
      let data = try Fixture.training(name)
      let model = try LogisticModel.fit(data, c: cValue)
      XCTAssertTrue(model.converged, "\(name) C=\(cValue) did not converge (gradient \(model.finalGradient))")
      let coef = try c["coef"].matrix()
      let intercept = try c["intercept"].doubles()
      XCTAssertEqual(model.coefficients.count, coef.count)
      for (a, b) in zip(model.coefficients.flatMap { $0 }, coef.flatMap { $0 }) {
        XCTAssertEqual(a, b, accuracy: 1e-3, "\(name) C=\(cValue)")
      }
      for (a, b) in zip(model.intercepts, intercept) { XCTAssertEqual(a, b, accuracy: 1e-3, "\(name) intercept") }
      let proba = try model.probabilities(data.x)
      let expected = try c["proba"].matrix().flatMap { $0 }
      for (a, b) in zip(proba, expected) { XCTAssertEqual(a, b, accuracy: 1e-4, "\(name) proba") }
    }
  }

  func testLogisticHandMadeSymmetricData() throws {
    // Symmetric data: the optimum has intercept 0 and predicts 0.5 at x = 0.
    let data = try TrainingData(
      x: FeatureMatrix(rows: [[-2], [-1], [1], [2]]),
      y: EncodedTarget(values: [.bool(false), .bool(false), .bool(true), .bool(true)]))
    let model = try LogisticModel.fit(data)
    XCTAssertEqual(model.intercepts[0], 0, accuracy: 1e-9)
    XCTAssertEqual(try model.probabilities(FeatureMatrix(rows: [[0]]))[1], 0.5, accuracy: 1e-12)
    XCTAssertEqual(model.coefficientTable().columnNames, ["feature", "true"])
  }

  func testTreeAccuracyWithinTwoPointsOfScikitLearn() throws {
    for c in try Fixture.cases("tree") {
      let name = try c["data"].string()
      let depth = c["depth"].optionalInt
      let criterion = try XCTUnwrap(DecisionTreeOptions.Criterion(rawValue: c["criterion"].string()))
      let (train, test, testY) = try Fixture.split(name)
      let model = try DecisionTreeModel.fit(train, options: DecisionTreeOptions(criterion: criterion, maxDepth: depth))
      let predicted = try model.predict(test).map { model.classes[Int($0)] }
      let accuracy = Double(zip(predicted, testY).filter { $0.0 == .int(Int64($0.1)) }.count) / Double(testY.count)
      let expected = try c["test_accuracy"].double()
      let low = try c["test_accuracy_min"].double() - 0.02 - 1e-12
      let high = try c["test_accuracy_max"].double() + 0.02 + 1e-12
      let label = "\(name) depth \(String(describing: depth)) \(criterion): \(accuracy) vs sklearn \(expected)"
      XCTAssertTrue(accuracy >= low && accuracy <= high, label)
      let trainAccuracy = try c["train_accuracy"].double()
      let trainPredicted = try model.predict(train.x)
      XCTAssertEqual(
        ClassificationMetrics.accuracy(truth: train.y.codes, predicted: trainPredicted), trainAccuracy, accuracy: 0.02)
    }
  }

  func testTreeHandMadeSplitsAndTrace() throws {
    // One clean split at 2.5 on feature "a"; feature "b" is noise.
    let data = try TrainingData(
      x: FeatureMatrix(rows: [[1, 5], [2, 1], [3, 5], [4, 1]], featureNames: ["a", "b"]),
      y: EncodedTarget(values: [.bool(false), .bool(false), .bool(true), .bool(true)]))
    let model = try DecisionTreeModel.fit(data)
    XCTAssertEqual(model.nodes.count, 3)
    XCTAssertEqual(model.nodes[0].feature, 0)
    XCTAssertEqual(model.nodes[0].threshold, 2.5)
    XCTAssertEqual(model.nodes[0].left, 1)
    XCTAssertEqual(model.nodes[0].right, 2)
    XCTAssertEqual(model.nodes[0].impurity, 0.5)
    XCTAssertEqual(model.splits.count, 1)
    XCTAssertEqual(model.splits[0].feature, "a")
    XCTAssertEqual(model.splits[0].decrease, 0.5)
    XCTAssertEqual(model.featureImportances, [1, 0])
    XCTAssertEqual(try model.predict(FeatureMatrix(rows: [[2.4, 0], [2.6, 0]])), [0, 1])
    let table = model.nodeTable()
    XCTAssertEqual(
      table.columnNames,
      ["node", "depth", "feature", "threshold", "left", "right", "samples", "impurity", "prediction"])
    XCTAssertEqual(table.columns[2][0], .string("a"))
    XCTAssertEqual(table.columns[3][1], .missing)
    XCTAssertEqual(table.columns[8][2], .bool(true))
  }

  func testTreeTieBreaksOnEarlierFeatureAndDepthLimit() throws {
    // Both features separate the classes perfectly: the first feature wins the tie.
    let data = try TrainingData(
      x: FeatureMatrix(rows: [[0, 0], [0, 0], [1, 1], [1, 1]]),
      y: EncodedTarget(values: [.int(0), .int(0), .int(1), .int(1)]))
    XCTAssertEqual(try DecisionTreeModel.fit(data).nodes[0].feature, 0)
    let stump = try DecisionTreeModel.fit(data, options: DecisionTreeOptions(maxDepth: 0))
    XCTAssertEqual(stump.nodes.count, 1)
    // XOR needs a zero-gain first split, which CART (and scikit-learn) takes.
    let xor = try TrainingData(
      x: FeatureMatrix(rows: [[0, 0], [0, 1], [1, 0], [1, 1]]),
      y: EncodedTarget(values: [.int(0), .int(1), .int(1), .int(0)]))
    let tree = try DecisionTreeModel.fit(xor)
    XCTAssertEqual(try tree.predict(xor.x), [0, 1, 1, 0])
    XCTAssertEqual(tree.splits[0].decrease, 0)
  }
}
