import CZeroMQ

/// CurveZMQ key helpers.
public enum ZMQCurve {
  /// A fresh key pair, both as 40-character Z85 strings. Throws when libzmq was built without Curve.
  public static func keyPair() throws -> (publicKey: String, secretKey: String) {
    var publicKey = [CChar](repeating: 0, count: 41)
    var secretKey = [CChar](repeating: 0, count: 41)
    guard zmq_curve_keypair(&publicKey, &secretKey) == 0 else { throw ZMQError.last("zmq_curve_keypair") }
    return (decode(publicKey), decode(secretKey))
  }

  /// The public key belonging to a Z85 secret key.
  public static func publicKey(forSecretKey secretKey: String) throws -> String {
    var publicKey = [CChar](repeating: 0, count: 41)
    let bytes = Array(secretKey.utf8)
    guard bytes.count == 40 else {
      throw ZMQError(operation: "zmq_curve_public: a Z85 key has 40 characters, got \(bytes.count)", code: EINVAL)
    }
    let secret = bytes.map { CChar(bitPattern: $0) } + [0]
    guard zmq_curve_public(&publicKey, secret) == 0 else { throw ZMQError.last("zmq_curve_public") }
    return decode(publicKey)
  }

  private static func decode(_ chars: [CChar]) -> String {
    String(decoding: chars.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
