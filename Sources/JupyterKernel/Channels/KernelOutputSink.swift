import Dispatch
import Foundation
import JupyterProtocol
import ZeroMQ

/// The ``OutputSink`` of one execution: publishes its outputs on iopub with the request as parent and asks
/// for input on stdin.
///
/// Stream text is coalesced and capped (see ``StreamLimits``): a cell that prints in a tight loop would
/// otherwise send one iopub message per line, and Jupyter server stops forwarding iopub past 1000 messages
/// or 1 MB per second (`iopub_msg_rate_limit`, `iopub_data_rate_limit`) and shows its own warning instead.
/// Text is held for at most ``StreamLimits/flushInterval`` and always published before any other output of
/// the cell, so the order the language produced is the order the front end sees.
final class KernelOutputSink: OutputSink, @unchecked Sendable {
  // @unchecked: the mutable stream buffer lives in `buffer`, whose lock also serialises publishing.
  private let parent: Message
  private let core: KernelCore
  private let stdin: ZMQSocket
  private let allowStdin: Bool
  private let limits: StreamLimits
  private let buffer = Locked(StreamBuffer())

  init(parent: Message, core: KernelCore, stdin: ZMQSocket, allowStdin: Bool) {
    self.parent = parent
    self.core = core
    self.stdin = stdin
    self.allowStdin = allowStdin
    self.limits = core.configuration.streamLimits
  }

