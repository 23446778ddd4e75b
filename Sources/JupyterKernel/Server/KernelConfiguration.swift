import Foundation

/// How a ``KernelServer`` identifies itself and where it keeps state.
public struct KernelConfiguration: Sendable {
  /// `implementation` in `kernel_info_reply`.
  public var implementation: String
  /// `implementation_version` in `kernel_info_reply`.
  public var implementationVersion: String
  /// Where history is appended (`nil`: memory only). See ``JupyterPaths/historyFile``.
  public var historyFile: URL?
  /// Larger incoming messages are refused: libzmq disconnects the sender (`ZMQ_MAXMSGSIZE`).
  public var maximumMessageBytes: Int
  /// How stream output of one cell is coalesced and capped (see ``StreamLimits``).
  public var streamLimits: StreamLimits
  /// Whether SIGINT interrupts the running cell (true for the real kernel; in-process tests turn it off).
  public var handlesSIGINT: Bool
  /// How long the first cell waits for a client to subscribe to iopub, so that its output is not
  /// published to nobody (see ``IOPubPublisher/awaitFirstSubscriber(milliseconds:)``); 0 never waits.
  public var firstSubscriberWaitMilliseconds: Int
  /// Where dropped messages and socket errors are reported (by default standard error, each line prefixed
  /// with the implementation name).
  public var log: KernelLog
  /// The kernel stops, as after a shutdown request, once this process is no longer its parent (it has
  /// exited); `nil` never. See ``parentToWatch(environment:currentParent:)`` for Jupyter's convention.
  public var parentProcessID: Int32?

  /// The server takes every name from here (`implementation` also names its threads and log lines), so
  /// the library serves any language.
  public init(
    implementation: String, implementationVersion: String, historyFile: URL? = nil,
    maximumMessageBytes: Int = 64 << 20, streamLimits: StreamLimits = StreamLimits(),
    handlesSIGINT: Bool = true, firstSubscriberWaitMilliseconds: Int = 2000,
    log: KernelLog? = nil, parentProcessID: Int32? = nil
  ) {
    self.implementation = implementation
    self.implementationVersion = implementationVersion
    self.historyFile = historyFile
    self.maximumMessageBytes = maximumMessageBytes
    self.streamLimits = streamLimits
    self.handlesSIGINT = handlesSIGINT
    self.firstSubscriberWaitMilliseconds = firstSubscriberWaitMilliseconds
    self.log = log ?? .standardError(prefix: implementation)
    self.parentProcessID = parentProcessID
  }
}

/// Why a kernel could not start, naming the channel and endpoint.
public struct KernelStartError: Error, Sendable, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// How ``KernelServer/run()`` ended.
public struct KernelExit: Sendable, Hashable {
  /// The `restart` flag of the shutdown request that stopped the kernel.
  public var restart: Bool
}
