import XCTest

@testable import JupyterProtocol

final class JSONParserTests: XCTestCase {
  private let parser = JSONParser()

  func testParsesEveryKindOfValue() throws {
    let value = try parser.parse(#" {"a": [1, -2.5e3, true, false, null], "b": "x\u00e9\ud83d\uded2", "c": {}} "#)
    XCTAssertEqual(value, ["a": [1, -2500.0, true, false, nil], "b": "xé🛒", "c": [:]])
  }

  func testIntegerTooLargeForIntBecomesDouble() throws {
    XCTAssertEqual(try parser.parse("123456789012345678901234567890"), .double(1.2345678901234568e29))
    XCTAssertEqual(try parser.parse("-9223372036854775808"), .int(Int.min))
  }

  func testLoneSurrogateBecomesReplacementCharacter() throws {
    XCTAssertEqual(try parser.parse(#""a\ud800b""#), "a\u{FFFD}b")
  }

  func testDuplicateKeysKeepTheLastValue() throws {
    XCTAssertEqual(try parser.parse(#"{"k":1,"k":2}"#), ["k": 2])
  }

  func testErrorsNameTheProblemAndPosition() {
    assertError("{\"a\": 1,\n  \"b\" 2}", "expected ':' after an object key", line: 2, column: 7)
    assertError("[1, 2,]", "unexpected character ']', expected a value", line: 1, column: 7)
    assertError("01", "leading zeros are not allowed in numbers", line: 1, column: 2)
    assertError("{} x", "unexpected data after the JSON document", line: 1, column: 4)
    assertError("\"tab\there\"", "unescaped control character in string", line: 1, column: 5)
    assertError("NaN", "unexpected character 'N', expected a value", line: 1, column: 1)
    assertError("\"abc", "unterminated string", line: 1, column: 5)
    assertError("", "unexpected end of input, expected a value", line: 1, column: 1)
    assertError("[1 2]", "expected ',' or ']' in array", line: 1, column: 4)
    assertError(#""\x""#, "invalid escape '\\x' in string", line: 1, column: 3)
  }

  func testInvalidUTF8IsAnError() {
    XCTAssertThrowsError(try parser.parse([0x22, 0xC3, 0x28, 0x22])) { error in
      XCTAssertEqual((error as? JSONParseError)?.message, "invalid UTF-8 in string")
    }
  }

  func testDeepNestingIsAnErrorNotACrash() {
    let deep = String(repeating: "[", count: 100_000)
    XCTAssertThrowsError(try parser.parse(deep)) { error in
      XCTAssertEqual((error as? JSONParseError)?.message, "nesting deeper than 512 levels")
    }
  }

  func testTruncatedInputsNeverTrap() {
    let document = Array(#"{"a":[1,2.5e-3,"x\u00e9\ud83d\uded2",true,false,null,{"b":{}}]}"#.utf8)
    for length in 0..<document.count {
      XCTAssertThrowsError(try parser.parse(Array(document.prefix(length))), "prefix of length \(length)")
    }
    XCTAssertNoThrow(try parser.parse(document))
  }

  private func assertError(
    _ text: String, _ message: String, line: Int, column: Int,
    file: StaticString = #filePath, lineNumber: UInt = #line
  ) {
    XCTAssertThrowsError(try parser.parse(text), file: file, line: lineNumber) { error in
      guard let error = error as? JSONParseError else {
        return XCTFail("not a JSONParseError", file: file, line: lineNumber)
      }
      XCTAssertEqual(error.message, message, file: file, line: lineNumber)
      XCTAssertEqual(error.line, line, "line", file: file, line: lineNumber)
      XCTAssertEqual(error.column, column, "column", file: file, line: lineNumber)
    }
  }
}
