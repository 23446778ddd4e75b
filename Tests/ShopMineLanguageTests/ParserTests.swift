import JupyterProtocol
import XCTest

@testable import ShopMineLanguage

/// Syntax errors: every message, where it points, and what it suggests.
final class ParserTests: XCTestCase {
  func diagnostic(_ code: String) -> String? {
    switch Parser.parse(SourceText(code), verbs: .standard) {
    case .success: return nil
    case .failure(let d): return DiagnosticFormatter(style: .plain).render(d, in: SourceText(code))
    }
  }

  func parses(_ code: String) -> Program? {
    try? Parser.parse(SourceText(code), verbs: .standard).get()
  }

  func testUnterminatedString() {
    XCTAssertEqual(
      diagnostic("print \"abc"),
      """
      error: unterminated string
       --> line 1, column 7
        |
      1 | print "abc
        |       ^^^^
      help: close the string with "

      """)
  }

  /// A column name followed by an operator word is a value, not an attempted verb call, at the start of a
  /// bracket, of a function's argument or of a statement.
  func testANameBeforeAnOperatorWordIsAValue() {
    for code in [
      "t | derive a = if(Purchase in [\"CH\"], 1, 0)", "t | derive a = if(LoyalCH is missing, 0, 1)",
      "t | derive a = if(a and b, 1, 0)", "t | where (a or b)", "t | where (a is not missing)",
      "x in [1, 2]", "(x or y)",
    ] {
      XCTAssertNil(diagnostic(code), code)
    }
    XCTAssertEqual(diagnostic("kmean users k 3")?.contains("unknown verb 'kmean'"), true)
  }

  func testUnknownVerbSuggestsClosest() {
    XCTAssertEqual(
      diagnostic("users | wher spend > 5"),
      """
      error: unknown verb 'wher'
       --> line 1, column 9
        |
      1 | users | wher spend > 5
        |         ^^^^
      help: did you mean 'where'?

      """)
    XCTAssertEqual(diagnostic("describ users")?.contains("help: did you mean 'describe'?"), true)
  }

  func testUnknownOptionSuggestsAndListsOptions() {
    XCTAssertEqual(
      diagnostic("generate users 10 sed 4"),
      """
      error: unknown option 'sed' for 'generate'
       --> line 1, column 19
        |
      1 | generate users 10 sed 4
        |                   ^^^
      help: did you mean 'seed'?
      note: options of 'generate': seed

      """)
  }

  func testAssignmentNeedsAValue() {
    XCTAssertEqual(
      diagnostic("x ="),
      """
      error: expected a value after '='
       --> line 1, column 4
        |
      1 | x =
        |    ^

      """)
  }

  func testSingleEqualsInConditionSuggestsDoubleEquals() {
    XCTAssertEqual(diagnostic("users | where city = \"x\"")?.contains("help: use '==' to compare values"), true)
  }

  func testUnclosedAndMismatchedBrackets() {
    XCTAssertEqual(diagnostic("x = (1 + 2")?.hasPrefix("error: unclosed '('"), true)
    XCTAssertEqual(diagnostic("x = [1, 2)")?.hasPrefix("error: ')' does not match '['"), true)
    XCTAssertEqual(diagnostic("x = 1)")?.hasPrefix("error: unexpected ')' with no matching opening bracket"), true)
  }

  func testMissingVerbAfterPipe() {
    XCTAssertEqual(diagnostic("users | 5")?.hasPrefix("error: expected a verb after '|', found '5'"), true)
  }

  func testBindingAVerbNameIsRefused() {
    XCTAssertEqual(diagnostic("sort = 5")?.hasPrefix("error: 'sort' is a verb and cannot be a name"), true)
    XCTAssertEqual(diagnostic("and = 5")?.hasPrefix("error: 'and' is a keyword and cannot be a name"), true)
  }

  func testWrongWordForPositional() {
    XCTAssertEqual(diagnostic("generate user 10")?.contains("help: did you mean 'users'?"), true)
  }

  func testOptionGivenTwice() {
    XCTAssertEqual(
      diagnostic("generate users 10 seed 1 seed 2")?.hasPrefix("error: option 'seed' is given twice"), true)
  }

  func testOptionWithoutValue() {
    XCTAssertEqual(
      diagnostic("generate users 10 seed")?.hasPrefix("error: option 'seed' of 'generate' needs VALUE"), true)
  }

  func testInvalidNumberAndUnexpectedCharacter() {
    XCTAssertEqual(diagnostic("x = 12abc")?.hasPrefix("error: invalid number '12abc'"), true)
    XCTAssertEqual(diagnostic("x = 1 @ 2")?.hasPrefix("error: unexpected character '@'"), true)
  }

