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

/// The versioned model file format: UTF-8 JSON with a fixed header and the model's fitted numbers.
///
/// ```json
/// {"format": "shopmine-model", "version": 1, "kind": "tree", "model": { … }}
/// ```
/// `kind` is one of `kmeans`, `dbscan`, `tree`, `logistic`, `bayes`, `knn`, `sentiment`; `model` holds the
/// fields of the matching Swift type (keys sorted, numbers in shortest round-trip form, so saving the same
/// model twice gives the same bytes). A file whose `version` is newer than ``currentVersion`` is refused
/// with a message saying so; anything else unreadable is reported as corrupt.
public enum LearningModelFile {
  /// The format identifier in every file.
  public static let format = "shopmine-model"
  /// The version this build writes and the newest it reads.
  public static let currentVersion = 1

  private struct Header: Codable {
    var format: String
    var version: Int
    var kind: String
  }

  private struct Envelope<M: Codable>: Codable {
    var format: String
    var version: Int
    var kind: String
    var model: M
  }

  /// Serialises `model` to the file format's bytes.
  public static func encode(_ model: SavedModel) throws(TableError) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    func wrap<M: Codable>(_ m: M) throws -> Data {
      try encoder.encode(Envelope(format: format, version: currentVersion, kind: model.kind, model: m))
    }
    do {
      switch model {
      case .kmeans(let m): return try wrap(m)
      case .dbscan(let m): return try wrap(m)
      case .tree(let m): return try wrap(m)
      case .logistic(let m): return try wrap(m)
      case .naiveBayes(let m): return try wrap(m)
      case .knn(let m): return try wrap(m)
      case .sentiment(let m): return try wrap(m)
      }
    } catch {
      throw TableError(code: .io, message: "could not encode the \(model.kind) model: \(error)")
    }
  }

  /// Reads a model from the file format's bytes; `source` names the file in messages.
  public static func decode(_ data: Data, source: String = "model file") throws(TableError) -> SavedModel {
    let decoder = JSONDecoder()
    let header: Header
    do {
      header = try decoder.decode(Header.self, from: data)
    } catch {
      throw TableError(code: .parse, message: "\(source) is not a ShopMine model file (corrupt or not JSON)")
    }
    guard header.format == format else {
      throw TableError(code: .parse, message: "\(source) is not a ShopMine model file (format '\(header.format)')")
    }
    guard header.version <= currentVersion else {
      throw TableError(
        code: .parse,
        message:
          "\(source) was written by a newer ShopMine (model format version \(header.version)); this build reads up to version \(currentVersion)"
      )
    }
    guard header.version >= 1 else {
      throw TableError(code: .parse, message: "\(source) has an invalid model format version \(header.version)")
    }
    func unwrap<M: Codable>(_ type: M.Type) throws(TableError) -> M {
      do {
        return try decoder.decode(Envelope<M>.self, from: data).model
      } catch {
        throw TableError(
          code: .parse, message: "\(source) is corrupt: its \(header.kind) model could not be read (\(describe(error)))"
        )
      }
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

  /// Writes `model` to `path` atomically (a temporary file in the same folder, then a rename), creating
  /// missing parent folders.
  public static func save(_ model: SavedModel, to path: String) throws(TableError) {
    let data = try encode(model)
    let url = URL(fileURLWithPath: path)
    do {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      // Foundation's `.atomic` writes a temporary file beside the target and renames it over.
      try data.write(to: url, options: .atomic)
    } catch {
      throw TableError(code: .io, message: "could not save the model to '\(path)': \(error.localizedDescription)")
    }
  }

  /// Reads the model saved at `path`.
  public static func load(from path: String) throws(TableError) -> SavedModel {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw TableError(code: .io, message: "could not read the model file '\(path)': \(error.localizedDescription)")
    }
    return try decode(data, source: "'\(path)'")
  }

  private static func describe(_ error: Error) -> String {
    guard let e = error as? DecodingError else { return "\(error)" }
    switch e {
    case .keyNotFound(let key, let ctx): return "missing field '\(path(ctx.codingPath + [key]))'"
    case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx):
      return "bad value at '\(path(ctx.codingPath))': \(ctx.debugDescription)"
    @unknown default: return "\(e)"
    }
  }

  private static func path(_ keys: [CodingKey]) -> String {
    keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
  }
}
