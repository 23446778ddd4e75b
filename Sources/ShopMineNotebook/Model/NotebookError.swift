/// Why a notebook could not be read, executed or written.
public struct NotebookError: Error, Sendable, Hashable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
