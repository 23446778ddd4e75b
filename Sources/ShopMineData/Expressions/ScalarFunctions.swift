#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a function is written and what it does: one entry of the function table, for help, completion
/// and "did you mean".
public struct FunctionSignature: Sendable, Hashable {
  public let name: String
  /// How many arguments it takes.
  public let arity: ClosedRange<Int>
  /// How it is written: `round(x, digits)`.
  public let usage: String
  /// One line on what it gives.
  public let summary: String

  public init(_ name: String, _ arity: ClosedRange<Int>, _ usage: String, _ summary: String) {
    self.name = name
    self.arity = arity
    self.usage = usage
    self.summary = summary
  }
}

/// The scalar functions: applied element-wise to whole columns in row expressions, and to single values
/// (a one-row evaluation) everywhere else, so each has one arity and one type rule.
public enum ScalarFunctions {
  /// Every scalar function, in the order help lists them: these, then the text functions.
  public static let signatures =
    numbersLogicAndTime + DateFunctions.signatures + Durations.signatures + CastFunctions.signatures
    + StringFunctions.signatures + FormatFunction.signatures

  private static let numbersLogicAndTime: [FunctionSignature] = [
    FunctionSignature("abs", 1...1, "abs(x)", "absolute value; integers stay integers"),
    FunctionSignature(
      "round", 1...2, "round(x, digits)",
      "round half to even to `digits` decimals (default 0; a whole number from -15 to 15, the same for every row), as numpy and pandas do"
    ),
    FunctionSignature("floor", 1...1, "floor(x)", "largest whole number not above x"),
    FunctionSignature("ceil", 1...1, "ceil(x)", "smallest whole number not below x"),
    FunctionSignature("log", 1...1, "log(x)", "natural logarithm (`-inf` at 0, missing below)"),
    FunctionSignature("exp", 1...1, "exp(x)", "e to the power x"),
    FunctionSignature("sqrt", 1...1, "sqrt(x)", "square root (missing below 0)"),
    FunctionSignature("pow", 2...2, "pow(x, y)", "x to the power y, as a float"),
    FunctionSignature(
      "min", 2...16, "min(a, b, …)", "smallest present value of the arguments (one argument: the aggregate)"),
    FunctionSignature(
      "max", 2...16, "max(a, b, …)", "largest present value of the arguments (one argument: the aggregate)"),
    FunctionSignature(
      "if", 3...3, "if(condition, then, else)", "`then` where the condition is true, else `else` (missing: `else`)"),
    FunctionSignature("coalesce", 1...16, "coalesce(a, b, …)", "the first argument that is not missing"),
    FunctionSignature("lower", 1...1, "lower(s)", "string in lower case"),
    FunctionSignature("upper", 1...1, "upper(s)", "string in upper case"),
    FunctionSignature("contains", 2...2, "contains(s, part)", "whether string `s` contains `part`"),
    FunctionSignature("len", 1...1, "len(s)", "length of a string in Unicode scalars (of a table or list: its size)"),
    FunctionSignature("str", 1...1, "str(x)", "any value as the text `print` shows (missing stays missing)"),
    FunctionSignature("year", 1...1, "year(t)", "calendar year of a timestamp"),
    FunctionSignature("month", 1...1, "month(t)", "month of a timestamp, 1 to 12"),
    FunctionSignature("day", 1...1, "day(t)", "day of the month, 1 to 31"),
    FunctionSignature("weekday", 1...1, "weekday(t)", "day of the week, 0 (Monday) to 6 (Sunday)"),
    FunctionSignature("hour", 1...1, "hour(t)", "hour of the day, 0 to 23"),
    FunctionSignature(
      "date", 1...2, "date(t) / date(text, format)",
      "the timestamp at midnight of its day; of ISO text (`date(\"2024-01-31\")`), that day; of text in a format (`date(d, \"%m/%d/%Y\")`, strftime directives as `load … dates`), that time"
    ),
    FunctionSignature(
      "days_between", 2...2, "days_between(a, b)",
      "whole calendar days from timestamp a to b: date(b) − date(a) (for the time elapsed, fractions included, write `b - a`)"
    ),
  ]

  /// Every scalar function with the argument counts it accepts.
  public static let arities: [String: ClosedRange<Int>] = Dictionary(
    uniqueKeysWithValues: signatures.map { ($0.name, $0.arity) })

  /// The function names, sorted.
  public static var names: [String] { arities.keys.sorted() }

  /// Whether `name` is a scalar function taking `arity` arguments.
  public static func has(_ name: String, arity: Int) -> Bool {
    arities[name]?.contains(arity) ?? false
  }

