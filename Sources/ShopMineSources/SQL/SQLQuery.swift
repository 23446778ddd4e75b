import ShopMineData

/// One `SELECT` being built from a pipeline, for any ``SQLDialect``.
///
/// Each verb adds its step to the current `SELECT` when SQL allows it there with the same meaning (a
/// `where` after a `derive` filters on the derived expression), and otherwise wraps the query as a
/// subquery first (a `where` after a `group by`). Column names are resolved to the SQL of the step
/// that made them, so `explain` shows one flat query for the usual pipelines.
public struct SQLQuery: Sendable {
  /// Where rows come from.
  indirect enum Source: Sendable {
    /// A table of the database, by its path (`[name]`, or `[schema, name]`).
    case table([String])
    /// SQL the user wrote (`load sql "…" from db`).
    case sql(String)
    /// A query used as a subquery.
    case query(SQLQuery)
    /// `left JOIN right ON keys` of a kind (semi and anti: `left WHERE [NOT] EXISTS (… right …)`); the
    /// columns refer to `l` and `r`.
    case join(SQLQuery, SQLQuery, on: [String], kind: JoinKind)
  }

  /// An `ORDER BY` term and, when it is an output column, its name.
  struct Order: Sendable {
    var operand: SQLOperand
    var descending: Bool
    var outputName: String?
  }

  var source: Source
  /// The output columns, in order: name and the SQL computing it from the source.
  public private(set) var columns: [(name: String, operand: SQLOperand)]
  var filters: [String] = []
  /// The grouping keys' SQL, when the query aggregates.
  var groupBy: [String]?
  var orderBy: [Order] = []
  var limit: Int?
  var distinct = false
  /// Whether a column is a window function: a later filter or window must see its results, so it wraps.
  var windowed = false

  /// The output column names.
  public var columnNames: [String] { columns.map(\.name) }

  /// `SELECT * FROM table`, with the table's columns and their types; `path` is the table's name, with its
  /// schema first where the database has one (``Database/tablePath(_:)``).
  public static func table(_ path: [String], columns: [(String, ColumnType)], dialect: any SQLDialect) -> SQLQuery {
    SQLQuery(
      source: .table(path),
      columns: columns.map { ($0.0, SQLOperand(dialect.identifier($0.0), $0.1)) })
  }

  /// The user's own `SELECT`, with the columns and types it gives.
  public static func sql(_ text: String, columns: [(String, ColumnType)], dialect: any SQLDialect) -> SQLQuery {
    SQLQuery(
      source: .sql(text),
      columns: columns.map { ($0.0, SQLOperand(dialect.identifier($0.0), $0.1)) })
  }

  init(source: Source, columns: [(name: String, operand: SQLOperand)]) {
    self.source = source
    self.columns = columns
  }

  /// The query as a subquery of a new `SELECT` of all its columns.
  func wrapped(_ dialect: any SQLDialect) -> SQLQuery {
    SQLQuery(
      source: .query(self),
      columns: columns.map { ($0.name, SQLOperand(dialect.identifier($0.name), $0.operand.type)) })
  }

  /// The columns by name, as SQL over this query's source (what a merged step refers to).
  var scope: [String: SQLOperand] {
    Dictionary(columns.map { ($0.name, $0.operand) }, uniquingKeysWith: { a, _ in a })
  }

  /// Whether a row-level step (`where`, `derive`) can be added to this `SELECT` itself.
  var acceptsRowStep: Bool { groupBy == nil && limit == nil && !distinct && !windowed }

  /// This query ready for a row step: itself, or wrapped as a subquery; after a window the sort moves to the
  /// outer query, since it is still the row order the next window runs in.
  func forRowStep(_ dialect: any SQLDialect) -> SQLQuery {
    if acceptsRowStep { return self }
    guard windowed, groupBy == nil, limit == nil, !distinct, orderBy.allSatisfy({ $0.outputName != nil }) else {
      return wrapped(dialect)
    }
    var inner = self
    inner.orderBy = []
    var q = inner.wrapped(dialect)
    let scope = q.scope
    q.orderBy = orderBy.compactMap { o in
      o.outputName.flatMap { n in scope[n].map { Order(operand: $0, descending: o.descending, outputName: n) } }
    }
    return q
  }

  // MARK: Steps

  /// `where`: the condition compiled over this query's columns.
  public func filtered(
    _ condition: RowExpression, types: TypeOracle, dialect: any SQLDialect
  ) -> SQLQuery? {
    var q = forRowStep(dialect)
    let compiler = ExpressionCompiler(dialect: dialect, columns: q.scope, types: types)
    guard let c = compiler.compile(condition) else { return nil }
    q.filters.append(c.sql)
    return q
  }

