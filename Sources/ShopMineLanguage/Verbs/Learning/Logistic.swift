import ShopMineData
import ShopMineLearning

extension VerbSpec {
  /// `lr = logistic train target churned on browse_time, … [C 1]`: L2-regularised logistic regression,
  /// coefficients equal to scikit-learn's converged lbfgs solution.
  static let logistic = VerbSpec(
    "logistic", summary: "logistic regression classifier (L2, as scikit-learn's lbfgs)",
    options: [
      LearningArguments.target, LearningArguments.features,
      ParameterSpec("C", .value, "inverse regularisation strength (1.0)"),
      ParameterSpec("c", .value, "the same as C"),
      ParameterSpec("iterations", .value, "L-BFGS iterations at most (1000)"),
    ],
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      if inv.has("C"), inv.has("c") { throw inv.error(at: "c", "give C once") }
      let name = inv.has("c") ? "c" : "C"
      let c = try inv.double(name, default: 1) ?? 1
      guard c > 0, c.isFinite else {
        throw inv.error(at: name, "'C' must be a positive number, not \(ValueFormatter.number(c))")
      }
      let iterations = try inv.int("iterations", default: 1000, in: 1...1_000_000) ?? 1000
      let (object, _) = try ClassifierFit.run(inv, label: "logistic") { data, cancellation, progress throws(TableError) in
        .logistic(try LogisticModel.fit(data, c: c, maxIterations: iterations, cancellation: cancellation, progress: progress))
      }
      return .object(object)
    })
}
