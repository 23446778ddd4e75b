import ShopMineData

/// What every fitted classifier offers: its classes, its feature encoding and class probabilities.
///
/// The one protocol of the module — the seam where `predict`, `evaluate` and ROC curves treat decision
/// trees, logistic regression, naive Bayes and kNN alike.
public protocol Classifier: Sendable {
  /// The classes, sorted (see ``ClassValue``).
  var classes: [ClassValue] { get }
  /// How table columns become features.
  var encoding: FeatureEncoding { get }
  /// Class probabilities, `rowCount × classes.count`, row-major.
  func probabilities(_ x: FeatureMatrix) throws(TableError) -> [Double]
  /// The same, stopping early when `cancellation` is set. Models whose scoring is slow on large tables (kNN's
  /// neighbour searches) poll it; the default checks it before and after.
  func probabilities(_ x: FeatureMatrix, cancellation: Cancellation) throws(TableError) -> [Double]
  /// The predicted class index of each row.
  func predict(_ x: FeatureMatrix, cancellation: Cancellation) throws(TableError) -> [Int32]
}

extension Classifier {
  public func probabilities(_ x: FeatureMatrix, cancellation: Cancellation) throws(TableError) -> [Double] {
    try cancellation.check()
    let p = try probabilities(x)
    try cancellation.check()
    return p
  }

  /// The most probable class of each row; equal probabilities go to the smaller class (`argmax`).
  public func predict(_ x: FeatureMatrix, cancellation: Cancellation = .none) throws(TableError) -> [Int32] {
    argmaxRows(try probabilities(x, cancellation: cancellation), classes: classes.count)
  }

  /// Predicted class indices for the rows of `table` (encoded as at fit time).
  public func predict(_ table: Table, cancellation: Cancellation = .none) throws(TableError) -> [Int32] {
    try predict(FeatureMatrix(table, encoding: encoding), cancellation: cancellation)
  }

  /// Predictions for `table` as a column typed like the training target.
  public func predictColumn(
    _ table: Table, named name: String, cancellation: Cancellation = .none
  ) throws(TableError) -> Column {
    classes.column(named: name, codes: try predict(table, cancellation: cancellation))
  }

  /// Checks the width of `x` against the encoding.
  func requireWidth(_ x: FeatureMatrix) throws(TableError) {
    guard x.columnCount == encoding.width else {
      throw .invalidArgument(
        "the model expects \(encoding.width) features (\(encoding.columns.joined(separator: ", "))), got \(x.columnCount)"
      )
    }
  }
}

/// Index of the first maximum in each row of a row-major `n × k` matrix.
func argmaxRows(_ p: [Double], classes k: Int) -> [Int32] {
  guard k > 0 else { return [] }
  let n = p.count / k
  var out = [Int32](repeating: 0, count: n)
  for i in 0..<n {
    var best = 0
    for j in 1..<max(k, 1) where p[i * k + j] > p[i * k + best] { best = j }
    out[i] = Int32(best)
  }
  return out
}

/// Features and an encoded target ready for a classifier.
public struct TrainingData: Sendable {
  public var x: FeatureMatrix
  public var y: EncodedTarget

  public init(x: FeatureMatrix, y: EncodedTarget) throws(TableError) {
    guard x.rowCount == y.codes.count else {
      throw .invalidArgument("\(x.rowCount) feature rows but \(y.codes.count) target values")
    }
    guard x.rowCount > 0 else { throw TableError(code: .emptyTable, message: "cannot train on an empty table") }
    self.x = x
    self.y = y
  }

  /// Encodes `features` and `target` of `table`; the target may not also be a feature.
  public init(_ table: Table, target: String, features: [String]) throws(TableError) {
    if features.contains(target) {
      throw TableError(
        code: .invalidArgument, message: "the target column '\(target)' cannot also be a feature", column: target)
    }
    try self.init(x: FeatureMatrix(table, columns: features), y: EncodedTarget(table.requireColumn(target)))
  }

  /// Number of classes.
  public var classCount: Int { y.classes.count }
}
