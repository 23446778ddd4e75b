import ShopMineData
import ShopMineLearning

extension VerbSpec {
  /// `nb = bayes train target churned on … [kind multinomial]`: naive Bayes, probabilities equal to
  /// scikit-learn's `GaussianNB` / `MultinomialNB`.
  static let bayes = VerbSpec(
    "bayes", summary: "naive Bayes classifier (gaussian or multinomial)",
    options: [
      LearningArguments.target, LearningArguments.features,
      ParameterSpec(
        "kind", .word(NaiveBayesModel.Kind.allCases.map(\.rawValue)), "gaussian (default) or multinomial (counts)"),
    ],
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      let kind = inv.word("kind").flatMap(NaiveBayesModel.Kind.init(rawValue:)) ?? .gaussian
      let (object, _) = try ClassifierFit.run(inv, label: "bayes") { data, _, _ throws(TableError) in
        .bayes(try NaiveBayesModel.fit(data, kind: kind))
      }
      return .object(object)
    })
}
