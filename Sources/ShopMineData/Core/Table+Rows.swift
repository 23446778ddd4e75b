/// Row and column plumbing shared by the verbs.
extension Table {
  /// The rows at `rows` (in that order; a negative index gives a row of missing values).
  public func gatheringRows(_ rows: [Int]) -> Table {
    Table(uncheckedColumns: columns.map { $0.gathering(rows) }, rowCount: rows.count)
  }

  /// A table with `column` appended, or replacing the column of the same name in place.
  public func settingColumn(_ column: Column) throws(TableError) -> Table {
    guard column.count == rowCount || columns.isEmpty else {
      throw TableError.lengthMismatch(column: column.name, expected: rowCount, actual: column.count)
    }
    var cols = columns
    if let i = columnIndex(named: column.name) {
      cols[i] = column
    } else {
      cols.append(column)
    }
    return Table(uncheckedColumns: cols, rowCount: column.count)
  }

  /// The value at (`row`, `column`), boxed (for tests and small results, not hot loops).
  public func value(row: Int, column: String) -> Value? {
    guard row >= 0, row < rowCount, let c = self.column(named: column) else { return nil }
    return c[row]
  }

  /// Every row as boxed values (for tests and small tables).
  public var rows: [[Value]] {
    (0..<rowCount).map { r in columns.map { $0[r] } }
  }

  /// Builds a table from column names and boxed rows, inferring each column's type (tests, small results).
  public init(names: [String], rows: [[Value]]) throws(TableError) {
    var cols: [Column] = []
    for (j, name) in names.enumerated() {
      cols.append(Column(name: name, values: rows.map { j < $0.count ? $0[j] : .missing }))
    }
    if cols.isEmpty {
      self = .empty
      return
    }
    try self.init(columns: cols)
  }
}

/// Resolves column names against a table, with a "did you mean" candidate list in the error.
extension Table {
  /// The indices of `names`, in order, or an unknown-column error for the first name not found.
  public func requireColumnIndices(_ names: [String]) throws(TableError) -> [Int] {
    var out: [Int] = []
    out.reserveCapacity(names.count)
    for name in names {
      guard let i = columnIndex(named: name) else { throw TableError.unknownColumn(name, available: columnNames) }
      out.append(i)
    }
    return out
  }

  /// Names of the numeric (int and float) columns, in table order.
  public var numericColumnNames: [String] {
    columns.filter { $0.type.isNumeric }.map(\.name)
  }
}
