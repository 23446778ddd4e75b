import Foundation
import ShopMineData
import ShopMineRecommenders

extension RecommenderModel: PersistentObject {
  /// Every `kind` a recommender model file may hold.
  static let kinds = RecommenderKind.allCases.map(\.rawValue)

  /// Writes the model in ShopMine's model file with the training column names as the language's metadata,
  /// atomically.
  public func save(to path: String) throws(TableError) -> String {
    try ModelEnvelope.write(try ModelFile.encode(model, language: columns), to: path)
    return
      "saved \(model.kind.rawValue) model (\(model.data.userCount) users × \(model.data.itemCount) items) to \(path)"
  }

  /// The training columns of a version-1 recommender file, kept at its top level.
  private struct FlatColumns: Decodable {
    var columns: TrainingColumns
  }

  /// Reads a model written by ``save(to:)`` (or by ``ModelFile`` alone: columns then default to
  /// `user_id` and `product_id`).
  static func load(from path: String, bytes: Data) throws(TableError) -> RecommenderModel {
    let model = try ModelFile.decode(bytes, source: "'\(path)'")
    let columns =
      ModelEnvelope.language(TrainingColumns.self, from: bytes)
      ?? (try? JSONDecoder().decode(FlatColumns.self, from: bytes))?.columns
      ?? TrainingColumns(
        user: "user_id", item: "product_id", value: nil,
        isRating: model.data.hasValues && model.data.duplicates == .mean)
    return RecommenderModel(model: model, columns: columns)
  }
}
