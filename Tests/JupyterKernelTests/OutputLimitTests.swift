import Foundation
import JupyterProtocol
import XCTest

@testable import JupyterKernel

/// Stream output is coalesced (few iopub messages for many writes) and capped per cell with a note.
final class OutputLimitTests: XCTestCase {
  private func streams(_ messages: [Message]) -> [(name: String, text: String)] {
    messages.filter { $0.msgType == MessageType.stream }.map {
      ($0.content["name"]?.stringValue ?? "", $0.content["text"]?.stringValue ?? "")
    }
  }

  func testManyPrintsArriveWholeAndInOrderInFewMessages() throws {
    let kernel = try KernelHarness()
    _ = try kernel.awaitWelcome()
    let id = try kernel.execute((0..<2000).map { "print \"line \($0)\"" }.joined(separator: "\n"))
    XCTAssertEqual(try kernel.receive(kernel.shell).content["status"], "ok")
    let out = streams(try kernel.iopubMessages(for: id))
    XCTAssertEqual(out.map(\.text).joined(), (0..<2000).map { "line \($0)\n" }.joined())
    XCTAssertLessThan(out.count, 20, "2000 prints took \(out.count) stream messages")
  }

  func testStdoutAndStderrKeepTheirInterleaving() throws {
    let kernel = try KernelHarness()
    _ = try kernel.awaitWelcome()
    let id = try kernel.execute("print \"a\"\nprint \"b\"\nwarn \"c\"\nprint \"d\"\ndisplay\nprint \"e\"")
    _ = try kernel.receive(kernel.shell)
    let messages = try kernel.iopubMessages(for: id)
    // Message boundaries may fall anywhere within a run of one stream (the first write goes out at once, the
    // rest is held); what must hold is the order of the runs and of the display between them.
    var runs: [String] = []
    var lastStream: String?
    for message in messages {
      if message.msgType == MessageType.stream {
        let name = message.content["name"]?.stringValue ?? ""
        let text = message.content["text"]?.stringValue ?? ""
        if name == lastStream, let last = runs.popLast() {
          runs.append(last + text)
        } else {
          runs.append(name + ":" + text)
        }
        lastStream = name
      } else if message.msgType == MessageType.displayData {
        runs.append("<display>")
        lastStream = nil
      }
    }
    XCTAssertEqual(runs, ["stdout:a\nb\n", "stderr:c\n", "stdout:d\n", "<display>", "stdout:e\n"])
  }

  func testOutputPastTheCapIsDroppedWithOneNote() throws {
    let kernel = try KernelHarness(
      streamLimits: StreamLimits(maximumBytesPerCell: 100, settingName: "toykernel --max-output-bytes"))
    _ = try kernel.awaitWelcome()
    let id = try kernel.execute((0..<50).map { _ in "print \"0123456789\"" }.joined(separator: "\n") + "\n1 + 1")
    XCTAssertEqual(try kernel.receive(kernel.shell).content["status"], "ok")
    let messages = try kernel.iopubMessages(for: id)
    let out = streams(messages)
    XCTAssertEqual(
      out.filter { $0.name == "stdout" }.map(\.text).joined(),
      String(String(repeating: "0123456789\n", count: 10).prefix(100)))
    XCTAssertEqual(
      out.filter { $0.name == "stderr" }.map(\.text),
      [
        "[output truncated: this cell wrote 550 bytes of stream output; only the first 100 are shown (toykernel --max-output-bytes)]\n"
      ])
    // The note comes before the result, and the next cell starts a fresh allowance.
    XCTAssertEqual(messages.map(\.msgType).suffix(2), ["execute_result", "status"])
    let next = try kernel.execute("print \"after\"")
    _ = try kernel.receive(kernel.shell)
    XCTAssertEqual(streams(try kernel.iopubMessages(for: next)).map(\.text), ["after\n"])
  }

  func testCapCutsOnAUnicodeScalarBoundary() {
    var buffer = StreamBuffer()
    // "é" is 2 bytes, "😀" 4: a 5-byte cap keeps "aé" (3 bytes) plus nothing of the emoji's 4.
    XCTAssertTrue(buffer.accept(.stdout, "aé😀", cap: 5))
    XCTAssertEqual(buffer.pending, "aé")
    XCTAssertEqual(buffer.droppedBytes, 4)
    // The 2 bytes left take "mo"; after that nothing fits and everything is counted as dropped.
    XCTAssertTrue(buffer.accept(.stdout, "more", cap: 5))
    XCTAssertEqual(buffer.pending, "aémo")
    XCTAssertFalse(buffer.accept(.stdout, "x", cap: 5))
    XCTAssertEqual(buffer.droppedBytes, 7)
    XCTAssertEqual(buffer.acceptedBytes, 5)
  }
}
