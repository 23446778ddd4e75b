import Foundation
import JupyterProtocol
import XCTest

@testable import JupyterKernel

final class HistoryTests: XCTestCase {
  private func temporaryFile() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("shopmine-history-\(MessageID.make())/history.jsonl")
  }

  func testGlobMatchesWholeInput() {
    XCTAssertTrue(GlobPattern("1?2*").matches("1 2 + 3"))
    XCTAssertTrue(GlobPattern("*").matches(""))
    XCTAssertTrue(GlobPattern("a*b*c").matches("aXXbYYc"))
    XCTAssertFalse(GlobPattern("a*b*c").matches("aXXbYY"))
    XCTAssertFalse(GlobPattern("print").matches("print x"))
    XCTAssertTrue(GlobPattern("🛒?").matches("🛒x"))
    // Hostile pattern stays fast (no exponential backtracking).
    XCTAssertFalse(GlobPattern(String(repeating: "*a", count: 50) + "b").matches(String(repeating: "a", count: 5000)))
  }

  func testHistorySurvivesARestartThroughTheFile() {
    let file = temporaryFile()
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    var first = HistoryStore(fileURL: file, log: KernelLog { _ in })
    XCTAssertEqual(first.session, 1)
    first.append(line: 1, input: "x = 1", output: nil)
    first.append(line: 2, input: "x + 1", output: "2")

    let second = HistoryStore(fileURL: file, log: KernelLog { _ in })
    XCTAssertEqual(second.session, 2)
    XCTAssertEqual(
      second.entries,
      [
        HistoryEntry(session: 1, line: 1, input: "x = 1"),
        HistoryEntry(session: 1, line: 2, input: "x + 1", output: "2"),
      ])
  }

  func testTailRangeSearchAsIPythonAnswersThem() {
    var store = HistoryStore(fileURL: nil, log: KernelLog { _ in })
    for (line, input) in ["a = 1", "1 + 2", "b = 2", "1 + 2", "print \"x\""].enumerated() {
      store.append(line: line + 1, input: input, output: input.hasPrefix("1") ? "3" : nil)
    }
    XCTAssertEqual(
      store.reply(HistoryRequestContent(accessType: .tail, n: 2)), [[1, 4, "1 + 2"], [1, 5, "print \"x\""]])
    XCTAssertEqual(
      store.reply(HistoryRequestContent(accessType: .tail, output: true, n: 1)),
      [[1, 5, ["print \"x\"", nil]]])
    XCTAssertEqual(
      store.reply(HistoryRequestContent(accessType: .range, session: 0, start: 2, stop: 4)),
      [[1, 2, "1 + 2"], [1, 3, "b = 2"]])
    XCTAssertEqual(store.reply(HistoryRequestContent(accessType: .search, pattern: "1?2*")).count, 0)
    XCTAssertEqual(
      store.reply(HistoryRequestContent(accessType: .search, pattern: "1 + *")), [[1, 2, "1 + 2"], [1, 4, "1 + 2"]])
    XCTAssertEqual(
      store.reply(HistoryRequestContent(accessType: .search, pattern: "1 + *", unique: true)), [[1, 4, "1 + 2"]])
    XCTAssertEqual(
      store.reply(HistoryRequestContent(accessType: .search, n: 2, pattern: "*")),
      [[1, 4, "1 + 2"], [1, 5, "print \"x\""]])
  }

  func testKernelAnswersHistoryRequests() throws {
    // The history folder is the toy kernel's own, under the Jupyter data directory, as a product would set it.
    let data = temporaryFile().deletingLastPathComponent()
    let file = JupyterPaths(environment: ["JUPYTER_DATA_DIR": data.path]).historyFile(
      folder: KernelHarness.implementation)
    XCTAssertEqual(file.path, data.path + "/toykernel/history.jsonl")
    defer { try? FileManager.default.removeItem(at: data) }
    let kernel = try KernelHarness(historyFile: file)
    _ = try kernel.awaitWelcome()
    for code in ["x = 2", "x + 1"] {
      try kernel.execute(code)
      _ = try kernel.receive(kernel.shell)
    }
    try kernel.send(
      kernel.shell, MessageType.historyRequest,
      ["hist_access_type": "tail", "n": 2, "output": true, "raw": true])
    XCTAssertEqual(
      try kernel.receive(kernel.shell).content,
      ["status": "ok", "history": [[1, 1, ["x = 2", nil]], [1, 2, ["x + 1", "3"]]]])
    let text = try String(contentsOf: file, encoding: .utf8)
    XCTAssertEqual(text.split(separator: "\n").count, 2)
    XCTAssertTrue(text.contains(#""input":"x + 1","line":2,"output":"3","session":1"#), text)
  }
}

final class InstallationTests: XCTestCase {
  func testDataDirectoryResolutionFollowsJupyter() {
    XCTAssertEqual(
      JupyterPaths(environment: ["JUPYTER_DATA_DIR": "/j", "XDG_DATA_HOME": "/x", "HOME": "/h"])
        .userDataDirectory.path, "/j")
    #if os(Linux)
      XCTAssertEqual(
        JupyterPaths(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]).userDataDirectory.path, "/x/jupyter")
      XCTAssertEqual(JupyterPaths(environment: ["HOME": "/h"]).userDataDirectory.path, "/h/.local/share/jupyter")
      XCTAssertEqual(
        JupyterPaths(environment: ["HOME": "/h"]).historyFile(folder: "toykernel").path,
        "/h/.local/share/jupyter/toykernel/history.jsonl")
    #endif
    XCTAssertEqual(JupyterPaths(environment: [:]).dataDirectory(prefix: "/opt/env").path, "/opt/env/share/jupyter")
    XCTAssertEqual(JupyterPaths(environment: ["VIRTUAL_ENV": "/v", "CONDA_PREFIX": "/c"]).environmentPrefix, "/v")
    XCTAssertEqual(JupyterPaths(environment: ["CONDA_PREFIX": "/c"]).environmentPrefix, "/c")
    XCTAssertNil(JupyterPaths(environment: ["VIRTUAL_ENV": ""]).environmentPrefix)
  }

  func testKernelSpecFile() {
    let spec = KernelSpec(
      executable: "/usr/local/bin/shopmine", displayName: "ShopMine", language: "shopmine", supportsCurve: true)
    XCTAssertEqual(
      spec.fileText,
      """
      {
        "argv": [
          "/usr/local/bin/shopmine",
          "kernel",
          "--connection-file",
          "{connection_file}"
        ],
        "display_name": "ShopMine",
        "env": {},
        "interrupt_mode": "message",
        "kernel_protocol_version": "5.5",
        "language": "shopmine",
        "metadata": {
          "supported_encryption": [
            "curve"
          ]
        }
      }

      """)
  }

  func testReplayGuardForgetsOldestFirst() {
    var guardian = ReplayGuard(capacity: 2)
    XCTAssertTrue(guardian.admit("a"))
    XCTAssertFalse(guardian.admit("a"))
    XCTAssertTrue(guardian.admit("b"))
    XCTAssertTrue(guardian.admit("c"))  // evicts "a"
    XCTAssertTrue(guardian.admit("a"))
    XCTAssertFalse(guardian.admit("c"))
    XCTAssertTrue(guardian.admit(""))
    XCTAssertTrue(guardian.admit(""))
  }
}
