import ShopMineData
import ShopMineRules

extension VerbSpec {
  /// `rules = fpgrowth orders basket order_id item product_id support 0.01 confidence 0.3`: association
  /// rules from FP-growth itemsets, equal to mlxtend's.
  static let fpgrowth = VerbSpec(
    "fpgrowth", summary: "association rules from FP-growth itemsets, as a table",
    options: BasketArguments.miningOptions + BasketArguments.ruleOptions,
    schema: { _ in rulesColumns },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let baskets = try BasketArguments.baskets(inv, table)
      let options = try BasketArguments.mining(inv)
      _ = try BasketArguments.ruleFilter(inv)  // Reject a bad threshold before mining.
      let itemsets = try mineFrequent(inv, baskets, options)
      return .table(try BasketArguments.rules(inv, itemsets))
    })

  /// Columns of a rules table (for completion after `fpgrowth` and `apriori`).
  static let rulesColumns: [String] =
    [RulesColumns.antecedents, RulesColumns.consequents] + RulesColumns.metrics.map(\.rawValue)
    + [RulesColumns.antecedentSize, RulesColumns.consequentSize]
}
