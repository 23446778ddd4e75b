import ShopMineData
import ShopMineRules

extension VerbSpec {
  /// `rules2 = apriori orders basket order_id item product_id support 0.01 confidence 0.3 maxlen 3 [trace]`:
  /// the same rules as `fpgrowth`; `trace` first shows each level of the textbook walk-through.
  static let apriori = VerbSpec(
    "apriori", summary: "association rules by Apriori (with 'trace': each level's candidates)",
    options: BasketArguments.miningOptions + BasketArguments.ruleOptions
      + [ParameterSpec("trace", .flag, "show candidates generated, pruned, counted and kept per level")],
    schema: { _ in rulesColumns },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let baskets = try BasketArguments.baskets(inv, table)
      let options = try BasketArguments.mining(inv)
      _ = try BasketArguments.ruleFilter(inv)
      let result = try inv.withProgress(label: "apriori", finish: { "\($0.itemsets.count) itemsets" }) {
        cancellation, callback throws(TableError) in
        try Apriori.mine(baskets, options: options, cancellation: cancellation, progress: callback)
      }
      if inv.has("trace") {
        let minimum = baskets.minimumCount(forSupport: options.minSupport)
        inv.display(
          .display(
            AprioriTraceDisplay.bundle(
              result, options: options, minimumCount: minimum, display: inv.session.displayOptions)))
      }
      return .table(try BasketArguments.rules(inv, result.itemsets))
    })
}
