#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A window function as written: `lag(revenue)`, `rank(x desc) over (by user_id)`,
/// `rolling_mean(revenue, 7 days) over (order day)`.
public struct WindowCall: Sendable, Hashable {
  /// The function's name (one of ``WindowFunctions/signatures``).
  public var function: String
  /// Its arguments; for the ranking functions, the keys that rank.
  public var arguments: [RowExpression]
  /// Per argument, whether `desc` follows it (ranking keys only).
  public var descending: [Bool]
  /// A rolling window's time span in microseconds (`7 days`), in place of a row count.
  public var timeSpan: Int64?
  /// `over (by …)`: the partition keys; none is one partition of every row.
  public var partition: [RowExpression]
  /// `over (… order …)`: the order within each partition; none keeps the rows' order.
  public var order: [WindowOrderKey]

  public init(
    _ function: String, _ arguments: [RowExpression], descending: [Bool]? = nil, timeSpan: Int64? = nil,
    partition: [RowExpression] = [], order: [WindowOrderKey] = []
  ) {
    self.function = function
    self.arguments = arguments
    self.descending = descending ?? arguments.map { _ in false }
    self.timeSpan = timeSpan
    self.partition = partition
    self.order = order
  }

  /// Every expression inside the call: arguments, partition and order keys.
  public var expressions: [RowExpression] { arguments + partition + order.map(\.expression) }
}

/// One key of a window's `order`.
public struct WindowOrderKey: Sendable, Hashable {
  public var expression: RowExpression
  public var descending: Bool
  public init(_ expression: RowExpression, descending: Bool = false) {
    self.expression = expression
    self.descending = descending
  }
}

/// The window functions of `derive`: values computed from a row's neighbours in its window.
///
/// A window is the whole table in its current row order, or with `over (by a, b order k desc, …)` each
/// partition of equal `by` keys ordered by the `order` keys (stable: ties keep the input order; missing keys
/// last, as `sort` has them). The result always comes back in the input's row order. The rules for missing
/// values are pandas': `lag`/`lead` are `shift`, `diff` and `pct_change(fill_method=None)` compare with the
/// row `n` before, the cumulative functions skip missing values (missing at that row, as `skipna`), and a
/// rolling window over N rows needs N present values (`rolling(N)`'s default `min_periods`), one over a
/// time span one (`rolling("7D", on=t)`, the window `(t − span, t]`).
///
/// No Swift library computes windows over columnar data, so this is written by hand: the rows are put in
/// window order once per call (partition codes by hashing, a counting sort by partition, then a sort of
/// each partition by its keys unless it is in order already), each function is one pass over that order,
/// and the results are scattered back.
public enum WindowFunctions {
  /// The window functions, for the one function table (help, completion, "did you mean").
  public static let signatures: [FunctionSignature] = [
    FunctionSignature(
      "lag", 1...3, "lag(x, n, default)",
      "x from `n` rows earlier in the window (default 1), `default` (else missing) where there is none — pandas `shift(n)`"
    ),
    FunctionSignature(
      "lead", 1...3, "lead(x, n, default)", "x from `n` rows later in the window (default 1) — pandas `shift(-n)`"),
    FunctionSignature(
      "row_number", 0...8, "row_number(key [desc], …)",
      "1, 2, 3… in window order (or by the keys given); ties keep the input order"),
    FunctionSignature(
      "rank", 0...8, "rank(key [desc], …)",
      "rank by the keys (else by `order`), ties sharing the lowest rank and leaving gaps — SQL `RANK`, pandas `rank(method=\"min\")`; missing keys rank last"
    ),
    FunctionSignature(
      "dense_rank", 0...8, "dense_rank(key [desc], …)",
      "rank without gaps after ties — SQL `DENSE_RANK`, pandas `rank(method=\"dense\")`; missing keys rank last"),
    FunctionSignature(
      "percent_rank", 0...8, "percent_rank(key [desc], …)",
      "(rank − 1) / (rows in the partition − 1), 0 for a one-row partition — SQL `PERCENT_RANK`"),
    FunctionSignature(
      "ntile", 1...1, "ntile(n)",
      "bucket 1…n of the row in window order, bucket sizes differing by at most one, larger first — SQL `NTILE`"),
    FunctionSignature(
      "cumsum", 1...1, "cumsum(x)", "running total in window order; missing rows stay missing and are skipped"),
    FunctionSignature("cummin", 1...1, "cummin(x)", "running minimum in window order, skipping missing values"),
    FunctionSignature("cummax", 1...1, "cummax(x)", "running maximum in window order, skipping missing values"),
    FunctionSignature(
      "cumcount", 0...0, "cumcount()", "rows before this one in its window: 0, 1, 2… — pandas `groupby().cumcount()`"),
    FunctionSignature(
      "first", 1...1, "first(x) over (…)",
      "x of the first row of the window in order (missing or not) — SQL `FIRST_VALUE`; in `aggregate`, the aggregate"),
    FunctionSignature(
      "last", 1...1, "last(x) over (…)",
      "x of the last row of the window in order — SQL `LAST_VALUE` over the whole partition; in `aggregate`, the aggregate"
    ),
    FunctionSignature("diff", 1...2, "diff(x, n)", "x minus x from `n` rows earlier (default 1) — pandas `diff`"),
    FunctionSignature(
      "pct_change", 1...2, "pct_change(x, n)",
      "x / (x `n` rows earlier) − 1 (default 1) — pandas `pct_change(fill_method=None)`"),
    FunctionSignature(
      "rolling_mean", 2...2, "rolling_mean(x, rows | span)",
      "mean of the last `rows` rows (missing until there are that many present values, as pandas `rolling(N)`), or of the rows in `(t − span, t]` on the window's timestamp `order` (`7 days`, as `rolling(\"7D\")`)"
    ),
    FunctionSignature(
      "rolling_sum", 2...2, "rolling_sum(x, rows | span)", "sum over the same windows as `rolling_mean`"),
    FunctionSignature("rolling_min", 2...2, "rolling_min(x, rows | span)", "minimum over the same windows"),
    FunctionSignature("rolling_max", 2...2, "rolling_max(x, rows | span)", "maximum over the same windows"),
    FunctionSignature(
      "rolling_std", 2...2, "rolling_std(x, rows | span)",
      "sample standard deviation (ddof 1) over the same windows; missing for one value"),
  ]

