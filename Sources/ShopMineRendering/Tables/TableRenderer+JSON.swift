import RichOutput
import ShopMineData

extension TableRenderer {
  /// The JSON form (``ShopMineMIME/table``): `{"columns", "types", "rows", "total_rows"}`, and
  /// `"meanings"` (column name → ``ColumnMeaning``, such as `"share"`) when a verb marked any column.
  ///
  /// Cells keep their types (ints as integers, floats as numbers, timestamps as ISO-8601 strings);
  /// missing and NaN become `null`, ±∞ become the strings `"inf"`/`"-inf"`, because JSON has no
  /// non-finite numbers. Only the first ``TableOptions/jsonRowLimit`` rows are included.
  public static func json(_ table: Table, options: TableOptions = .default) -> JSONValue {
    let rowCount = min(table.rowCount, options.jsonRowLimit)
    var rows: [JSONValue] = []
    rows.reserveCapacity(rowCount)
    for r in 0..<rowCount {
      rows.append(.array(table.columns.map { jsonCell($0[r]) }))
    }
    var form: [String: JSONValue] = [
      "columns": .array(table.columnNames.map(JSONValue.string)),
      "types": .array(table.columns.map { .string($0.type.rawValue) }),
      "rows": .array(rows),
      "total_rows": .int(table.rowCount),
    ]
    let meanings = table.columns.compactMap { c in c.meaning.map { (c.name, JSONValue.string($0.rawValue)) } }
    if !meanings.isEmpty { form["meanings"] = .object(Dictionary(meanings, uniquingKeysWith: { a, _ in a })) }
    return .object(form)
  }

  /// One cell as JSON (see ``json(_:options:)`` for the non-finite rules).
  public static func jsonCell(_ value: Value) -> JSONValue {
    switch value {
    case .missing: return .null
    case .int(let i): return .int(Int(i))
    case .float(let d):
      if d.isNaN { return .null }
      if d.isInfinite { return .string(d > 0 ? "inf" : "-inf") }
      return .double(d)
    case .bool(let b): return .bool(b)
    case .string(let s): return .string(s)
    case .timestamp(let t): return .string(Timestamp.format(t))
    }
  }
}
