/// `select`, `drop`, `rename`: verbs that change which columns there are, never the rows.
extension Table {
  /// Only `names`, in that order.
  public func selecting(_ names: [String]) throws(TableError) -> Table {
    let idx = try requireColumnIndices(names)
    var seen = Set<String>()
    for n in names where !seen.insert(n).inserted { throw TableError.duplicateColumn(n) }
    return Table(uncheckedColumns: idx.map { columns[$0] }, rowCount: rowCount)
  }

  /// Every column except `names`.
  public func dropping(_ names: [String]) throws(TableError) -> Table {
    _ = try requireColumnIndices(names)
    return Table(uncheckedColumns: columns.filter { !names.contains($0.name) }, rowCount: rowCount)
  }

  /// Columns renamed by `(old, new)` pairs; the new names must not clash.
  public func renaming(_ pairs: [(from: String, to: String)]) throws(TableError) -> Table {
    var cols = columns
    for (from, to) in pairs {
      guard let i = cols.firstIndex(where: { $0.name == from }) else {
        throw TableError.unknownColumn(from, available: cols.map(\.name))
      }
      cols[i].name = to
    }
    return try Table(columns: cols)
  }

  /// The table's schema as a table: `column`, `type`, `missing` (one row per column).
  public func schema() -> Table {
    Table(
      uncheckedColumns: [
        Column(name: "column", strings: columns.map(\.name)),
        Column(name: "type", strings: columns.map { $0.type.rawValue }),
        Column(name: "missing", ints: columns.map { Int64($0.effectiveValidity()?.missingCount ?? 0) }),
      ], rowCount: columnCount)
  }
}
