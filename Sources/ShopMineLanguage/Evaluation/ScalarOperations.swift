import Foundation
import ShopMineData

/// Arithmetic, comparison and logic on single values (value expressions such as `1 + 2` or `x > 3`).
///
/// `missing` propagates through arithmetic and comparisons (as in SQL), integer arithmetic is checked
/// for overflow, and `/` always divides as floating point.
enum ScalarOperations {
  /// Why a scalar operation failed; the caller adds the span.
  struct Failure: Error {
    var message: String
    var name: String = "TypeError"
  }

  static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws(Failure) -> Value {
    switch op {
    case .and, .or:
      return try logic(op, a, b)
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
      return try compare(op, a, b)
    default:
      return try arithmetic(op, a, b)
    }
  }

  static func arithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value) throws(Failure) -> Value {
    if a.isMissing || b.isMissing { return .missing }
    if op == .add, case .string(let x) = a, case .string(let y) = b { return .string(x + y) }
    if case .int(let x) = a, case .int(let y) = b, op != .divide {
      let (r, overflow): (Int64, Bool)
      switch op {
      case .add: (r, overflow) = x.addingReportingOverflow(y)
      case .subtract: (r, overflow) = x.subtractingReportingOverflow(y)
      case .multiply: (r, overflow) = x.multipliedReportingOverflow(by: y)
      case .remainder:
        guard y != 0 else { throw Failure(message: "division by zero", name: "ZeroDivisionError") }
        (r, overflow) = x.remainderReportingOverflow(dividingBy: y)
      default: (r, overflow) = (0, true)
      }
      guard !overflow else { throw Failure(message: "integer overflow in '\(op.rawValue)'", name: "OverflowError") }
      return .int(r)
    }
    guard let x = numeric(a), let y = numeric(b) else {
      throw Failure(message: "cannot apply '\(op.rawValue)' to \(describe(a)) and \(describe(b))")
    }
    switch op {
    case .add: return .float(x + y)
    case .subtract: return .float(x - y)
    case .multiply: return .float(x * y)
    case .divide:
      guard y != 0 else { throw Failure(message: "division by zero", name: "ZeroDivisionError") }
      return .float(x / y)
    case .remainder:
      guard y != 0 else { throw Failure(message: "division by zero", name: "ZeroDivisionError") }
      return .float(x.truncatingRemainder(dividingBy: y))
    default:
      throw Failure(message: "'\(op.rawValue)' is not arithmetic")
    }
  }

  static func compare(_ op: BinaryOperator, _ a: Value, _ b: Value) throws(Failure) -> Value {
    if a.isMissing || b.isMissing { return .missing }
    let order: Int
    switch (a, b) {
    case (.string(let x), .string(let y)): order = x < y ? -1 : (x == y ? 0 : 1)
    case (.bool(let x), .bool(let y)): order = x == y ? 0 : (!x ? -1 : 1)
    case (.timestamp(let x), .timestamp(let y)): order = x < y ? -1 : (x == y ? 0 : 1)
    case (.int(let x), .int(let y)): order = x < y ? -1 : (x == y ? 0 : 1)
    default:
      guard let x = numeric(a), let y = numeric(b) else {
        throw Failure(message: "cannot compare \(describe(a)) with \(describe(b))")
      }
      order = x < y ? -1 : (x == y ? 0 : 1)
    }
    switch op {
    case .equal: return .bool(order == 0)
    case .notEqual: return .bool(order != 0)
    case .less: return .bool(order < 0)
    case .lessOrEqual: return .bool(order <= 0)
    case .greater: return .bool(order > 0)
    default: return .bool(order >= 0)
    }
  }

  static func logic(_ op: BinaryOperator, _ a: Value, _ b: Value) throws(Failure) -> Value {
    func truth(_ v: Value) throws(Failure) -> Bool? {
      switch v {
      case .bool(let x): return x
      case .missing: return nil
      default: throw Failure(message: "'\(op.rawValue)' needs true/false values, not \(describe(v))")
      }
    }
    let x = try truth(a)
    let y = try truth(b)
    // Three-valued logic: `false and missing` is false, `true or missing` is true.
    if op == .and {
      if x == false || y == false { return .bool(false) }
      if let x, let y { return .bool(x && y) }
      return .missing
    }
    if x == true || y == true { return .bool(true) }
    if let x, let y { return .bool(x || y) }
    return .missing
  }

  static func numeric(_ v: Value) -> Double? {
    switch v {
    case .int(let i): return Double(i)
    case .float(let d): return d
    default: return nil
    }
  }

  static func describe(_ v: Value) -> String {
    switch v {
    case .missing: return "missing"
    case .int, .float: return "a number (\(ValueFormatter.plain(v)))"
    case .bool: return "a boolean (\(ValueFormatter.plain(v)))"
    case .string: return "a string (\(ValueFormatter.plain(v)))"
    case .timestamp: return "a timestamp (\(ValueFormatter.plain(v)))"
    }
  }

  /// Scalar functions usable in value expressions (`round(x, 2)`, `abs(-3)`); `nil` when `name` is not one.
  static func function(_ name: String, _ args: [Value]) throws(Failure) -> Value? {
    func number(_ i: Int) throws(Failure) -> Double? {
      guard i < args.count else { throw Failure(message: "'\(name)' needs \(i + 1) argument(s)") }
      if args[i].isMissing { return nil }
      guard let d = numeric(args[i]) else {
        throw Failure(message: "'\(name)' needs a number, not \(describe(args[i]))")
      }
      return d
    }
    func unary(_ f: (Double) -> Double) throws(Failure) -> Value {
      guard args.count == 1 else { throw Failure(message: "'\(name)' takes 1 argument, got \(args.count)") }
      guard let x = try number(0) else { return .missing }
      return .float(f(x))
    }
    switch name {
    case "abs":
      if args.count == 1, case .int(let i) = args[0], i != Int64.min { return .int(abs(i)) }
      return try unary { Swift.abs($0) }
    case "sqrt":
      if let x = try number(0), x < 0 { throw Failure(message: "sqrt of a negative number (\(x))", name: "ValueError") }
      return try unary { $0.squareRoot() }
    case "log":
      if let x = try number(0), x <= 0 {
        throw Failure(message: "log of a non-positive number (\(x))", name: "ValueError")
      }
      return try unary { Foundation.log($0) }
    case "exp": return try unary { Foundation.exp($0) }
    case "floor":
      if args.count == 1, case .int = args[0] { return args[0] }
      return try unary { $0.rounded(.down) }
    case "ceil":
      if args.count == 1, case .int = args[0] { return args[0] }
      return try unary { $0.rounded(.up) }
    case "round":
      guard args.count == 1 || args.count == 2 else { throw Failure(message: "'round' takes 1 or 2 arguments") }
      if args.count == 1, case .int = args[0] { return args[0] }
      guard let x = try number(0) else { return .missing }
      let wanted = args.count == 2 ? (try number(1) ?? 0) : 0
      // Int(_:) traps on a non-finite or huge double, and beyond ±15 digits scaling only loses precision.
      guard wanted.isFinite, wanted.rounded() == wanted, abs(wanted) <= 15 else {
        throw Failure(
          message: "'round' needs a whole number of digits from -15 to 15, not \(ValueFormatter.plain(args[1]))",
          name: "ValueError")
      }
      let digits = Int(wanted)
      let scale = Foundation.pow(10.0, Double(digits))
      // Half away from zero, like SQL's ROUND (documented; numpy rounds half to even).
      return .float((x * scale).rounded(.toNearestOrAwayFromZero) / scale)
    case "pow":
      guard args.count == 2 else { throw Failure(message: "'pow' takes 2 arguments") }
      guard let x = try number(0), let y = try number(1) else { return .missing }
      return .float(Foundation.pow(x, y))
    case "min", "max":
      guard !args.isEmpty else { throw Failure(message: "'\(name)' needs at least one argument") }
      var best: Value?
      for a in args where !a.isMissing {
        guard let current = best else {
          best = a
          continue
        }
        let less = try compare(.less, a, current)
        if (name == "min" && less == .bool(true)) || (name == "max" && less == .bool(false) && a != current) {
          best = a
        }
      }
      return best ?? .missing
    case "coalesce":
      return args.first { !$0.isMissing } ?? .missing
    case "if":
      guard args.count == 3 else { throw Failure(message: "'if' takes 3 arguments: if(condition, then, else)") }
      switch args[0] {
      case .bool(let b): return b ? args[1] : args[2]
      case .missing: return .missing
      default: throw Failure(message: "'if' needs a true/false condition, not \(describe(args[0]))")
      }
    case "lower", "upper", "len":
      guard args.count == 1 else { throw Failure(message: "'\(name)' takes 1 argument") }
      if args[0].isMissing { return .missing }
      guard case .string(let s) = args[0] else {
        throw Failure(message: "'\(name)' needs a string, not \(describe(args[0]))")
      }
      if name == "len" { return .int(Int64(s.count)) }
      return .string(name == "lower" ? s.lowercased() : s.uppercased())
    case "contains":
      guard args.count == 2 else { throw Failure(message: "'contains' takes 2 arguments") }
      if args[0].isMissing || args[1].isMissing { return .missing }
      guard case .string(let s) = args[0], case .string(let t) = args[1] else {
        throw Failure(message: "'contains' needs two strings")
      }
      return .bool(s.contains(t))
    case "str":
      guard args.count == 1 else { throw Failure(message: "'str' takes 1 argument") }
      return .string(ValueFormatter.text(args[0]))
    default:
      return nil
    }
  }
}
