import ShopMineData
import ShopMineRules

extension VerbSpec {
  /// `items = itemsets orders basket order_id item product_id support 0.01`: frequent itemsets (FP-growth).
  static let itemsets = VerbSpec(
    "itemsets", summary: "frequent itemsets of baskets (FP-growth), as a table",
    options: BasketArguments.miningOptions,
    schema: { _ in ["itemsets", "size", "support", "count"] },
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let baskets = try BasketArguments.baskets(inv, table)
      let options = try BasketArguments.mining(inv)
      let itemsets = try mineFrequent(inv, baskets, options)
      return .table(itemsets.table())
    })

  /// FP-growth with interrupt and a progress bar; shared by `itemsets` and `fpgrowth`.
  static func mineFrequent(_ inv: VerbInvocation, _ baskets: Baskets, _ options: MiningOptions)
    throws(Diagnostic) -> FrequentItemsets
  {
    try inv.withProgress(label: "fpgrowth", finish: { "\($0.count) itemsets" }) {
      cancellation, callback throws(TableError) in
      try FPGrowth.mine(baskets, options: options, cancellation: cancellation, progress: callback)
    }
  }
}
