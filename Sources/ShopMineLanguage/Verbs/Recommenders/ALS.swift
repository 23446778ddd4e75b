import ShopMineData
import ShopMineRecommenders

extension VerbSpec {
  /// `mf = als orders user user_id item product_id weight quantity factors 32 iterations 15 seed 1`:
  /// implicit-feedback matrix factorisation in the `implicit` library's form.
  static let als = VerbSpec(
    "als", summary: "implicit-feedback matrix factorisation by alternating least squares",
    options: [
      TrainingArguments.user, TrainingArguments.item, TrainingArguments.weight, TrainingArguments.rating,
      ParameterSpec("factors", .value, "latent factors (100)"),
      ParameterSpec("iterations", .value, "alternating sweeps (15)"),
      ParameterSpec("regularization", .value, "λ, not scaled by counts (0.01)"),
      ParameterSpec("alpha", .value, "confidence = alpha · weight (1)"),
      ParameterSpec("cg", .value, "conjugate-gradient steps per solve (3)"),
      ParameterSpec("exact", .flag, "solve each row exactly by Cholesky instead of conjugate gradient"),
      ParameterSpec("seed", .value, "random seed (default: set seed)"),
    ],
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let columns = try TrainingArguments.columns(inv, table)
      var options = ALSOptions()
      options.factors = try inv.int("factors", default: 100, in: 1...4096) ?? 100
      options.iterations = try inv.int("iterations", default: 15, in: 0...10_000) ?? 15
      options.regularization = try inv.double("regularization", default: 0.01) ?? 0.01
      options.alpha = try inv.double("alpha", default: 1) ?? 1
      options.cgSteps = try inv.int("cg", default: 3, in: 1...1_000) ?? 3
      options.exact = inv.has("exact")
      options.seed = try inv.seed()
      let data = try TrainingArguments.interactions(inv, table, columns)
      let settings = options
      return try TrainingArguments.fit(inv, label: "als", columns: columns, total: settings.iterations) {
        cancellation, progress throws(TableError) in
        try ALS(data: data, options: settings, cancellation: cancellation, progress: progress)
      }
    })
}
