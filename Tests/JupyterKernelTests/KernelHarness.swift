import Foundation
import JupyterProtocol
import XCTest
import ZeroMQ

@testable import JupyterKernel

/// Runs a ``KernelServer`` in-process over ipc sockets in a temporary directory, with a client speaking the
/// wire protocol directly (no Python), and collects the kernel's log lines.
///
/// The kernel runs under its own product name, ``implementation``, with its own history folder: the
/// server library takes every name from its configuration and so serves a language other than ShopMine.
final class KernelHarness: @unchecked Sendable {
  /// The implementation name the toy kernel runs under.
  static let implementation = "toykernel"
  let language: ToyLanguage
  let server: KernelServer
  let directory: URL
  let key = "harness-key"
  let codec: WireCodec
  let context: ZMQContext
  let shell: ZMQSocket
  let control: ZMQSocket
  let stdin: ZMQSocket
  let iopub: ZMQSocket
  let heartbeat: ZMQSocket
  let session = MessageID.make()
  private let logLines = Locked<[String]>([])
  private let finished = DispatchSemaphore(value: 0)
  private let exitValue = Locked<KernelExit?>(nil)
  private var stopped = false

  init(historyFile: URL? = nil, streamLimits: StreamLimits = StreamLimits(), parentProcessID: Int32? = nil) throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("shopmine-kernel-\(MessageID.make())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let connection = ConnectionInfo(
      transport: .ipc, ip: directory.appendingPathComponent("k").path, shellPort: 1,
      iopubPort: 2, stdinPort: 3, controlPort: 4, heartbeatPort: 5, key: key)
    language = ToyLanguage()
    let lines = logLines
    let configuration = KernelConfiguration(
      implementation: Self.implementation, implementationVersion: "1.0", historyFile: historyFile,
      streamLimits: streamLimits, handlesSIGINT: false,
      log: KernelLog { line in lines.withLock { $0.append(line) } }, parentProcessID: parentProcessID)
    server = KernelServer(connection: connection, language: language, configuration: configuration)
    codec = WireCodec(signer: MessageSigner(key: Array(key.utf8)))
    context = try ZMQContext()
    shell = try ZMQSocket(context, kind: .dealer)
    control = try ZMQSocket(context, kind: .dealer)
    stdin = try ZMQSocket(context, kind: .dealer)
    iopub = try ZMQSocket(context, kind: .subscribe)
    heartbeat = try ZMQSocket(context, kind: .request)
    for socket in [shell, control, stdin, iopub, heartbeat] { try socket.setLinger(milliseconds: 0) }
    try shell.setRoutingID(Array(session.utf8))
    try stdin.setRoutingID(Array(session.utf8))

    let server = self.server
    let finished = self.finished
    let exitValue = self.exitValue
    Thread {
      let exit = try? server.run()
      exitValue.withLock { $0 = exit }
      finished.signal()
    }.start()

    try shell.connect(connection.endpoint(.shell))
    try control.connect(connection.endpoint(.control))
    try stdin.connect(connection.endpoint(.stdin))
    try heartbeat.connect(connection.endpoint(.heartbeat))
    try iopub.subscribe()
    try iopub.connect(connection.endpoint(.iopub))
  }

  /// The kernel's log lines so far.
  var log: [String] { logLines.current }

  // MARK: sending

  @discardableResult
  func send(_ socket: ZMQSocket, _ msgType: String, _ content: JSONValue = [:]) throws -> String {
    let message = Message(header: MessageHeader(msgType: msgType, session: session), content: content)
    try socket.send(codec.encode(message))
    return message.header.msgID
  }

  @discardableResult
  func execute(
    _ code: String, silent: Bool = false, storeHistory: Bool = true, allowStdin: Bool = false,
    stopOnError: Bool = true
  ) throws -> String {
    try send(
      shell, MessageType.executeRequest,
      [
        "code": .string(code), "silent": .bool(silent), "store_history": .bool(storeHistory),
        "allow_stdin": .bool(allowStdin), "stop_on_error": .bool(stopOnError), "user_expressions": [:],
      ])
  }

  // MARK: receiving

  func receive(_ socket: ZMQSocket, timeout: Double = 5, file: StaticString = #filePath, line: UInt = #line) throws
    -> Message
  {
    guard try ZMQPoller.poll([socket], timeoutMilliseconds: Int(timeout * 1000))[0] else {
      XCTFail("timed out waiting for a message", file: file, line: line)
      throw ZMQError(operation: "receive (test timeout)", code: EAGAIN)
    }
    return try codec.decode(socket.receive())
  }

  /// Whether a message arrives on `socket` within `timeout` seconds.
  func hasMessage(_ socket: ZMQSocket, within timeout: Double) throws -> Bool {
    try ZMQPoller.poll([socket], timeoutMilliseconds: Int(timeout * 1000))[0]
  }

  /// Waits for the first iopub_welcome (the subscription is live from then on).
  func awaitWelcome() throws -> Message {
    while true {
      let message = try receive(iopub)
      if message.msgType == MessageType.iopubWelcome { return message }
    }
  }

  /// The iopub messages of `parentID`, from its busy status to its idle status inclusive.
  func iopubMessages(for parentID: String, timeout: Double = 5) throws -> [Message] {
    var collected: [Message] = []
    while true {
      let message = try receive(iopub, timeout: timeout)
      guard message.parentHeader["msg_id"]?.stringValue == parentID else { continue }
      collected.append(message)
      if message.msgType == MessageType.status, message.content["execution_state"] == "idle" { return collected }
    }
  }

  // MARK: stopping

  /// Sends shutdown_request on control and waits for run() to return.
  func shutdown(restart: Bool = false) throws -> (reply: Message, exit: KernelExit?) {
    try send(control, MessageType.shutdownRequest, ["restart": .bool(restart)])
    let reply = try receive(control)
    let returned = finished.wait(timeout: .now() + 5) == .success
    XCTAssertTrue(returned, "run() did not return after shutdown")
    stopped = true
    return (reply, exitValue.current)
  }

  /// Waits up to `timeout` seconds for run() to return without being asked to; returns how it ended.
  func waitForExit(timeout: Double) -> KernelExit? {
    guard finished.wait(timeout: .now() + timeout) == .success else { return nil }
    stopped = true
    return exitValue.current
  }

  deinit {
    if !stopped {
      _ = try? send(control, MessageType.shutdownRequest, ["restart": false])
      _ = finished.wait(timeout: .now() + 5)
    }
    try? FileManager.default.removeItem(at: directory)
  }
}
