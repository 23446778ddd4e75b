import ShopMineData
import ShopMineRecommenders

extension VerbSpec {
  /// `ucf = usercf train user user_id item product_id rating rating neighbors 40`: user-based collaborative
  /// filtering.
  static let usercf = VerbSpec(
    "usercf", summary: "user-kNN recommender (cosine, pearson or jaccard similarity with shrinkage)",
    options: TrainingArguments.neighborhoodOptions,
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let columns = try TrainingArguments.columns(inv, table)
      let data = try TrainingArguments.interactions(inv, table, columns)
      let options = try TrainingArguments.neighborhood(inv, explicit: columns.isRating)
      return try TrainingArguments.fit(inv, label: "usercf", columns: columns) { cancellation, _ throws(TableError) in
        try UserKNN(data: data, options: options, cancellation: cancellation)
      }
    })
}
