import JupyterProtocol
import ZeroMQ

/// The control thread: shutdown, interrupt and kernel_info, answered even while a cell runs on shell.
struct ControlChannel: Sendable {
  let socket: ZMQSocket
  let core: KernelCore

  func run() {
    while !core.state.isStopping {
      let ready: Bool
      do {
        ready = try ZMQPoller.poll([socket], descriptors: [core.state.stop.descriptor], timeoutMilliseconds: -1)[0]
      } catch {
        core.log("control: \(error)")
        return
      }
      guard ready else { continue }
      while !core.state.isStopping, let frames = try? socket.receive(dontWait: true) {
        guard let request = core.decode(frames, channel: "control") else { continue }
        handle(request)
      }
    }
  }

  private func handle(_ request: Message) {
    switch request.msgType {
    case MessageType.kernelInfoRequest:
      core.kernelInfo(request, on: socket)
    case MessageType.shutdownRequest:
      core.shutdown(request, on: socket)
    case MessageType.interruptRequest:
      core.busy(request) {
        core.interrupt()
        core.reply(on: socket, to: request, msgType: MessageType.interruptReply, content: ReplyContent.interrupt())
      }
    default:
      core.log("dropped message on control: unsupported msg_type '\(request.msgType)'")
    }
  }
}
