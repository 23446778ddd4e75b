/// A rich output: representations keyed by MIME type, plus per-type metadata.
///
/// Every bundle carries `text/plain`; richer types (`text/html`, `image/svg+xml`, a vendor JSON type)
/// come beside it for front ends that render them. The kernel sends `data` and `metadata` as they are in
/// `display_data`, `update_display_data` and `execute_result` messages, and the notebook writer stores
/// them in the same shape.
public struct MIMEBundle: Sendable, Hashable {
  /// MIME type → representation (a string for text types, any JSON for `application/…+json` types).
  public var data: [String: JSONValue]
  /// MIME type → metadata object (for example image sizes); usually empty.
  public var metadata: [String: JSONValue]

  public init(data: [String: JSONValue] = [:], metadata: [String: JSONValue] = [:]) {
    self.data = data
    self.metadata = metadata
  }

  /// A bundle with only a `text/plain` representation.
  public static func plain(_ text: String) -> MIMEBundle {
    MIMEBundle(data: ["text/plain": .string(text)])
  }

  /// The `text/plain` representation, if any.
  public var plainText: String? { data["text/plain"]?.stringValue }
}
