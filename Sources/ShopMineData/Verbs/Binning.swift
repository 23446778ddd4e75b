/// How `bin` places edges.
public enum BinMethod: String, Sendable, Hashable {
  /// Equal-width bins over [min, max] (pandas' `cut(x, bins)`).
  case width
  /// Equal-count bins at quantiles (pandas' `qcut(x, q)`).
  case quantile
}

extension Table {
  /// Adds an int column (`<column>_bin` unless `name` is given) with the 0-based bin of each value,
  /// right-closed like pandas' `cut`/`qcut(…, labels=False)`; missing stays missing.
  public func binned(
    _ column: String, bins: Int, method: BinMethod = .width, name: String? = nil
  ) throws(TableError) -> Table {
    guard bins >= 1 else { throw TableError.invalidArgument("bins must be at least 1, got \(bins)") }
    let c = try requireColumn(column)
    guard c.type.isNumeric, let (v, mask) = c.numericDoubles() else {
      throw TableError.typeMismatch("cannot bin \(c.type.rawValue) column '\(column)'", column: column)
    }
    let present = (0..<v.count).compactMap { (mask?.isValid($0) ?? true) ? v[$0] : nil }.sorted()
    guard let lo = present.first, let hi = present.last else {
      return try settingColumn(Column.constant(.missing, count: rowCount, name: name ?? "\(column)_bin"))
    }
    var edges: [Double]
    switch method {
    case .width:
      if lo == hi {
        // pandas widens a constant range by 0.1 % on each side.
        let pad = lo != 0 ? abs(lo) * 0.001 : 0.001
        edges = linspace(lo - pad, hi + pad, bins + 1)
      } else {
        edges = linspace(lo, hi, bins + 1)
        edges[0] -= (hi - lo) * 0.001
      }
    case .quantile:
      edges = (0...bins).map { Descriptive.quantile(sorted: present, Double($0) / Double(bins)) ?? lo }
      for k in 1..<edges.count where edges[k] <= edges[k - 1] {
        throw TableError.invalidArgument(
          "bin edges are not unique for '\(column)' (too many equal values for \(bins) quantile bins)")
      }
    }
    var out = [Int64](repeating: 0, count: v.count)
    var valid = [Bool](repeating: false, count: v.count)
    for i in 0..<v.count where mask?.isValid(i) ?? true {
      // First edge ≥ x, minus one: (e[b], e[b+1]] holds x; the lowest edge itself goes to bin 0.
      var a = 0
      var b = edges.count
      while a < b {
        let mid = (a + b) / 2
        if edges[mid] < v[i] { a = mid + 1 } else { b = mid }
      }
      let bin = Swift.max(0, a - 1)
      if a < edges.count && bin < bins {
        out[i] = Int64(bin)
        valid[i] = true
      }
    }
    return try settingColumn(Column(name: name ?? "\(column)_bin", storage: .int(out), validity: ValidityMask(valid)))
  }
}

/// `count` evenly spaced values from `a` to `b` inclusive, as numpy's `linspace`.
func linspace(_ a: Double, _ b: Double, _ count: Int) -> [Double] {
  guard count > 1 else { return [a] }
  let step = (b - a) / Double(count - 1)
  var out = (0..<count).map { a + Double($0) * step }
  out[count - 1] = b
  return out
}
