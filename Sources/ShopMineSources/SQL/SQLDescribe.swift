import ShopMineData

/// `describe` of a remote table, computed in the database in two queries so that no rows leave it:
/// first the counts, distinct counts, means, minima and maxima of every column; then, knowing how many
/// values each column has, only the values at the ranks its quartiles interpolate between, the sum of
/// squared deviations from its mean (the standard deviation, two-pass as in memory) and its most frequent
/// value. Both dialects have what this needs (window functions, scalar subqueries, `WITH`), and the
/// quartiles come out exactly as in memory because the same interpolation runs on the same values.
public struct SQLDescribe: Sendable {
  let query: SQLQuery
  let dialect: any SQLDialect
  /// The columns described: the query's, with the types ShopMine gives them.
  let columns: [(name: String, type: ColumnType)]

  public init(_ query: SQLQuery, types: [ColumnType], dialect: any SQLDialect) {
    self.query = query
    self.dialect = dialect
    self.columns = Array(zip(query.columnNames, types))
  }

  private var base: String {
    "WITH base AS (\n  " + query.text(dialect).replacingOccurrences(of: "\n", with: "\n  ") + "\n)\n"
  }

  private func asFloat(_ sql: String) -> String { "CAST(\(sql) AS \(dialect.columnType(.float)))" }

  /// One row: `COUNT(*)`, then for each column its present count and distinct count, and for int and
  /// float columns also its mean, minimum and maximum (as floats).
  public func firstQuery() -> (sql: String, types: [ColumnType]) {
    var select = ["COUNT(*)"]
    var types: [ColumnType] = [.int]
    for (name, type) in columns {
      let c = dialect.identifier(name)
      select += ["COUNT(\(c))", "COUNT(DISTINCT \(c))"]
      types += [.int, .int]
      if type.isNumeric {
        select += ["AVG(\(asFloat(c)))", "MIN(\(asFloat(c)))", "MAX(\(asFloat(c)))"]
        types += [.float, .float, .float]
      }
    }
    return (base + "SELECT " + select.joined(separator: ",\n  ") + "\nFROM base", types)
  }

  /// What the second query needs to know of a column from the first.
  public struct Known: Sendable {
    public var count: Int
    public var mean: Double?

    public init(count: Int, mean: Double?) {
      self.count = count
      self.mean = mean
    }
  }

  /// The count and mean of each column, from the first query's row.
  public func known(first: [Value]) -> [Known] {
    var known: [Known] = []
    var i = 1
    for (_, type) in columns {
      known.append(
        Known(count: first[i].integerValue.map(Int.init) ?? 0, mean: type.isNumeric ? first[i + 2].doubleValue : nil))
      i += type.isNumeric ? 5 : 2
    }
    return known
  }

  /// The ranks (0-based, ascending) whose values the quartiles of `count` values need.
  public static func ranks(count: Int) -> [Int] {
    var ranks: [Int] = []
    for q in [0.25, 0.5, 0.75] {
      guard let (lo, hi, _) = Descriptive.quantileRanks(count: count, q) else { continue }
      for r in [lo, hi] where !ranks.contains(r) { ranks.append(r) }
    }
    return ranks
  }

  /// One row: for each numeric column with values, the values at ``ranks(count:)`` and the sum of squared
  /// deviations from its mean; for each column, its most frequent present value (the smallest in the
  /// database's order on ties: a database table has no row order to take the first from).
  /// `nil` when no column has a value.
  public func secondQuery(_ known: [Known]) -> (sql: String, types: [ColumnType])? {
    var select: [String] = []
    var types: [ColumnType] = []
    var from: [String] = []
    for (j, (name, type)) in columns.enumerated() where known[j].count > 0 {
      let c = dialect.identifier(name)
      if type.isNumeric, let mean = known[j].mean, let m = dialect.float(mean) {
        // One sort per column: every rank it needs is picked from the same numbered rows.
        let alias = "r\(j)"
        var picks: [String] = []
        for (k, rank) in Self.ranks(count: known[j].count).enumerated() {
          picks.append("MAX(CASE WHEN i = \(rank) THEN x END) AS k\(k)")
          select.append("\(alias).k\(k)")
          types.append(.float)
        }
        picks.append("SUM((x - \(m)) * (x - \(m))) AS ss")
        select.append("\(alias).ss")
        types.append(.float)
        from.append(
          "(SELECT " + picks.joined(separator: ", ") + " FROM (SELECT \(asFloat(c)) AS x, ROW_NUMBER() OVER (ORDER BY "
            + "\(asFloat(c))) - 1 AS i FROM base WHERE \(c) IS NOT NULL) AS w\(j)) AS \(alias)")
      }
      let order = dialect.orderTerm(SQLOperand(c, type), descending: false)
      select.append(
        "(SELECT \(c) FROM base WHERE \(c) IS NOT NULL GROUP BY \(c) ORDER BY COUNT(*) DESC, \(order) LIMIT 1)")
      types.append(type)
    }
    guard !select.isEmpty else { return nil }
    let source = from.isEmpty ? "" : "\nFROM " + from.joined(separator: "\nCROSS JOIN ")
    return (base + "SELECT " + select.joined(separator: ",\n  ") + source, types)
  }

  /// The column summaries from the two queries' rows (`second` is `nil` when ``secondQuery(_:)`` was).
  public func summaries(first: [Value], second: [Value]?) -> (rows: Int, [ColumnSummary]) {
    let rows = first[0].integerValue.map(Int.init) ?? 0
    var summaries: [ColumnSummary] = []
    var i = 1
    var k = 0
    for (name, type) in columns {
      let count = first[i].integerValue.map(Int.init) ?? 0
      let unique = first[i + 1].integerValue.map(Int.init) ?? 0
      i += 2
      var numeric: [Double?]?
      var mean: Double?
      var minimum: Double?
      var maximum: Double?
      if type.isNumeric {
        (mean, minimum, maximum) = (first[i].doubleValue, first[i + 1].doubleValue, first[i + 2].doubleValue)
        i += 3
        numeric = [mean, nil, minimum, nil, nil, nil, maximum]
      }
      var top: String?
      if count > 0, let second {
        if type.isNumeric, mean != nil {
          let ranks = Self.ranks(count: count)
          let values = Dictionary(uniqueKeysWithValues: ranks.enumerated().map { ($1, second[k + $0].doubleValue) })
          k += ranks.count
          let quartiles: [Double?] = [0.25, 0.5, 0.75].map { q in
            guard let (lo, hi, frac) = Descriptive.quantileRanks(count: count, q), let a = values[lo] ?? nil,
              let b = values[hi] ?? nil
            else { return nil }
            return Descriptive.interpolate(a, b, frac)
          }
          let ss = second[k].doubleValue
          k += 1
          let std = count > 1 ? ss.map { ($0 / Double(count - 1)).squareRoot() } : nil
          numeric = [mean, std, minimum] + quartiles + [maximum]
        }
        top = second[k].isMissing ? nil : second[k].displayText
        k += 1
      }
      summaries.append(
        ColumnSummary(
          name: name, type: type, count: count, missing: rows - count, numeric: numeric, unique: unique,
          top: top))
    }
    return (rows, summaries)
  }
}