  func stream(_ name: StreamName, _ text: String) {
    guard !text.isEmpty else { return }
    let scheduleFlush = buffer.withLock { buffer -> Bool in
      guard !buffer.finished else { return false }
      // stdout and stderr interleave in the order written: switching streams publishes what is held.
      if let pending = buffer.pendingName, pending != name { publishPending(&buffer) }
      guard buffer.accept(name, text, cap: limits.maximumBytesPerCell) else { return false }
      let now = DispatchTime.now().uptimeNanoseconds
      if now &- buffer.lastFlush >= limits.flushIntervalNanoseconds || buffer.pendingBytes >= limits.chunkBytes {
        publishPending(&buffer)
        return false
      }
      guard !buffer.flushScheduled else { return false }
      buffer.flushScheduled = true
      return true
    }
    if scheduleFlush {
      DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(limits.flushIntervalNanoseconds))) {
        self.buffer.withLock { buffer in
          buffer.flushScheduled = false
          guard !buffer.finished else { return }
          self.publishPending(&buffer)
        }
      }
    }
  }

  func display(_ bundle: MIMEBundle, displayID: String?) {
    publishInOrder(MessageType.displayData, BroadcastContent.display(bundle, displayID: displayID))
  }

  func updateDisplay(_ bundle: MIMEBundle, displayID: String) {
    publishInOrder(MessageType.updateDisplayData, BroadcastContent.display(bundle, displayID: displayID))
  }

  func clearOutput(wait: Bool) {
    publishInOrder(MessageType.clearOutput, BroadcastContent.clearOutput(wait: wait))
  }

  /// Publishes held stream text and, when the cap was hit, one note on stderr saying how much was dropped.
  /// Called by the shell thread after the language returns and before the result and reply; later stream
  /// calls (a language's stray worker) are ignored, so nothing can follow `idle`.
  func finish() {
    buffer.withLock { buffer in
      publishPending(&buffer)
      buffer.finished = true
      guard buffer.droppedBytes > 0 else { return }
      let setting = limits.settingName.map { " (\($0))" } ?? ""
      let note =
        "[output truncated: this cell wrote \(buffer.acceptedBytes + buffer.droppedBytes) bytes of "
        + "stream output; only the first \(limits.maximumBytesPerCell) are shown\(setting)]\n"
      core.publisher.publish(MessageType.stream, content: BroadcastContent.stream(.stderr, note), parent: parent)
    }
  }

  /// Publishes a non-stream output after everything held so far.
  private func publishInOrder(_ msgType: String, _ content: JSONValue) {
    buffer.withLock { buffer in
      publishPending(&buffer)
      core.publisher.publish(msgType, content: content, parent: parent)
    }
  }

  /// Publishes the held text as one `stream` message. Call with the buffer's lock held.
  private func publishPending(_ buffer: inout StreamBuffer) {
    buffer.lastFlush = DispatchTime.now().uptimeNanoseconds
    guard let name = buffer.pendingName, !buffer.pending.isEmpty else { return }
    let text = buffer.pending
    buffer.pending = ""
    buffer.pendingBytes = 0
    buffer.pendingName = nil
    core.publisher.publish(MessageType.stream, content: BroadcastContent.stream(name, text), parent: parent)
  }

  /// Sends `input_request` to the front end that sent the execute request and waits for its `input_reply`.
  ///
  /// Waits in short polls so that an interrupt (control channel or SIGINT) or a shutdown ends the wait.
  func readInput(prompt: String, password: Bool) throws -> String {
    guard allowStdin else { throw InputError.notAllowed }
    // A prompt comes after the text printed before it.
    buffer.withLock { publishPending(&$0) }
    let generation = core.state.interruptGeneration
    let request = Message.child(
      of: parent, msgType: MessageType.inputRequest, session: core.session,
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

/// The stream text a cell has written but not yet published, and how much it wrote in all.
struct StreamBuffer {
  var pending = ""
  var pendingBytes = 0
  var pendingName: StreamName?
  /// Bytes accepted for publishing and bytes dropped past the cap, over the whole cell.
  var acceptedBytes = 0
  var droppedBytes = 0
  var lastFlush: UInt64 = 0
  var flushScheduled = false
  var finished = false

  /// Appends `text` to the pending text, cut so the cell's total stays within `cap` bytes; returns false
  /// when nothing was appended.
  mutating func accept(_ name: StreamName, _ text: String, cap: Int) -> Bool {
    let size = text.utf8.count
    let room = max(0, cap - acceptedBytes)
    guard room > 0 else {
      droppedBytes += size
      return false
    }
    var kept = Substring(text)
    if size > room {
      // Cut on a Unicode scalar boundary so the published text stays valid UTF-8.
      var bytes = 0
      var end = text.unicodeScalars.startIndex
      for scalar in text.unicodeScalars {
        let width = UTF8.width(scalar)
        if bytes + width > room { break }
        bytes += width
        end = text.unicodeScalars.index(after: end)
      }
      kept = Substring(text.unicodeScalars[..<end])
      droppedBytes += size - bytes
    }
    guard !kept.isEmpty else { return false }
    pendingName = name
    pending += kept
    pendingBytes += kept.utf8.count
    acceptedBytes += kept.utf8.count
    return true
  }
}

/// How a kernel coalesces and caps the stream output of one cell.
public struct StreamLimits: Sendable, Hashable {
  /// Stream bytes (stdout and stderr together) a cell may publish; the rest is dropped and counted in a
  /// note on stderr.
  public var maximumBytesPerCell: Int
  /// Longest time stream text is held before it is published.
  public var flushInterval: Double
  /// Held text of this size is published at once.
  public var chunkBytes: Int
  /// How a user raises the cap (`mykernel --max-output-bytes`), named in the truncation note; `nil` names
  /// nothing.
  public var settingName: String?

  /// 1 MiB per cell, held at most 50 ms, published at least every 256 KiB: at most about 20 stream messages
  /// a second per cell, well under Jupyter server's default 1000 messages per second.
  public init(
    maximumBytesPerCell: Int = 1 << 20, flushInterval: Double = 0.05, chunkBytes: Int = 256 << 10,
    settingName: String? = nil
  ) {
    self.settingName = settingName
    self.maximumBytesPerCell = max(0, maximumBytesPerCell)
    self.flushInterval = max(0, flushInterval)
    self.chunkBytes = max(1, chunkBytes)
  }

  var flushIntervalNanoseconds: UInt64 { UInt64(flushInterval * 1e9) }
}
