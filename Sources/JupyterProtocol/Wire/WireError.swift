/// Why a multipart message was rejected: a short reason fit for one log line, and which check failed.
///
/// A public struct around a private code (as async-http-client's `HTTPClientError`), so new checks can be
/// added without breaking callers that switch on it.
public struct WireError: Error, Sendable, Hashable, CustomStringConvertible {
  private enum Code: Sendable, Hashable {
    case noDelimiter, tooFewFrames, badSignature, missingSignature, invalidJSON, invalidHeader, invalidContent
  }

  private let code: Code
  /// Human-readable detail, for example "header: 'msg_type' must be a string".
  public let reason: String

  private init(_ code: Code, _ reason: String) {
    self.code = code
    self.reason = reason
  }

  public var description: String { reason }

  /// No `<IDS|MSG>` delimiter frame.
  public static func noDelimiter() -> WireError { WireError(.noDelimiter, "no <IDS|MSG> delimiter frame") }
  /// Fewer than the five frames (signature, header, parent, metadata, content) after the delimiter.
  public static func tooFewFrames(_ count: Int) -> WireError {
    WireError(.tooFewFrames, "\(count) frames after <IDS|MSG>, expected at least 5")
  }
  /// The HMAC did not match.
  public static func badSignature() -> WireError { WireError(.badSignature, "invalid signature") }
  /// A key is configured but the message carries no signature.
  public static func missingSignature() -> WireError { WireError(.missingSignature, "unsigned message") }
  /// A frame is not valid UTF-8 JSON.
  public static func invalidJSON(_ frame: String, _ error: JSONParseError) -> WireError {
    WireError(.invalidJSON, "\(frame): \(error)")
  }
  /// The header lacks a field or has one of the wrong type.
  public static func invalidHeader(_ detail: String) -> WireError { WireError(.invalidHeader, "header: \(detail)") }
  /// The content of a known message type has a missing or wrongly typed field.
  public static func invalidContent(_ msgType: String, _ detail: String) -> WireError {
    WireError(.invalidContent, "\(msgType) content: \(detail)")
  }

  /// Whether this is a signature problem (bad, missing); the kernel never answers those.
  public var isSignatureFailure: Bool { code == .badSignature || code == .missingSignature }
}
