import XCTest

@testable import JupyterProtocol

/// HMAC-SHA256 test vectors from RFC 4231, section 4.
final class MessageSignerTests: XCTestCase {
  private func bytes(hex: String) -> [UInt8] {
    var out: [UInt8] = []
    var iterator = hex.makeIterator()
    while let high = iterator.next(), let low = iterator.next() {
      out.append(UInt8(String([high, low]), radix: 16) ?? 0)
    }
    return out
  }

  private func hmac(key: [UInt8], data: [UInt8]) -> String {
    MessageSigner(key: key).signature(of: [data])
  }

  func testRFC4231Case1() {
    XCTAssertEqual(
      hmac(key: Array(repeating: 0x0b, count: 20), data: Array("Hi There".utf8)),
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
  }

  func testRFC4231Case2() {
    XCTAssertEqual(
      hmac(key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8)),
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
  }

  func testRFC4231Case3() {
    XCTAssertEqual(
      hmac(key: Array(repeating: 0xaa, count: 20), data: Array(repeating: 0xdd, count: 50)),
      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
  }

  func testRFC4231Case4() {
    XCTAssertEqual(
      hmac(
        key: bytes(hex: "0102030405060708090a0b0c0d0e0f10111213141516171819"),
        data: Array(repeating: 0xcd, count: 50)),
      "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
  }

  func testRFC4231Case6KeyLongerThanBlock() {
    XCTAssertEqual(
      hmac(
        key: Array(repeating: 0xaa, count: 131),
        data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
  }

  func testRFC4231Case7() {
    let data =
      "This is a test using a larger than block-size key and a larger than block-size data. "
      + "The key needs to be hashed before being used by the HMAC algorithm."
    XCTAssertEqual(
      hmac(key: Array(repeating: 0xaa, count: 131), data: Array(data.utf8)),
      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
  }

  func testSignatureCoversThePartsInOrder() {
    let signer = MessageSigner(key: Array("key".utf8))
    XCTAssertEqual(
      signer.signature(of: [Array("ab".utf8), Array("c".utf8)]), signer.signature(of: [Array("abc".utf8)]))
    XCTAssertNotEqual(signer.signature(of: [Array("ab".utf8)]), signer.signature(of: [Array("ba".utf8)]))
  }

  func testEmptyKeyMeansUnsigned() {
    let signer = MessageSigner(key: [])
    XCTAssertFalse(signer.isSigning)
    XCTAssertEqual(signer.signature(of: [[1, 2, 3]]), "")
    XCTAssertTrue(signer.verify(signature: [], parts: [[1, 2, 3]]))
  }

  func testConstantTimeEqual() {
    XCTAssertTrue(MessageSigner.constantTimeEqual([1, 2, 3], [1, 2, 3]))
    XCTAssertFalse(MessageSigner.constantTimeEqual([1, 2, 3], [1, 2, 4]))
    XCTAssertFalse(MessageSigner.constantTimeEqual([1, 2, 3], [1, 2]))
  }
}
