import Dispatch
import Foundation
import JupyterProtocol
import Synchronization

/// Ctrl-C during a headless run: the first SIGINT interrupts the running cell (its outputs so far and a
/// `KeyboardInterrupt` are saved, like a failed cell) and stops the run; a second one exits at once with
/// status 130 (the notebook on disk is then the one saved after the last finished cell, since every save
/// is atomic).
public final class InterruptOnSIGINT: Sendable {
  private let signals = Atomic<Int>(0)
  // Kept only so the source lives as long as the run; set once in init, never touched again.
  nonisolated(unsafe) private let source: any DispatchSourceSignal

  public init(_ language: any KernelLanguage) {
    signal(SIGINT, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler { [self] in
      if signals.add(1, ordering: .relaxed).newValue > 1 {
        // The conventional status of a process ended by SIGINT.
        exit(130)
      }
      language.interrupt()
    }
    source.resume()
  }

  /// Whether a SIGINT arrived.
  public var requested: @Sendable () -> Bool {
    { [self] in signals.load(ordering: .relaxed) > 0 }
  }
}

extension ExecutionError {
  /// `Name: value` cut at its first line, for a one-line message about a failed cell.
  public var firstLine: String {
    let text = value.isEmpty ? name : "\(name): \(value)"
    return String(text.split(separator: "\n", omittingEmptySubsequences: true).first ?? Substring(text))
  }
}
