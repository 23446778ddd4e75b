import XCTest

@testable import JupyterProtocol

final class ISODateTests: XCTestCase {
  func testFormatsUTCWithMicrosecondsAndZone() {
    XCTAssertEqual(ISODate.format(seconds: 0, microseconds: 0), "1970-01-01T00:00:00.000000Z")
    XCTAssertEqual(ISODate.format(seconds: 1_700_000_000, microseconds: 123_456), "2023-11-14T22:13:20.123456Z")
    XCTAssertEqual(ISODate.format(seconds: 951_782_400, microseconds: 7), "2000-02-29T00:00:00.000007Z")
    XCTAssertEqual(ISODate.format(seconds: -1, microseconds: 999_999), "1969-12-31T23:59:59.999999Z")
    XCTAssertEqual(ISODate.format(seconds: 4_102_444_800, microseconds: 0), "2100-01-01T00:00:00.000000Z")
  }

  func testNowHasTheShapeJupyterParses() {
    let now = ISODate.now()
    XCTAssertEqual(now.count, 27)
    XCTAssertTrue(now.hasSuffix("Z"))
    XCTAssertEqual(Array(now)[10], "T")
    XCTAssertEqual(Array(now)[19], ".")
  }
}

final class MessageIDTests: XCTestCase {
  func testIDsAreLowercaseUUIDsAndFresh() {
    let a = MessageID.make()
    let b = MessageID.make()
    XCTAssertNotEqual(a, b)
    XCTAssertEqual(a.count, 36)
    XCTAssertEqual(a, a.lowercased())
    XCTAssertEqual(a.split(separator: "-").map(\.count), [8, 4, 4, 4, 12])
  }
}

final class CodePointCursorTests: XCTestCase {
  func testCursorCountsCodePointsIncludingAstralCharacters() {
    let code = "🛒🛒 x = 1"  // each cart is one code point, two UTF-16 units, four UTF-8 bytes
    XCTAssertEqual(CodePointCursor.clamp(2, in: code), 2)
    XCTAssertEqual(String(code[CodePointCursor.index(of: 3, in: code)...]), "x = 1")
    XCTAssertEqual(CodePointCursor.offset(of: code.firstIndex(of: "x") ?? code.endIndex, in: code), 3)
  }

  func testOutOfRangeAndMissingCursorsAreClamped() {
    XCTAssertEqual(CodePointCursor.clamp(-5, in: "abc"), 0)
    XCTAssertEqual(CodePointCursor.clamp(99, in: "a🛒c"), 3)
    XCTAssertEqual(CodePointCursor.clamp(nil, in: "a🛒c"), 3)
    XCTAssertEqual(CodePointCursor.index(of: 99, in: "ab"), "ab".endIndex)
  }

  func testCombiningCharactersCountEachScalar() {
    let code = "e\u{301}x"  // "éx" as e + combining acute: 3 code points, 2 characters
    XCTAssertEqual(CodePointCursor.clamp(nil, in: code), 3)
    XCTAssertEqual(String(code.unicodeScalars[CodePointCursor.index(of: 2, in: code)...]), "x")
  }

  func testUTF16OffsetsConvertToCodePoints() {
    let code = "a🛒b"
    XCTAssertEqual(CodePointCursor.codePoints(fromUTF16: 3, in: code), 2)
    XCTAssertEqual(CodePointCursor.codePoints(fromUTF16: 2, in: code), 1)  // inside the pair rounds down
    XCTAssertEqual(CodePointCursor.codePoints(fromUTF16: 99, in: code), 3)
  }
}

final class ContentTests: XCTestCase {
  func testSilentForcesStoreHistoryOff() throws {
    let content = try ExecuteRequestContent(["code": "1", "silent": true, "store_history": true])
    XCTAssertTrue(content.silent)
    XCTAssertFalse(content.storeHistory)
    XCTAssertTrue(content.stopOnError)
  }

  func testWrongFieldTypesAreErrorsNamingTheField() {
    XCTAssertThrowsError(try ExecuteRequestContent(["code": 5])) {
      XCTAssertEqual(($0 as? WireError)?.reason, "execute_request content: 'code' must be a string")
    }
    XCTAssertThrowsError(try ExecuteRequestContent(["code": "x", "silent": "no"])) {
      XCTAssertEqual(($0 as? WireError)?.reason, "execute_request content: 'silent' must be a boolean")
    }
    XCTAssertThrowsError(try HistoryRequestContent(["hist_access_type": "everything"])) {
      XCTAssertEqual(($0 as? WireError)?.reason, "history_request content: unknown hist_access_type 'everything'")
    }
  }

  func testCursorIsClampedToTheCode() throws {
    XCTAssertEqual(try CompleteRequestContent(["code": "pri", "cursor_pos": 50]).cursorPos, 3)
    XCTAssertEqual(try InspectRequestContent(["code": "🛒x"]).cursorPos, 2)
  }

  func testKernelInfoReplyCarriesProtocolAndLanguage() {
    let language = LanguageDescription(
      name: "toy", version: "1", mimetype: "text/x-toy", fileExtension: ".toy", pygmentsLexer: "bash",
      codemirrorMode: "shell", banner: "Toy", helpLinks: [.init(text: "Docs", url: "https://example.org")])
    let reply = ReplyContent.kernelInfo(language, implementation: "shopmine", implementationVersion: "0.1.0")
    XCTAssertEqual(reply["protocol_version"], "5.5")
    XCTAssertEqual(reply["language_info"]?["file_extension"], ".toy")
    XCTAssertEqual(reply["help_links"], [["text": "Docs", "url": "https://example.org"]])
  }
}
