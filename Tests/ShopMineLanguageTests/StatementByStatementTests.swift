import JupyterProtocol
import ShopMineLanguage
import XCTest

/// A syntax error stops only its own statement: in a script the statements before it run, and with
/// `--keep-going` those after it too; a notebook cell runs the statements before its first error and
/// reports every syntax error it has.
final class StatementByStatementTests: XCTestCase {
  let script = """
    users = generate users 50 seed 1
    print "one"
    users | groupby city aggregate n = count()
    print "two"
    users | where spend >
    print "three"
    """

  func testAScriptRunsTheStatementsBeforeItsFirstSyntaxError() {
    let engine = ShopMineEngine()
    let sink = RecordingSink()
    guard case .failure(let errors) = engine.runScript(script, fileName: "s.mine", sink: sink) else {
      return XCTFail("the script should fail")
    }
    XCTAssertEqual(sink.stdout, "one\n")
    XCTAssertEqual(errors.map(\.diagnostic.message), ["unknown verb 'groupby'"])
    // pandas' spelling gets the two words it means.
    XCTAssertEqual(errors.first?.diagnostic.suggestions, ["did you mean 'group by'?"])
    XCTAssertTrue(errors.first?.rendered.hasPrefix("s.mine:3:9: error: unknown verb 'groupby'") ?? false)
  }

  func testKeepGoingRunsEveryStatementThatParsesAndReportsEachError() {
    let engine = ShopMineEngine()
    let sink = RecordingSink()
    guard case .failure(let errors) = engine.runScript(script, fileName: "s.mine", sink: sink, keepGoing: true)
    else { return XCTFail("the script should fail") }
    XCTAssertEqual(sink.stdout, "one\ntwo\nthree\n")
    XCTAssertEqual(errors.map(\.diagnostic.message), ["unknown verb 'groupby'", "expected a value, found end of line"])
  }

  func testACellRunsUpToItsFirstErrorAndReportsEverySyntaxError() {
    var h = Harness()
    let r = h.run(script)
    XCTAssertEqual(r.sink.stdout, "one\n")
    XCTAssertNotNil(h.engine.session["users"], "the statement before the error ran")
    XCTAssertEqual(r.error?.value, "unknown verb 'groupby' (and 1 more syntax error)")
    let traceback = r.plainTraceback ?? ""
    XCTAssertTrue(traceback.contains("did you mean 'group by'?"), traceback)
    XCTAssertTrue(traceback.contains("users | where spend >"), traceback)
    // A cell whose only error is at run time reports that error alone.
    let runtime = h.run("print \"a\"\nprint nosuchname\nprint \"b\"")
    XCTAssertEqual(runtime.sink.stdout, "a\n")
    XCTAssertEqual(runtime.error?.value, "unknown name 'nosuchname'")
  }
}
