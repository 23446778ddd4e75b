extension Table {
  /// One row per column: `column`, `type`, `count`, `missing`, `mean`, `std` (sample), `min`, `25%`,
  /// `50%`, `75%`, `max` for numeric columns (NaN, "not applicable", for others); `unique` and `top`
  /// (most frequent, first seen on ties) for every column — pandas' `describe(include="all")`, transposed
  /// so each statistic keeps one type.
  public func describe(cancellation: Cancellation = .none) throws(TableError) -> Table {
    var rows: [[Value]] = []
    for c in columns {
      try cancellation.check()
      let mask = c.effectiveValidity()
      let missing = mask?.missingCount ?? 0
      var row: [Value] = [
        .string(c.name), .string(c.type.rawValue), .int(Int64(c.count - missing)), .int(Int64(missing)),
      ]
      if c.type.isNumeric, let (v, _) = c.numericDoubles() {
        let present = (0..<v.count).compactMap { (mask?.isValid($0) ?? true) ? v[$0] : nil }.sorted()
        let f: (Double?) -> Value = { $0.map(Value.float) ?? .missing }
        row += [
          f(Descriptive.mean(present)), f(Descriptive.std(present)), f(present.first),
          f(Descriptive.quantile(sorted: present, 0.25)), f(Descriptive.quantile(sorted: present, 0.5)),
          f(Descriptive.quantile(sorted: present, 0.75)), f(present.last),
        ]
      } else {
        // Means and quantiles do not apply to text, booleans or times: NaN, shown as "n/a", not as missing
        // data (which would say the column has gaps).
        row += Array(repeating: Value.float(.nan), count: 7)
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
      var top: Value = .missing
      if let best = freq.max(), let k = freq.firstIndex(of: best) {
        top = .string(c[firstRow[k]].displayText)
      }
      row += [.int(Int64(count)), top]
      rows.append(row)
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

  /// A pivot table: one row per value of `index`, one column per value of `columns` (sorted, named by
  /// the value's text), cells `aggregate(values)` (pandas' `pivot_table`, default mean).
  public func pivot(
    index: String, columns pivotColumn: String, values: String, aggregate: AggregateFunction = .mean,
    cancellation: Cancellation = .none
  ) throws(ExpressionError) -> Table {
    let grouped = try groupAggregate(
      by: [index, pivotColumn], [("value", .call(aggregate.rawValue, [.column(values)]))], cancellation: cancellation)
    guard let idx = grouped.column(named: index), let piv = grouped.column(named: pivotColumn),
      let val = grouped.column(named: "value")
    else { return grouped }
    let rowKeys = try distinct(idx)
    let colKeys = try distinct(piv)
    var cells = [[Value]](repeating: [Value](repeating: .missing, count: rowKeys.count), count: colKeys.count)
    let rowPos = Dictionary(uniqueKeysWithValues: rowKeys.enumerated().map { ($1, $0) })
    let colPos = Dictionary(uniqueKeysWithValues: colKeys.enumerated().map { ($1, $0) })
    for r in 0..<grouped.rowCount {
      guard let i = rowPos[idx[r]], let j = colPos[piv[r]] else { continue }
      cells[j][i] = val[r]
    }
    var cols = [Column(name: index, values: rowKeys)]
    for (j, key) in colKeys.enumerated() {
      cols.append(Column(name: key.displayText, values: cells[j]))
    }
    do throws(TableError) {
      return try Table(columns: cols)
    } catch {
      throw ExpressionError(error, span: nil)
    }
  }

  /// Distinct values of a column already sorted by group by (first-seen order is sorted order).
  private func distinct(_ c: Column) throws(ExpressionError) -> [Value] {
    var seen = Set<Value>()
    var out: [Value] = []
    for r in 0..<c.count where seen.insert(c[r]).inserted { out.append(c[r]) }
    return out.sorted { a, b in
      if a.isMissing != b.isMissing { return !a.isMissing }
      if let x = a.doubleValue, let y = b.doubleValue { return x < y }
      return a.displayText < b.displayText
    }
  }
}
