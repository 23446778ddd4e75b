import XCTest

@testable import JupyterProtocol

final class JSONWriterTests: XCTestCase {
  func testSortedKeysAreWrittenInCodePointOrder() {
    let value: JSONValue = ["b": 1, "a": [true, nil], "é": "x", "Z": 2.5]
    XCTAssertEqual(value.jsonString, #"{"Z":2.5,"a":[true,null],"b":1,"é":"x"}"#)
  }

  func testNonFiniteDoublesBecomeNull() {
    let value: JSONValue = .array([.double(.nan), .double(.infinity), .double(-.infinity), .double(0.1)])
    XCTAssertEqual(value.jsonString, "[null,null,null,0.1]")
  }

  func testIntegersAndDoublesKeepTheirShape() {
    XCTAssertEqual(JSONValue.array([1, 1.0, 1e-5, -0.0, 1e100]).jsonString, "[1,1.0,1e-05,-0.0,1e+100]")
  }

  func testStringsEscapeQuotesBackslashesAndControlCharactersOnly() {
    let value = JSONValue.string("a\"b\\c\nd\te\u{01}f/ü🛒")
    XCTAssertEqual(value.jsonString, #""a\"b\\c\nd\te\u0001f/ü🛒""#)
  }

  func testUnsortedWriterStillWritesEveryMember() throws {
    let value: JSONValue = ["x": 1, "y": "two"]
    let text = JSONWriter(options: .init(sortedKeys: false)).string(value)
    XCTAssertEqual(try JSONParser().parse(text), value)
  }

  func testWriterOutputParsesBackToTheSameValue() throws {
    let value: JSONValue = ["data": ["text/plain": "3", "nested": [[1, 2], ["k": false]]], "count": 7]
    XCTAssertEqual(try JSONParser().parse(value.jsonBytes), value)
  }
}
