import JupyterProtocol
import ShopMineLanguage
import XCTest

/// The minimal language the kernel relies on (issue 2's seam), now served by the real language.
final class MilestoneTests: XCTestCase {
  func testPrintWritesToStdout() {
    var h = Harness()
    let r = h.run("print \"hello, world\"")
    XCTAssertEqual(r.sink.outputs, [.stream(.stdout, "hello, world\n")])
    XCTAssertNil(r.result)
  }

  func testWarnWritesToStderr() {
    var h = Harness()
    let r = h.run("warn \"text\"")
    XCTAssertEqual(r.sink.outputs, [.stream(.stderr, "text\n")])
  }

  func testArithmeticIsTheResult() {
    var h = Harness()
    XCTAssertEqual(h.run("1 + 2").result, "3")
    XCTAssertEqual(h.run("7 / 2").result, "3.5")
    XCTAssertEqual(h.run("2 * (3 + 4) - 1").result, "13")
    XCTAssertEqual(h.run("-3 + 10 % 4").result, "-1")
  }

  func testAssignmentPersistsAcrossCells() {
    var h = Harness()
    let bind = h.run("x = 5")
    XCTAssertNil(bind.result)
    XCTAssertEqual(bind.sink.outputs, [])
    XCTAssertEqual(h.run("x * 2").result, "10")
  }

  func testHelpReturnsPagerPayload() throws {
    var h = Harness()
    let r = h.run("help")
    XCTAssertEqual(r.payloads.count, 1)
    let payload = try XCTUnwrap(r.payloads.first)
    XCTAssertEqual(payload["source"], "page")
    XCTAssertEqual(payload["start"], 0)
    let markdown = try XCTUnwrap(payload["data"]?["text/markdown"]?.stringValue)
    XCTAssertTrue(markdown.hasPrefix("# ShopMine"), markdown)
    XCTAssertTrue(markdown.contains("- `print` — write values to standard output"), markdown)
    let text = try XCTUnwrap(payload["data"]?["text/plain"]?.stringValue)
    XCTAssertTrue(text.hasPrefix("ShopMine\n========\n"), text)
    XCTAssertTrue(text.contains("- print — write values to standard output"), text)
  }

  func testSleepStopsPromptlyOnInterrupt() {
    let h = Harness()
    let engine = h.engine
    let start = ContinuousClock.now
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { engine.interrupt() }
    let sink = RecordingSink()
    let outcome = engine.execute(ExecutionRequest(code: "sleep 5", executionCount: 1), sink: sink)
    let elapsed = ContinuousClock.now - start
    XCTAssertLessThan(elapsed, .milliseconds(1500))
    guard case .error(let e) = outcome else { return XCTFail("expected an error, got \(outcome)") }
    XCTAssertEqual(e.name, "KeyboardInterrupt")
    XCTAssertEqual(e.value, "interrupted")
    // The next cell runs normally.
    let next = engine.execute(ExecutionRequest(code: "1 + 1", executionCount: 2), sink: sink)
    XCTAssertEqual(next, .ok(result: .plain("2"), payloads: []))
  }

  func testSleepFinishes() {
    var h = Harness()
    let r = h.run("sleep 0.05\nprint \"done\"")
    XCTAssertEqual(r.sink.stdout, "done\n")
  }

  func testInputReadsThroughTheSink() {
    var h = Harness()
    let r = h.run("name = input \"Your name? \"\nprint \"hi\", name", inputs: ["Ada"], allowStdin: true)
    XCTAssertEqual(r.sink.prompts, ["Your name? "])
    XCTAssertEqual(r.sink.stdout, "hi Ada\n")
  }

  func testInputWithoutStdinIsAnError() {
    var h = Harness()
    let r = h.run("input \"x\"")
    XCTAssertEqual(r.error?.value, "this front end does not accept input")
  }

  func testUnknownNameErrorHasCaretTraceback() {
    var h = Harness()
    h.run("spend = 5")
    let r = h.run("spnd + 1")
    XCTAssertEqual(r.error?.name, "NameError")
    XCTAssertEqual(
      r.plainTraceback,
      """
      error: unknown name 'spnd'
       --> line 1, column 1
        |
      1 | spnd + 1
        | ^^^^
      help: did you mean 'spend'?
      """)
  }

  func testLanguageInfo() {
    let info = ShopMineEngine().info
    XCTAssertEqual(info.name, "shopmine")
    XCTAssertEqual(info.mimetype, "text/x-shopmine")
    XCTAssertEqual(info.fileExtension, ".mine")
    XCTAssertEqual(info.pygmentsLexer, "shopmine")
    XCTAssertEqual(info.codemirrorMode, "python")
  }
}
