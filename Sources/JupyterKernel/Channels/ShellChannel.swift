import JupyterProtocol
import ZeroMQ

/// The shell thread: one request at a time, evaluation included.
///
/// Owns the stdin socket too (only a running cell asks for input) and the history, so neither needs a lock.
struct ShellChannel: Sendable {
  let socket: ZMQSocket
  let stdin: ZMQSocket
  let core: KernelCore

  func run() {
    var session = ShellSession(history: HistoryStore(fileURL: core.configuration.historyFile, log: core.log))
    while !core.state.isStopping {
      let ready: Bool
      do {
        ready = try ZMQPoller.poll([socket], descriptors: [core.state.stop.descriptor], timeoutMilliseconds: -1)[0]
      } catch {
        core.log("shell: \(error)")
        return
      }
      guard ready else { continue }
      while !core.state.isStopping, let frames = try? socket.receive(dontWait: true) {
        guard let request = core.decode(frames, channel: "shell") else { continue }
        if case .abort(let queued) = handle(request, session: &session) { abort(queued, session: &session) }
      }
    }
  }

  /// What the loop does after a request: carry on, or answer the requests that were queued when a cell
  /// failed with `stop_on_error`.
  enum AfterRequest { case proceed, abort([[[UInt8]]]) }

  private func handle(_ request: Message, session: inout ShellSession) -> AfterRequest {
    do {
      switch request.msgType {
      case MessageType.executeRequest:
        // A cell's outputs must reach the client that sent it: wait for its iopub subscription if none has
        // arrived yet. Not for kernel_info: clients probe readiness with it and check iopub themselves.
        core.publisher.awaitFirstSubscriber(milliseconds: core.configuration.firstSubscriberWaitMilliseconds)
        return execute(request, try ExecuteRequestContent(request.content), session: &session)
      case MessageType.kernelInfoRequest:
        core.kernelInfo(request, on: socket)
      case MessageType.completeRequest:
        let content = try CompleteRequestContent(request.content)
        core.busy(request) {
          let result = core.language.complete(content.code, cursor: content.cursorPos)
          core.reply(
            on: socket, to: request, msgType: MessageType.completeReply, content: ReplyContent.complete(result))
        }
      case MessageType.inspectRequest:
        let content = try InspectRequestContent(request.content)
        core.busy(request) {
          let result = core.language.inspect(content.code, cursor: content.cursorPos, detailLevel: content.detailLevel)
          core.reply(on: socket, to: request, msgType: MessageType.inspectReply, content: ReplyContent.inspect(result))
        }
      case MessageType.isCompleteRequest:
        let content = try IsCompleteRequestContent(request.content)
        core.busy(request) {
          let result = core.language.isComplete(content.code)
          core.reply(
            on: socket, to: request, msgType: MessageType.isCompleteReply,
            content: ReplyContent.isComplete(result))
        }
      case MessageType.historyRequest:
        let content = try HistoryRequestContent(request.content)
        let entries = session.history.reply(content)
        core.busy(request) {
          core.reply(on: socket, to: request, msgType: MessageType.historyReply, content: ReplyContent.history(entries))
        }
      case MessageType.commInfoRequest:
        _ = try CommInfoRequestContent(request.content)
        core.busy(request) {
          core.reply(on: socket, to: request, msgType: MessageType.commInfoReply, content: ReplyContent.commInfo())
        }
      case MessageType.commOpen:
        // No comm targets exist: close the comm at once so the front end does not wait for it.
        let content = try CommOpenContent(request.content)
        core.busy(request) {
          core.publisher.publish(
            MessageType.commClose, content: BroadcastContent.commClose(commID: content.commID),
            parent: request)
        }
      case MessageType.commMsg, MessageType.commClose:
        core.busy(request) {}
      case MessageType.shutdownRequest:
        core.shutdown(request, on: socket)
      default:
        core.log("dropped message on shell: unsupported msg_type '\(request.msgType)'")
      }
    } catch {
      core.log("dropped message on shell: \(error.reason)")
    }
    return .proceed
  }

  /// One `execute_request`: busy → execute_input → outputs → execute_result/error → reply → idle.
  private func execute(
    _ request: Message, _ content: ExecuteRequestContent,
    session: inout ShellSession
  ) -> AfterRequest {
    var after = AfterRequest.proceed
    // The history line is written after idle: the file append is bookkeeping, and a client waiting for
    // the reply and idle should not wait for the disk too.
    var historyLine: (line: Int, output: String?)? = nil
    core.busy(request) {
      // The counter moves only for cells stored in history (spec: "execution_count … increases by one with
      // each request that stores history"); other cells report the current value.
      let count = content.storeHistory ? session.executionCount + 1 : session.executionCount
      if content.storeHistory { session.executionCount = count }
      if !content.silent {
        core.publisher.publish(
          MessageType.executeInput,
          content: BroadcastContent.executeInput(code: content.code, executionCount: count),
          parent: request)
      }
      let sink = KernelOutputSink(parent: request, core: core, stdin: stdin, allowStdin: content.allowStdin)
      let outcome = core.language.execute(
        ExecutionRequest(
          code: content.code, silent: content.silent, storeHistory: content.storeHistory,
          allowStdin: content.allowStdin, executionCount: count),
        sink: sink)
      // Held stream text goes out before the result, the error and the reply.
      sink.finish()
      switch outcome {
      case .ok(let result, let payloads):
        if let result, !content.silent {
          core.publisher.publish(
            MessageType.executeResult,
            content: BroadcastContent.executeResult(result, executionCount: count), parent: request)
        }
        core.reply(
          on: socket, to: request, msgType: MessageType.executeReply,
          content: ReplyContent.executeOK(executionCount: count, payload: payloads))
        if content.storeHistory { historyLine = (count, result?.plainText) }
      case .error(let error):
        // Collect what is queued *before* replying: a client that waits for this reply and then sends its
        // next cell must not see that cell aborted.
        if content.stopOnError { after = .abort(drainQueued()) }
        core.publisher.publish(MessageType.error, content: BroadcastContent.error(error), parent: request)
        core.reply(
          on: socket, to: request, msgType: MessageType.executeReply,
          content: ReplyContent.error(error, executionCount: count))
        if content.storeHistory { historyLine = (count, nil) }
      }
    }
    if let historyLine {
      session.history.append(line: historyLine.line, input: content.code, output: historyLine.output)
    }
    return after
  }

  /// Every message already waiting on the shell socket.
  private func drainQueued() -> [[[UInt8]]] {
    var queued: [[[UInt8]]] = []
    while let frames = try? socket.receive(dontWait: true) { queued.append(frames) }
    return queued
  }

  /// After a failed cell with `stop_on_error`, answers every execute request that was queued behind it with
  /// an error reply instead of running it (status "error", as protocol 5.1+ asks, not the deprecated
  /// "aborted"). Other queued requests are served normally, in order.
  private func abort(_ queued: [[[UInt8]]], session: inout ShellSession) {
    for frames in queued {
      guard let request = core.decode(frames, channel: "shell") else { continue }
      guard request.msgType == MessageType.executeRequest else {
        _ = handle(request, session: &session)
        continue
      }
      core.busy(request) {
        let aborted = ExecutionError(
          name: "ExecutionAborted", value: "not run: an earlier cell failed and stop_on_error is set", traceback: [])
        core.reply(
          on: socket, to: request, msgType: MessageType.executeReply,
          content: ReplyContent.error(aborted, executionCount: session.executionCount))
      }
    }
  }
}

/// The shell thread's own mutable state.
struct ShellSession {
  var executionCount = 0
  var history: HistoryStore
}
