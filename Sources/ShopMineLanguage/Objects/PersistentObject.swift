import Foundation
import ShopMineData

/// A language object that `save OBJECT to "path"` can write and `load model "path"` can read back.
public protocol PersistentObject: LanguageObject {
  /// Writes the object to `path` atomically; returns the line `save` prints.
  func save(to path: String) throws(TableError) -> String
}

/// A model-file format: the `format` field its files carry and how to read one back.
struct ModelFileFormat: Sendable {
  let name: String
  let read: @Sendable (_ path: String, _ bytes: Data) throws(TableError) -> RuntimeValue
}

/// `load model "path"`: reads the file's `format` and hands it to the family that wrote it.
enum ModelFiles {
  /// Every format `load model` reads: the packs' formats.
  static let formats: [ModelFileFormat] = VerbPacks.all.flatMap { $0.modelFormats }

  /// The model in the file at `path`.
  static func load(_ path: String) throws(TableError) -> RuntimeValue {
    let bytes: Data
    do { bytes = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw TableError(code: .io, message: "cannot read model file '\(path)': \(error.localizedDescription)")
    }
    let format = (try? JSONSerialization.jsonObject(with: bytes) as? [String: Any])?["format"] as? String
    guard let reader = formats.first(where: { $0.name == format }) else {
      throw TableError(
        code: .parse,
        message: "'\(path)' is not a ShopMine model file" + (format.map { " (unknown format '\($0)')" } ?? ""))
    }
    return try reader.read(path, bytes)
  }
}
