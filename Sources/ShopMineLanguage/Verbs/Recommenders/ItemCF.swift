import ShopMineData
import ShopMineRecommenders

extension VerbSpec {
  /// `icf = itemcf train user user_id item product_id neighbors 40`: item-based collaborative filtering.
  static let itemcf = VerbSpec(
    "itemcf", summary: "item-kNN recommender (cosine, pearson or jaccard similarity with shrinkage)",
    options: TrainingArguments.neighborhoodOptions,
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let columns = try TrainingArguments.columns(inv, table)
      let data = try TrainingArguments.interactions(inv, table, columns)
      let options = try TrainingArguments.neighborhood(inv, explicit: columns.isRating)
      return try TrainingArguments.fit(inv, label: "itemcf", columns: columns) { cancellation, _ throws(TableError) in
        try ItemKNN(data: data, options: options, cancellation: cancellation)
      }
    })
}
