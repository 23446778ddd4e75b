import Foundation
import ShopMineData

/// A language object that `save OBJECT to "path"` can write and `load model "path"` can read back.
public protocol PersistentObject: LanguageObject {
  /// Writes the object to `path` atomically; returns the line `save` prints.
  func save(to path: String) throws(TableError) -> String
}

/// `load model "path"`: reads the file's `format` and hands it to the family that wrote it.
enum ModelFiles {
  /// The model in the file at `path`.
  static func load(_ path: String) throws(TableError) -> RuntimeValue {
    let bytes: Data
    do { bytes = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw TableError(code: .io, message: "cannot read model file '\(path)': \(error.localizedDescription)")
    }
    let format = (try? JSONSerialization.jsonObject(with: bytes) as? [String: Any])?["format"] as? String
    switch format {
    case RecommenderModel.fileFormat:
      return .object(try RecommenderModel.load(from: path, bytes: bytes))
    case LearningModelFiles.format:
      return try LearningModelFiles.load(path, bytes: bytes)
    case ElasticityFile.format:
      return .object(try ElasticityModel.load(from: path, bytes: bytes))
    default:
      throw TableError(
        code: .parse,
        message: "'\(path)' is not a ShopMine model file" + (format.map { " (unknown format '\($0)')" } ?? ""))
    }
  }
}
