/// Why a JSON document could not be parsed, and where (byte offset, 1-based line and column).
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What was wrong, for example "expected ':' after an object key".
  public let message: String
  /// Byte offset into the input where the problem was found.
  public let offset: Int
  /// 1-based line of ``offset``.
  public let line: Int
  /// 1-based column of ``offset``, counted in bytes.
  public let column: Int

  public init(message: String, offset: Int, line: Int, column: Int) {
    self.message = message
    self.offset = offset
    self.line = line
    self.column = column
  }

  public var description: String { "invalid JSON at \(line):\(column) (byte \(offset)): \(message)" }
}
