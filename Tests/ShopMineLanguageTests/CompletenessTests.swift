import JupyterProtocol
import ShopMineLanguage
import XCTest

final class CompletenessTests: XCTestCase {
  let engine = ShopMineEngine()

  func testComplete() {
    XCTAssertEqual(engine.isComplete("print \"hello\""), .complete)
    XCTAssertEqual(engine.isComplete("x = 1 + 2"), .complete)
    XCTAssertEqual(engine.isComplete(""), .complete)
    XCTAssertEqual(engine.isComplete("users | where spend > 5\n"), .complete)
  }

  func testIncomplete() {
    XCTAssertEqual(engine.isComplete("print \"hello"), .incomplete(indent: ""))
    XCTAssertEqual(engine.isComplete("x = (1 +"), .incomplete(indent: "    "))
    XCTAssertEqual(engine.isComplete("x = [1, 2"), .incomplete(indent: "    "))
    XCTAssertEqual(engine.isComplete("users |"), .incomplete(indent: "  "))
    XCTAssertEqual(engine.isComplete("print 1,"), .incomplete(indent: "  "))
    XCTAssertEqual(engine.isComplete("x ="), .incomplete(indent: "  "))
  }

  func testInvalid() {
    XCTAssertEqual(engine.isComplete("x = 1)"), .invalid)
    XCTAssertEqual(engine.isComplete("x = 1 @ 2"), .invalid)
    XCTAssertEqual(engine.isComplete("1 + + ) 2"), .invalid)
  }
}

/// `help VERB` and docs/LANGUAGE.md say the same thing.
final class HelpTests: XCTestCase {
  func testEveryVerbHasHelpThatIsInTheReference() throws {
    let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/LANGUAGE.md")
    let reference = try String(contentsOf: docs, encoding: .utf8)
    for spec in VerbCatalog.standard.specs {
      let text = try XCTUnwrap(HelpLibrary.text(for: spec.name), spec.name)
      XCTAssertTrue(text.hasPrefix("## \(spec.name)\n"), "help file for \(spec.name)")
      XCTAssertTrue(reference.contains(text), "docs/LANGUAGE.md lacks the help of '\(spec.name)'")
    }
  }

  func testHelpWhereOpensThePager() {
    let engine = ShopMineEngine()
    let outcome = engine.execute(ExecutionRequest(code: "help where", executionCount: 1), sink: RecordingSink())
    guard case .ok(_, let payloads) = outcome else { return XCTFail("\(outcome)") }
    XCTAssertEqual(payloads.first?["data"]?["text/markdown"]?.stringValue?.hasPrefix("## where\n"), true)
    XCTAssertEqual(payloads.first?["data"]?["text/plain"]?.stringValue?.hasPrefix("where\n-----\n"), true)
  }

  func testHelpForUnknownTopicSuggests() {
    let engine = ShopMineEngine()
    let outcome = engine.execute(ExecutionRequest(code: "help wher", executionCount: 1), sink: RecordingSink())
    guard case .error(let e) = outcome else { return XCTFail("\(outcome)") }
    XCTAssertEqual(e.value, "no help for 'wher'")
    XCTAssertTrue(e.traceback.contains { $0.contains("did you mean 'where'?") })
  }
}