  /// Every window function with the argument counts it accepts.
  static let arities: [String: ClosedRange<Int>] = Dictionary(
    uniqueKeysWithValues: signatures.map { ($0.name, $0.arity) })

  /// The window function names, sorted.
  public static var names: [String] { arities.keys.sorted() }

  /// Whether `name` is a window function taking `arity` arguments.
  public static func has(_ name: String, arity: Int) -> Bool {
    arities[name]?.contains(arity) ?? false
  }

  /// Whether `name` is a window function (of any arity).
  public static func isWindow(_ name: String) -> Bool { arities[name] != nil }

  /// Functions whose arguments are the keys that rank (and may be followed by `desc`).
  public static let ranking: Set<String> = ["row_number", "rank", "dense_rank", "percent_rank"]

  /// Functions that may take a time span as their second argument.
  public static let rolling: Set<String> = ["rolling_mean", "rolling_sum", "rolling_min", "rolling_max", "rolling_std"]

  // MARK: - Evaluation

  /// The column of `call` over the evaluator's table, in its row order.
  static func evaluate(
    _ call: WindowCall, span: SourceSpan?, evaluator ev: ExpressionEvaluator
  ) throws(ExpressionError) -> Column {
    let name = call.function
    guard ev.windows else {
      throw ExpressionError(
        .invalidArgument(
          "window function '\(name)' can only be used in 'derive': derive it as a column first (derive w = \(name)(…)), then use that column"
        ), span: span)
    }
    guard let arity = arities[name] else {
      throw ExpressionError(
        TableError(code: .invalidArgument, message: "unknown window function '\(name)'", candidates: names),
        span: span)
    }
    let count = call.arguments.count + (call.timeSpan == nil ? 0 : 1)
    guard arity.contains(count) else {
      let expected =
        arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)"
      throw ExpressionError(
        .invalidArgument("'\(name)' takes \(expected) argument\(arity.upperBound == 1 ? "" : "s"), got \(count)"),
        span: span)
    }
    if call.descending.contains(true) && !ranking.contains(name) {
      throw ExpressionError(
        .invalidArgument("'desc' orders the keys of a ranking function; write the order in 'over (order … desc)'"),
        span: span)
    }
    if call.timeSpan != nil && !rolling.contains(name) {
      throw ExpressionError(.invalidArgument("'\(name)' takes no time span; only the rolling functions do"), span: span)
    }
    var keys = call.order
    if ranking.contains(name) && !call.arguments.isEmpty {
      guard call.order.isEmpty else {
        throw ExpressionError(
          .invalidArgument(
            "'\(name)' ranks by its arguments or by 'order' in 'over', not both: move the keys into one of them"),
          span: span)
      }
      keys = zip(call.arguments, call.descending).map { WindowOrderKey($0, descending: $1) }
    }
    var partition: [Column] = []
    for p in call.partition { partition.append(try ev.evaluate(p)) }
    var keyColumns: [Column] = []
    for k in keys { keyColumns.append(try ev.evaluate(k.expression)) }
    let layout: WindowLayout
    do throws(TableError) {
      layout = try WindowLayout(
        partition: partition, keys: keyColumns, descending: keys.map(\.descending), rowCount: ev.table.rowCount,
        cancellation: ev.cancellation)
    } catch {
      throw ExpressionError(error, span: span)
    }
    let context = Context(
      call: call, span: span, evaluator: ev, layout: layout, keys: keyColumns, keyOrder: keys)
    return try context.compute()
  }

  /// One call being evaluated: its rows in window order and its evaluated keys.
  private struct Context {
    let call: WindowCall
    let span: SourceSpan?
    let evaluator: ExpressionEvaluator
    let layout: WindowLayout
    let keys: [Column]
    let keyOrder: [WindowOrderKey]

    var name: String { call.function }
    var n: Int { evaluator.table.rowCount }

    func compute() throws(ExpressionError) -> Column {
      switch name {
      case "row_number":
        return ints { k, lo, _ in Int64(k - lo + 1) }
      case "cumcount":
        return ints { k, lo, _ in Int64(k - lo) }
      case "ntile":
        let buckets = try constantInt(0, atLeast: 1, what: "the number of buckets")
        return ints { k, lo, hi in Self.ntile(position: k - lo, size: hi - lo, buckets: buckets) }
      case "rank", "dense_rank", "percent_rank":
        return try ranks()
      case "lag", "lead":
        let shift = try call.arguments.count > 1 ? constantInt(1, atLeast: nil, what: "the row offset") : 1
        return try shifted(by: name == "lag" ? shift : -shift)
      case "first", "last":
        let x = try evaluator.evaluate(call.arguments[0])
        var source = [Int](repeating: -1, count: n)
        layout.forEachPartition { lo, hi in
          let pick = layout.row(name == "first" ? lo : hi - 1)
          for k in lo..<hi { source[layout.row(k)] = pick }
        }
        return x.gathering(source).renamed(name)
      case "cumsum", "cummin", "cummax":
        return try cumulative()
      case "diff", "pct_change":
        return try differences()
      default:
        return try rollingWindow()
      }
    }

    // MARK: Arguments

    /// Argument `i`, a whole number written in the call (or a bound value).
    func constantInt(_ i: Int, atLeast minimum: Int?, what: String) throws(ExpressionError) -> Int {
      let a = call.arguments[i]
      guard case .literal(.int(let v), _) = a, v > Int64(Int32.min), v < Int64(Int32.max) else {
        throw ExpressionError(
          .invalidArgument("'\(name)' needs \(what) as a whole number written in the call"), span: a.span ?? span)
      }
      if let minimum, v < minimum {
        throw ExpressionError(.invalidArgument("'\(name)' needs \(what) ≥ \(minimum), got \(v)"), span: a.span ?? span)
      }
      return Int(v)
    }

    /// Argument `i` as numbers: (values with NaN where missing, whether the column holds integers).
    func numbers(_ i: Int) throws(ExpressionError) -> (column: Column, doubles: [Double]) {
      let a = call.arguments[i]
      let c = try evaluator.evaluate(a)
      guard c.type.isNumeric || c.isAllMissing, let d = c.doublesWithNaN() else {
        throw ExpressionError(
          .typeMismatch("'\(name)' needs a number, but this is \(evaluator.describe(a, c))", column: a.columnName),
          span: a.span ?? span)
      }
      return (c, d)
    }

    // MARK: Results

    /// An int column from `value(k, lo, hi)` for the row at window position `k` of partition `lo..<hi`.
    func ints(_ value: (Int, Int, Int) -> Int64) -> Column {
      var out = [Int64](repeating: 0, count: n)
      out.withUnsafeMutableBufferPointer { o in
        layout.forEachPartition { lo, hi in
          for k in lo..<hi { o[layout.row(k)] = value(k, lo, hi) }
        }
      }
      return Column(name: name, ints: out)
    }

    /// Floats computed in window order (NaN where missing), put back in row order.
    func floats(inWindowOrder values: [Double]) -> Column {
      Column.floats(name, layout.scatter(values), validity: nil)
    }

    // MARK: Ranking

    static func ntile(position p: Int, size m: Int, buckets: Int) -> Int64 {
      // SQL NTILE: m / buckets rows per bucket, the first m % buckets buckets one row more.
      let q = m / buckets
      let r = m % buckets
      if p < r * (q + 1) { return Int64(p / (q + 1) + 1) }
      return Int64((p - r * (q + 1)) / max(q, 1) + r + 1)
    }

    func ranks() throws(ExpressionError) -> Column {
      let ordered: (keys: [[Int64]], missing: [[Bool]?])
      do throws(TableError) {
        ordered = try Table.orderKeys(
          keys, descending: keyOrder.map(\.descending), cancellation: evaluator.cancellation)
      } catch {
        throw ExpressionError(error, span: span)
      }
      // Rows tie when every key is equal, or missing in both: missing keys share the last rank, as pandas'
      // rank(na_option="bottom") and SQL's NULLS LAST give them.
      func tied(_ a: Int, _ b: Int) -> Bool {
        for j in 0..<ordered.keys.count {
          if let m = ordered.missing[j] {
            if m[a] != m[b] { return false }
            if m[a] { continue }
          }
          if ordered.keys[j][a] != ordered.keys[j][b] { return false }
        }
        return true
      }
      var out = [Double](repeating: 0, count: n)
      var ints = [Int64](repeating: 0, count: n)
      layout.forEachPartition { lo, hi in
        var rank = 1
        var dense = 1
        for k in lo..<hi {
          let row = layout.row(k)
          if k > lo && !tied(layout.row(k - 1), row) {
            rank = k - lo + 1
            dense += 1
          }
          switch name {
          case "rank": ints[row] = Int64(rank)
          case "dense_rank": ints[row] = Int64(dense)
          default: out[row] = hi - lo == 1 ? 0 : Double(rank - 1) / Double(hi - lo - 1)
          }
        }
      }
      if name == "percent_rank" { return Column(name: name, floats: out) }
      return Column(name: name, ints: ints)
    }

    // MARK: Shifts

    func shifted(by shift: Int) throws(ExpressionError) -> Column {
      let x = try evaluator.evaluate(call.arguments[0])
      var source = [Int](repeating: -1, count: n)
      layout.forEachPartition { lo, hi in
        for k in lo..<hi {
          let from = k - shift
          if from >= lo && from < hi { source[layout.row(k)] = layout.row(from) }
        }
      }
      let moved = x.gathering(source).renamed(name)
      guard call.arguments.count > 2 else { return moved }
      // `default` fills only the rows with nothing to shift in (pandas' fill_value), not missing values
      // shifted in; `if` gives the two one type by the rule it has for its branches.
      let fallback = try evaluator.evaluate(call.arguments[2])
      let shiftedIn = Column(name: "in", bools: source.map { $0 >= 0 })
      let table = Table(uncheckedColumns: [shiftedIn, moved.renamed("x"), fallback.renamed("default")], rowCount: n)
      let choose = RowExpression.call(
        "if",
        [.column("in"), .column("x", span: call.arguments[0].span), .column("default", span: call.arguments[2].span)],
        span: span)
      return try ExpressionEvaluator(table: table, cancellation: evaluator.cancellation).evaluate(choose).renamed(name)
    }

    func differences() throws(ExpressionError) -> Column {
      let (column, x) = try numbers(0)
      let shift = try call.arguments.count > 1 ? constantInt(1, atLeast: nil, what: "the row offset") : 1
      if name == "diff", case .int(let values) = column.storage {
        // Integers stay integers (pandas gives floats only to hold NaN; a validity mask holds missing here).
        var out = [Int64](repeating: 0, count: n)
        var valid = [Bool](repeating: false, count: n)
        var overflow = false
        layout.forEachPartition { lo, hi in
          for k in lo..<hi {
            let from = k - shift
            guard from >= lo && from < hi else { continue }
            let (a, b) = (layout.row(k), layout.row(from))
            guard column.isValid(a) && column.isValid(b) else { continue }
            let (d, o) = values[a].subtractingReportingOverflow(values[b])
            overflow = overflow || o
            out[a] = d
            valid[a] = true
          }
        }
        if overflow { throw ExpressionError(.overflow(in: "diff"), span: span) }
        return Column(name: name, ints: out, validity: valid.allSatisfy { $0 } ? nil : ValidityMask(valid))
      }
      var out = [Double](repeating: .nan, count: n)
      layout.forEachPartition { lo, hi in
        for k in lo..<hi {
          let from = k - shift
          guard from >= lo && from < hi else { continue }
          let (a, b) = (x[layout.row(k)], x[layout.row(from)])
          out[layout.row(k)] = name == "diff" ? a - b : a / b - 1
        }
      }
      return Column.floats(name, out, validity: nil)
    }

    // MARK: Cumulative

    func cumulative() throws(ExpressionError) -> Column {
      let (column, x) = try numbers(0)
      if case .int(let values) = column.storage {
        var out = [Int64](repeating: 0, count: n)
        var overflow = false
        layout.forEachPartition { lo, hi in
          var acc: Int64? = nil
          for k in lo..<hi {
            let row = layout.row(k)
            guard column.isValid(row) else { continue }
            let v = values[row]
            switch name {
            case "cumsum":
              let (s, o) = (acc ?? 0).addingReportingOverflow(v)
              overflow = overflow || o
              acc = s
            case "cummin": acc = min(acc ?? v, v)
            default: acc = max(acc ?? v, v)
            }
            out[row] = acc ?? 0
          }
        }
        if overflow { throw ExpressionError(.overflow(in: "cumsum"), span: span) }
        return Column(name: name, ints: out, validity: column.validity)
      }
      var out = [Double](repeating: .nan, count: n)
      layout.forEachPartition { lo, hi in
        var acc = Double.nan
        for k in lo..<hi {
          let row = layout.row(k)
          let v = x[row]
          guard !v.isNaN else { continue }
          switch name {
          case "cumsum": acc = acc.isNaN ? v : acc + v
          case "cummin": acc = acc.isNaN ? v : min(acc, v)
          default: acc = acc.isNaN ? v : max(acc, v)
          }
          out[row] = acc
        }
      }
      return Column.floats(name, out, validity: nil)
    }

    // MARK: Rolling

    func rollingWindow() throws(ExpressionError) -> Column {
      let (_, x) = try numbers(0)
      let kind: RollingWindow.Kind
      switch name {
      case "rolling_sum": kind = .sum
      case "rolling_min": kind = .min
      case "rolling_max": kind = .max
      case "rolling_std": kind = .std
      default: kind = .mean
      }
      let values = layout.gather(x)
      if let span = call.timeSpan {
        guard span > 0 else {
          throw ExpressionError(.invalidArgument("'\(name)' needs a positive time span"), span: self.span)
        }
        guard keys.count == 1, case .timestamp(let t) = keys[0].storage, !keyOrder[0].descending else {
          throw ExpressionError(
            .invalidArgument(
              "'\(name)' over a time span needs one ascending timestamp to order by: add 'over (order TIMESTAMP)'"),
            span: self.span)
        }
        if keys[0].validity?.missingCount ?? 0 > 0 {
          throw ExpressionError(
            .invalidArgument("'\(name)' over a time span: the timestamp it is ordered by has missing values"),
            span: keyOrder[0].expression.span ?? self.span)
        }
        let times = layout.gather(t)
        let out = RollingWindow.compute(kind, values, bounds: layout.bounds) { p, lo, s in
          var s = s
          while times[s] <= times[p] - span { s += 1 }
          return s
        }
        return floats(inWindowOrder: out)
      }
      let width = try constantInt(1, atLeast: 1, what: "the window's number of rows (or a time span such as 7 days)")
      let out = RollingWindow.compute(kind, values, bounds: layout.bounds, minimumCount: width) { p, lo, _ in
        Swift.max(lo, p - width + 1)
      }
      return floats(inWindowOrder: out)
    }
  }
}

