import Foundation

/// The one model-file format of every model family: UTF-8 JSON with a fixed header, the family's fitted
/// numbers under `model`, and what the language needs to use the model again under `language`.
///
/// ```json
/// {"format": "shopmine-model", "kind": "als", "language": {…}, "model": {…}, "version": 2}
/// ```
/// Keys are sorted and numbers written in shortest round-trip form, so saving the same model twice gives
/// the same bytes. Version 1 files of every family still load: learning models were already this shape;
/// recommender (`"format": "shopmine-recommender"`) and elasticity (`"shopmine.elasticity"`) files kept
/// their fields at the top level, and ``Header/isFlat`` tells readers to look there.
public enum ModelEnvelope {
  /// The format identifier in every file this build writes.
  public static let format = "shopmine-model"
  /// The version this build writes and the newest it reads.
  public static let currentVersion = 2

  /// What a reader needs before it decodes the body.
  public struct Header: Sendable, Hashable {
    /// Which model: `kmeans`, `tree`, `als`, `elasticity`, … (the family that reads it decides).
    public let kind: String
    public let version: Int
    /// A version-1 recommender or elasticity file: the model's fields are the top-level object.
    public let isFlat: Bool
  }

  /// The families' version-1 formats that stored their fields at the top level, and the kind a file
  /// without a `kind` field has.
  private static let flatFormats: [String: String?] = [
    "shopmine-recommender": nil, "shopmine.elasticity": "elasticity",
  ]

  private struct RawHeader: Decodable {
    var format: String
    var version: Int
    var kind: String?
  }

  private struct Body<Model: Decodable>: Decodable {
    var model: Model
  }

  private struct Language<Metadata: Decodable>: Decodable {
    var language: Metadata
  }

  private struct Envelope<Model: Encodable, Metadata: Encodable>: Encodable {
    var format: String
    var version: Int
    var kind: String
    var language: Metadata?
    var model: Model
  }

  /// The file's bytes for `model` of `kind`, with the language's `metadata` when there is some.
  public static func encode<Model: Encodable, Metadata: Encodable>(
    kind: String, model: Model, language metadata: Metadata?
  ) throws(TableError) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    do {
      return try encoder.encode(
        Envelope(format: format, version: currentVersion, kind: kind, language: metadata, model: model))
    } catch {
      throw TableError(code: .io, message: "could not encode the \(kind) model: \(error)")
    }
  }

  /// The header of `bytes`, checked: a ShopMine model file of a version this build reads. `source` names
  /// the file in messages (`'churn.model'`).
  public static func header(_ bytes: Data, source: String) throws(TableError) -> Header {
    let raw: RawHeader
    do { raw = try JSONDecoder().decode(RawHeader.self, from: bytes) } catch {
      throw TableError(code: .parse, message: "\(source) is not a ShopMine model file (corrupt or not JSON)")
    }
    let flat = flatFormats[raw.format]
    guard raw.format == format || flat != nil else {
      throw TableError(code: .parse, message: "\(source) is not a ShopMine model file (format '\(raw.format)')")
    }
    let newest = flat == nil ? currentVersion : 1
    guard raw.version <= newest else {
      throw TableError(
        code: .parse,
        message:
          "\(source) was written by a newer ShopMine (model format version \(raw.version)); this build reads up to version \(currentVersion)"
      )
    }
    guard raw.version >= 1 else {
      throw TableError(code: .parse, message: "\(source) has an invalid model format version \(raw.version)")
    }
    guard let kind = raw.kind ?? flat ?? nil else {
      throw TableError(code: .parse, message: "\(source) is not a ShopMine model file (it names no model kind)")
    }
    return Header(kind: kind, version: raw.version, isFlat: flat != nil)
  }

  /// The model body of `bytes` as `type`: the `model` object (the top level of a flat version-1 file).
  public static func model<Model: Decodable>(
    _ type: Model.Type, from bytes: Data, header: Header, source: String
  ) throws(TableError) -> Model {
    do {
      if header.isFlat { return try JSONDecoder().decode(Model.self, from: bytes) }
      return try JSONDecoder().decode(Body<Model>.self, from: bytes).model
    } catch {
      throw TableError(
        code: .parse, message: "\(source) is corrupt: its \(header.kind) model could not be read (\(describe(error)))")
    }
  }

  /// The language's metadata in `bytes`, or `nil` when the file has none (or it does not decode).
  public static func language<Metadata: Decodable>(_ type: Metadata.Type, from bytes: Data) -> Metadata? {
    try? JSONDecoder().decode(Language<Metadata>.self, from: bytes).language
  }

  /// Writes `data` to `path` atomically (a temporary file beside it, then a rename), creating missing
  /// parent folders.
  public static func write(_ data: Data, to path: String) throws(TableError) {
    let url = URL(fileURLWithPath: path)
    do {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url, options: .atomic)
    } catch {
      throw TableError(code: .io, message: "could not save the model to '\(path)': \(error.localizedDescription)")
    }
  }

  /// The bytes of the model file at `path`.
  public static func read(_ path: String) throws(TableError) -> Data {
    do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw TableError(code: .io, message: "could not read the model file '\(path)': \(error.localizedDescription)")
    }
  }

  private static func describe(_ error: Error) -> String {
    guard let e = error as? DecodingError else { return "\(error)" }
    func path(_ keys: [CodingKey]) -> String {
      keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch e {
    case .keyNotFound(let key, let ctx): return "missing field '\(path(ctx.codingPath + [key]))'"
    case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx):
      return "bad value at '\(path(ctx.codingPath))': \(ctx.debugDescription)"
    @unknown default: return "\(e)"
    }
  }
}
