/// Market baskets: frequent itemsets and association rules.
enum RulesPack: VerbPack {
  static let verbs: [VerbSpec] = [.itemsets, .apriori, .fpgrowth]
  static let plotKinds: [PlotKind] = [.rules, .items]
}