  /// `derive name = expression` (one definition; later ones see earlier ones).
  public func deriving(
    _ name: String, _ expression: RowExpression, type: ColumnType, types: TypeOracle, dialect: any SQLDialect
  ) -> SQLQuery? {
    var q = forRowStep(dialect)
    var compiler = ExpressionCompiler(dialect: dialect, columns: q.scope, types: types)
    compiler.windows = true
    compiler.rowOrder = q.orderBy.map { ($0.operand, $0.descending) }
    guard let c = compiler.compile(expression) else { return nil }
    if expression.hasWindow { q.windowed = true }
    let operand = SQLOperand(c.sql, type)
    if let i = q.columns.firstIndex(where: { $0.name == name }) {
      q.columns[i].operand = operand
    } else {
      q.columns.append((name, operand))
    }
    return q
  }

  /// `select`: these columns, in this order.
  public func selecting(_ names: [String], dialect: any SQLDialect) -> SQLQuery {
    var q = distinct ? wrapped(dialect) : self
    let scope = q.scope
    q.columns = names.compactMap { n in scope[n].map { (n, $0) } }
    return q
  }

  /// `rename old to new`.
  public func renaming(_ pairs: [(from: String, to: String)], dialect: any SQLDialect) -> SQLQuery {
    var q = self
    for (from, to) in pairs {
      guard let i = q.columns.firstIndex(where: { $0.name == from }) else { continue }
      q.columns[i].name = to
      for k in q.orderBy.indices where q.orderBy[k].outputName == from { q.orderBy[k].outputName = to }
    }
    return q
  }

  /// `group by keys aggregate name = expression, …`, rows ordered by the keys with missing keys last,
  /// as ShopMine's `group` orders them.
  public func grouped(
    by keys: [String], aggregates: [(name: String, expression: RowExpression, type: ColumnType)],
    types: TypeOracle, dialect: any SQLDialect
  ) -> SQLQuery? {
    var q = acceptsRowStep ? self : wrapped(dialect)
    q.orderBy = []
    let scope = q.scope
    let compiler = ExpressionCompiler(dialect: dialect, columns: scope, types: types, keys: Set(keys))
    var out: [(name: String, operand: SQLOperand)] = []
    var keySQL: [String] = []
    for k in keys {
      guard let operand = scope[k] else { return nil }
      out.append((k, operand))
      keySQL.append(operand.sql)
    }
    for a in aggregates {
      guard let c = compiler.compileAggregate(a.expression) else { return nil }
      out.append((a.name, SQLOperand(c.sql, a.type)))
    }
    q.columns = out
    q.groupBy = keySQL
    if !keys.isEmpty {
      q.orderBy = zip(keys, out).map { Order(operand: $1.operand, descending: false, outputName: $0) }
    }
    return q
  }

  /// `sort keys`: a stable sort, so the new keys come first and the earlier order breaks their ties.
  public func sorted(
    by keys: [(expression: RowExpression, descending: Bool)], types: TypeOracle, dialect: any SQLDialect
  ) -> SQLQuery? {
    var q = (limit == nil && !distinct) ? self : wrapped(dialect)
    let compiler = ExpressionCompiler(dialect: dialect, columns: q.scope, types: types)
    var terms: [Order] = []
    for k in keys {
      guard let c = compiler.compile(k.expression), c.type != nil else { return nil }
      var name: String?
      if case .column(let n, _) = k.expression { name = n }
      terms.append(Order(operand: c, descending: k.descending, outputName: name))
    }
    q.orderBy = terms + q.orderBy
    return q
  }

  /// `head n`.
  public func limited(_ n: Int) -> SQLQuery {
    var q = self
    q.limit = min(n, limit ?? n)
    return q
  }

  /// `distinct`: whole rows, keeping the order when it sorts by output columns; otherwise `nil`.
  public func distinctRows(dialect: any SQLDialect) -> SQLQuery? {
    if limit == nil, groupBy == nil, orderBy.isEmpty {
      var q = self
      q.distinct = true
      return q
    }
    // Sorted first: the distinct rows of the (unordered) input, ordered again by the same output columns.
    var inner = self
    let order = inner.orderBy
    guard order.allSatisfy({ $0.outputName != nil }) || limit != nil else { return nil }
    if limit == nil { inner.orderBy = [] }
    var q = inner.wrapped(dialect)
    q.distinct = true
    if limit == nil {
      let scope = q.scope
      q.orderBy = order.compactMap { o in
        o.outputName.flatMap { n in scope[n].map { Order(operand: $0, descending: o.descending, outputName: n) } }
      }
    }
    return q
  }

