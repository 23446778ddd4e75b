import ShopMineData

/// Window functions as SQL window functions, where the database gives exactly ShopMine's result (see
/// ``WindowFunctions`` for the semantics); `nil` elsewhere, and the step runs in memory.
///
/// - A window without `order` runs in the row order, which only a sort in the query defines (a table has no
///   row order): without one it is not pushed. With one, the sort's terms also break ties in `order`, as
///   the stable in-memory sort keeps tied rows in the input's order.
/// - Missing values: the cumulative functions are wrapped in `CASE WHEN x IS NULL` (pandas skips the row and
///   leaves it missing; SQL would carry the running value); a rolling window over N rows is NULL unless
///   `COUNT(x)` over the frame is N (pandas' `min_periods = N`).
/// - Not pushed: time-span windows (`RANGE` frames over intervals differ between engines and from pandas at
///   the edges), `pct_change` (a zero divisor gives ±inf in ShopMine, an error or NULL in SQL),
///   `rolling_std` (SQLite has no sample deviation), negative offsets and a `default` of another type.
extension ExpressionCompiler {
  func compileWindow(_ w: WindowCall, result: ColumnType) -> SQLOperand? {
    let name = w.function
    guard w.timeSpan == nil else { return nil }
    // No window inside a window's arguments: SQL cannot nest them.
    var inner = self
    inner.windows = false
    var partition: [String] = []
    for p in w.partition {
      guard let c = inner.compile(p), c.type != nil else { return nil }
      partition.append(c.sql)
    }
    var keys: [(operand: SQLOperand, descending: Bool)] = []
    if WindowFunctions.ranking.contains(name) && !w.arguments.isEmpty {
      guard w.order.isEmpty else { return nil }
      for (a, d) in zip(w.arguments, w.descending) {
        guard let c = inner.compile(a), c.type != nil else { return nil }
        keys.append((c, d))
      }
    } else {
      for k in w.order {
        guard let c = inner.compile(k.expression), c.type != nil else { return nil }
        keys.append((c, k.descending))
      }
    }
    // RANK and its kin give tied rows one value, so the row order never shows in them.
    let tieFree = ["rank", "dense_rank", "percent_rank"].contains(name)
    if !tieFree {
      if keys.isEmpty && rowOrder.isEmpty { return nil }
      keys += rowOrder
    }
    func over(_ frame: String? = nil) -> String {
      var parts: [String] = []
      if !partition.isEmpty { parts.append("PARTITION BY " + partition.joined(separator: ", ")) }
      if !keys.isEmpty {
        parts.append(
          "ORDER BY " + keys.map { dialect.orderTerm($0.operand, descending: $0.descending) }.joined(separator: ", "))
      }
      if let frame { parts.append(frame) }
      return "OVER (" + parts.joined(separator: " ") + ")"
    }
    func literalInt(_ i: Int) -> Int? {
      guard i < w.arguments.count else { return nil }
      guard case .literal(.int(let v), _) = w.arguments[i], v >= 0, v <= Int64(Int32.max) else { return nil }
      return Int(v)
    }
    func value(numeric: Bool) -> SQLOperand? {
      guard let x = w.arguments.first.flatMap({ inner.compile($0) }) else { return nil }
      if numeric && x.type != .int && x.type != .float { return nil }
      return x
    }
    func cast(_ sql: String, _ type: ColumnType) -> String {
      "CAST(\(sql) AS \(type == .int ? "BIGINT" : "DOUBLE PRECISION"))"
    }
    switch name {
    case "row_number": return SQLOperand("ROW_NUMBER() \(over())", .int)
    case "cumcount": return SQLOperand("(ROW_NUMBER() \(over()) - 1)", .int)
    case "rank": return SQLOperand("RANK() \(over())", .int)
    case "dense_rank": return SQLOperand("DENSE_RANK() \(over())", .int)
    case "percent_rank": return SQLOperand(cast("PERCENT_RANK() \(over())", .float), .float)
    case "ntile":
      guard let n = literalInt(0), n >= 1 else { return nil }
      return SQLOperand("NTILE(\(n)) \(over())", .int)
    case "lag", "lead":
      guard let x = value(numeric: false), x.type == result else { return nil }
      var offset = 1
      if w.arguments.count > 1 {
        guard let n = literalInt(1) else { return nil }
        offset = n
      }
      var fallback = ""
      if w.arguments.count > 2 {
        guard case .literal(let d, _) = w.arguments[2], d.isMissing || d.columnType == result,
          let text = dialect.literal(d)
        else { return nil }
        fallback = ", \(text)"
      }
      return SQLOperand("\(name.uppercased())(\(x.sql), \(offset)\(fallback)) \(over())", result)
    case "first", "last":
      guard let x = value(numeric: false), x.type == result else { return nil }
      let function = name == "first" ? "FIRST_VALUE" : "LAST_VALUE"
      return SQLOperand(
        "\(function)(\(x.sql)) \(over("ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"))", result)
    case "cumsum", "cummin", "cummax":
      guard let x = value(numeric: true), x.type == result else { return nil }
      let function = name == "cumsum" ? "SUM" : name == "cummin" ? "MIN" : "MAX"
      let running = cast("\(function)(\(x.sql)) \(over("ROWS UNBOUNDED PRECEDING"))", result)
      return SQLOperand("(CASE WHEN \(x.sql) IS NULL THEN NULL ELSE \(running) END)", result)
    case "diff":
      guard let x = value(numeric: true), x.type == result else { return nil }
      var offset = 1
      if w.arguments.count > 1 {
        guard let n = literalInt(1) else { return nil }
        offset = n
      }
      let before = SQLOperand("LAG(\(x.sql), \(offset)) \(over())", x.type)
      return SQLOperand(dialect.arithmetic("-", x, before, result: result), result)
    case "rolling_mean", "rolling_sum", "rolling_min", "rolling_max":
      guard let x = value(numeric: true), let width = literalInt(1), width >= 1 else { return nil }
      let frame = over("ROWS BETWEEN \(width - 1) PRECEDING AND CURRENT ROW")
      let function =
        ["rolling_mean": "AVG", "rolling_sum": "SUM", "rolling_min": "MIN", "rolling_max": "MAX"][name] ?? ""
      let floated = x.type == .int ? cast(x.sql, .float) : x.sql
      return SQLOperand(
        "(CASE WHEN COUNT(\(x.sql)) \(frame) = \(width) THEN \(cast("\(function)(\(floated)) \(frame)", .float)) END)",
        .float)
    default:
      return nil
    }
  }
}
