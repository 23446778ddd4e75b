/// Durations: `7 days`, `2 hours`, `30 minutes`, `10 seconds`, `2 weeks` (and `days(n)`…).
///
/// A duration is a number of days, as a float: `7 days` is 7, `2 hours` is 0.0833…, and the difference of two
/// timestamps is the days between them, fractions included (pandas' `(b - a) / pd.Timedelta(days=1)`). A
/// number added to or taken from a timestamp counts days, as PostgreSQL's `date + integer` does, and is
/// rounded to the microsecond. Comparisons, `+ - * /` and aggregates of durations are those of numbers.
/// Timestamps are UTC instants, so a day is always 24 hours: `ts + 1 day` across a daylight-saving change is
/// 24 hours later, as pandas adds a `Timedelta` to a zone-aware time.
///
/// Why a number and not a column type of its own: every column switch of every module (files, databases,
/// charts, models, and the verbs other branches are adding) would need the new case, for what arithmetic
/// on days already gives; a later duration type can keep this spelling and these results.
public enum Durations {
  /// The words written after a number, each with the function it stands for (`7 day` is `days(7)`).
  public static let unitWords: [String: String] = [
    "week": "weeks", "weeks": "weeks", "day": "days", "days": "days", "hour": "hours", "hours": "hours",
    "minute": "minutes", "minutes": "minutes", "second": "seconds", "seconds": "seconds",
  ]

  /// Microseconds in one of each unit function's units.
  public static let microsecondsPerUnit: [String: Int64] = [
    "weeks": 7 * Timestamp.microsPerDay, "days": Timestamp.microsPerDay,
    "hours": 3_600 * Timestamp.microsPerSecond, "minutes": 60 * Timestamp.microsPerSecond,
    "seconds": Timestamp.microsPerSecond,
  ]

  static let signatures: [FunctionSignature] = [
    FunctionSignature("weeks", 1...1, "weeks(n) / n weeks", "a duration of n weeks (7 n days)"),
    FunctionSignature(
      "days", 1...1, "days(n) / n days",
      "a duration of n days: durations are numbers of days (`ts + 7 days`; `b - a` of timestamps is the days between them, fractions included)"
    ),
    FunctionSignature("hours", 1...1, "hours(n) / n hours", "a duration of n hours (n / 24 days)"),
    FunctionSignature("minutes", 1...1, "minutes(n) / n minutes", "a duration of n minutes (n / 1,440 days)"),
    FunctionSignature("seconds", 1...1, "seconds(n) / n seconds", "a duration of n seconds (n / 86,400 days)"),
  ]

  static let names = Set(signatures.map(\.name))

  /// `days(n)`…: the number in days.
  static func call(_ a: FunctionArguments) throws(ExpressionError) -> Column {
    let scale = Double(microsecondsPerUnit[a.name] ?? Timestamp.microsPerDay) / Double(Timestamp.microsPerDay)
    let (values, validity) = try a.numbers(0)
    return Column.floats(a.name, values.map { $0 * scale }, validity: validity)
  }

  /// `ts ± duration` (a timestamp), `duration + ts` and `ts − ts` (days, with fractions); any other
  /// operator with a timestamp is an error saying what timestamps take.
  static func arithmetic(
    _ op: BinaryOperator, _ a: Column, _ b: Column, _ ea: RowExpression, _ eb: RowExpression, span: SourceSpan?,
    evaluator ev: ExpressionEvaluator
  ) throws(ExpressionError) -> Column {
    let n = a.count
    let validity = combinedValidity(a.effectiveValidity(), b.effectiveValidity())
    let isNumber: (Column) -> Bool = { $0.type.isNumeric || $0.isAllMissing }
    if op == .subtract, case .timestamp(let x) = a.storage, case .timestamp(let y) = b.storage {
      let perDay = Double(Timestamp.microsPerDay)
      // Whole days and the rest apart, so a difference of centuries keeps its microseconds.
      let out = (0..<n).map { i -> Double in
        let (d, overflow) = x[i].subtractingReportingOverflow(y[i])
        if overflow { return Double(x[i]) / perDay - Double(y[i]) / perDay }
        let days = Timestamp.floorDiv(d, Timestamp.microsPerDay)
        return Double(days) + Double(d - days * Timestamp.microsPerDay) / perDay
      }
      return Column.floats("-", out, validity: validity)
    }
    let shifted: (times: [Int64], days: Column, sign: Double)?
    switch (a.storage, op) {
    case (.timestamp(let t), .add) where isNumber(b): shifted = (t, b, 1)
    case (.timestamp(let t), .subtract) where isNumber(b): shifted = (t, b, -1)
    default:
      if case .timestamp(let t) = b.storage, op == .add, isNumber(a) { shifted = (t, a, 1) } else { shifted = nil }
    }
    guard let shifted else {
      throw ExpressionError(
        .typeMismatch(
          "cannot apply '\(op.rawValue)' to \(ev.describe(ea, a)) and \(ev.describe(eb, b)): a timestamp takes + or − a duration (`ts + 7 days`) and − another timestamp"
        ), span: span)
    }
    let (times, days, sign) = shifted
    let amounts = days.numericDoubles()?.values ?? [Double](repeating: .nan, count: n)
    var out = [Int64](repeating: 0, count: n)
    let limit = 9.2e18
    for i in 0..<n where validity?.isValid(i) ?? true {
      let micros = (sign * amounts[i] * Double(Timestamp.microsPerDay)).rounded()
      guard abs(micros) < limit else {
        throw ExpressionError(.overflow(in: "'\(op.rawValue)' of a timestamp"), span: span)
      }
      let (v, overflow) = times[i].addingReportingOverflow(Int64(micros))
      if overflow { throw ExpressionError(.overflow(in: "'\(op.rawValue)' of a timestamp"), span: span) }
      out[i] = v
    }
    return Column(name: op.rawValue, storage: .timestamp(out), validity: validity)
  }
}

extension RowExpression {
  /// The length in microseconds of a duration written with a constant (`7 days`, `days(7)`, `2 hours`),
  /// for steps that take a span rather than a value (a rolling window over time); `nil` for anything else.
  public var durationMicroseconds: Int64? {
    guard case .call(let name, let args, _) = self, args.count == 1, let unit = Durations.microsecondsPerUnit[name]
    else { return nil }
    switch args[0] {
    case .literal(.int(let k), _):
      let (v, overflow) = k.multipliedReportingOverflow(by: unit)
      return overflow ? nil : v
    case .literal(.float(let d), _):
      let v = (d * Double(unit)).rounded()
      return v.isFinite && abs(v) < 9.2e18 ? Int64(v) : nil
    default: return nil
    }
  }
}
