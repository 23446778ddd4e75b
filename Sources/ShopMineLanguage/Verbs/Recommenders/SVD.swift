import ShopMineData
import ShopMineRecommenders

extension VerbSpec {
  /// `sv = svd train user user_id item product_id rating rating factors 50 epochs 20 seed 1`: Surprise's
  /// biased SVD for explicit ratings.
  static let svd = VerbSpec(
    "svd", summary: "rating-prediction matrix factorisation (Surprise's SVD, biased, SGD)",
    options: [
      TrainingArguments.user, TrainingArguments.item, TrainingArguments.rating,
      ParameterSpec("factors", .value, "latent factors (100)"),
      ParameterSpec("epochs", .value, "passes over the ratings (20)"),
      ParameterSpec("lr", .value, "learning rate (0.005)"),
      ParameterSpec("reg", .value, "regularisation (0.02)"),
      ParameterSpec("seed", .value, "random seed (default: set seed)"),
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
      options.factors = try inv.int("factors", default: 100, in: 1...4096) ?? 100
      options.epochs = try inv.int("epochs", default: 20, in: 0...100_000) ?? 20
      options.learningRate = try inv.double("lr", default: 0.005) ?? 0.005
      options.regularization = try inv.double("reg", default: 0.02) ?? 0.02
      options.seed = try inv.seed()
      let data = try TrainingArguments.interactions(inv, table, columns)
      let settings = options
      return try TrainingArguments.fit(inv, label: "svd", columns: columns, total: settings.epochs) {
        cancellation, progress throws(TableError) in
        try SVD(data: data, options: settings, cancellation: cancellation, progress: progress)
      }
    })
}
