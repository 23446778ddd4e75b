extension PlotKind {
  /// `plot rules RULES`: support against confidence, one bubble per rule, by lift (drawn by ``RulePlots``).
  static let rules = PlotKind(
    "rules", summary: "association rules: support against confidence, coloured and sized by lift",
    options: [PlotOptions.title],
    example: "plot rules rules"
  ) { inv throws(Diagnostic) in try RulePlots.rules(inv) }

  /// `plot items ORDERS basket order_id item product_id top 20`: the most frequent items as bars.
  static let items = PlotKind(
    "items", summary: "the most frequent items as bars (baskets containing each)",
    options: [
      ParameterSpec("basket", .column, "items: the column naming each basket"),
      ParameterSpec("item", .column, "items: the column naming each item"),
      ParameterSpec.integer("top", default: 20, in: 1...500, "items: how many bars"),
      ParameterSpec("with", .value, "items: a products table to label bars with names"),
      PlotOptions.title,
    ],
    example: "plot items orders basket order_id item product_id top 20"
  ) { inv throws(Diagnostic) in try RulePlots.items(inv) }
}