  /// `distinct on keys` of a sorted query: each key's first row in the sort order, numbered by a window
  /// function and kept in that order. `nil` when the query is not sorted by output columns (an unsorted
  /// query has no first row to keep: it runs in memory on the rows as the database sends them).
  public func firstRows(on keys: [String], dialect: any SQLDialect) -> SQLQuery? {
    guard !orderBy.isEmpty, orderBy.allSatisfy({ $0.outputName != nil }) else { return nil }
    var numbered = wrapped(dialect)
    let scope = numbered.scope
    let partition = keys.compactMap { scope[$0]?.sql }
    let order = orderBy.compactMap { o in
      o.outputName.flatMap { scope[$0] }.map { dialect.orderTerm($0, descending: o.descending) }
    }
    guard partition.count == keys.count, order.count == orderBy.count else { return nil }
    var rank = "first_row"
    while columnNames.contains(rank) { rank += "_" }
    numbered.columns.append(
      (
        rank,
        SQLOperand(
          "ROW_NUMBER() OVER (PARTITION BY \(partition.joined(separator: ", ")) ORDER BY "
            + "\(order.joined(separator: ", ")))", .int)
      ))
    var q = numbered.wrapped(dialect)
    q.filters = ["\(dialect.identifier(rank)) = 1"]
    q.columns.removeLast()
    let outer = q.scope
    q.orderBy = orderBy.compactMap { o in
      o.outputName.flatMap { n in outer[n].map { Order(operand: $0, descending: o.descending, outputName: n) } }
    }
    return q
  }

  /// `left join right on keys` of `kind`: the left's columns, then the right's other columns (none for
  /// semi and anti), named as `names` gives them (ShopMine's join names clashing ones `NAME_x`, `NAME_y`).
  /// The keys of a right join come from the right side, of a full join from the side that has the row
  /// (`COALESCE`). `nil` when the dialect has no such join (SQLite before 3.39: no right or full join).
  public static func joining(
    _ left: SQLQuery, _ right: SQLQuery, on keys: [String], kind: JoinKind, names: [String],
    dialect: any SQLDialect
  ) -> SQLQuery? {
    if kind == .right || kind == .outer, !dialect.hasRightAndFullJoins { return nil }
    var columns: [(name: String, operand: SQLOperand)] = []
    for (name, operand) in left.columns {
      let l = "l." + dialect.identifier(name)
      let r = "r." + dialect.identifier(name)
      switch kind {
      case .right where keys.contains(name):
        columns.append((name, SQLOperand(r, operand.type)))
      case .outer where keys.contains(name):
        let rightType = right.columns.first { $0.name == name }?.operand.type
        // A coalesced key of an int and a float side is a float in memory; the database would mix them.
        guard rightType == operand.type else { return nil }
        columns.append((name, SQLOperand("COALESCE(\(l), \(r))", operand.type)))
      default:
        columns.append((name, SQLOperand(l, operand.type)))
      }
    }
    if kind != .semi && kind != .anti {
      for (name, operand) in right.columns where !keys.contains(name) {
        columns.append((name, SQLOperand("r." + dialect.identifier(name), operand.type)))
      }
    }
    guard columns.count == names.count else { return nil }
    for i in columns.indices { columns[i].name = names[i] }
    return SQLQuery(source: .join(left, right, on: keys, kind: kind), columns: columns)
  }

  /// `SELECT COUNT(*)` of this query.
  public func counted(dialect: any SQLDialect) -> SQLQuery {
    var q = wrapped(dialect)
    q.columns = [("count", SQLOperand("COUNT(*)", .int))]
    q.orderBy = []
    return q
  }

  /// One row: the number of missing values of each column (`schema` of a remote table).
  public func missingCounts(dialect: any SQLDialect) -> SQLQuery {
    var q = wrapped(dialect)
    q.columns = columns.map { c in
      let name = dialect.identifier(c.name)
      return (c.name, SQLOperand("COUNT(*) - COUNT(\(name))", .int))
    }
    q.orderBy = []
    return q
  }

  // MARK: Text

  /// The SQL text, one clause per line.
  public func text(_ dialect: any SQLDialect) -> String {
    var counter = 0
    return render(dialect, indent: "", counter: &counter)
  }