/// The rows of a table in window order: partition by partition, each in its `order`.
struct WindowLayout {
  /// The row at each window position; `nil` when that is the row order itself (one partition, no order).
  let rows: [Int]?
  /// The first window position of each partition, then the row count.
  let bounds: [Int]

  init(
    partition: [Column], keys: [Column], descending: [Bool], rowCount n: Int, cancellation: Cancellation
  ) throws(TableError) {
    guard n > 0 else {
      rows = nil
      bounds = [0]
      return
    }
    var perm: [Int]?
    var bounds = [0, n]
    if !partition.isEmpty {
      // A counting sort by dense partition code: stable, so each partition keeps the input order.
      let (codes, count) = try KeyEncoding.groupCodes(partition, cancellation: cancellation)
      var starts = [Int](repeating: 0, count: count + 1)
      for c in codes { starts[Int(c) + 1] += 1 }
      for g in 0..<count { starts[g + 1] += starts[g] }
      var next = starts
      var p = [Int](repeating: 0, count: n)
      p.withUnsafeMutableBufferPointer { out in
        for i in 0..<n {
          let g = Int(codes[i])
          out[next[g]] = i
          next[g] += 1
        }
      }
      perm = p
      bounds = starts
    }
    if !keys.isEmpty {
      let (k, missing) = try Table.orderKeys(keys, descending: descending, cancellation: cancellation)
      var p = perm ?? Array(0..<n)
      for g in 0..<(bounds.count - 1) {
        let (lo, hi) = (bounds[g], bounds[g + 1])
        if g & 0x3FF == 0 { try cancellation.check() }
        // Data often arrives in order (by time): check before sorting.
        var inOrder = true
        var i = lo + 1
        while i < hi {
          if !Table.orderedBefore(p[i - 1], p[i], keys: k, missing: missing) {
            inOrder = false
            break
          }
          i += 1
        }
        if inOrder { continue }
        try cancellation.sort(&p[lo..<hi]) { a, b in Table.orderedBefore(a, b, keys: k, missing: missing) }
      }
      perm = p
    }
    rows = perm
    self.bounds = bounds
  }

