import ShopMineData
import ShopMineLearning

extension VerbSpec {
  /// `lr = logistic train target churned on browse_time, … [C 1]`: L2-regularised logistic regression,
  /// coefficients equal to scikit-learn's converged lbfgs solution.
  static let logistic = VerbSpec(
    "logistic", summary: "logistic regression classifier (L2, as scikit-learn's lbfgs)",
    options: [
      LearningArguments.target, LearningArguments.features,
      ParameterSpec.number("C", default: 1, "inverse regularisation strength"),
      ParameterSpec.number("c", default: 1, "the same as C"),
      ParameterSpec.integer("iterations", default: 1000, in: 1...1_000_000, "L-BFGS iterations at most"),
    ],
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      if inv.has("C"), inv.has("c") { throw inv.error(at: "c", "give C once") }
      let name = inv.has("c") ? "c" : "C"
      let c = try inv.number(name)
      guard c > 0, c.isFinite else {
        throw inv.error(at: name, "'C' must be a positive number, not \(ValueFormatter.number(c))")
      }
      let iterations = try inv.integer("iterations")
      let (object, _) = try ClassifierFit.run(inv, label: "logistic") {
        data, cancellation, progress throws(TableError) in
        .logistic(
          try LogisticModel.fit(data, c: c, maxIterations: iterations, cancellation: cancellation, progress: progress))
      }
      return .object(object)
    })
}
