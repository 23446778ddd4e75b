import Foundation
import JupyterProtocol
import XCTest
import ZeroMQ

@testable import JupyterKernel

final class KernelServerTests: XCTestCase {
  private var kernel: KernelHarness!

  override func setUpWithError() throws {
    kernel = try KernelHarness()
    _ = try kernel.awaitWelcome()
  }

  override func tearDown() {
    kernel = nil
  }

  private func types(_ messages: [Message]) -> [String] {
    messages.map {
      $0.msgType == MessageType.status ? "status:\($0.content["execution_state"]?.stringValue ?? "")" : $0.msgType
    }
  }

  func testIOPubWelcomeNamesTheSubscription() throws {
    let second = try ZMQSocket(kernel.context, kind: .subscribe)
    try second.setLinger(milliseconds: 0)
    try second.subscribe()
    try second.connect(kernel.server.connection.endpoint(.iopub))
    let welcome = try kernel.receive(second)
    XCTAssertEqual(welcome.msgType, "iopub_welcome")
    XCTAssertEqual(welcome.content, ["subscription": ""])
  }

  func testKernelInfoOnShellAndControl() throws {
    for socket in [kernel.shell, kernel.control] {
      let id = try kernel.send(socket, MessageType.kernelInfoRequest)
      let reply = try kernel.receive(socket)
      XCTAssertEqual(reply.msgType, "kernel_info_reply")
      XCTAssertEqual(reply.parentHeader["msg_id"]?.stringValue, id)
      XCTAssertEqual(reply.header.version, "5.5")
      XCTAssertEqual(reply.content["protocol_version"], "5.5")
      XCTAssertEqual(reply.content["implementation"], "toykernel")
      XCTAssertEqual(reply.content["implementation_version"], "1.0")
      XCTAssertEqual(reply.header.username, "kernel")
      XCTAssertEqual(reply.content["banner"], "Toy banner")
      XCTAssertEqual(reply.content["language_info"]?["name"], "toy")
      XCTAssertEqual(types(try kernel.iopubMessages(for: id)), ["status:busy", "status:idle"])
    }
  }

