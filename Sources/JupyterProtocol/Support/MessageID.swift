#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Fresh message and session ids: random (version 4) UUIDs in lowercase, as jupyter_client makes them.
///
/// These must be unique, not reproducible, so they come from the system's random source (through
/// Foundation's `UUID`); nothing a user computes depends on them.
public enum MessageID {
  /// A new lowercase UUID string such as `1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b`.
  public static func make() -> String {
    UUID().uuidString.lowercased()
  }
}
