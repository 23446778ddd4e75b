/// `where`, `derive`, `drop missing`, `distinct`, `union`: verbs that filter, add or stack rows.
extension Table {
  /// The rows where `keep` is true.
  public func filtered(_ keep: [Bool]) -> Table {
    var rows: [Int] = []
    rows.reserveCapacity(keep.count)
    for (i, k) in keep.enumerated() where k { rows.append(i) }
    return gatheringRows(rows)
  }

  /// The rows where `condition` is true (missing counts as false).
  public func filtered(where condition: RowExpression, cancellation: Cancellation = .none) throws(ExpressionError)
    -> Table
  {
    let keep = try ExpressionEvaluator(table: self, cancellation: cancellation).predicate(condition)
    return filtered(keep)
  }

  /// Adds (or replaces) columns computed from expressions, left to right: a later expression may use an
  /// earlier one's column.
  public func deriving(
    _ definitions: [(name: String, expression: RowExpression)], cancellation: Cancellation = .none,
    windows: Bool = false
  ) throws(ExpressionError) -> Table {
    var table = self
    for (name, e) in definitions {
      var c = try ExpressionEvaluator(table: table, cancellation: cancellation, windows: windows).evaluate(e)
      c.name = name
      if c.count != table.rowCount {
        c = Column.constant(c.count > 0 ? c[0] : .missing, count: table.rowCount, name: name)
      }
      do throws(TableError) {
        table = try table.settingColumn(c)
      } catch {
        throw ExpressionError(error, span: e.span)
      }
    }
    return table
  }

  /// Rows with no missing value in `columns` (all columns when `nil`).
  public func droppingMissing(in columns: [String]? = nil) throws(TableError) -> Table {
    let cols = try (columns ?? columnNames).map { (n: String) throws(TableError) -> Column in try requireColumn(n) }
    let masks = cols.compactMap { $0.effectiveValidity() }
    if masks.isEmpty { return self }
    return filtered((0..<rowCount).map { i in masks.allSatisfy { $0.isValid(i) } })
  }

  /// The first row of each distinct combination of `columns` (all columns when `nil`), in row order.
  public func distinct(on columns: [String]? = nil, cancellation: Cancellation = .none) throws(TableError) -> Table {
    let cols = try (columns ?? columnNames).map { (n: String) throws(TableError) -> Column in try requireColumn(n) }
    let (codes, count) = try KeyEncoding.groupCodes(cols, cancellation: cancellation)
    var seen = [Bool](repeating: false, count: count)
    var rows: [Int] = []
    for (i, c) in codes.enumerated() where !seen[Int(c)] {
      seen[Int(c)] = true
      rows.append(i)
    }
    return gatheringRows(rows)
  }

  /// `self`'s rows followed by `other`'s, columns matched by name (pandas' `concat`): `self`'s columns, then
  /// the columns only `other` has; a column one side lacks is missing there. With `commonOnly`, only the
  /// columns both have, in `self`'s order (pandas' `join="inner"`). Int and float mix to float, strings
  /// merge their dictionaries; text with numbers (or any other mix of types) is refused, naming the column.
  /// An int column stays int when the other side lacks it (its rows there are missing; pandas makes it float).
  public func union(_ other: Table, commonOnly: Bool = false) throws(TableError) -> Table {
    if columns.isEmpty && !commonOnly { return other }
    var names = columnNames
    if commonOnly {
      names = names.filter { other.column(named: $0) != nil }
    } else {
      names += other.columnNames.filter { column(named: $0) == nil }
    }
    let absentHere = [Int](repeating: -1, count: rowCount)
    let absentThere = [Int](repeating: -1, count: other.rowCount)
    var out: [Column] = []
    for name in names {
      let a = column(named: name)
      let b = other.column(named: name)
      if let a, let b, a.type != b.type, !(a.type.isNumeric && b.type.isNumeric) {
        throw TableError.typeMismatch(
          "union cannot stack column '\(name)': \(a.type.rawValue) in the first table, \(b.type.rawValue) in the second",
          column: name)
      }
      // A column one side lacks is that side's rows of missing values, of the other side's type.
      guard let top = a ?? b?.gathering(absentHere), let bottom = b ?? a?.gathering(absentThere) else { continue }
      out.append(try Table.concatenate(top, bottom))
    }
    return try Table(columns: out)
  }

  static func concatenate(_ a: Column, _ b: Column) throws(TableError) -> Column {
    var stacked = try concatenateValues(a, b)
    // Shares stacked on shares stay shares.
    stacked.meaning = a.meaning == b.meaning ? a.meaning : nil
    return stacked
  }

  private static func concatenateValues(_ a: Column, _ b: Column) throws(TableError) -> Column {
    let n = a.count + b.count
    let va = a.effectiveValidity()
    let vb = b.effectiveValidity()
    let mask: ValidityMask? =
      (va == nil && vb == nil)
      ? nil
      : ValidityMask(
        (0..<n).lazy.map { $0 < a.count ? (va?.isValid($0) ?? true) : (vb?.isValid($0 - a.count) ?? true) })
    switch (a.storage, b.storage) {
    case (.int(let x), .int(let y)): return Column(name: a.name, storage: .int(x + y), validity: mask)
    case (.timestamp(let x), .timestamp(let y)): return Column(name: a.name, storage: .timestamp(x + y), validity: mask)
    case (.bool(let x), .bool(let y)): return Column(name: a.name, storage: .bool(x + y), validity: mask)
    case (.string(let cx, let dx), .string(let cy, let dy)):
      let (merged, maps) = unifyDictionaries([dx, dy])
      let codes = cx.map { maps[0][Int($0)] } + cy.map { maps[1][Int($0)] }
      return Column(name: a.name, storage: .string(codes: codes, dictionary: merged), validity: mask)
    default:
      guard let x = a.numericDoubles(), let y = b.numericDoubles(), a.type.isNumeric, b.type.isNumeric else {
        throw TableError.typeMismatch(
          "cannot stack \(a.type.rawValue) column '\(a.name)' on a \(b.type.rawValue) column", column: a.name)
      }
      return Column(name: a.name, storage: .float(x.values + y.values), validity: mask)
    }
  }
}