  static func call(
    _ name: String, _ args: [RowExpression], span: SourceSpan?, evaluator ev: ExpressionEvaluator
  ) throws(ExpressionError) -> Column {
    if name == CaseWhen.name { return try CaseWhen.evaluate(args, span: span, evaluator: ev) }
    guard let arity = arities[name] else {
      let all = names + AggregateFunction.names
      throw ExpressionError(
        TableError(code: .invalidArgument, message: "unknown function '\(name)'", candidates: all), span: span)
    }
    guard arity.contains(args.count) else {
      let expected =
        arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)"
      throw ExpressionError(
        .invalidArgument("'\(name)' takes \(expected) argument\(arity.upperBound == 1 ? "" : "s"), got \(args.count)"),
        span: span)
    }
    var cols: [Column] = []
    for a in args { cols.append(try ev.evaluate(a)) }
    let arguments = FunctionArguments(name: name, columns: cols, expressions: args, span: span, evaluator: ev)
    if StringFunctions.names.contains(name) { return try StringFunctions.call(arguments) }
    if DateFunctions.names.contains(name) { return try DateFunctions.call(arguments) }
    if CastFunctions.names.contains(name) { return try CastFunctions.call(arguments) }
    if Durations.names.contains(name) { return try Durations.call(arguments) }
    if FormatFunction.names.contains(name) { return try FormatFunction.call(cols, args, span: span, evaluator: ev) }
    if name == "date", args.count == 2 {
      return try DateFunctions.parse(cols[0], format: args[1], span: span, evaluator: ev)
    }
    let n = ev.table.rowCount
    let c0 = cols[0]
    let e0 = args[0]

    func needNumeric(_ i: Int) throws(ExpressionError) -> (values: [Double], validity: ValidityMask?) {
      try arguments.numbers(i)
    }
    func needTimestamp(_ i: Int) throws(ExpressionError) -> [Int64] { try arguments.timestamps(i).values }
    func needString(_ i: Int) throws(ExpressionError) -> (codes: [Int32], dictionary: [String]) {
      let (codes, d, _) = try arguments.strings(i)
      return (codes, d)
    }
    func mapDoubles(_ f: (Double) -> Double) throws(ExpressionError) -> Column {
      let (v, mask) = try needNumeric(0)
      return Column.floats(name, v.map(f), validity: mask)
    }
    func timestampField(_ f: (Int64) -> Int) throws(ExpressionError) -> Column {
      let (t, validity) = try arguments.timestamps(0)
      return Column(name: name, storage: .int(t.map { Int64(f($0)) }), validity: validity)
    }

