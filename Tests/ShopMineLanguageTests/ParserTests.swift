@testable import ShopMineLanguage
import XCTest

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
    XCTAssertEqual(diagnostic("print \"abc"), """
      error: unterminated string
       --> line 1, column 7
        |
      1 | print "abc
        |       ^^^^
      help: close the string with "

      """)
  }

  func testUnknownVerbSuggestsClosest() {
    XCTAssertEqual(diagnostic("users | wher spend > 5"), """
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
    XCTAssertEqual(diagnostic("generate users 10 sed 4"), """
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
    XCTAssertEqual(diagnostic("x ="), """
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
    XCTAssertEqual(diagnostic("generate users 10 seed 1 seed 2")?.hasPrefix("error: option 'seed' is given twice"), true)
  }

  func testOptionWithoutValue() {
    XCTAssertEqual(diagnostic("generate users 10 seed")?.hasPrefix("error: option 'seed' of 'generate' needs VALUE"), true)
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
    XCTAssertNotNil(parses("x = 1..10"))
    XCTAssertNotNil(parses("n = count((users | where spend > 5))"))
    XCTAssertNotNil(parses("x = (users | group by city aggregate n = count())"))
    XCTAssertNotNil(parses("users | where city in [\"a\", \"b\"] and age is not missing"))
  }

  func testSpansCountUnicodeScalars() {
    // An astral-plane emoji before the error is one scalar (not two UTF-16 units).
    let text = diagnostic("print \"😀\" 1 @") ?? ""
    XCTAssertTrue(text.contains("--> line 1, column 13"), text)
  }
}
