import JupyterProtocol
import ZeroMQ

/// What every channel thread shares: the language, codec, publisher and state, and the helpers to receive,
/// reply and answer the requests that shell and control have in common.
struct KernelCore: Sendable {
  let language: any KernelLanguage
  let configuration: KernelConfiguration
  let codec: WireCodec
  let publisher: IOPubPublisher
  let state: KernelState

  var session: String { publisher.session }
  var log: KernelLog { configuration.log }

  /// Decodes `frames` received on `channel`; logs one line and returns `nil` for anything not to be served
  /// (bad or missing signature, replay, malformed frames or JSON).
  func decode(_ frames: [[UInt8]], channel: String) -> Message? {
    let message: Message
    do {
      message = try codec.decode(frames)
    } catch {
      log("dropped message on \(channel): \(error.reason)")
      return nil
    }
    guard state.admit(signature: message.signature) else {
      log("dropped message on \(channel): replayed signature")
      return nil
    }
    return message
  }

  /// Sends a reply to `request` on `socket` (shell, control or stdin ROUTER).
  func reply(on socket: ZMQSocket, to request: Message, msgType: String, content: JSONValue) {
    let message = Message.child(of: request, msgType: msgType, session: session, content: content)
    do {
      try socket.send(codec.encode(message))
    } catch {
      log("could not send \(msgType): \(error)")
    }
  }

  /// Runs `body` between `status: busy` and `status: idle` for `request`, as the spec asks for every request
  /// on shell and control.
  func busy(_ request: Message, _ body: () -> Void) {
    publisher.status(.busy, parent: request)
    body()
    publisher.status(.idle, parent: request)
  }

  /// `kernel_info_request` (shell or control).
  func kernelInfo(_ request: Message, on socket: ZMQSocket) {
    busy(request) {
      let content = ReplyContent.kernelInfo(
        language.info, implementation: configuration.implementation,
        implementationVersion: configuration.implementationVersion)
      reply(on: socket, to: request, msgType: MessageType.kernelInfoReply, content: content)
    }
  }

  /// `shutdown_request` (control; still honoured on shell): reply echoing `restart`, then stop.
  func shutdown(_ request: Message, on socket: ZMQSocket) {
    let restart: Bool
    do {
      restart = try ShutdownRequestContent(request.content).restart
    } catch {
      log("dropped message: \(error.reason)")
      return
    }
    busy(request) {
      reply(
        on: socket, to: request, msgType: MessageType.shutdownReply, content: ReplyContent.shutdown(restart: restart))
    }
    stop(restart: restart)
  }

  /// Stops the kernel: interrupts a running cell so the shell thread can finish too, then asks every channel
  /// loop to return (after a shutdown request, or when the parent process has exited).
  func stop(restart: Bool) {
    language.interrupt()
    state.noteInterrupt()
    state.requestStop(restart: restart)
  }

  /// Interrupts the running cell (control `interrupt_request`, SIGINT). Harmless when idle.
  func interrupt() {
    state.noteInterrupt()
    language.interrupt()
  }
}
