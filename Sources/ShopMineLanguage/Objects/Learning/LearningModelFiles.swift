import Foundation
import JupyterProtocol
import ShopMineData
import ShopMineLearning

/// `save MODEL to "path"` and `load model "path"` for clustering and classification models.
///
/// The file is ``LearningModelFile``'s versioned JSON (`{"format": "shopmine-model", "kind", "model",
/// "version"}`) with one more key the language needs, `"language"`: the target or label column
/// (`{"target": "churned"}`), so `evaluate` works on a loaded model. The library's reader ignores keys
/// it does not know, so the files stay readable by `LearningModelFile.load` alone. Keys stay sorted.
enum LearningModelFiles {
  static let format = LearningModelFile.format
  static let metadataKey = "language"

  /// Writes `saved` plus `metadata` to `path` atomically (temporary file beside it, then a rename),
  /// creating missing folders.
  static func save(_ saved: SavedModel, metadata: [String: String], to path: String) throws(TableError) {
    var data = try LearningModelFile.encode(saved)
    // The encoder sorts keys (format, kind, model, version), so the first `,"model":` is the top-level
    // key and "language" slots in before it, keeping the order sorted.
    if !metadata.isEmpty, let range = data.range(of: Data(",\"model\":".utf8)) {
      let json = JSONWriter().string(.object(metadata.mapValues { JSONValue.string($0) }))
      data.replaceSubrange(range, with: Data(",\"\(metadataKey)\":\(json),\"model\":".utf8))
    }
    let url = URL(fileURLWithPath: path)
    do {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url, options: .atomic)
    } catch {
      throw TableError(code: .io, message: "cannot save the model to '\(path)': \(error.localizedDescription)")
    }
  }

  /// The model in `bytes` (read from `path`) as a language value.
  static func load(_ path: String, bytes: Data) throws(TableError) -> RuntimeValue {
    let saved = try LearningModelFile.decode(bytes, source: "'\(path)'")
    var metadata: [String: String] = [:]
    if case .object(let fields)? = (try? JSONParser().parse([UInt8](bytes)))?[metadataKey] {
      for (key, value) in fields { if let s = value.stringValue { metadata[key] = s } }
    }
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
