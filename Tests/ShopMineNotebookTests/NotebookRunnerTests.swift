import Foundation
import JupyterProtocol
import XCTest

@testable import ShopMineNotebook

final class NotebookRunnerTests: XCTestCase {
  private func notebook(_ sources: [String], kinds: [Cell.Kind]? = nil) -> Notebook {
    Notebook(
      cells: sources.enumerated().map { i, s in
        Cell(id: "c\(i)", kind: kinds?[i] ?? .code, source: s)
      })
  }

  func testOutputsAreStoredAsNbclientStoresThem() throws {
    var nb = notebook(
      ["out hello\nerr careful\nvalue 3", "# markdown", "show - table"], kinds: [.code, .markdown, .code])
    let failure = try NotebookRunner(language: ScriptedLanguage()).run(&nb)
    XCTAssertNil(failure)
    XCTAssertEqual(
      nb.cells[0].outputs,
      [
        ["output_type": "stream", "name": "stdout", "text": "hello\n"],
        ["output_type": "stream", "name": "stderr", "text": "careful\n"],
        ["output_type": "execute_result", "data": ["text/plain": "3"], "metadata": [:], "execution_count": 1],
      ])
    XCTAssertEqual(nb.cells[0].executionCount, 1)
    XCTAssertNil(nb.cells[1].executionCount)
    XCTAssertEqual(nb.cells[2].executionCount, 2)
    XCTAssertEqual(
      nb.cells[2].outputs, [["output_type": "display_data", "data": ["text/plain": "table"], "metadata": [:]]])
    let timing = try XCTUnwrap(nb.cells[0].metadata["execution"]?.objectValue)
    XCTAssertEqual(
      timing.keys.sorted(),
      ["iopub.execute_input", "iopub.status.busy", "iopub.status.idle", "shell.execute_reply"])
    XCTAssertEqual(nb.metadata["language_info"]?["name"], "shopmine")
    XCTAssertEqual(nb.metadata["kernelspec"]?["name"], "shopmine")
  }

  func testDisplayUpdatesReachEarlierCellsAndWaitingClearDefers() throws {
    var nb = notebook(["show bar 10%", "update bar 100%\nout done", "out a\nclearwait\nout b"])
    _ = try NotebookRunner(language: ScriptedLanguage()).run(&nb)
    XCTAssertEqual(
      nb.cells[0].outputs, [["output_type": "display_data", "data": ["text/plain": "100%"], "metadata": [:]]])
    XCTAssertEqual(nb.cells[1].outputs, [["output_type": "stream", "name": "stdout", "text": "done\n"]])
    XCTAssertEqual(nb.cells[2].outputs, [["output_type": "stream", "name": "stdout", "text": "b\n"]])
  }

  /// A stop request (Ctrl-C on `shopmine execute`) ends the run even with allowErrors: after the cell it
  /// failed, or before the next cell when it arrives between cells.
  func testStopRequestEndsTheRunEvenWithAllowErrors() throws {
    var nb = notebook(["value 1", "fail interrupted", "value 3"])
    let language = ScriptedLanguage()
    let stop = Locked(false)
    // The request arrives after the first cell, between cells.
    let options = NotebookRunner.Options(allowErrors: true, stopRequested: { stop.value })
    let failure = try XCTUnwrap(
      try NotebookRunner(language: language, options: options).run(&nb) { _, event in
        if event.index == 0 { stop.value = true }
      })
    XCTAssertEqual(language.executed, ["value 1"], "nothing runs after the request")
    XCTAssertEqual(failure.cellNumber, 2)
    XCTAssertEqual(failure.error.name, "KeyboardInterrupt")
    XCTAssertEqual(failure.error.value, "interrupted before this cell ran")
    XCTAssertEqual(nb.cells[0].id, NotebookRunner.errorMarkerID)
    XCTAssertNil(nb.cells[2].executionCount)
    XCTAssertNil(nb.cells[3].executionCount)

    // Without a request, allowErrors runs every cell.
    var all = notebook(["value 1", "fail boom", "value 3"])
    let everything = ScriptedLanguage()
    let none = NotebookRunner.Options(allowErrors: true, stopRequested: { false })
    _ = try NotebookRunner(language: everything, options: none).run(&all)
    XCTAssertEqual(everything.executed, ["value 1", "fail boom", "value 3"])
  }