    switch name {
    case "abs":
      if case .int(let a) = c0.storage {
        var out = [Int64](repeating: 0, count: n)
        for i in 0..<n {
          guard a[i] != Int64.min else {
            throw ExpressionError(.overflow(in: "'abs'"), span: span)
          }
          out[i] = abs(a[i])
        }
        return Column(name: name, storage: .int(out), validity: c0.validity)
      }
      return try mapDoubles { abs($0) }
    case "round":
      var digits = 0
      if args.count == 2 {
        // One whole number for every row: a literal, or a constant column (a bound value lowered to one).
        var wanted: Int64?
        if case .literal(.int(let d), _) = args[1] {
          wanted = d
        } else if case .int(let d) = cols[1].storage, cols[1].validity == nil {
          wanted = d.first.flatMap { first in d.allSatisfy { $0 == first } ? first : nil } ?? (n == 0 ? 0 : nil)
        }
        guard let wanted, wanted >= -15, wanted <= 15 else {
          throw ExpressionError(
            .invalidArgument("'round' needs a whole number of digits from -15 to 15"), span: args[1].span ?? span)
        }
        digits = Int(wanted)
      }
      if c0.type == .int && digits >= 0 { return c0.renamed(name) }
      // numpy's rounding: scale, round half to even, unscale (what pandas' round does).
      let scale = pow(10.0, Double(digits))
      return try mapDoubles { ($0 * scale).rounded(.toNearestOrEven) / scale }
    case "floor":
      if c0.type == .int { return c0.renamed(name) }
      return try mapDoubles { $0.rounded(.down) }
    case "ceil":
      if c0.type == .int { return c0.renamed(name) }
      return try mapDoubles { $0.rounded(.up) }
    case "log": return try mapDoubles { log($0) }
    case "exp": return try mapDoubles { exp($0) }
    case "sqrt": return try mapDoubles { $0.squareRoot() }
    case "pow":
      let (x, mx) = try needNumeric(0)
      let (y, my) = try needNumeric(1)
      return Column.floats(name, (0..<n).map { pow(x[$0], y[$0]) }, validity: combinedValidity(mx, my))
    case "min", "max":
      return try extremum(name, cols, args, span: span, ev: ev)
    case "if":
      if c0.isAllMissing && !(c0.type == .bool) {
        return try choose(name, cols, args, pick: [Int](repeating: 2, count: n), span: span, ev: ev)
      }
      guard case .bool(let cond) = c0.storage else {
        throw ExpressionError(
          .typeMismatch("'if' needs a condition, but this is \(ev.describe(e0, c0))"), span: e0.span ?? span)
      }
      let mask = c0.validity
      // A missing condition takes the else branch, as SQL's CASE WHEN does.
      let pick = (0..<n).map { (cond[$0] && (mask?.isValid($0) ?? true)) ? 1 : 2 }
      return try choose(name, cols, args, pick: pick, span: span, ev: ev)
    case "coalesce":
      let masks = cols.map { $0.effectiveValidity() }
      let pick = (0..<n).map { i in masks.firstIndex { $0?.isValid(i) ?? true } ?? -1 }
      return try choose(name, cols, args, pick: pick, span: span, ev: ev)
    case "lower", "upper":
      let (codes, d) = try needString(0)
      let mapped = name == "lower" ? d.map { $0.lowercased() } : d.map { $0.uppercased() }
      return compactStrings(name: name, codes: codes, dictionary: mapped, validity: c0.validity)
    case "len":
      let (codes, d) = try needString(0)
      let lengths = d.map { Int64($0.unicodeScalars.count) }
      return Column(name: name, storage: .int(codes.map { lengths[Int($0)] }), validity: c0.validity)
    case "contains":
      let (codes, d) = try needString(0)
      let (subCodes, subDict) = try needString(1)
      let validity = combinedValidity(c0.validity, cols[1].validity)
      if case .literal(.string(let needle), _) = args[1] {
        // Test each distinct string once, then look the answer up per row.
        let hit = d.map { $0.contains(needle) }
        return Column(name: name, storage: .bool(codes.map { hit[Int($0)] }), validity: validity)
      }
      let out = (0..<n).map { d[Int(codes[$0])].contains(subDict[Int(subCodes[$0])]) }
      return Column(name: name, storage: .bool(out), validity: validity)
    case "str": return CastFunctions.text(c0, name: name)
    case "year": return try timestampField { Timestamp.year($0) }
    case "month": return try timestampField { Timestamp.month($0) }
    case "day": return try timestampField { Timestamp.day($0) }
    case "weekday": return try timestampField { Timestamp.weekday($0) }
    case "hour": return try timestampField { Timestamp.hour($0) }
    case "date":
      if case .string(let codes, let dictionary) = c0.storage {
        // `date("2024-01-01")`: ISO text read as a timestamp, at midnight; text that is not a date is an error.
        var parsed = [Int64?](repeating: nil, count: dictionary.count)
        let valid = c0.effectiveValidity()
        var out = [Int64](repeating: 0, count: n)
        for i in 0..<n where valid?.isValid(i) ?? true {
          let code = Int(codes[i])
          if parsed[code] == nil {
            guard let t = Timestamp.parse(dictionary[code]) else {
              throw ExpressionError(
                .typeMismatch("'date' reads ISO dates such as \"2024-01-31\", not \"\(dictionary[code])\""),
                span: e0.span ?? span)
            }
            parsed[code] = Timestamp.date(t)
          }
          out[i] = parsed[code] ?? 0
        }
        return Column(name: name, storage: .timestamp(out), validity: valid)
      }
      let t = try needTimestamp(0)
      return Column(name: name, storage: .timestamp(t.map { Timestamp.date($0) }), validity: c0.validity)
    case "days_between":
      let a = try needTimestamp(0)
      let b = try needTimestamp(1)
      return Column(
        name: name, storage: .int((0..<n).map { Timestamp.daysBetween(a[$0], b[$0]) }),
        validity: combinedValidity(c0.validity, cols[1].validity))
    default:
      throw ExpressionError(.invalidArgument("unknown function '\(name)'"), span: span)
    }
  }

  /// The common type of several branches (`if`, `coalesce`, `min`, `max`): ints and floats mix to
  /// float; a branch that is the literal `missing` takes any type; otherwise the types must agree.
  static func commonType(
    _ name: String, _ cols: [Column], _ args: [RowExpression], span: SourceSpan?, ev: ExpressionEvaluator
  ) throws(ExpressionError) -> ColumnType {
    var type: ColumnType?
    var first: Int?
    // The literal `missing` takes any type, on an empty table too (where its column has no missing row).
    for (i, c) in cols.enumerated() where !args[i].isMissingLiteral {
      guard let t = type, let f = first else {
        type = c.type
        first = i
        continue
      }
      if t == c.type { continue }
      if t.isNumeric && c.type.isNumeric {
        type = .float
        continue
      }
      throw ExpressionError(
        .typeMismatch("'\(name)' mixes \(ev.describe(args[f], cols[f])) and \(ev.describe(args[i], c))"),
        span: span)
    }
    return type ?? .float
  }

  /// Builds a column taking row `i` from `cols[pick[i]]` (`-1`: missing).
  static func choose(
    _ name: String, _ cols: [Column], _ args: [RowExpression], pick: [Int], span: SourceSpan?, ev: ExpressionEvaluator
  ) throws(ExpressionError) -> Column {
    let type = try commonType(
      name, Array(cols.dropFirst(name == "if" ? 1 : 0)), Array(args.dropFirst(name == "if" ? 1 : 0)), span: span, ev: ev
    )
    let n = pick.count
    let valid = (0..<n).map { pick[$0] >= 0 && cols[pick[$0]].hasValue($0) }
    let mask = ValidityMask(valid)
    switch type {
    case .int, .timestamp:
      let sources = cols.map { c -> [Int64] in
        switch c.storage {
        case .int(let a), .timestamp(let a): return a
        default: return [Int64](repeating: 0, count: n)
        }
      }
      let out = (0..<n).map { valid[$0] ? sources[pick[$0]][$0] : 0 }
      return Column(name: name, storage: type == .int ? .int(out) : .timestamp(out), validity: mask)
    case .float:
      let sources = cols.map { $0.numericDoubles()?.values ?? [Double](repeating: .nan, count: n) }
      return Column.floats(name, (0..<n).map { valid[$0] ? sources[pick[$0]][$0] : .nan }, validity: mask)
    case .bool:
      let sources = cols.map { c -> [Bool] in
        if case .bool(let a) = c.storage { return a }
        return [Bool](repeating: false, count: n)
      }
      return Column(name: name, storage: .bool((0..<n).map { valid[$0] && sources[pick[$0]][$0] }), validity: mask)
    case .string:
      let dicts = cols.map { c -> [String] in
        if case .string(_, let d) = c.storage { return d }
        return []
      }
      let (merged, maps) = unifyDictionaries(dicts)
      let codes = (0..<n).map { i -> Int32 in
        guard valid[i], case .string(let cs, _) = cols[pick[i]].storage else { return 0 }
        return maps[pick[i]][Int(cs[i])]
      }
      return Column(name: name, storage: .string(codes: codes, dictionary: merged), validity: mask)
    }
  }

  /// Element-wise `min`/`max` over several columns, skipping missing values (as PostgreSQL's LEAST).
  static func extremum(
    _ name: String, _ cols: [Column], _ args: [RowExpression], span: SourceSpan?, ev: ExpressionEvaluator
  ) throws(ExpressionError) -> Column {
    let type = try commonType(name, cols, args, span: span, ev: ev)
    guard type != .bool else {
      throw ExpressionError(.typeMismatch("'\(name)' needs numbers, timestamps or strings"), span: span)
    }
    let n = cols[0].count
    var pick = [Int](repeating: -1, count: n)
    let wantMax = name == "max"
    switch type {
    case .string:
      let dicts = cols.map { c -> [String] in
        if case .string(_, let d) = c.storage { return d }
        return []
      }
      let (merged, maps) = unifyDictionaries(dicts)
      let ranks = Column.dictionaryRanks(merged)
      for i in 0..<n {
        var best: Int64 = 0
        for (k, c) in cols.enumerated() where c.hasValue(i) {
          guard case .string(let cs, _) = c.storage else { continue }
          let r = ranks[Int(maps[k][Int(cs[i])])]
          if pick[i] < 0 || (wantMax ? r > best : r < best) {
            best = r
            pick[i] = k
          }
        }
      }
    default:
      let values = cols.map { $0.numericDoubles()?.values ?? [Double](repeating: .nan, count: n) }
      for i in 0..<n {
        var best = 0.0
        for k in cols.indices where cols[k].hasValue(i) {
          let v = values[k][i]
          if pick[i] < 0 || (wantMax ? v > best : v < best) {
            best = v
            pick[i] = k
          }
        }
      }
    }
    return try choose(name, cols, args, pick: pick, span: span, ev: ev)
  }
}

extension RowExpression {
  var isMissingLiteral: Bool {
    if case .literal(.missing, _) = self { return true }
    return false
  }
}
