import ShopMineData
import ShopMineRecommenders

extension VerbSpec {
  /// `sv = svd train user user_id item product_id rating rating factors 50 epochs 20 seed 1`: Surprise's
  /// biased SVD for explicit ratings.
  static let svd = VerbSpec(
    "svd", summary: "rating-prediction matrix factorisation (Surprise's SVD, biased, SGD)",
    options: [
      TrainingArguments.user, TrainingArguments.item, TrainingArguments.rating,
      ParameterSpec.integer("factors", default: SVDOptions().factors, in: 1...4096, "latent factors"),
      ParameterSpec.integer("epochs", default: SVDOptions().epochs, in: 0...100_000, "passes over the ratings"),
      ParameterSpec.number("lr", default: SVDOptions().learningRate, "learning rate"),
      ParameterSpec.number("reg", default: SVDOptions().regularization, "regularisation"),
      ParameterSpec.seed(),
    ],
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let columns = try TrainingArguments.columns(inv, table)
      guard columns.value != nil else {
        throw inv.error(
          "'svd' predicts explicit ratings and needs a rating column",
          suggestions: ["svd train user user_id item product_id rating rating"])
      }
      var options = SVDOptions()
      options.factors = try inv.integer("factors")
      options.epochs = try inv.integer("epochs")
      options.learningRate = try inv.number("lr")
      options.regularization = try inv.number("reg")
      options.seed = try inv.seed()
      let data = try TrainingArguments.interactions(inv, table, columns)
      let settings = options
      return try TrainingArguments.fit(inv, label: "svd", columns: columns, total: settings.epochs) {
        cancellation, progress throws(TableError) in
        try SVD(data: data, options: settings, cancellation: cancellation, progress: progress)
      }
    })
}