  func testThreadsAreNamedAfterTheImplementation() throws {
    #if os(Linux)
      // A reply on shell proves the shell thread runs (it names itself first); reading the names before
      // that raced with its start.
      let id = try kernel.send(kernel.shell, MessageType.kernelInfoRequest)
      XCTAssertEqual(try kernel.receive(kernel.shell).parentHeader["msg_id"]?.stringValue, id)
      // Linux keeps 15 bytes of a thread name: "toykernel-shell" fits exactly. Under load the OS name was
      // seen to arrive after the first reply, so the names are read again for a while before failing.
      func threadNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").compactMap { task in
          (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        }
      }
      var names = try threadNames()
      let deadline = Date().addingTimeInterval(10)
      while !(names.contains("toykernel-shell") && names.contains("toykernel-iopub")), Date() < deadline {
        Thread.sleep(forTimeInterval: 0.05)
        names = try threadNames()
      }
      XCTAssertTrue(names.contains("toykernel-shell"), "\(names)")
      XCTAssertTrue(names.contains("toykernel-iopub"), "\(names)")
      XCTAssertFalse(names.contains { $0.hasPrefix("shopmine") }, "\(names)")
    #endif
  }

  func testExecuteOrderingIsBusyInputOutputsResultIdle() throws {
    let id = try kernel.execute("print \"hello, world\"\nwarn \"careful\"\ndisplay\nupdate\nclear\n1 + 2")
    let reply = try kernel.receive(kernel.shell)
    XCTAssertEqual(reply.content, ["status": "ok", "execution_count": 1, "payload": [], "user_expressions": [:]])
    let messages = try kernel.iopubMessages(for: id)
    XCTAssertEqual(
      types(messages),
      [
        "status:busy", "execute_input", "stream", "stream", "display_data",
        "update_display_data", "clear_output", "execute_result", "status:idle",
      ])
    XCTAssertEqual(
      messages[1].content,
      [
        "code": "print \"hello, world\"\nwarn \"careful\"\ndisplay\nupdate\nclear\n1 + 2",
        "execution_count": 1,
      ])
    XCTAssertEqual(messages[2].content, ["name": "stdout", "text": "hello, world\n"])
    XCTAssertEqual(messages[3].content, ["name": "stderr", "text": "careful\n"])
    XCTAssertEqual(
      messages[4].content, ["data": ["text/plain": "shown"], "metadata": [:], "transient": ["display_id": "d1"]])
    XCTAssertEqual(messages[5].content["transient"], ["display_id": "d1"])
    XCTAssertEqual(messages[6].content, ["wait": true])
    XCTAssertEqual(messages[7].content, ["execution_count": 1, "data": ["text/plain": "3"], "metadata": [:]])
  }

  func testBindingsPersistAndCountsFollowStoreHistoryAndSilent() throws {
    try kernel.execute("x = 5")
    XCTAssertEqual(try kernel.receive(kernel.shell).content["execution_count"], 1)
    let silentID = try kernel.execute("x + 1", silent: true)
    XCTAssertEqual(try kernel.receive(kernel.shell).content["execution_count"], 1)
    XCTAssertEqual(types(try kernel.iopubMessages(for: silentID)), ["status:busy", "status:idle"])
    let unstoredID = try kernel.execute("x + 2", storeHistory: false)
    XCTAssertEqual(try kernel.receive(kernel.shell).content["execution_count"], 1)
    let unstored = try kernel.iopubMessages(for: unstoredID)
    XCTAssertEqual(unstored.first { $0.msgType == "execute_result" }?.content["data"], ["text/plain": "7"])
    try kernel.execute("x + 3")
    XCTAssertEqual(try kernel.receive(kernel.shell).content["execution_count"], 2)
  }

  func testErrorGivesOneErrorMessageAndErrorReply() throws {
    let id = try kernel.execute("fail")
    let reply = try kernel.receive(kernel.shell)
    XCTAssertEqual(reply.content["status"], "error")
    XCTAssertEqual(reply.content["ename"], "ToyError")
    XCTAssertEqual(reply.content["evalue"], "failed on purpose")
    XCTAssertEqual(reply.content["execution_count"], 1)
    let messages = try kernel.iopubMessages(for: id)
    XCTAssertEqual(types(messages), ["status:busy", "execute_input", "error", "status:idle"])
    XCTAssertEqual(messages[2].content["traceback"], ["\u{1B}[31mToyError\u{1B}[0m at 1:1: failed on purpose"])
  }

  func testStopOnErrorAbortsQueuedCellsWithErrorStatus() throws {
    try kernel.execute("sleep 0.2\nfail")
    try kernel.execute("y = 1")
    try kernel.execute("print \"never\"")
    XCTAssertEqual(try kernel.receive(kernel.shell).content["ename"], "ToyError")
    for _ in 0..<2 {
      let aborted = try kernel.receive(kernel.shell)
      XCTAssertEqual(aborted.content["status"], "error")
      XCTAssertEqual(aborted.content["ename"], "ExecutionAborted")
    }
    // The aborted cells did not run: y is unbound, and the next cell runs normally.
    try kernel.execute("y")
    XCTAssertEqual(try kernel.receive(kernel.shell).content["ename"], "SyntaxError")
  }

  func testWithoutStopOnErrorQueuedCellsRun() throws {
    try kernel.execute("sleep 0.1\nfail", stopOnError: false)
    try kernel.execute("z = 4")
    try kernel.execute("z + 1")
    XCTAssertEqual(try kernel.receive(kernel.shell).content["status"], "error")
    XCTAssertEqual(try kernel.receive(kernel.shell).content["status"], "ok")
    XCTAssertEqual(try kernel.receive(kernel.shell).content["status"], "ok")
  }

  func testInterruptStopsASleepQuicklyAndKeepsBindings() throws {
    try kernel.execute("kept = 41")
    _ = try kernel.receive(kernel.shell)
    try kernel.execute("sleep 5")
    Thread.sleep(forTimeInterval: 0.2)
    let start = ContinuousClock.now
    try kernel.send(kernel.control, MessageType.interruptRequest)
    XCTAssertEqual(try kernel.receive(kernel.control).content, ["status": "ok"])
    let reply = try kernel.receive(kernel.shell)
    XCTAssertLessThan(ContinuousClock.now - start, .milliseconds(100))
    XCTAssertEqual(reply.content["ename"], "Interrupted")
    try kernel.execute("kept + 1")
    XCTAssertEqual(try kernel.receive(kernel.shell).content["status"], "ok")
  }

  func testInterruptWhileIdleIsHarmless() throws {
    try kernel.send(kernel.control, MessageType.interruptRequest)
    _ = try kernel.receive(kernel.control)
    try kernel.execute("sleep 0.05")
    XCTAssertEqual(try kernel.receive(kernel.shell).content["status"], "ok")
  }

  func testHeartbeatAnswersDuringALongCell() throws {
    try kernel.execute("sleep 1")
    Thread.sleep(forTimeInterval: 0.1)
    for ping in 0..<5 {
      let start = ContinuousClock.now
      try kernel.heartbeat.send([Array("ping \(ping)".utf8)])
      XCTAssertTrue(try kernel.hasMessage(kernel.heartbeat, within: 0.05))
      XCTAssertEqual(try kernel.heartbeat.receive(), [Array("ping \(ping)".utf8)])
      XCTAssertLessThan(ContinuousClock.now - start, .milliseconds(50))
    }
    XCTAssertEqual(try kernel.receive(kernel.shell).content["status"], "ok")
  }

  func testStdinRoundTrip() throws {
    let id = try kernel.execute("input \"Your name?\"", allowStdin: true)
    let request = try kernel.receive(kernel.stdin)
    XCTAssertEqual(request.msgType, "input_request")
    XCTAssertEqual(request.content, ["prompt": "Your name?", "password": false])
    XCTAssertEqual(request.parentHeader["msg_id"]?.stringValue, id)
    try kernel.send(kernel.stdin, MessageType.inputReply, ["value": "Ada"])
    XCTAssertEqual(try kernel.receive(kernel.shell).content["status"], "ok")
    let result = try kernel.iopubMessages(for: id).first { $0.msgType == "execute_result" }
    XCTAssertEqual(result?.content["data"], ["text/plain": "got Ada"])
  }

  func testInputWithoutAllowStdinIsAClearError() throws {
    try kernel.execute("input \"x\"", allowStdin: false)
    let reply = try kernel.receive(kernel.shell)
    XCTAssertEqual(reply.content["evalue"], "this front end does not accept input (allow_stdin is false)")
    XCTAssertFalse(try kernel.hasMessage(kernel.stdin, within: 0.05))
  }

  func testInterruptUnblocksAnInputRequest() throws {
    try kernel.execute("input \"wait\"", allowStdin: true)
    _ = try kernel.receive(kernel.stdin)
    try kernel.send(kernel.control, MessageType.interruptRequest)
    _ = try kernel.receive(kernel.control)
    XCTAssertEqual(try kernel.receive(kernel.shell).content["evalue"], "input was interrupted")
  }

  func testCompleteInspectIsCompleteUseCodePoints() throws {
    try kernel.send(kernel.shell, MessageType.completeRequest, ["code": "🛒 pr", "cursor_pos": 4])
    let complete = try kernel.receive(kernel.shell)
    XCTAssertEqual(
      complete.content,
      [
        "status": "ok", "matches": ["print"], "cursor_start": 2, "cursor_end": 4,
        "metadata": [:],
      ])
    try kernel.send(kernel.shell, MessageType.inspectRequest, ["code": "print", "cursor_pos": 2, "detail_level": 0])
    XCTAssertEqual(
      try kernel.receive(kernel.shell).content,
      ["status": "ok", "found": true, "data": ["text/plain": "print TEXT"], "metadata": [:]])
    try kernel.send(kernel.shell, MessageType.isCompleteRequest, ["code": "print \"open"])
    XCTAssertEqual(try kernel.receive(kernel.shell).content, ["status": "incomplete", "indent": ""])
  }

  func testHelpReturnsAPagerPayload() throws {
    try kernel.execute("help")
    XCTAssertEqual(
      try kernel.receive(kernel.shell).content["payload"],
      [["source": "page", "data": ["text/plain": "Toy help"], "start": 0]])
  }

  func testCommInfoAndCommOpenForUnknownTarget() throws {
    try kernel.send(kernel.shell, MessageType.commInfoRequest, [:])
    XCTAssertEqual(try kernel.receive(kernel.shell).content, ["status": "ok", "comms": [:]])
    let id = try kernel.send(
      kernel.shell, MessageType.commOpen, ["comm_id": "c-1", "target_name": "nope", "data": [:]])
    let messages = try kernel.iopubMessages(for: id)
    XCTAssertEqual(types(messages), ["status:busy", "comm_close", "status:idle"])
    XCTAssertEqual(messages[1].content, ["comm_id": "c-1", "data": [:]])
  }

  func testForgedUnsignedReplayedAndGarbageMessagesAreDroppedAndTheKernelKeepsServing() throws {
    // Forged: signed with the wrong key.
    let forger = WireCodec(signer: MessageSigner(key: Array("wrong".utf8)))
    try kernel.shell.send(
      forger.encode(
        Message(
          header: MessageHeader(msgType: "execute_request", session: "evil"),
          content: ["code": "print \"pwned\""])))
    // Unsigned.
    let unsigned = WireCodec(signer: MessageSigner(key: []))
    try kernel.shell.send(unsigned.encode(Message(header: MessageHeader(msgType: "kernel_info_request", session: "x"))))
    // Garbage frames, too few frames, and invalid JSON content with a valid signature.
    try kernel.shell.send([Array("not a message".utf8)])
    try kernel.shell.send([Array("<IDS|MSG>".utf8), Array("sig".utf8)])
    try kernel.shell.send([Array("<IDS|MSG>".utf8), [0xFF, 0xFE], [0xC3], [], [], []])
    let bad = Message(header: MessageHeader(msgType: "execute_request", session: "s"), content: ["code": 5])
    try kernel.shell.send(kernel.codec.encode(bad))
    // Replay: the same signed kernel_info twice.
    let good = kernel.codec.encode(Message(header: MessageHeader(msgType: "kernel_info_request", session: "s")))
    try kernel.shell.send(good)
    try kernel.shell.send(good)
    try kernel.send(kernel.shell, "no_such_request")

    XCTAssertEqual(try kernel.receive(kernel.shell).msgType, "kernel_info_reply")
    try kernel.execute("1 + 1")
    let reply = try kernel.receive(kernel.shell)
    XCTAssertEqual(reply.msgType, "execute_reply")
    XCTAssertEqual(reply.content["status"], "ok")
    XCTAssertEqual(
      kernel.log,
      [
        "dropped message on shell: invalid signature",
        "dropped message on shell: unsigned message",
        "dropped message on shell: no <IDS|MSG> delimiter frame",
        "dropped message on shell: 1 frames after <IDS|MSG>, expected at least 5",
        "dropped message on shell: invalid signature",
        "dropped message on shell: execute_request content: 'code' must be a string",
        "dropped message on shell: replayed signature",
        "dropped message on shell: unsupported msg_type 'no_such_request'",
      ])
  }

  func testShutdownEchoesRestartAndStopsTheServer() throws {
    let (reply, exit) = try kernel.shutdown(restart: true)
    XCTAssertEqual(reply.msgType, "shutdown_reply")
    XCTAssertEqual(reply.content, ["status": "ok", "restart": true])
    XCTAssertEqual(exit, KernelExit(restart: true))
  }
}
