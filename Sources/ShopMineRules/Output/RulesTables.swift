import ShopMineData

/// How itemsets and rules appear as tables (Tables have no list type).
///
/// An itemset is a string column holding the item ids in natural order joined by ", " (`"12, 40"`; string
/// ids appear as written, so an id containing ", " is ambiguous in the text), plus an int column with its
/// size so that `where size = 2` works without parsing.
public enum RulesColumns {
  public static let itemsets = "itemsets"
  public static let size = "size"
  public static let support = "support"
  public static let count = "count"
  public static let antecedents = "antecedents"
  public static let consequents = "consequents"
  public static let antecedentSize = "antecedent_size"
  public static let consequentSize = "consequent_size"
  /// Metric columns of a rules table, in order (mlxtend's order, names in snake case).
  public static let metrics: [RuleMetric] = [
    .antecedentSupport, .consequentSupport, .support, .confidence, .lift, .leverage, .conviction,
    .zhangsMetric, .jaccard, .certainty, .kulczynski,
  ]
}

/// Joins item labels of one itemset as "a, b, c".
func itemsetText(_ codes: some Sequence<Int32>, _ labels: [Value]) -> String {
  codes.map { labelText(labels[Int($0)]) }.joined(separator: ", ")
}

extension FrequentItemsets {
  /// The itemsets as a table: `itemsets` (string), `size` (int), `support` (float), `count` (int).
  public func table() -> Table {
    var texts: [String?] = []
    var sizes: [Int64] = []
    var supports: [Double] = []
    var counts: [Int64] = []
    texts.reserveCapacity(count)
    for i in 0..<count {
      texts.append(itemsetText(itemset(i), itemLabels))
      sizes.append(Int64(offsets[i + 1] - offsets[i]))
      supports.append(support(i))
      counts.append(Int64(self.counts[i]))
    }
    return Table(
      uncheckedColumns: [
        Column(name: RulesColumns.itemsets, strings: texts),
        Column(name: RulesColumns.size, ints: sizes),
        Column(name: RulesColumns.support, floats: supports),
        Column(name: RulesColumns.count, ints: counts),
      ], rowCount: count)
  }
}

extension AssociationRules {
  /// The rules as a table: `antecedents`, `consequents` (strings "a, b"), then the metric columns of
  /// ``RulesColumns/metrics`` (floats; conviction is `+∞` at confidence 1), then `antecedent_size` and
  /// `consequent_size` (ints).
  public func table() -> Table {
    var antecedents: [String?] = []
    var consequents: [String?] = []
    var values = [[Double]](repeating: [], count: RulesColumns.metrics.count)
    var aSizes: [Int64] = []
    var cSizes: [Int64] = []
    for rule in rules {
      antecedents.append(itemsetText(rule.antecedent, itemLabels))
      consequents.append(itemsetText(rule.consequent, itemLabels))
      for (k, m) in RulesColumns.metrics.enumerated() { values[k].append(rule.measures.value(m)) }
      aSizes.append(Int64(rule.antecedent.count))
      cSizes.append(Int64(rule.consequent.count))
    }
    var columns = [
      Column(name: RulesColumns.antecedents, strings: antecedents),
      Column(name: RulesColumns.consequents, strings: consequents),
    ]
    for (k, m) in RulesColumns.metrics.enumerated() { columns.append(Column(name: m.rawValue, floats: values[k])) }
    columns.append(Column(name: RulesColumns.antecedentSize, ints: aSizes))
    columns.append(Column(name: RulesColumns.consequentSize, ints: cSizes))
    return Table(uncheckedColumns: columns, rowCount: rules.count)
  }
}

extension AprioriResult {
  /// The trace as a table: `level`, `candidates`, `pruned`, `counted`, `kept` (ints).
  public func traceTable() -> Table {
    Table(
      uncheckedColumns: [
        Column(name: "level", ints: trace.map { Int64($0.size) }),
        Column(name: "candidates", ints: trace.map { Int64($0.generated) }),
        Column(name: "pruned", ints: trace.map { Int64($0.pruned) }),
        Column(name: "counted", ints: trace.map { Int64($0.counted) }),
        Column(name: "kept", ints: trace.map { Int64($0.kept) }),
      ], rowCount: trace.count)
  }
}
