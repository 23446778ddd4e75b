import Foundation
import JupyterProtocol
import ShopMineData
import ShopMineLearning

/// `save MODEL to "path"` and `load model "path"` for clustering and classification models.
///
/// The file is ShopMine's model file (``ModelEnvelope``) with the language's metadata: the target or label
/// column and the training row count (`{"rows": "75", "target": "churned"}`), so `evaluate` works on a
/// loaded model.
enum LearningModelFiles {
  static let kinds = SavedModel.kinds

  /// Writes `saved` plus `metadata` to `path` atomically, creating missing folders.
  static func save(_ saved: SavedModel, metadata: [String: String], to path: String) throws(TableError) {
    let data = try LearningModelFile.encode(saved, language: metadata.isEmpty ? nil : metadata)
    try ModelEnvelope.write(data, to: path)
  }

  /// The model in `bytes` (read from `path`) as a language value.
  static func load(_ path: String, bytes: Data) throws(TableError) -> RuntimeValue {
    let saved = try LearningModelFile.decode(bytes, source: "'\(path)'")
    let metadata = ModelEnvelope.language([String: String].self, from: bytes) ?? [:]
    let target = metadata["target"] ?? "target"
    switch saved {
    case .kmeans(let m): return .object(KMeansObject(model: m, training: nil, silhouette: nil))
    case .dbscan(let m): return .object(DBSCANObject(model: m, training: nil, silhouette: nil))
    case .tree(let m): return classifier(.tree(m), target: target, metadata)
    case .logistic(let m): return classifier(.logistic(m), target: target, metadata)
    case .naiveBayes(let m): return classifier(.bayes(m), target: target, metadata)
    case .knn(let m): return classifier(.knn(m), target: target, metadata)
    case .sentiment(let m):
      return .object(
        SentimentObject(
          model: m, label: metadata["label"] ?? "label", trainingRows: m.classCounts.reduce(0, +), trainingAccuracy: nil
        ))
    }
  }

  private static func classifier(_ model: FittedClassifier, target: String, _ metadata: [String: String])
    -> RuntimeValue
  {
    .object(
      ClassifierObject(
        model: model, target: target, trainingRows: Int(metadata["rows"] ?? "") ?? 0, trainingAccuracy: nil))
  }
}

extension KMeansObject: PersistentObject {
  public func save(to path: String) throws(TableError) -> String {
    try LearningModelFiles.save(.kmeans(model), metadata: [:], to: path)
    return "saved kmeans model (\(model.k) clusters, \(model.encoding.width) features) to \(path)"
  }
}

extension DBSCANObject: PersistentObject {
  public func save(to path: String) throws(TableError) -> String {
    try LearningModelFiles.save(.dbscan(model), metadata: [:], to: path)
    return "saved dbscan model (\(model.clusterCount) clusters of \(model.labels.count) rows) to \(path)"
  }
}

extension ClassifierObject: PersistentObject {
  public func save(to path: String) throws(TableError) -> String {
    try LearningModelFiles.save(model.saved, metadata: ["target": target, "rows": String(trainingRows)], to: path)
    return "saved \(model.name) model (predicting \(target)) to \(path)"
  }
}

extension SentimentObject: PersistentObject {
  public func save(to path: String) throws(TableError) -> String {
    try LearningModelFiles.save(.sentiment(model), metadata: ["label": label], to: path)
    return
      "saved sentiment model (\(model.classes.count) classes, \(model.vectorizer.vocabulary.count) terms) to \(path)"
  }
}
