import ShopMineData
import ShopMineRecommenders

extension VerbSpec {
  /// `mf = als orders user user_id item product_id weight quantity factors 32 iterations 15 seed 1`:
  /// implicit-feedback matrix factorisation in the `implicit` library's form.
  static let als = VerbSpec(
    "als", summary: "implicit-feedback matrix factorisation by alternating least squares",
    options: [
      TrainingArguments.user, TrainingArguments.item, TrainingArguments.weight, TrainingArguments.rating,
      ParameterSpec.integer("factors", default: ALSOptions().factors, in: 1...4096, "latent factors"),
      ParameterSpec.integer("iterations", default: ALSOptions().iterations, in: 0...10_000, "alternating sweeps"),
      ParameterSpec.number("regularization", default: ALSOptions().regularization, "λ, not scaled by counts"),
      ParameterSpec.number("alpha", default: ALSOptions().alpha, "confidence = alpha · weight"),
      ParameterSpec.integer("cg", default: ALSOptions().cgSteps, in: 1...1_000, "conjugate-gradient steps per solve"),
      ParameterSpec("exact", .flag, "solve each row exactly by Cholesky instead of conjugate gradient"),
      ParameterSpec.seed(),
    ],
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let columns = try TrainingArguments.columns(inv, table)
      var options = ALSOptions()
      options.factors = try inv.integer("factors")
      options.iterations = try inv.integer("iterations")
      options.regularization = try inv.number("regularization")
      options.alpha = try inv.number("alpha")
      options.cgSteps = try inv.integer("cg")
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