  /// The row at window position `k`.
  @inline(__always)
  func row(_ k: Int) -> Int { rows?[k] ?? k }

  /// Calls `body(lo, hi)` for each partition's window positions `lo..<hi`.
  func forEachPartition(_ body: (Int, Int) -> Void) {
    for g in 0..<(bounds.count - 1) where bounds[g] < bounds[g + 1] { body(bounds[g], bounds[g + 1]) }
  }

  /// `values` (in row order) in window order.
  func gather<T>(_ values: [T]) -> [T] {
    guard let rows else { return values }
    return rows.map { values[$0] }
  }

  /// `values` (in window order) back in row order.
  func scatter<T>(_ values: [T]) -> [T] {
    guard let rows else { return values }
    var out = values
    for (k, r) in rows.enumerated() { out[r] = values[k] }
    return out
  }
}

/// Rolling statistics over windows that move forward through each partition, updated as rows enter and
/// leave: sums with Kahan compensation and the variance by Welford's update, both as pandas' `roll_sum`,
/// `roll_mean` and `roll_var` do (separate compensations for adding and removing, a run of equal values
/// giving that value exactly, a mean of non-negative values never below 0), so the results agree with
/// pandas to the last bits rather than drifting; minimum and maximum by a monotonic deque.
enum RollingWindow {
  enum Kind { case sum, mean, min, max, std }

