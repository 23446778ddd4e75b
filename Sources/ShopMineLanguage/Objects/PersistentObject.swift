import Foundation
import ShopMineData

/// A language object that `save OBJECT to "path"` can write and `load model "path"` can read back.
public protocol PersistentObject: LanguageObject {
  /// Writes the object to `path` atomically; returns the line `save` prints.
  func save(to path: String) throws(TableError) -> String
}

/// The model kinds a family reads back from ShopMine's model file (``ModelEnvelope``), and how.
struct ModelFileFormat: Sendable {
  /// The `kind` values of this family's files.
  let kinds: [String]
  let read: @Sendable (_ path: String, _ bytes: Data) throws(TableError) -> RuntimeValue
}

/// `load model "path"`: reads the file's header and hands it to the family whose kind it holds.
enum ModelFiles {
  /// Every family `load model` reads: the packs' formats.
  static let formats: [ModelFileFormat] = VerbPacks.all.flatMap { $0.modelFormats }

  /// The model in the file at `path`.
  static func load(_ path: String) throws(TableError) -> RuntimeValue {
    let bytes = try ModelEnvelope.read(path)
    let header = try ModelEnvelope.header(bytes, source: "'\(path)'")
    guard let reader = formats.first(where: { $0.kinds.contains(header.kind) }) else {
      throw TableError(code: .parse, message: "'\(path)' holds an unknown model kind '\(header.kind)'")
    }
    return try reader.read(path, bytes)
  }
}