  private func render(_ dialect: any SQLDialect, indent: String, counter: inout Int) -> String {
    let inner = indent + "  "
    var selectList: [String] = []
    for (name, operand) in columns {
      let quoted = dialect.identifier(name)
      selectList.append(operand.sql == quoted ? quoted : "\(operand.sql) AS \(quoted)")
    }
    var lines = ["SELECT " + (distinct ? "DISTINCT " : "") + selectList.joined(separator: ", ")]
    var conditions: [String] = []
    switch source {
    case .table(let path):
      lines.append("FROM " + path.map(dialect.identifier).joined(separator: "."))
    case .sql(let text):
      counter += 1
      let body = text.split(separator: "\n", omittingEmptySubsequences: false).map { inner + $0 }
      lines.append("FROM (\n" + body.joined(separator: "\n") + "\n\(indent)) AS q\(counter)")
    case .query(let q):
      counter += 1
      let name = "q\(counter)"
      lines.append("FROM (\n" + inner + q.render(dialect, indent: inner, counter: &counter) + "\n\(indent)) AS \(name)")
    case .join(let l, let r, let keys, let kind):
      let lt = l.render(dialect, indent: inner, counter: &counter)
      let on = keys.map { dialect.joinEquality("l." + dialect.identifier($0), "r." + dialect.identifier($0)) }
      lines.append("FROM (\n\(inner)\(lt)\n\(indent)) AS l")
      switch kind {
      case .semi, .anti:
        // A filter on the left rows: each kept once, whatever the number of its matches.
        let deeper = inner + "  "
        let rt = r.render(dialect, indent: deeper, counter: &counter)
        conditions.append(
          (kind == .anti ? "NOT " : "") + "EXISTS (\n\(inner)SELECT 1 FROM (\n\(deeper)\(rt)\n\(inner)) AS r WHERE "
            + on.joined(separator: " AND ") + "\n\(indent))")
      case .inner, .left, .right, .outer:
        let rt = r.render(dialect, indent: inner, counter: &counter)
        let word = [JoinKind.left: "LEFT JOIN", .right: "RIGHT JOIN", .outer: "FULL JOIN"][kind] ?? "JOIN"
        lines.append(word + " (\n\(inner)\(rt)\n\(indent)) AS r ON " + on.joined(separator: " AND "))
      }
    }
    conditions += filters
    if !conditions.isEmpty { lines.append("WHERE " + conditions.joined(separator: " AND ")) }
    if let groupBy, !groupBy.isEmpty { lines.append("GROUP BY " + groupBy.joined(separator: ", ")) }
    if !orderBy.isEmpty {
      lines.append(
        "ORDER BY " + orderBy.map { dialect.orderTerm($0.operand, descending: $0.descending) }.joined(separator: ", "))
    }
    if let limit { lines.append("LIMIT \(limit)") }
    return lines.joined(separator: "\n" + indent)
  }
}

/// The ShopMine type of a row expression over a step's input (`nil` when it does not type-check), and of
/// an aggregate expression over its groups.
public struct TypeOracle: Sendable {
  public var row: @Sendable (RowExpression) -> ColumnType?
  public var aggregate: @Sendable (RowExpression) -> ColumnType?

  public init(
    row: @escaping @Sendable (RowExpression) -> ColumnType?,
    aggregate: @escaping @Sendable (RowExpression) -> ColumnType? = { _ in nil }
  ) {
    self.row = row
    self.aggregate = aggregate
  }

  /// Types found by evaluating over `prototype`, an empty table with the step's input columns: the same
  /// evaluator that runs the step in memory decides, so both agree by construction.
  public static func over(_ prototype: Table, keys: [String] = []) -> TypeOracle {
    TypeOracle(
      row: { e in
        // A missing literal has no type of its own.
        if case .literal(.missing, _) = e { return nil }
        return (try? ExpressionEvaluator(table: prototype, cancellation: .none, windows: true).evaluate(e))?.type
      },
      aggregate: { e in
        let t = try? prototype.groupAggregate(by: keys, [("t", e)])
        return t?.columns.last?.type
      })
  }
}

extension RowExpression {
  /// Whether a window function is anywhere in the expression.
  var hasWindow: Bool {
    switch self {
    case .window: return true
    case .call(let name, let args, _):
      return WindowFunctions.has(name, arity: args.count) || args.contains(where: \.hasWindow)
    case .column, .literal: return false
    case .unary(_, let x, _), .isMissing(let x, _, _): return x.hasWindow
    case .binary(_, let a, let b, _): return a.hasWindow || b.hasWindow
    case .isIn(let x, let list, _, _): return x.hasWindow || list.contains(where: \.hasWindow)
    }
  }
}
