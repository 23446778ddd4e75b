import Crypto

/// Signs and verifies messages with HMAC-SHA256 over the header, parent header, metadata and content frames.
///
/// An empty key means messages are unsigned (the signature frame is empty and not checked), as the
/// connection-file format specifies. Verification works on the exact bytes received, never on a re-encoding,
/// and compares digests in constant time so the comparison leaks nothing about how much of a forged
/// signature was right.
public struct MessageSigner: Sendable {
  // Raw bytes rather than `SymmetricKey`, which is not `Sendable`; making the key per message costs nothing
  // next to the HMAC itself.
  private let key: [UInt8]?

  /// The only scheme Jupyter uses in practice and the only one this kernel accepts.
  public static let supportedScheme = "hmac-sha256"

  /// A signer for `key` (the connection file's `key`, as UTF-8 bytes); empty means unsigned.
  public init(key: [UInt8]) {
    self.key = key.isEmpty ? nil : key
  }

  /// Whether messages are signed at all.
  public var isSigning: Bool { key != nil }

  /// The lowercase hex HMAC of `parts` (header, parent header, metadata, content), or "" when unsigned.
  public func signature(of parts: [[UInt8]]) -> String {
    guard let key else { return "" }
    var hmac = HMAC<SHA256>(key: SymmetricKey(data: key))
    for part in parts { hmac.update(data: part) }
    return Self.hex(Array(hmac.finalize()))
  }

  /// Whether `signature` (hex ASCII bytes, as received) is the HMAC of `parts`. Always true when unsigned.
  public func verify(signature: [UInt8], parts: [[UInt8]]) -> Bool {
    guard isSigning else { return true }
    let expected = Array(self.signature(of: parts).utf8)
    return Self.constantTimeEqual(expected, signature)
  }

  /// Compares two byte strings in time that depends only on their lengths.
  public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    // Lengths are public (a hex SHA-256 is always 64 bytes); the contents are compared without early exit.
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for i in 0..<a.count { difference |= a[i] ^ b[i] }
    return difference == 0
  }

  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
