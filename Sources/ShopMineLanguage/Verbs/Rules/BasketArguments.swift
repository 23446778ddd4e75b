import ShopMineData
import ShopMineRendering
import ShopMineRules

/// Arguments shared by `itemsets`, `apriori`, `fpgrowth` and `plot items`: which columns make baskets,
/// the support threshold and the rule metric.
enum BasketArguments {
  /// The options every miner takes.
  static let miningOptions: [ParameterSpec] = [
    ParameterSpec("basket", .column, "the column naming each basket (order_id)"),
    ParameterSpec("item", .column, "the column naming each item (product_id)"),
    ParameterSpec.number("support", default: 0.01, "minimum support as a fraction of baskets, in (0, 1]"),
    ParameterSpec.integer("maxlen", in: 1...1_000, "largest itemset size; no limit when left out"),
  ]

  /// The options of the rule miners on top of ``miningOptions``.
  static let ruleOptions: [ParameterSpec] = [
    ParameterSpec.number("confidence", default: 0.8, "minimum confidence, when no metric is given"),
    ParameterSpec("metric", .word(RuleMetric.allCases.map(\.rawValue)), "the measure 'threshold' applies to"),
    ParameterSpec("threshold", .value, "minimum value of 'metric'"),
  ]

  /// The basket and item column names, checked against `table`.
  static func columns(_ inv: VerbInvocation, _ table: Table) throws(Diagnostic) -> (basket: String, item: String) {
    guard inv.has("basket"), inv.has("item") else {
      throw inv.error(
        "'\(inv.spec.name)' needs the basket and item columns",
        suggestions: ["\(inv.spec.name) orders basket order_id item product_id support 0.01"])
    }
    let basket = try inv.columns("basket", in: table).first ?? ""
    let item = try inv.columns("item", in: table).first ?? ""
    return (basket, item)
  }

  /// Baskets read from the subject table.
  static func baskets(_ inv: VerbInvocation, _ table: Table) throws(Diagnostic) -> Baskets {
    let (basket, item) = try columns(inv, table)
    let cancellation = inv.cancellation
    return try inv.data { () throws(TableError) in
      try Baskets(table: table, basket: basket, item: item, cancellation: cancellation)
    }
  }

  /// `support` (a fraction in (0, 1]) and `maxlen`, as mining options.
  static func mining(_ inv: VerbInvocation) throws(Diagnostic) -> MiningOptions {
    let support = try inv.number("support")
    guard support > 0, support <= 1 else {
      throw inv.error(
        at: "support",
        "'support' must be a fraction of baskets in (0, 1], not \(DecimalFormat.trimmed(support, maxDecimals: 6))",
        suggestions: ["support 0.01 keeps itemsets in at least 1 % of baskets"])
    }
    let maxlen = try inv.int("maxlen")
    return MiningOptions(minSupport: support, maxLength: maxlen, threads: 2)
  }

  /// The rule filter: `confidence C`, or `metric M threshold T` (mlxtend's `metric`/`min_threshold`).
  static func ruleFilter(_ inv: VerbInvocation) throws(Diagnostic) -> (RuleMetric, Double) {
    if let word = inv.word("metric") {
      guard let metric = RuleMetric(name: word) else { throw inv.error(at: "metric", "unknown rule metric '\(word)'") }
      if inv.has("confidence") {
        throw inv.error(at: "confidence", "give either 'confidence' or 'metric … threshold …', not both")
      }
      guard let threshold = try inv.double("threshold") else {
        throw inv.error(
          at: "metric", "'metric \(word)' needs a 'threshold'",
          suggestions: ["metric \(word) threshold 1.2"])
      }
      return (metric, threshold)
    }
    if inv.has("threshold") {
      throw inv.error(
        at: "threshold", "'threshold' needs a 'metric' (lift, leverage, …)",
        suggestions: ["metric lift threshold 1.2"])
    }
    let confidence = try inv.number("confidence")
    guard confidence >= 0, confidence <= 1 else {
      throw inv.error(
        at: "confidence",
        "'confidence' must be between 0 and 1, not \(DecimalFormat.trimmed(confidence, maxDecimals: 6))")
    }
    return (.confidence, confidence)
  }

  /// Rules from mined itemsets, with the filter of ``ruleFilter(_:)``.
  static func rules(_ inv: VerbInvocation, _ itemsets: FrequentItemsets) throws(Diagnostic) -> Table {
    let (metric, threshold) = try ruleFilter(inv)
    let cancellation = inv.cancellation
    return try inv.data { () throws(TableError) in
      try AssociationRules(itemsets: itemsets, metric: metric, threshold: threshold, cancellation: cancellation)
        .table()
    }
  }
}
