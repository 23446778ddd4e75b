import Dispatch
import Foundation
import JupyterProtocol
import ZeroMQ

/// A Jupyter kernel server for any ``KernelLanguage``: binds the five channels of a connection file and
/// serves them until a shutdown request (or until its parent process exits, when asked to watch it).
///
/// Threads (see docs/KERNEL.md): heartbeat, control, shell (evaluation runs here), iopub and the parent
/// watch each run on their own OS thread; the calling thread waits in ``run()`` and tears everything down.
/// Nothing here knows the language: the executable passes one in.
public final class KernelServer: Sendable {
  public let connection: ConnectionInfo
  public let language: any KernelLanguage
  public let configuration: KernelConfiguration

  public init(connection: ConnectionInfo, language: any KernelLanguage, configuration: KernelConfiguration) {
    self.connection = connection
    self.language = language
    self.configuration = configuration
  }

  /// Serves until a `shutdown_request` arrives (returns its `restart` flag) or the process named by
  /// ``KernelConfiguration/parentProcessID`` exits (returns `restart: false`).
  ///
  /// Throws ``KernelStartError`` when a channel cannot be bound (port in use, bad address, Curve keys the
  /// local libzmq cannot use).
  public func run() throws -> KernelExit {
    let context: ZMQContext
    do {
      context = try ZMQContext()
    } catch {
      throw KernelStartError("cannot create a ZeroMQ context: \(error)")
    }
    let session = MessageID.make()
    let codec = WireCodec(signer: connection.signer, maximumFrameSize: configuration.maximumMessageBytes)
    let state = KernelState()

    let shell = try bind(.shell, .router, context)
    let control = try bind(.control, .router, context)
    let stdin = try bind(.stdin, .router, context)
    do {
      // So that an input_request to a front end whose stdin socket is not connected yet can be retried
      // instead of vanishing (see KernelOutputSink.readInput).
      try stdin.setRouterMandatory(true)
    } catch {
      throw KernelStartError("cannot configure the stdin channel: \(error)")
    }
    let heartbeat = try bind(.heartbeat, .router, context)
    let xpub = try bind(.iopub, .extendedPublish, context)
    let descriptor: Int32
    do {
      descriptor = try xpub.notificationDescriptor()
    } catch {
      throw KernelStartError("cannot watch the iopub channel: \(error)")
    }

    let publisher = IOPubPublisher(xpub: xpub, codec: codec, session: session, log: configuration.log)
    let core = KernelCore(
      language: language, configuration: configuration, codec: codec, publisher: publisher,
      state: state)

    // Thread names start with the implementation's name (`<implementation>-shell`).
    let prefix = configuration.implementation
    let log = configuration.log
    let iopubThread = ChannelThread(name: "\(prefix)-iopub") {
      IOPubChannel(publisher: publisher, descriptor: descriptor, stop: state.stop, log: log).run()
    }
    let heartbeatThread = ChannelThread(name: "\(prefix)-heartbeat") {
      HeartbeatChannel(socket: heartbeat, stop: state.stop, log: log).run()
    }
    let controlThread = ChannelThread(name: "\(prefix)-control") { ControlChannel(socket: control, core: core).run() }
    // Evaluation runs on the shell thread and may recurse deeply (parser, expression evaluation): give it a
    // large stack.
    let shellThread = ChannelThread(name: "\(prefix)-shell", stackSize: 64 << 20) {
      ShellChannel(socket: shell, stdin: stdin, core: core).run()
    }
    let finished = Locked(false)
    let parentThread = configuration.parentProcessID.map { parent in
      ChannelThread(name: "\(prefix)-parent") {
        ParentWatch(parent: parent, stop: state.stop, finished: finished, log: log) { core.stop(restart: false) }.run()
      }
    }
    let signalSource = configuration.handlesSIGINT ? installSIGINTHandler(core) : nil

    publisher.status(.starting, parent: nil)
    state.waitForStop()

    signalSource?.cancel()
    shellThread.join()
    controlThread.join()
    heartbeatThread.join()
    iopubThread.join()
    parentThread?.join()
    finished.withLock { $0 = true }
    // Every thread that used a socket has been joined. Close them and terminate the context here, not when
    // the last reference goes away: the finished threads' closures may still hold them when the process
    // exits, and the shutdown reply queued a moment ago would be lost. Termination waits (up to the linger
    // time) until the last replies are out.
    for socket in [shell, control, stdin, heartbeat, xpub] { socket.close() }
    context.terminate()
    return state.exit ?? KernelExit(restart: false)
  }

  private func bind(_ channel: ConnectionInfo.Channel, _ kind: ZMQSocketKind, _ context: ZMQContext) throws
    -> ZMQSocket
  {
    let endpoint = connection.endpoint(channel)
    do {
      let socket = try ZMQSocket(context, kind: kind)
      try socket.setLinger(milliseconds: 1000)
      if kind == .extendedPublish {
        try socket.setExtendedPublishVerbose(true)
        // Never drop output for a slow subscriber: a lost stream is worse than memory held briefly.
        try socket.setHighWaterMarks(send: 0, receive: 0)
      } else {
        try socket.setMaxMessageSize(bytes: Int64(configuration.maximumMessageBytes))
      }
      if channel == .shell || channel == .control {
        // A ROUTER silently drops a reply it cannot queue for its peer past the send high-water mark
        // (1,000 by default): a client that sends many requests and reads its replies late would lose
        // some. Replies are queued without limit instead; requests keep the default receive mark, which
        // pushes back on the sender rather than dropping.
        try socket.setHighWaterMarks(send: 0, receive: 1000)
      }
      if connection.isIPv6 { try socket.setIPv6(true) }
      if let secretKey = connection.curveSecretKey { try socket.makeCurveServer(secretKey: secretKey) }
      try socket.bind(endpoint)
      return socket
    } catch {
      throw KernelStartError("cannot bind \(channel.rawValue) channel to \(endpoint): \(error)")
    }
  }

  /// Turns SIGINT into an interrupt of the running cell (and nothing at all when idle).
  ///
  /// The default action (terminate) is replaced by `SIG_IGN` so that a Ctrl-C in the terminal that started
  /// Jupyter, or `kill -INT`, never kills the kernel; a dispatch source still sees the signal.
  private func installSIGINTHandler(_ core: KernelCore) -> any DispatchSourceSignal {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler { core.interrupt() }
    source.resume()
    return source
  }
}
