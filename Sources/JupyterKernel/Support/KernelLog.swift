import Foundation

/// Where the kernel writes its one-line diagnostics (dropped messages, socket errors).
///
/// Defaults to standard error, which Jupyter front ends show in the server log. Tests install their own
/// sink to count lines.
public struct KernelLog: Sendable {
  private let sink: @Sendable (String) -> Void

  public init(_ sink: @escaping @Sendable (String) -> Void) {
    self.sink = sink
  }

  /// Lines prefixed with `prefix:` (the kernel's implementation name) on standard error.
  public static func standardError(prefix: String) -> KernelLog {
    KernelLog { line in FileHandle.standardError.write(Data("\(prefix): \(line)\n".utf8)) }
  }

  /// Writes one line.
  public func callAsFunction(_ line: String) {
    sink(line)
  }
}
