import Foundation
import JupyterProtocol
import ZeroMQ

/// The ``OutputSink`` of one execution: publishes its outputs on iopub with the request as parent and asks
/// for input on stdin.
final class KernelOutputSink: OutputSink {
  private let parent: Message
  private let core: KernelCore
  private let stdin: ZMQSocket
  private let allowStdin: Bool

  init(parent: Message, core: KernelCore, stdin: ZMQSocket, allowStdin: Bool) {
    self.parent = parent
    self.core = core
    self.stdin = stdin
    self.allowStdin = allowStdin
  }

  func stream(_ name: StreamName, _ text: String) {
    guard !text.isEmpty else { return }
    core.publisher.publish(MessageType.stream, content: BroadcastContent.stream(name, text), parent: parent)
  }

  func display(_ bundle: MIMEBundle, displayID: String?) {
    core.publisher.publish(MessageType.displayData, content: BroadcastContent.display(bundle, displayID: displayID),
                           parent: parent)
  }

  func updateDisplay(_ bundle: MIMEBundle, displayID: String) {
    core.publisher.publish(MessageType.updateDisplayData,
                           content: BroadcastContent.display(bundle, displayID: displayID), parent: parent)
  }

  func clearOutput(wait: Bool) {
    core.publisher.publish(MessageType.clearOutput, content: BroadcastContent.clearOutput(wait: wait), parent: parent)
  }

  /// Sends `input_request` to the front end that sent the execute request and waits for its `input_reply`.
  ///
  /// Waits in short polls so that an interrupt (control channel or SIGINT) or a shutdown ends the wait.
  func readInput(prompt: String, password: Bool) throws -> String {
    guard allowStdin else { throw InputError.notAllowed }
    let generation = core.state.interruptGeneration
    let request = Message.child(of: parent, msgType: MessageType.inputRequest, session: core.session,
                                content: BroadcastContent.inputRequest(prompt: prompt, password: password))
    try sendInputRequest(core.codec.encode(request), generation: generation)
    while true {
      if core.state.interruptGeneration != generation || core.state.isStopping { throw InputError.interrupted }
      let ready: Bool
      do {
        ready = try ZMQPoller.poll([stdin], timeoutMilliseconds: 20)[0]
      } catch {
        throw InputError("stdin: \(error)")
      }
      guard ready, let frames = try? stdin.receive(dontWait: true),
        let reply = core.decode(frames, channel: "stdin")
      else { continue }
      guard reply.msgType == MessageType.inputReply else {
        core.log("dropped message on stdin: unexpected msg_type '\(reply.msgType)'")
        continue
      }
      do {
        return try InputReplyContent(reply.content).value
      } catch {
        core.log("dropped message on stdin: \(error.reason)")
      }
    }
  }

  /// Sends the request; while the front end's stdin socket is not connected yet (a client that connected
  /// its channels a moment ago), retries every 20 ms for up to 5 s, or until interrupted.
  private func sendInputRequest(_ frames: [[UInt8]], generation: Int) throws {
    var attempts = 0
    while true {
      do {
        try stdin.send(frames)
        return
      } catch let error as ZMQError where error.isHostUnreachable && attempts < 250 {
        attempts += 1
        if core.state.interruptGeneration != generation || core.state.isStopping { throw InputError.interrupted }
        Thread.sleep(forTimeInterval: 0.02)
      } catch {
        throw InputError("could not send input_request: the front end's stdin channel is not connected (\(error))")
      }
    }
  }
}
