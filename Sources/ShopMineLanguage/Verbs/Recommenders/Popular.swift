import ShopMineData
import ShopMineRecommenders

extension VerbSpec {
  /// `pop = popular train user user_id item product_id`: the popularity baseline.
  static let popular = VerbSpec(
    "popular", summary: "popularity recommender: items with the most distinct users",
    options: [TrainingArguments.user, TrainingArguments.item, TrainingArguments.rating, TrainingArguments.weight],
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let columns = try TrainingArguments.columns(inv, table)
      let data = try TrainingArguments.interactions(inv, table, columns)
      return .object(RecommenderModel(model: Popularity(data: data), columns: columns))
    })
}
