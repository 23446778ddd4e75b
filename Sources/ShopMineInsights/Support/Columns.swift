import ShopMineData

/// Small builders for result columns.
enum Columns {
  /// A float column of computed results. A NaN or infinite entry is a result that does not apply (no
  /// interior optimum, a fit without variance): it stays a valid NaN, which displays show as `n/a` — not
  /// `missing`, the word for gaps in the data — and JSON carries as `null`.
  static func floats(_ name: String, _ values: [Double]) -> Column {
    guard values.contains(where: { $0.isInfinite }) else { return Column(name: name, floats: values) }
    return Column(name: name, floats: values.map { $0.isFinite ? $0 : .nan })
  }

  /// The rows `rows` of a key column (keys are complete by construction, so no mask is carried).
  static func select(_ column: Column, rows: [Int]) -> Column {
    switch column.storage {
    case .int(let a): return Column(name: column.name, ints: rows.map { a[$0] })
    case .float(let a): return Column(name: column.name, floats: rows.map { a[$0] })
    case .bool(let a): return Column(name: column.name, bools: rows.map { a[$0] })
    case .timestamp(let a): return Column(name: column.name, timestamps: rows.map { a[$0] })
    case .string(let codes, let dictionary):
      return Column(name: column.name, storage: .string(codes: rows.map { codes[$0] }, dictionary: dictionary))
    }
  }
}
