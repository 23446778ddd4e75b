/// One row of `describe`: the statistics of one column.
public struct ColumnSummary: Sendable {
  public var name: String
  public var type: ColumnType
  public var count: Int
  public var missing: Int
  /// mean, std, min, 25%, 50%, 75%, max for int and float columns (each `nil` when it has no value);
  /// `nil` for the other types, where they do not apply.
  public var numeric: [Double?]?
  public var unique: Int
  /// The most frequent present value, as text.
  public var top: String?

  public init(
    name: String, type: ColumnType, count: Int, missing: Int, numeric: [Double?]?, unique: Int, top: String?
  ) {
    self.name = name
    self.type = type
    self.count = count
    self.missing = missing
    self.numeric = numeric
    self.unique = unique
    self.top = top
  }

}

extension Table {
  /// One row per column: `column`, `type`, `count`, `missing`, `mean`, `std` (sample), `min`, `25%`,
  /// `50%`, `75%`, `max` for numeric columns (NaN, "not applicable", for others); `unique` and `top`
  /// (most frequent, first seen on ties) for every column — pandas' `describe(include="all")`, transposed
  /// so each statistic keeps one type.
  public func describe(cancellation: Cancellation = .none) throws(TableError) -> Table {
    var summaries: [ColumnSummary] = []
    for c in columns {
      try cancellation.check()
      let mask = c.effectiveValidity()
      let missing = mask?.missingCount ?? 0
      var numeric: [Double?]?
      if c.type.isNumeric, let (v, _) = c.numericDoubles() {
        let present = (0..<v.count).compactMap { (mask?.isValid($0) ?? true) ? v[$0] : nil }.sorted()
        let quartiles = [0.25, 0.5, 0.75].map { Descriptive.quantile(sorted: present, $0) }
        numeric = [Descriptive.mean(present), Descriptive.std(present), present.first] + quartiles + [present.last]
      }
      // Distinct values and the most frequent one (the first to reach the top count), for every column.
      let keys = KeyEncoding.rawKeys(c)
      let (codes, count) = try KeyEncoding.denseCodes(
        keys, validity: mask, missingCode: false, cancellation: cancellation)
      var freq = [Int](repeating: 0, count: count)
      var firstRow = [Int](repeating: 0, count: count)
      for (r, code) in codes.enumerated() where code >= 0 {
        if freq[Int(code)] == 0 { firstRow[Int(code)] = r }
        freq[Int(code)] += 1
      }
      var top: String?
      if let best = freq.max(), let k = freq.firstIndex(of: best) {
        top = c[firstRow[k]].displayText
      }
      summaries.append(
        ColumnSummary(
          name: c.name, type: c.type, count: c.count - missing, missing: missing, numeric: numeric, unique: count,
          top: top))
    }
    return try Table.describing(summaries)
  }

  /// The `describe` table of these column summaries.
  public static func describing(_ summaries: [ColumnSummary]) throws(TableError) -> Table {
    let float: (Double?) -> Value = { $0.map(Value.float) ?? .missing }
    let rows: [[Value]] = summaries.map { s in
      [.string(s.name), .string(s.type.rawValue), .int(Int64(s.count)), .int(Int64(s.missing))]
        // Means and quantiles do not apply to text, booleans or times: NaN, shown as "n/a", not as missing
        // data (which would say the column has gaps).
        + (s.numeric?.map(float) ?? Array(repeating: Value.float(.nan), count: 7))
        + [.int(Int64(s.unique)), s.top.map(Value.string) ?? .missing]
    }
    let names = [
      "column", "type", "count", "missing", "mean", "std", "min", "25%", "50%", "75%", "max", "unique", "top",
    ]
    let types: [ColumnType] = [
      .string, .string, .int, .int, .float, .float, .float, .float, .float, .float, .float, .int, .string,
    ]
    var cols: [Column] = []
    for (j, name) in names.enumerated() {
      let values = rows.map { $0[j] }
      if types[j] == .float {
        // Built directly: a NaN here is a valid "not applicable" cell, which `Column(name:values:)` would
        // turn into a missing one.
        let mask = ValidityMask(values.map { !$0.isMissing })
        cols.append(Column(name: name, storage: .float(values.map { $0.doubleValue ?? .nan }), validity: mask))
        continue
      }
      var col = Column(name: name, values: values)
      if col.type != types[j] {
        // All-missing statistics still get their declared type, so the schema is stable.
        col = Column(name: name, values: values.map { _ in .missing })
        if types[j] == .int {
          col = Column(
            name: name, storage: .int([Int64](repeating: 0, count: values.count)),
            validity: ValidityMask(count: values.count, allValid: false))
        } else if types[j] == .string {
          col = Column(name: name, strings: values.map { _ in nil })
        }
      }
      cols.append(col)
    }
    return try Table(columns: cols)
  }

  /// The Pearson correlation matrix of the numeric columns (pairwise complete rows, as pandas' `corr`):
  /// a `column` column, then one float column per numeric column.
  public func correlation(columns names: [String]? = nil) throws(TableError) -> Table {
    let chosen = names ?? numericColumnNames
    var data: [(name: String, values: [Double], mask: ValidityMask?)] = []
    for name in chosen {
      let c = try requireColumn(name)
      guard c.type.isNumeric || c.type == .bool, let (v, m) = c.numericDoubles() else {
        throw TableError.typeMismatch("cannot correlate \(c.type.rawValue) column '\(name)'", column: name)
      }
      data.append((name, v, m))
    }
    var cols = [Column(name: "column", strings: chosen)]
    for b in data {
      let r: [Double] = data.map { a in
        var x: [Double] = []
        var y: [Double] = []
        for i in 0..<a.values.count where (a.mask?.isValid(i) ?? true) && (b.mask?.isValid(i) ?? true) {
          x.append(a.values[i])
          y.append(b.values[i])
        }
        return Descriptive.pearson(x, y) ?? .nan
      }
      cols.append(Column.floats(b.name, r, validity: nil))
    }
    return try Table(columns: cols)
  }
}
