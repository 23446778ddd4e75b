import ShopMineData
import ShopMineLanguage
import XCTest

/// Single values and rows share one engine: every scalar function and operator gives, for a written value,
/// exactly what it gives for the same value in the middle of a column (missing, rounding and overflow
/// included), and the errors are the same.
final class OneEngineTests: XCTestCase {
  /// A function or operator applied to arguments; `op` is an infix operator when set.
  struct Case {
    var function: String
    var arguments: [Value]
    var infix: Bool = false
    /// What the column's other rows hold when the argument is missing (its type is the column's).
    var filler: Value = .int(0)
  }

  static let cases: [Case] = [
    Case(function: "abs", arguments: [.int(-4)]), Case(function: "abs", arguments: [.float(-2.5)]),
    Case(function: "round", arguments: [.float(1.25), .int(1)]), Case(function: "round", arguments: [.float(2.5)]),
    Case(function: "round", arguments: [.float(-0.125), .int(2)]),
    Case(function: "round", arguments: [.float(1234.5), .int(-2)]),
    Case(function: "floor", arguments: [.float(-1.5)]), Case(function: "ceil", arguments: [.float(-1.5)]),
    Case(function: "log", arguments: [.float(0)]), Case(function: "log", arguments: [.float(-1)]),
    Case(function: "sqrt", arguments: [.int(-4)]), Case(function: "exp", arguments: [.int(1)]),
    Case(function: "pow", arguments: [.int(2), .int(10)]), Case(function: "pow", arguments: [.missing, .int(2)]),
    Case(function: "min", arguments: [.int(3), .missing, .float(1.5)]),
    Case(function: "max", arguments: [.string("a"), .string("b")]),
    Case(function: "if", arguments: [.missing, .int(1), .int(2)], filler: .bool(true)),
    Case(function: "if", arguments: [.bool(true), .int(1), .float(2)]),
    Case(function: "coalesce", arguments: [.missing, .string("x")], filler: .string("y")),
    Case(function: "lower", arguments: [.string("ÄB")]),
    Case(function: "upper", arguments: [.missing], filler: .string("y")),
    Case(function: "len", arguments: [.string("he\u{301}llo")]),
    Case(function: "contains", arguments: [.string("basket"), .string("ask")]),
    Case(function: "str", arguments: [.float(3.5)]), Case(function: "str", arguments: [.missing]),
    Case(function: "str", arguments: [.bool(true)]),
    Case(function: "trim", arguments: [.string("  a b \t")]),
    Case(function: "trim", arguments: [.missing], filler: .string("y")),
    Case(function: "substring", arguments: [.string("Zoë-Ü"), .int(2), .int(3)]),
    Case(function: "substring", arguments: [.string("abc"), .int(0)]),
    Case(function: "left", arguments: [.string("🛒cart"), .int(2)]),
    Case(function: "right", arguments: [.string("ab"), .int(5)]),
    Case(function: "replace", arguments: [.string("a-b-c"), .string("-"), .string("+")]),
    Case(function: "split_part", arguments: [.string("a-b"), .string("-"), .int(3)]),
    Case(function: "split_part", arguments: [.string("a-b"), .string("-"), .int(2)]),
    Case(function: "starts_with", arguments: [.string("A12"), .string("A")]),
    Case(function: "ends_with", arguments: [.string("A12"), .missing], filler: .string("2")),
    Case(function: "matches", arguments: [.string("x@y.cn"), .string("^[^@]+@[^@]+$")]),
    Case(function: "matches", arguments: [.string("x"), .string("(")]),
    Case(function: "extract", arguments: [.string("SKU-123-B"), .string("[0-9]+")]),
    Case(function: "replace_regex", arguments: [.string("2024-05"), .string("([0-9]+)-([0-9]+)"), .string("$2/$1")]),
    Case(function: "concat", arguments: [.string("a"), .missing, .string("c")], filler: .string("b")),
    Case(function: "format", arguments: [.float(1234.5), .string(",.2f")]),
    Case(function: "format", arguments: [.int(42), .string("x")]),
    Case(function: "format", arguments: [.string("a"), .string("d")]),
    Case(function: "format", arguments: [.missing, .string(">5")], filler: .int(1)),
    Case(function: "days", arguments: [.int(7)]), Case(function: "hours", arguments: [.float(1.5)]),
    Case(function: "weeks", arguments: [.int(2)]), Case(function: "seconds", arguments: [.int(90)]),
    Case(function: "minutes", arguments: [.missing], filler: .int(1)),
    Case(function: "int", arguments: [.string(" 42 ")]), Case(function: "int", arguments: [.string("3.0")]),
    Case(function: "int", arguments: [.float(-3.7)]), Case(function: "int", arguments: [.bool(true)]),
    Case(function: "float", arguments: [.string("1e3")]), Case(function: "float", arguments: [.string("abc")]),
    Case(function: "string", arguments: [.float(2.5)]), Case(function: "bool", arguments: [.string("No")]),
    Case(function: "bool", arguments: [.int(3)]), Case(function: "try_int", arguments: [.string("x")]),
    Case(function: "try_float", arguments: [.string("inf")]), Case(function: "try_bool", arguments: [.string("maybe")]),
    Case(function: "try_date", arguments: [.string("31/12/2024")]),
    Case(function: "%", arguments: [.int(7), .int(-3)], infix: true),
    Case(function: "%", arguments: [.float(-7.5), .int(2)], infix: true),
    Case(function: "/", arguments: [.int(7), .int(2)], infix: true),
    Case(function: "/", arguments: [.int(1), .int(0)], infix: true),
    Case(function: "+", arguments: [.int(Int64.max), .int(1)], infix: true),
    Case(function: "+", arguments: [.string("a"), .string("b")], infix: true),
    Case(function: "*", arguments: [.missing, .int(2)], infix: true),
    Case(function: "<", arguments: [.string("a"), .int(1)], infix: true),
    Case(function: "and", arguments: [.bool(false), .missing], infix: true, filler: .bool(true)),
    Case(function: "or", arguments: [.bool(true), .missing], infix: true, filler: .bool(false)),
    Case(function: "==", arguments: [.int(2), .float(2)], infix: true),
  ]

