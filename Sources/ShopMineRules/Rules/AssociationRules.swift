import ShopMineData

/// Association rules A → C derived from frequent itemsets, with every mlxtend measure.
///
/// For each itemset of size ≥ 2 and each non-empty proper subset A of it, the rule A → (itemset − A) is
/// kept when `metric(rule) >= threshold` (mlxtend's `association_rules(df, num_itemsets=n, metric=…,
/// min_threshold=…)`). Order: itemsets in their canonical order; within an itemset, larger antecedents
/// first (as mlxtend iterates), then antecedents in natural label order.
public struct AssociationRules: Sendable {
  /// One rule: item codes of both sides (natural label order) and its measures.
  public struct Rule: Sendable, Equatable {
    public var antecedent: [Int32]
    public var consequent: [Int32]
    public var measures: RuleMeasures
  }

  public let itemLabels: [Value]
  public let basketCount: Int
  public let metric: RuleMetric
  public let threshold: Double
  public private(set) var rules: [Rule]

  /// Generates the rules of `itemsets` whose `metric` is ≥ `threshold`.
  ///
  /// - Throws: ``TableError`` when a subset's support is unknown (cannot happen for complete mining
  ///   output) or when cancelled.
  /// - Complexity: O(Σ over itemsets of 2^size) subset lookups.
  public init(
    itemsets: FrequentItemsets, metric: RuleMetric = .confidence, threshold: Double = 0.8,
    cancellation: Cancellation = .none
  ) throws(TableError) {
    self.itemLabels = itemsets.itemLabels
    self.basketCount = itemsets.basketCount
    self.metric = metric
    self.threshold = threshold
    var supportOf: [[Int32]: Double] = [:]
    supportOf.reserveCapacity(itemsets.count)
    for i in 0..<itemsets.count { supportOf[Array(itemsets.itemset(i))] = itemsets.support(i) }
    let n = Double(itemsets.basketCount)
    var rules: [Rule] = []
    for i in 0..<itemsets.count {
      let set = Array(itemsets.itemset(i))
      guard set.count >= 2 else { continue }
      if i & 255 == 0 { try cancellation.check() }
      let sAC = itemsets.support(i)
      for r in stride(from: set.count - 1, through: 1, by: -1) {
        var failure: TableError?
        forEachCombination(of: set.count, choose: r) { chosen in
          guard failure == nil else { return }
          var antecedent: [Int32] = []
          var consequent: [Int32] = []
          var c = 0
          for (k, item) in set.enumerated() {
            if c < chosen.count && chosen[c] == k {
              antecedent.append(item)
              c += 1
            } else {
              consequent.append(item)
            }
          }
          guard let sA = supportOf[antecedent], let sC = supportOf[consequent] else {
            failure = TableError.invalidArgument(
              "itemsets are incomplete: a subset of {\(set.map { labelText(itemsets.itemLabels[Int($0)]) }.joined(separator: ", "))} has no support"
            )
            return
          }
          let measures = RuleMeasures(sAC: sAC, sA: sA, sC: sC, n: n)
          if measures.value(metric) >= threshold {
            rules.append(Rule(antecedent: antecedent, consequent: consequent, measures: measures))
          }
        }
        if let failure { throw failure }
      }
    }
    self.rules = rules
  }

  /// Number of rules.
  public var count: Int { rules.count }
}

/// Calls `body` with every r-combination of 0..<n as ascending indices, in lexicographic order.
func forEachCombination(of n: Int, choose r: Int, _ body: ([Int]) -> Void) {
  guard r > 0, r <= n else { return }
  var idx = Array(0..<r)
  while true {
    body(idx)
    var i = r - 1
    while i >= 0 && idx[i] == n - r + i { i -= 1 }
    if i < 0 { return }
    idx[i] += 1
    for j in (i + 1)..<r { idx[j] = idx[j - 1] + 1 }
  }
}