  func testContinuationLines() throws {
    let p = try XCTUnwrap(parses("big = orders\n  | derive r = price * quantity\n  | where r > 100"))
    XCTAssertEqual(p.statements.count, 1)
    guard case .assign(_, _, let pipeline) = p.statements[0].kind else { return XCTFail() }
    XCTAssertEqual(pipeline.stages.map(\.verb), ["derive", "where"])
    XCTAssertEqual(parses("x = users |\n  head 5")?.statements.count, 1)
    XCTAssertEqual(parses("print 1,\n  2")?.statements.count, 1)
    XCTAssertEqual(parses("x = [1,\n 2,\n 3]\ny = 2")?.statements.count, 2)
  }

  func testUnicodeAndBackquotedNames() throws {
    let p = try XCTUnwrap(parses("t | select `Customer ID`, 浏览时间"))
    guard case .expression(let pipeline) = p.statements[0].kind,
      case .exprs(let cols)? = pipeline.stages.first?.arguments["columns"]?.value
    else { return XCTFail() }
    XCTAssertEqual(cols.compactMap(\.nameValue), ["Customer ID", "浏览时间"])
  }

  func testRangesListsAndParenthesisedPipelines() throws {
    // The trees themselves, written as S-expressions without spans, so that a wrong parse cannot pass.
    func tree(_ e: Expr) -> String {
      switch e.kind {
      case .literal(let v): return "\(v)"
      case .name(let n, _): return n
      case .list(let items): return "[" + items.map(tree).joined(separator: " ") + "]"
      case .range(let a, let b): return "(.. \(tree(a)) \(tree(b)))"
      case .unary(let op, let a): return "(\(op.rawValue) \(tree(a)))"
      case .binary(let op, let a, let b): return "(\(op.rawValue) \(tree(a)) \(tree(b)))"
      case .call(let f, let args, _): return "(\(f)" + args.map { " " + tree($0) }.joined() + ")"
      case .isMissing(let a, let negated): return "(\(negated ? "is-not-missing" : "is-missing") \(tree(a)))"
      case .inList(let a, let list, let negated): return "(\(negated ? "not-in" : "in") \(tree(a)) \(tree(list)))"
      case .pipeline(let p): return "{" + tree(p) + "}"
      case .window(let w): return "(over \(w.name)" + w.expressions.map { " " + tree($0) }.joined() + ")"
      }
    }
    func tree(_ a: ArgumentValue) -> String {
      switch a {
      case .expr(let e): return tree(e)
      case .exprs(let es): return es.map(tree).joined(separator: ", ")
      case .word(let w, _): return w
      case .flag: return "flag"
      case .assignments(let list):
        // A bare column in `group by` is a key named after itself.
        return list.map { $0.expr.nameValue == $0.name ? $0.name : "\($0.name) = \(tree($0.expr))" }
          .joined(separator: ", ")
      case .sortKeys(let keys):
        return keys.map { tree($0.expr) + ($0.descending ? " desc" : "") }.joined(separator: ", ")
      case .renames(let list): return list.map { "\($0.old) to \($0.new)" }.joined(separator: ", ")
      case .tagged(let tag, let value): return "\(tag): \(tree(value))"
      }
    }
    func tree(_ call: VerbCall) -> String {
      let subject = call.subject.map { " " + tree($0) } ?? ""
      let arguments = call.arguments.sorted { $0.key < $1.key }.map { " \($0.key)=<\(tree($0.value.value))>" }
      return call.verb + subject + arguments.joined()
    }
    func tree(_ p: Pipeline) -> String {
      let head: String
      switch p.head {
      case .value(let e): head = tree(e)
      case .verb(let call): head = tree(call)
      }
      return ([head] + p.stages.map(tree)).joined(separator: " | ")
    }
    func tree(_ code: String) -> String? {
      guard let program = parses(code) else { return nil }
      return program.statements.map { statement -> String in
        switch statement.kind {
        case .assign(let names, _, let p): return names.joined(separator: ", ") + " = " + tree(p)
        case .expression(let p): return tree(p)
        case .time: return "time …"
        case .define(let d): return "def \(d.name)(\(d.parameters.joined(separator: ", "))) = " + tree(d.body)
        case .forLoop(let name, _, let values, let body): return "for \(name) in \(tree(values)): \(body.count)"
        }
      }.joined(separator: "\n")
    }
    XCTAssertEqual(tree("x = 1..10"), "x = (.. int(1) int(10))")
    XCTAssertEqual(
      tree("n = count((users | where spend > 5))"), "n = (count {users | where condition=<(> spend int(5))>})")
    XCTAssertEqual(
      tree("x = (users | group by city aggregate n = count())"), "x = {users | group aggregate=<n = (count)> by=<city>}"
    )
    // `in` and `is not missing` bind tighter than `and`.
    XCTAssertEqual(
      tree("users | where city in [\"a\", \"b\"] and age is not missing"),
      "users | where condition=<(and (in city [string(\"a\") string(\"b\")]) (is-not-missing age))>")
  }