  static let errorNames: [TableError.Code: String] = [
    .typeMismatch: "TypeError", .invalidArgument: "ValueError", .divisionByZero: "ZeroDivisionError",
    .overflow: "OverflowError",
  ]

  /// ShopMine source for a value (the cases avoid timestamps, which have no literal).
  static func literal(_ v: Value) -> String {
    switch v {
    case .missing: return "missing"
    case .int(let i): return i < 0 ? "(\(i))" : String(i)
    case .float(let d): return d < 0 ? "(\(d))" : String(d)
    case .bool(let b): return b ? "true" : "false"
    case .string(let s): return "\"\(s)\""
    case .timestamp: return "missing"
    }
  }

  func testEveryScalarFunctionHasACase() {
    let covered = Set(Self.cases.map(\.function))
    // Timestamps have no literal; the calendar functions are checked against pandas (test_dates_pandas.py).
    let dates: Set<String> = [
      "year", "month", "day", "weekday", "hour", "date", "days_between", "quarter", "week", "dayofyear",
      "weekday_name", "date_trunc", "now", "today", "to_tz",
    ]
    XCTAssertEqual(Set(ScalarFunctions.names).subtracting(covered).subtracting(dates), [])
  }

  func testAWrittenValueGivesWhatTheSameValueInAColumnGives() throws {
    for c in Self.cases {
      // The row path: each argument a column of three rows with the value in the middle.
      var columns: [Column] = []
      for (i, v) in c.arguments.enumerated() {
        let filler = v.isMissing ? c.filler : v
        columns.append(Column(name: "a\(i)", values: [filler, v, filler]))
      }
      let table = try Table(columns: columns)
      let refs = c.arguments.indices.map { RowExpression.column("a\($0)") }
      let expression: RowExpression
      if c.infix {
        let op = try XCTUnwrap(ShopMineData.BinaryOperator(rawValue: c.function))
        expression = .binary(op, refs[0], refs[1])
      } else {
        expression = .call(c.function, refs)
      }
      let row: Result<Value, ExpressionError> = Result { () throws(ExpressionError) in
        try ExpressionEvaluator(table: table).evaluate(expression)[1]
      }

      // The value path, through the engine as a user types it.
      var h = Harness()
      let written = c.arguments.map(Self.literal)
      let source =
        c.infix ? "\(written[0]) \(c.function) \(written[1])" : "\(c.function)(\(written.joined(separator: ", ")))"
      let run = h.run(source)
      switch row {
      case .success(let v):
        XCTAssertEqual(run.result, ValueFormatter.plain(v), source)
      case .failure(let e):
        // Messages name columns in one place and values in the other; the kind of error is the same.
        XCTAssertNil(run.result, source)
        XCTAssertEqual(run.error?.name, Self.errorNames[e.error.code], source)
      }
    }
  }

  func testArithmeticErrorsCarryPythonNames() {
    var h = Harness()
    XCTAssertEqual(h.run("1 / 0").error?.name, "ZeroDivisionError")
    XCTAssertEqual(h.run("9223372036854775807 + 1").error?.name, "OverflowError")
    _ = h.run("t = generate users 5 seed 1")
    XCTAssertEqual(h.run("t | derive r = age / 0").error?.name, "ZeroDivisionError")
  }

  func testCountingFunctionsTakeTablesAndLists() {
    var h = Harness()
    _ = h.run("t = generate users 7 seed 1")
    XCTAssertEqual(h.run("count(t) + rows(t) + len(t)").result, "21")
    XCTAssertEqual(h.run("len([1, 2, 3]) * 10 + len(\"abcd\")").result, "34")
    XCTAssertTrue(h.run("count(3)").error?.value.contains("counts the rows of a table") ?? false)
    let aggregate = h.run("sum(3)").error
    XCTAssertEqual(aggregate?.value, "unknown function 'sum'")
    XCTAssertTrue(aggregate?.traceback.joined().contains("is an aggregate") ?? false)
  }

  func testFunctionsHelpIsGeneratedFromTheTables() throws {
    let text = try XCTUnwrap(HelpLibrary.text(for: "functions"))
    for s in ScalarFunctions.signatures + AggregateFunction.allCases.map(\.signature) {
      XCTAssertTrue(text.contains("| `\(s.usage)` | \(s.summary) |"), s.name)
    }
    XCTAssertFalse(text.contains("{{"))
  }
}
