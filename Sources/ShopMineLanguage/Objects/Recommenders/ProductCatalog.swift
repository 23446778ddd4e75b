import ShopMineData

/// Names and categories of items, read from a products table (`with products`).
///
/// The table's id column is the model's item column when the table has it (`product_id`), else `item`, `id`
/// or the first column; `name` and `category` are used when present.
struct ProductCatalog: Sendable {
  private var names: [Value: String] = [:]
  private var categories: [Value: String] = [:]
  let hasNames: Bool
  let hasCategories: Bool

  /// Reads `table`; `nil` when it has neither a name nor a category column.
  init?(_ table: Table, itemColumn: String) {
    let idName =
      [itemColumn, "product_id", "item", "id"].first { table.column(named: $0) != nil } ?? table.columns.first?.name
    guard let idName, let ids = table.column(named: idName) else { return nil }
    let name = table.column(named: "name")
    let category = table.column(named: "category")
    guard name != nil || category != nil else { return nil }
    hasNames = name != nil
    hasCategories = category != nil
    for row in 0..<table.rowCount {
      let id = Self.key(ids[row])
      if id.isMissing { continue }
      if let name, case .string(let s) = name[row], names[id] == nil { names[id] = s }
      if let category, case .string(let s) = category[row], categories[id] == nil { categories[id] = s }
    }
  }

  /// Ids typed as floats in one table and ints in another still match.
  static func key(_ v: Value) -> Value {
    if case .float(let d) = v, d == d.rounded(), abs(d) < 9e15 { return .int(Int64(d)) }
    return v
  }

  func name(_ id: Value) -> String? { names[Self.key(id)] }
  func category(_ id: Value) -> String? { categories[Self.key(id)] }

  /// `Linen Shirt (42)` when the name is known, else the id.
  func describe(_ id: Value) -> String {
    let text = ValueFormatter.text(id)
    guard let name = name(id) else { return text }
    return "\(name) (\(text))"
  }

  /// `table` with `name` and `category` columns inserted after the column `after`.
  func annotate(_ table: Table, itemColumn after: String, becauseColumn: String? = nil) -> Table {
    guard let index = table.columnIndex(named: after) else { return table }
    let ids = table.columns[index]
    var extra: [Column] = []
    if hasNames, table.column(named: "name") == nil {
      extra.append(Column(name: "name", strings: (0..<table.rowCount).map { name(ids[$0]) }))
    }
    if hasCategories, table.column(named: "category") == nil {
      extra.append(Column(name: "category", strings: (0..<table.rowCount).map { category(ids[$0]) }))
    }
    var columns = table.columns
    columns.insert(contentsOf: extra, at: index + 1)
    if let becauseColumn, hasNames, let b = columns.firstIndex(where: { $0.name == becauseColumn }) {
      let reasons = columns[b]
      columns[b] = Column(
        name: becauseColumn,
        strings: (0..<table.rowCount).map { reasons[$0].isMissing ? nil : describe(reasons[$0]) })
    }
    return Table(uncheckedColumns: columns, rowCount: table.rowCount)
  }
}
