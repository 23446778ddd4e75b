/// How `normalize` rescales a column.
public enum NormalizeMethod: String, Sendable, Hashable {
  /// (x − mean) / population std.
  case zscore
  /// (x − min) / (max − min).
  case minmax
}

/// How `outliers` decides a value is an outlier.
public enum OutlierRule: Sendable, Hashable {
  /// Outside [Q1 − k·IQR, Q3 + k·IQR] (quartiles with linear interpolation).
  case iqr(k: Double)
  /// |x − mean| > t · population std.
  case zscore(t: Double)
}

/// What `outliers` does with them.
public enum OutlierAction: String, Sendable, Hashable {
  /// Adds a bool column `outlier` (true when any checked column is an outlier in that row).
  case flag
  /// Moves values to the nearest bound.
  case clip
  /// Drops the rows.
  case remove
}

extension Table {
  /// Rescales `columns` (every numeric column when `nil`) to float; a constant column becomes 0.
  public func normalized(_ method: NormalizeMethod, columns names: [String]? = nil) throws(TableError) -> Table {
    var cols = columns
    for name in names ?? numericColumnNames {
      guard let j = columnIndex(named: name) else { throw TableError.unknownColumn(name, available: columnNames) }
      let c = cols[j]
      guard c.type.isNumeric, let (v, mask) = c.numericDoubles() else {
        throw TableError.typeMismatch("cannot normalize \(c.type.rawValue) column '\(name)'", column: name)
      }
      let present = (0..<v.count).compactMap { (mask?.isValid($0) ?? true) ? v[$0] : nil }
      var out = v
      switch method {
      case .zscore:
        let m = Descriptive.mean(present) ?? 0
        let s = Descriptive.std(present, ddof: 0) ?? 0
        for i in 0..<out.count { out[i] = s > 0 ? (v[i] - m) / s : 0 }
      case .minmax:
        let lo = present.min() ?? 0
        let hi = present.max() ?? 0
        for i in 0..<out.count { out[i] = hi > lo ? (v[i] - lo) / (hi - lo) : 0 }
      }
      cols[j] = Column.floats(name, out, validity: mask)
    }
    return Table(uncheckedColumns: cols, rowCount: rowCount)
  }

  /// Finds outliers in `columns` (every numeric column when `nil`) and flags, clips or removes them.
  public func outliers(
    _ rule: OutlierRule, action: OutlierAction, columns names: [String]? = nil
  ) throws(TableError) -> Table {
    var cols = columns
    var isOutlier = [Bool](repeating: false, count: rowCount)
    for name in names ?? numericColumnNames {
      guard let j = columnIndex(named: name) else { throw TableError.unknownColumn(name, available: columnNames) }
      let c = cols[j]
      guard c.type.isNumeric, let (v, mask) = c.numericDoubles() else {
        throw TableError.typeMismatch("cannot find outliers in \(c.type.rawValue) column '\(name)'", column: name)
      }
      let present = (0..<v.count).compactMap { (mask?.isValid($0) ?? true) ? v[$0] : nil }
      guard !present.isEmpty else { continue }
      let lo: Double
      let hi: Double
      switch rule {
      case .iqr(let k):
        let sorted = present.sorted()
        let q1 = Descriptive.quantile(sorted: sorted, 0.25) ?? 0
        let q3 = Descriptive.quantile(sorted: sorted, 0.75) ?? 0
        lo = q1 - k * (q3 - q1)
        hi = q3 + k * (q3 - q1)
      case .zscore(let t):
        let m = Descriptive.mean(present) ?? 0
        let s = Descriptive.std(present, ddof: 0) ?? 0
        lo = m - t * s
        hi = m + t * s
      }
      for i in 0..<v.count where (mask?.isValid(i) ?? true) && (v[i] < lo || v[i] > hi) { isOutlier[i] = true }
      if action == .clip {
        let clipped = v.map { Swift.min(Swift.max($0, lo), hi) }
        // Whole fences keep an int column int, unless a clipped value no longer fits an Int64 (2^63 - 1
        // comes back from a double as 2^63).
        let ints =
          c.type == .int && lo.rounded() == lo && hi.rounded() == hi
          ? clipped.map { Int64(exactly: $0) ?? ($0.isNaN ? 0 : nil) } : []
        if c.type == .int, !ints.isEmpty, ints.allSatisfy({ $0 != nil }) {
          cols[j] = Column(name: name, storage: .int(ints.map { $0 ?? 0 }), validity: mask)
        } else {
          cols[j] = Column.floats(name, clipped, validity: mask)
        }
      }
    }
    let table = Table(uncheckedColumns: cols, rowCount: rowCount)
    switch action {
    case .flag: return try table.settingColumn(Column(name: "outlier", bools: isOutlier))
    case .clip: return table
    case .remove: return table.filtered(isOutlier.map { !$0 })
    }
  }
}