  func testErrorStopsTheRunMarksTheCellAndKeepsLaterCellsUnrun() throws {
    var nb = notebook(["value 1", "fail boom", "value 3"])
    nb.cells[2].outputs = [["output_type": "stream", "name": "stdout", "text": "old\n"]]
    let language = ScriptedLanguage()
    let failure = try XCTUnwrap(try NotebookRunner(language: language).run(&nb))
    XCTAssertEqual(failure.cellNumber, 2)
    XCTAssertEqual(failure.error.value, "boom")
    XCTAssertEqual(language.executed, ["value 1", "fail boom"])
    // A visible marker first, then the cells; the failing cell carries the error output and a status.
    XCTAssertEqual(nb.cells[0].id, NotebookRunner.errorMarkerID)
    XCTAssertTrue(nb.cells[0].source.contains("cell 2 (In [2]): Error: boom"))
    XCTAssertEqual(nb.cells[2].metadata["shopmine"], ["status": "failed"])
    XCTAssertEqual(nb.cells[2].outputs.first?["output_type"], "error")
    XCTAssertEqual(nb.cells[3].outputs, [["output_type": "stream", "name": "stdout", "text": "old\n"]])
  }

  func testAllowErrorsContinuesAndRaisesExceptionTagIsNotAFailure() throws {
    var nb = notebook(["fail expected", "value 2", "fail unexpected", "value 4"])
    nb.cells[0].tags = ["raises-exception"]
    let language = ScriptedLanguage()
    let failure = try NotebookRunner(language: language, options: .init(allowErrors: true)).run(&nb)
    XCTAssertEqual(failure?.cellNumber, 3)
    XCTAssertEqual(language.executed.count, 4)
    XCTAssertEqual(nb.cells[3].executionCount, 4)
    var strict = notebook(["fail expected", "value 2"])
    strict.cells[0].tags = ["raises-exception"]
    XCTAssertNil(try NotebookRunner(language: ScriptedLanguage()).run(&strict))
  }

  func testSkipExecutionTagAndEmptyCellsAreNotRun() throws {
    var nb = notebook(["value 1", "   \n", "value skipped", "value 2"])
    nb.cells[2].tags = ["skip-execution"]
    let language = ScriptedLanguage()
    _ = try NotebookRunner(language: language).run(&nb)
    XCTAssertEqual(language.executed, ["value 1", "value 2"])
    XCTAssertEqual(nb.cells[3].executionCount, 2)
    XCTAssertNil(nb.cells[1].executionCount)
  }

  func testTimeoutInterruptsTheCell() throws {
    var nb = notebook(["spin", "value after"])
    let failure = try XCTUnwrap(
      try NotebookRunner(language: ScriptedLanguage(), options: .init(timeout: 0.2)).run(&nb))
    XCTAssertEqual(failure.error.name, "TimeoutError")
    XCTAssertEqual(failure.error.value, "cell timed out after 0.2 seconds")
  }

  func testNotebooksForOtherLanguagesAreRefused() {
    var nb = notebook(["value 1"])
    nb.metadata["kernelspec"] = ["name": "python3", "language": "python", "display_name": "Python 3"]
    XCTAssertThrowsError(try NotebookRunner(language: ScriptedLanguage()).run(&nb)) { error in
      XCTAssertTrue(String(describing: error).contains("for the 'python' language"))
    }
  }

  func testParametersAreInjectedAfterTheParametersCellAndReplaceOldOnes() throws {
    var nb = notebook(["file = \"a.csv\"", "value 1"])
    nb.cells[0].tags = ["parameters"]
    nb.inject([Parameter.typed(name: "file", "b \"x\".csv"), Parameter.typed(name: "k", "4")])
    XCTAssertEqual(nb.cells.map(\.id), ["c0", "injected-parameters", "c1"])
    XCTAssertEqual(nb.cells[1].source, "# Parameters\nfile = \"b \\\"x\\\".csv\"\nk = 4")
    XCTAssertEqual(nb.cells[1].tags, ["injected-parameters"])
    nb.inject([Parameter.typed(name: "flag", "true")])
    XCTAssertEqual(nb.cells.count, 3)
    XCTAssertEqual(nb.cells[1].source, "# Parameters\nflag = true")
    XCTAssertEqual(nb.metadata["shopmine"]?["parameters"], ["flag": true])
  }

  func testTypedParametersFollowPapermill() {
    XCTAssertEqual(Parameter.typed(name: "a", "3").value, .integer(3))
    XCTAssertEqual(Parameter.typed(name: "a", "0.25").value, .number(0.25))
    XCTAssertEqual(Parameter.typed(name: "a", "False").value, .bool(false))
    XCTAssertEqual(Parameter.typed(name: "a", "nan").value, .string("nan"))
    XCTAssertEqual(Parameter.typed(name: "a", "data/x.csv").value, .string("data/x.csv"))
  }
}

/// A value shared with a `@Sendable` closure in a test.
private final class Locked<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Value
  init(_ value: Value) { stored = value }
  var value: Value {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
}