  func testGluedPlusPlusEndsAWordButGluedOperandsStillAdd() {
    func kinds(_ code: String) -> [Token.Kind] {
      Lexer(SourceText(code)).tokenize().tokens.map(\.kind).filter { $0 != .end }
    }
    XCTAssertEqual(
      kinds("init kmeans++ seed 0"),
      [
        .identifier("init", quoted: false), .identifier("kmeans++", quoted: false),
        .identifier("seed", quoted: false), .integer(0),
      ])
    XCTAssertEqual(kinds("[kmeans++, x]")[1], .identifier("kmeans++", quoted: false))
    XCTAssertEqual(kinds("kmeans++"), [.identifier("kmeans++", quoted: false)])
    // Glued operands keep the old reading: a + (+b).
    XCTAssertEqual(
      kinds("a++b"),
      [
        .identifier("a", quoted: false), .symbol("+"), .symbol("+"),
        .identifier("b", quoted: false),
      ])
    XCTAssertEqual(kinds("a++1").count, 4)
    XCTAssertEqual(kinds("a++(b)").count, 6)
    XCTAssertEqual(kinds("a + +b").count, 4)
  }

  func testSpansCountUnicodeScalars() {
    // An astral-plane emoji before the error is one scalar (not two UTF-16 units).
    let text = diagnostic("print \"😀\" 1 @") ?? ""
    XCTAssertTrue(text.contains("--> line 1, column 13"), text)
  }

  /// Every shape of deep nesting is a clear syntax error, not a stack overflow: signs, `not`, brackets,
  /// calls, `time`, and long operator chains (whose trees are as deep as they are long).
  func testExpressionsDeeperThanTheLimitAreRefusedAndTheSessionSurvives() {
    let deep = Parser.maximumDepth + 1
    let cells = [
      "x = 7\ny = x * " + String(repeating: "-", count: 3_000) + "x",
      "y = " + String(repeating: "-", count: deep) + "7",
      "y = " + String(repeating: "+", count: 3_000) + "7",
      "y = " + String(repeating: "not ", count: 3_000) + "true",
      "y = " + String(repeating: "(", count: 3_000) + "1" + String(repeating: ")", count: 3_000),
      "y = " + String(repeating: "[", count: 3_000) + "1" + String(repeating: "]", count: 3_000),
      "y = " + String(repeating: "abs(", count: 3_000) + "1" + String(repeating: ")", count: 3_000),
      "y = " + String(repeating: "1+", count: 5_000) + "1",
      "y = " + String(repeating: "2*", count: deep) + "1",
      "y = " + String(repeating: "true and ", count: 5_000) + "true",
      String(repeating: "time ", count: 3_000) + "y = 1",
    ]
    let engine = ShopMineEngine()
    _ = engine.execute(ExecutionRequest(code: "kept = 41", executionCount: 1), sink: RecordingSink())
    for (i, code) in cells.enumerated() {
      let outcome = engine.execute(ExecutionRequest(code: code, executionCount: i + 2), sink: RecordingSink())
      guard case .error(let e) = outcome else {
        XCTFail("cell \(i) ran: \(code.prefix(40))…")
        continue
      }
      XCTAssertEqual(e.value, "expression nested too deeply (more than 100 levels)", "cell \(i)")
      XCTAssertTrue(e.traceback.joined().contains("name a part of it first"), "cell \(i)")
    }
    let sink = RecordingSink()
    _ = engine.execute(ExecutionRequest(code: "print kept + 1", executionCount: 99), sink: sink)
    XCTAssertEqual(sink.stdout, "42\n")
  }

  /// Up to the limit, deep expressions parse and evaluate.
  func testExpressionsAtTheLimitStillRun() {
    let engine = ShopMineEngine()
    let limit = Parser.maximumDepth
    let cells: [(String, String)] = [
      ("print " + String(repeating: "(", count: limit - 1) + "5" + String(repeating: ")", count: limit - 1), "5\n"),
      ("print " + String(repeating: "1+", count: limit - 1) + "1", "\(limit)\n"),
      ("print " + String(repeating: "- ", count: limit - 2) + "3", "3\n"),
      ("print " + String(repeating: "not ", count: limit - 1) + "true", "false\n"),
    ]
    for (code, expected) in cells {
      let sink = RecordingSink()
      let outcome = engine.execute(ExecutionRequest(code: code, executionCount: 1), sink: sink)
      guard case .ok = outcome else {
        XCTFail("\(code.prefix(30))…: \(outcome)")
        continue
      }
      XCTAssertEqual(sink.stdout, expected, String(code.prefix(30)))
    }
  }
}
