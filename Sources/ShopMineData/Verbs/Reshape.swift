/// Reshaping: long to wide (`pivot`) and wide to long (`unpivot`).
extension Table {
  /// A pivot table (pandas' `pivot_table`): one row per distinct tuple of `rows`, one column per value of
  /// `values` and distinct value (level) of `columns`, each cell `aggregate` of that value over the rows
  /// of the tuple and the level.
  ///
  /// Rows and levels are sorted (pandas sorts both); rows or levels with a missing key are left out
  /// (pandas' `dropna`). Columns: `rows`, then for each value column its levels in order, named by the
  /// level's text when there is one value column and `VALUE_LEVEL` when there are several. A cell with no
  /// rows is missing, or `fill` when given (which also fills cells whose aggregate is missing, as pandas'
  /// `fill_value`). Each value column keeps its aggregate's type (an int `sum` stays int).
  ///
  /// - Complexity: one `group by` of the input, then O(groups) to spread the cells.
  public func pivot(
    rows: [String], columns pivotColumn: String, values: [String], aggregate: AggregateFunction = .mean,
    fill: Value? = nil, cancellation: Cancellation = .none
  ) throws(ExpressionError) -> Table {
    do throws(TableError) {
      guard !rows.isEmpty, !values.isEmpty else {
        throw TableError.invalidArgument("pivot needs row columns and value columns")
      }
      for name in rows + [pivotColumn] + values { _ = try requireColumn(name) }
      if let repeated = rows.first(where: { $0 == pivotColumn }) {
        throw TableError.invalidArgument("'\(repeated)' cannot be both a row column and the columns of the pivot")
      }
    } catch {
      throw ExpressionError(error, span: nil)
    }
    // Aggregate names that cannot clash with a key column.
    let cellNames = values.indices.map { "\u{1}\($0)" }
    let call: (String) -> RowExpression = { v in .call(aggregate.rawValue, [.column(v)]) }
    var grouped = try groupAggregate(
      by: rows + [pivotColumn], zip(cellNames, values).map { ($0, call($1)) }, cancellation: cancellation)
    // Groups come sorted by (rows…, level), missing keys last; drop those with a missing key.
    let keyColumns = (rows + [pivotColumn]).compactMap { grouped.column(named: $0) }
    let complete = (0..<grouped.rowCount).filter { r in keyColumns.allSatisfy { $0.hasValue(r) } }
    if complete.count < grouped.rowCount { grouped = grouped.gatheringRows(complete) }
    let rowKeys = rows.compactMap { grouped.column(named: $0) }
    guard let level = grouped.column(named: pivotColumn) else { return grouped }
    // Output row of each group: a new one whenever the row tuple changes (the groups are sorted by it).
    var outRow = [Int](repeating: 0, count: grouped.rowCount)
    var firstOfRow: [Int] = []
    for r in 0..<grouped.rowCount {
      if r == 0 || rowKeys.contains(where: { $0[r] != $0[r - 1] }) { firstOfRow.append(r) }
      outRow[r] = firstOfRow.count - 1
    }
    let levels = Set((0..<level.count).map { level[$0] }).sorted(by: Self.levelOrder)
    let levelIndex = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
    // The group row behind each cell, -1 when none: cells[level][outRow].
    var cells = [[Int]](repeating: [Int](repeating: -1, count: firstOfRow.count), count: levels.count)
    for r in 0..<grouped.rowCount {
      guard let j = levelIndex[level[r]] else { continue }
      cells[j][outRow[r]] = r
    }
    var out = rowKeys.map { $0.gathering(firstOfRow, mayHaveNegative: false) }
    var filled: [String] = []
    for (v, cellName) in zip(values, cellNames) {
      guard let aggregated = grouped.column(named: cellName) else { continue }
      for (j, key) in levels.enumerated() {
        let name = values.count == 1 ? key.displayText : "\(v)_\(key.displayText)"
        out.append(aggregated.gathering(cells[j]).renamed(name))
        filled.append(name)
      }
    }
    do throws(TableError) {
      let table = try Table(columns: out)
      guard let fill else { return table }
      return try table.fillingMissing(.constant(fill), in: filled, cancellation: cancellation)
    } catch {
      throw ExpressionError(error, span: nil)
    }
  }

  /// ``pivot(rows:columns:values:aggregate:fill:cancellation:)`` with one row column and one value column.
  public func pivot(
    index: String, columns pivotColumn: String, values: String, aggregate: AggregateFunction = .mean,
    cancellation: Cancellation = .none
  ) throws(ExpressionError) -> Table {
    try pivot(rows: [index], columns: pivotColumn, values: [values], aggregate: aggregate, cancellation: cancellation)
  }

  /// Levels in pandas' order: numbers by value, anything else by its text.
  private static func levelOrder(_ a: Value, _ b: Value) -> Bool {
    if let x = a.doubleValue, let y = b.doubleValue, a.columnType != .string { return x < y }
    return a.displayText < b.displayText
  }

  /// Wide to long (pandas' `melt`): every column not in `columns` is kept as an id column; `columns` become
  /// two columns, `name` (the column's name) and `value` (its value).
  ///
  /// Rows come in `pandas.melt`'s order: every input row for the first listed column, then every row for
  /// the second, and so on. Int and float value columns give a float `value`; any other mix of types
  /// (text with numbers) is refused, naming the two columns.
  ///
  /// - Complexity: O(rows × columns).
  public func unpivoted(columns valueColumns: [String], name: String = "name", value: String = "value")
    throws(TableError) -> Table
  {
    guard !valueColumns.isEmpty else { throw TableError.invalidArgument("unpivot needs at least one column") }
    let melted = try valueColumns.map { (c: String) throws(TableError) -> Column in try requireColumn(c) }
    if let repeated = valueColumns.enumerated().first(where: { valueColumns[..<$0.offset].contains($0.element) }) {
      throw TableError.invalidArgument("column '\(repeated.element)' is listed twice")
    }
    let ids = columns.filter { !valueColumns.contains($0.name) }
    for new in [name, value] where ids.contains(where: { $0.name == new }) {
      throw TableError(
        code: .invalidArgument, message: "'\(new)' is already a column: name the output with 'into NAME, VALUE'",
        column: new)
    }
    guard name != value else { throw TableError.invalidArgument("the name and value columns need two names") }
    let first = melted[0]
    for c in melted.dropFirst() where c.type != first.type && !(c.type.isNumeric && first.type.isNumeric) {
      throw TableError.typeMismatch(
        "cannot unpivot \(first.type.rawValue) column '\(first.name)' and \(c.type.rawValue) column '\(c.name)' into one column",
        column: c.name)
    }
    let n = rowCount
    let k = melted.count
    var rows: [Int] = []
    rows.reserveCapacity(n * k)
    for _ in 0..<k { rows.append(contentsOf: 0..<n) }
    var out = ids.map { k == 1 ? $0 : $0.gathering(rows, mayHaveNegative: false) }
    var codes: [Int32] = []
    codes.reserveCapacity(n * k)
    for j in 0..<k { codes.append(contentsOf: repeatElement(Int32(j), count: n)) }
    out.append(Column(name: name, storage: .string(codes: codes, dictionary: valueColumns), validity: nil))
    var stacked = first.renamed(value)
    for c in melted.dropFirst() { stacked = try Table.concatenate(stacked, c) }
    var result = stacked
    result.meaning = nil
    out.append(result.renamed(value))
    return try Table(columns: out)
  }
}