  /// The statistic at each window position of `values` (NaN = missing) in window order; the window of
  /// position `p` in partition `lo..<…` is `start(p, lo, previousStart)…p`. A result needs `minimumCount`
  /// present values in its window (std also two).
  ///
  /// - Complexity: O(n): each row enters and leaves a window once.
  static func compute(
    _ kind: Kind, _ values: [Double], bounds: [Int], minimumCount: Int = 1, start: (Int, Int, Int) -> Int
  ) -> [Double] {
    var out = [Double](repeating: .nan, count: values.count)
    values.withUnsafeBufferPointer { v in
      out.withUnsafeMutableBufferPointer { o in
        var deque = [Int](repeating: 0, count: 16)
        for g in 0..<(bounds.count - 1) {
          let (lo, hi) = (bounds[g], bounds[g + 1])
          guard lo < hi else { continue }
          var s = lo
          var nobs = 0
          var sum = 0.0
          var addCompensation = 0.0
          var removeCompensation = 0.0
          var mean = 0.0
          var ssq = 0.0
          var negatives = 0
          var previous = v[lo]
          var sameRun = 0
          var head = 0
          var tail = 0
          if deque.count < hi - lo { deque = [Int](repeating: 0, count: hi - lo) }
          func reset() {
            nobs = 0
            sum = 0
            addCompensation = 0
            removeCompensation = 0
            mean = 0
            ssq = 0
            negatives = 0
            sameRun = 0
            head = 0
            tail = 0
          }
          for p in lo..<hi {
            let ns = start(p, lo, s)
            if ns >= p && p > lo {
              // The window no longer holds any earlier row: start afresh, as pandas does.
              reset()
              previous = v[ns]
            } else {
              for j in s..<ns {
                let x = v[j]
                guard !x.isNaN else { continue }
                nobs -= 1
                switch kind {
                case .sum, .mean:
                  let y = -x - removeCompensation
                  let t = sum + y
                  removeCompensation = t - sum - y
                  sum = t
                  if x.sign == .minus { negatives -= 1 }
                case .std:
                  if nobs > 0 {
                    let previousMean = mean - removeCompensation
                    let y = x - removeCompensation
                    let t = y - mean
                    removeCompensation = t + mean - y
                    mean -= t / Double(nobs)
                    ssq -= (x - previousMean) * (x - mean)
                  } else {
                    mean = 0
                    ssq = 0
                  }
                case .min, .max:
                  break
                }
              }
            }
            s = ns
            let x = v[p]
            if !x.isNaN {
              nobs += 1
              if x == previous { sameRun += 1 } else { sameRun = 1 }
              previous = x
              switch kind {
              case .sum, .mean:
                let y = x - addCompensation
                let t = sum + y
                addCompensation = t - sum - y
                sum = t
                if x.sign == .minus { negatives += 1 }
              case .std:
                let previousMean = mean - addCompensation
                let y = x - addCompensation
                let t = y - mean
                addCompensation = t + mean - y
                mean += t / Double(nobs)
                ssq += (x - previousMean) * (x - mean)
              case .min:
                while tail > head && v[deque[tail - 1]] >= x { tail -= 1 }
                deque[tail] = p
                tail += 1
              case .max:
                while tail > head && v[deque[tail - 1]] <= x { tail -= 1 }
                deque[tail] = p
                tail += 1
              }
            }
            while tail > head && deque[head] < s { head += 1 }
            guard nobs >= minimumCount && nobs > 0 else { continue }
            switch kind {
            case .sum:
              o[p] = sameRun >= nobs ? previous * Double(nobs) : sum
            case .mean:
              var m = sum / Double(nobs)
              if sameRun >= nobs {
                m = previous
              } else if negatives == 0 && m < 0 {
                m = 0
              } else if negatives == nobs && m > 0 {
                m = 0
              }
              o[p] = m
            case .std:
              guard nobs > 1 else { continue }
              o[p] = sameRun >= nobs ? 0 : sqrt(Swift.max(0, ssq / Double(nobs - 1)))
            case .min, .max:
              o[p] = v[deque[head]]
            }
          }
        }
      }
    }
    return out
  }
}
