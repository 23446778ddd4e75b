import JupyterProtocol
import ShopMineLanguage
import XCTest

/// `exit`/`quit` end the program and ask the front end to end the session; `help` pages readable text.
final class ExitAndPagerTests: XCTestCase {
  func testExitEndsTheCellAndAsksTheFrontEndToEndTheSession() {
    var h = Harness()
    let r = h.run("print \"before\"\nexit\nprint \"after\"")
    XCTAssertNil(r.error)
    XCTAssertEqual(r.sink.stdout, "before\n")
    XCTAssertEqual(r.payloads, [["source": "ask_exit", "keepkernel": false]])
  }

  func testQuitIsExit() {
    var h = Harness()
    let r = h.run("quit\n1 + 1")
    XCTAssertNil(r.result)
    XCTAssertEqual(r.payloads, [ExecutePayload.askExit()])
    XCTAssertEqual(HelpLibrary.text(for: "quit"), HelpLibrary.text(for: "exit"))
  }

  func testTheSessionGoesOnWhenTheFrontEndKeepsIt() {
    // Notebook front ends ignore ask_exit: the next cell runs against the same session.
    var h = Harness()
    h.run("x = 2\nexit")
    XCTAssertEqual(h.run("x * 21").result, "42")
  }

  func testAFailedExitStatementEndsNothing() {
    let engine = ShopMineEngine()
    let sink = RecordingSink()
    let result = engine.runScript("x = exit\nprint \"still here\"", fileName: "s.mine", sink: sink, keepGoing: true)
    guard case .failure(let errors) = result else { return XCTFail("binding exit should fail") }
    XCTAssertEqual(errors.map(\.diagnostic.message), ["'exit' gives no value to bind"])
    XCTAssertEqual(sink.stdout, "still here\n")
  }

  func testExitEndsAScriptSuccessfully() {
    let engine = ShopMineEngine()
    let sink = RecordingSink()
    let result = engine.runScript("print 1\nexit\nprint 2", fileName: "s.mine", sink: sink)
    guard case .success(let payloads) = result else { return XCTFail("\(result)") }
    XCTAssertEqual(payloads, [ExecutePayload.askExit()])
    XCTAssertEqual(sink.stdout, "1\n")
  }

  func testExitTakesNoArguments() {
    var h = Harness()
    let r = h.run("exit 0")
    XCTAssertNotNil(r.error)
    XCTAssertEqual(r.payloads, [])
  }

  func testHelpPagesPlainTextAndKeepsTheMarkdown() throws {
    var h = Harness()
    let r = h.run("help kmeans")
    let payload = try XCTUnwrap(r.payloads.first)
    XCTAssertEqual(payload["source"], "page")
    let plain = try XCTUnwrap(payload["data"]?["text/plain"]?.stringValue)
    XCTAssertTrue(plain.hasPrefix("kmeans\n------\n\nGroup rows into k clusters"), plain)
    XCTAssertTrue(plain.contains("\n    m = kmeans TABLE k N on COLUMN, …"), plain)
    XCTAssertTrue(plain.contains("together move at most tol × the mean feature variance"), plain)
    XCTAssertFalse(plain.contains("`"), plain)
    XCTAssertEqual(payload["data"]?["text/markdown"]?.stringValue, HelpLibrary.text(for: "kmeans"))
  }

  func testNoHelpTextPagesAFenceOrAStrayBacktick() throws {
    // Backquotes survive only where the language itself writes them (`Customer ID` in select's help).
    for topic in VerbCatalog.standard.names + ["language"] {
      let markdown = try XCTUnwrap(HelpLibrary.text(for: topic), topic)
      let plain = try XCTUnwrap(HelpLibrary.bundleData(markdown)["text/plain"]?.stringValue)
      XCTAssertFalse(plain.contains("```"), topic)
      let backticks = plain.filter { $0 == "`" }.count
      XCTAssertEqual(backticks, topic == "select" ? 2 : 0, "\(topic):\n\(plain)")
    }
  }

  func testInspectionShowsTheSamePlainText() throws {
    let engine = ShopMineEngine()
    let result = engine.inspect("where", cursor: 2, detailLevel: 0)
    XCTAssertTrue(result.found)
    let plain = try XCTUnwrap(result.bundle.plainText)
    XCTAssertTrue(plain.hasPrefix("where\n-----\n"), plain)
    XCTAssertFalse(plain.contains("`"), plain)
  }
}
