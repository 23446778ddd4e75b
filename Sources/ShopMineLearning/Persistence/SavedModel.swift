import Foundation
import ShopMineData

/// Any model this module can save and load.
public enum SavedModel: Sendable, Hashable {
  case kmeans(KMeansModel)
  case dbscan(DBSCANModel)
  case tree(DecisionTreeModel)
  case logistic(LogisticModel)
  case naiveBayes(NaiveBayesModel)
  case knn(KNNModel)
  case sentiment(SentimentModel)

  /// Every `kind` a learning model file may hold.
  public static let kinds = ["kmeans", "dbscan", "tree", "logistic", "bayes", "knn", "sentiment"]

  /// The `kind` string written in the file.
  public var kind: String {
    switch self {
    case .kmeans: return "kmeans"
    case .dbscan: return "dbscan"
    case .tree: return "tree"
    case .logistic: return "logistic"
    case .naiveBayes: return "bayes"
    case .knn: return "knn"
    case .sentiment: return "sentiment"
    }
  }
}

/// Learning models in ShopMine's model file (``ModelEnvelope``): `kind` is one of ``SavedModel/kinds``,
/// `model` holds the fields of the matching Swift type.
public enum LearningModelFile {
  /// Serialises `model`, with the language's `metadata` (the target column…) when given.
  public static func encode(_ model: SavedModel, language metadata: [String: String]? = nil) throws(TableError) -> Data
  {
    func wrap<M: Codable>(_ m: M) throws(TableError) -> Data {
      try ModelEnvelope.encode(kind: model.kind, model: m, language: metadata)
    }
    switch model {
    case .kmeans(let m): return try wrap(m)
    case .dbscan(let m): return try wrap(m)
    case .tree(let m): return try wrap(m)
    case .logistic(let m): return try wrap(m)
    case .naiveBayes(let m): return try wrap(m)
    case .knn(let m): return try wrap(m)
    case .sentiment(let m): return try wrap(m)
    }
  }

  /// Reads a model from the file's bytes; `source` names the file in messages.
  public static func decode(_ data: Data, source: String = "model file") throws(TableError) -> SavedModel {
    let header = try ModelEnvelope.header(data, source: source)
    func unwrap<M: Codable>(_ type: M.Type) throws(TableError) -> M {
      try ModelEnvelope.model(type, from: data, header: header, source: source)
    }
    switch header.kind {
    case "kmeans": return .kmeans(try unwrap(KMeansModel.self))
    case "dbscan": return .dbscan(try unwrap(DBSCANModel.self))
    case "tree": return .tree(try unwrap(DecisionTreeModel.self))
    case "logistic": return .logistic(try unwrap(LogisticModel.self))
    case "bayes": return .naiveBayes(try unwrap(NaiveBayesModel.self))
    case "knn": return .knn(try unwrap(KNNModel.self))
    case "sentiment": return .sentiment(try unwrap(SentimentModel.self))
    default: throw TableError(code: .parse, message: "\(source) holds an unknown model kind '\(header.kind)'")
    }
  }

  /// Writes `model` to `path` atomically, creating missing parent folders.
  public static func save(_ model: SavedModel, to path: String) throws(TableError) {
    try ModelEnvelope.write(try encode(model), to: path)
  }

  /// Reads the model saved at `path`.
  public static func load(from path: String) throws(TableError) -> SavedModel {
    try decode(try ModelEnvelope.read(path), source: "'\(path)'")
  }
}
