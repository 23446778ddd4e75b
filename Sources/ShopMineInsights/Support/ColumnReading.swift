import ShopMineData

/// Typed reads of input columns, shared by every analysis in this module.
///
/// Each reader copies the column once into a contiguous `[Double]` (missing rows become NaN) so the
/// analyses' hot loops run over plain buffers instead of boxing each cell as a ``Value``.
enum ColumnReading {
  /// The numeric column `name` as doubles, NaN where missing; ints, floats and bools are accepted.
  ///
  /// - Parameter role: what the column is used for, named in the error ("price column", "value column").
  static func doubles(_ table: Table, _ name: String, role: String) throws(TableError) -> [Double] {
    let column = try table.requireColumn(name)
    guard let values = column.doublesWithNaN() else {
      throw TableError.typeMismatch(
        "the \(role) '\(name)' must be numeric, but it holds \(column.type.rawValue) values", column: name)
    }
    return values
  }

  /// A time column as whole days since 1970-01-01 (floor division, so times before 1970 stay correct),
  /// `nil` where missing. Timestamps and integer microseconds are accepted.
  static func days(_ table: Table, _ name: String, role: String, cancellation: Cancellation = .none)
    throws(TableError) -> [Int64?]
  {
    let column = try table.requireColumn(name)
    let micros: [Int64]
    switch column.storage {
    case .timestamp(let a), .int(let a): micros = a
    default:
      throw TableError.typeMismatch(
        "the \(role) '\(name)' must be a timestamp, but it holds \(column.type.rawValue) values", column: name)
    }
    var out = [Int64?](repeating: nil, count: micros.count)
    // Floor division (`Timestamp.dayNumber`): truncation would put 1969-12-31T12:00 on day 0. Blocks of
    // 64 Ki rows between polls of the token: the whole pass takes tens of milliseconds on millions of rows.
    let validity = column.validity
    var start = 0
    while start < micros.count {
      try cancellation.check()
      let end = min(micros.count, start + 1 << 16)
      for row in start..<end where validity?.isValid(row) ?? true { out[row] = Timestamp.dayNumber(micros[row]) }
      start = end
    }
    return out
  }

  /// A boolean-like column (bool, or int/float 0/1) as `Bool?` per row, `nil` where missing.
  static func flags(_ table: Table, _ name: String, role: String) throws(TableError) -> [Bool?] {
    let column = try table.requireColumn(name)
    var out = [Bool?](repeating: nil, count: column.count)
    switch column.storage {
    case .bool(let a):
      for row in 0..<a.count where column.isValid(row) { out[row] = a[row] }
    case .int(let a):
      for row in 0..<a.count where column.isValid(row) { out[row] = a[row] != 0 }
    case .float(let a):
      for row in 0..<a.count where column.isValid(row) && !a[row].isNaN { out[row] = a[row] != 0 }
    case .string, .timestamp:
      throw TableError.typeMismatch(
        "the \(role) '\(name)' must be bool (or 0/1), but it holds \(column.type.rawValue) values",
        column: name)
    }
    return out
  }
}
