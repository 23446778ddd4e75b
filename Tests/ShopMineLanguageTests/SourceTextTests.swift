import XCTest

@testable import ShopMineLanguage

/// Offsets are Unicode scalars (Jupyter's cursor unit); text cut out of a source must be the same
/// characters whatever their UTF-8 width.
final class SourceTextTests: XCTestCase {
  // One-, two-, three- and four-byte scalars, a combining mark, CRLF and a last line without newline.
  let code = "load \"é.csv\"\r\nshow — 😀 e\u{301}\nx"

  func testTextCutsByScalarOffsetsAndClamps() {
    let source = SourceText(code)
    let scalars = Array(code.unicodeScalars)
    for lo in 0...scalars.count {
      for hi in lo...scalars.count {
        var expected = String.UnicodeScalarView()
        expected.append(contentsOf: scalars[lo..<hi])
        XCTAssertEqual(source.text(lo..<hi), String(expected), "\(lo)..<\(hi)")
      }
    }
    XCTAssertEqual(source.text(-5..<3), "loa")
    XCTAssertEqual(source.text(26..<99), "x")
    XCTAssertEqual(source.text(99..<120), "")
    XCTAssertEqual(source.text(6..<7), "é")
    XCTAssertEqual(source.text(21..<22), "😀")
    XCTAssertEqual(source.text(23..<25), "e\u{301}")
  }

  func testLinesDropTheirNewlineAndCarriageReturn() {
    let source = SourceText(code)
    XCTAssertEqual(source.lineText(1), "load \"é.csv\"")
    XCTAssertEqual(source.lineText(2), "show — 😀 e\u{301}")
    XCTAssertEqual(source.lineText(3), "x")
    XCTAssertEqual(source.lineText(0), "")
    XCTAssertEqual(source.lineText(4), "")
    XCTAssertEqual(source.location(of: 21).line, 2)
    XCTAssertEqual(source.location(of: 21).column, 8)
  }

  func testPrefixIsTheSourceOfTheTextBeforeTheOffset() {
    let source = SourceText(code, fileName: "report.mine")
    let count = source.scalars.count
    for offset in [-1, 0, 5, 13, 14, 20, count, count + 3] {
      let prefix = source.prefix(upTo: offset)
      let reparsed = SourceText(source.text(0..<max(0, offset)), fileName: "report.mine")
      XCTAssertEqual(prefix, reparsed, "offset \(offset)")
    }
  }

  func testStringLiteralsKeepEscapesAndWideScalars() {
    let tokens = Lexer(SourceText(#"print "a\tb — \u{1F600}😀\\" 'é'"#)).tokenize().tokens.map(\.kind)
    XCTAssertEqual(tokens[1], .string("a\tb — 😀😀\\"))
    XCTAssertEqual(tokens[2], .string("é"))
  }
}
