import Foundation
import ShopMineData
import ShopMineRecommenders

extension RecommenderModel: PersistentObject {
  /// The `format` of recommender files (``ModelFile``'s).
  static let fileFormat = ModelFile.format
  /// The key under which the language keeps the training column names in the model file. The model
  /// reader ignores keys it does not know, so files stay readable by ``ModelFile/load(from:)``.
  static let columnsKey = "columns"

  /// Writes the model in ``ModelFile``'s format plus the training column names, atomically: the library
  /// writes a temporary file beside the target, the columns are merged in, and one atomic write replaces
  /// the target.
  public func save(to path: String) throws(TableError) -> String {
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    defer { try? FileManager.default.removeItem(at: temporary) }
    try ModelFile.save(model, to: temporary.path)
    do {
      let bytes = try Data(contentsOf: temporary)
      guard var object = try JSONSerialization.jsonObject(with: bytes) as? [String: Any] else {
        throw TableError(code: .io, message: "cannot save model to '\(path)': unexpected model encoding")
      }
      let columnData = try JSONEncoder().encode(columns)
      object[Self.columnsKey] = try JSONSerialization.jsonObject(with: columnData)
      let merged = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
      try merged.write(to: url, options: .atomic)
      return
        "saved \(model.kind.rawValue) model (\(model.data.userCount) users × \(model.data.itemCount) items) to \(path)"
    } catch let error as TableError {
      throw error
    } catch {
      throw TableError(code: .io, message: "cannot save model to '\(path)': \(error.localizedDescription)")
    }
  }

  /// Reads a model written by ``save(to:)`` (or by ``ModelFile`` alone: columns then default to
  /// `user_id` and `product_id`).
  static func load(from path: String, bytes: Data) throws(TableError) -> RecommenderModel {
    let model = try ModelFile.load(from: path)
    var columns = TrainingColumns(
      user: "user_id", item: "product_id", value: nil, isRating: model.data.hasValues && model.data.duplicates == .mean)
    if let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any],
      let stored = object[columnsKey],
      let data = try? JSONSerialization.data(withJSONObject: stored),
      let decoded = try? JSONDecoder().decode(TrainingColumns.self, from: data)
    {
      columns = decoded
    }
    return RecommenderModel(model: model, columns: columns)
  }
}
