import Foundation
import XCTest

@testable import JupyterProtocol

final class WireCodecTests: XCTestCase {
  private let codec = WireCodec(signer: MessageSigner(key: Array("secret".utf8)))

  private func sample() -> Message {
    Message(
      identities: [Array("peer".utf8)],
      header: MessageHeader(
        msgType: "execute_request", session: "s1", username: "u", msgID: "m1",
        date: "2024-01-02T03:04:05.000006Z"),
      content: ["code": "1 + 2"])
  }

  func testEncodeLaysOutFramesAsTheSpecSays() {
    let frames = codec.encode(sample())
    XCTAssertEqual(frames.count, 7)
    XCTAssertEqual(frames[0], Array("peer".utf8))
    XCTAssertEqual(frames[1], Array("<IDS|MSG>".utf8))
    XCTAssertEqual(frames[2].count, 64)
    XCTAssertEqual(
      String(decoding: frames[3], as: UTF8.self),
      #"{"date":"2024-01-02T03:04:05.000006Z","msg_id":"m1","msg_type":"execute_request","session":"s1","username":"u","version":"5.5"}"#
    )
    XCTAssertEqual(String(decoding: frames[4], as: UTF8.self), "{}")
    XCTAssertEqual(String(decoding: frames[6], as: UTF8.self), #"{"code":"1 + 2"}"#)
  }

  func testRoundTripKeepsIdentitiesHeaderAndContent() throws {
    let decoded = try codec.decode(codec.encode(sample()))
    XCTAssertEqual(decoded.identities, [Array("peer".utf8)])
    XCTAssertEqual(decoded.header.msgID, "m1")
    XCTAssertEqual(decoded.msgType, "execute_request")
    XCTAssertEqual(decoded.content, ["code": "1 + 2"])
    XCTAssertEqual(decoded.signature.count, 64)
  }

  func testForgedSignatureIsRejected() {
    var frames = codec.encode(sample())
    frames[2] = Array(String(repeating: "0", count: 64).utf8)
    XCTAssertThrowsError(try codec.decode(frames)) { XCTAssertEqual(($0 as? WireError)?.reason, "invalid signature") }
  }

  func testTamperedContentIsRejected() {
    var frames = codec.encode(sample())
    frames[6] = Array(#"{"code":"rm -rf"}"#.utf8)
    XCTAssertThrowsError(try codec.decode(frames)) { XCTAssertEqual(($0 as? WireError)?.reason, "invalid signature") }
  }

  func testUnsignedMessageIsRejectedWhenAKeyIsSet() {
    let unsigned = WireCodec(signer: MessageSigner(key: [])).encode(sample())
    XCTAssertThrowsError(try codec.decode(unsigned)) { XCTAssertEqual(($0 as? WireError)?.reason, "unsigned message") }
  }

  func testMessageSignedWithAnotherKeyIsRejected() {
    let other = WireCodec(signer: MessageSigner(key: Array("other".utf8))).encode(sample())
    XCTAssertThrowsError(try codec.decode(other)) { XCTAssertEqual(($0 as? WireError)?.reason, "invalid signature") }
  }

  func testMalformedFramesAreRejectedWithAReason() {
    XCTAssertThrowsError(try codec.decode([Array("garbage".utf8)])) {
      XCTAssertEqual(($0 as? WireError)?.reason, "no <IDS|MSG> delimiter frame")
    }
    XCTAssertThrowsError(try codec.decode([Array("<IDS|MSG>".utf8), [], [], []])) {
      XCTAssertEqual(($0 as? WireError)?.reason, "3 frames after <IDS|MSG>, expected at least 5")
    }
    let unsignedCodec = WireCodec(signer: MessageSigner(key: []))
    let badJSON: [[UInt8]] = [
      Array("<IDS|MSG>".utf8), [], Array("{".utf8), Array("{}".utf8), Array("{}".utf8),
      Array("{}".utf8),
    ]
    XCTAssertThrowsError(try unsignedCodec.decode(badJSON)) {
      XCTAssertEqual(
        ($0 as? WireError)?.reason,
        "header: invalid JSON at 1:2 (byte 1): expected a string key in object")
    }
    let wrongType: [[UInt8]] = [
      Array("<IDS|MSG>".utf8), [], Array(#"{"msg_id":"a","msg_type":5}"#.utf8),
      Array("{}".utf8), Array("{}".utf8), Array("{}".utf8),
    ]
    XCTAssertThrowsError(try unsignedCodec.decode(wrongType)) {
      XCTAssertEqual(($0 as? WireError)?.reason, "header: 'msg_type' must be a string")
    }
  }

  func testOversizedFrameIsRejected() {
    let small = WireCodec(signer: MessageSigner(key: []), maximumFrameSize: 16)
    var message = sample()
    message.content = ["code": .string(String(repeating: "x", count: 100))]
    XCTAssertThrowsError(try small.decode(small.encode(message)))
  }

  // MARK: interoperability with jupyter_client (fixtures from Fixtures/make_fixtures.py)

  private struct Fixture {
    let key: String
    let fromJupyterClient: [[UInt8]]
    let canonical: [[UInt8]]
  }

  private func fixture() throws -> Fixture {
    let url = try XCTUnwrap(
      Bundle.module.url(
        forResource: "session_frames", withExtension: "json",
        subdirectory: "Fixtures"))
    let json = try JSONParser().parse(Array(try Data(contentsOf: url)))
    func frames(_ key: String) throws -> [[UInt8]] {
      try XCTUnwrap(json[key]?.arrayValue).map {
        Array(try XCTUnwrap(Data(base64Encoded: try XCTUnwrap($0.stringValue))))
      }
    }
    return Fixture(
      key: try XCTUnwrap(json["key"]?.stringValue), fromJupyterClient: try frames("from_jupyter_client"),
      canonical: try frames("canonical"))
  }

  func testMessageSignedByJupyterClientVerifiesAndDecodes() throws {
    let fixture = try fixture()
    let codec = WireCodec(signer: MessageSigner(key: Array(fixture.key.utf8)))
    let message = try codec.decode(fixture.fromJupyterClient)
    XCTAssertEqual(message.identities, [Array("client-identity".utf8)])
    XCTAssertEqual(message.header.msgType, "execute_request")
    XCTAssertEqual(message.header.date, "2024-03-05T09:08:07.654321Z")
    XCTAssertEqual(message.content["code"], "print \"héllo, 世界 🛒\"\nx = 1 + 2")
    XCTAssertEqual(message.metadata, ["cellId": "c1"])
  }

  func testMessageSignedHereIsByteIdenticalToOneJupyterClientVerified() throws {
    let fixture = try fixture()
    let codec = WireCodec(signer: MessageSigner(key: Array(fixture.key.utf8)))
    let decoded = try codec.decode(fixture.fromJupyterClient)
    // Re-encode what we decoded: the canonical fixture was verified by jupyter_client's Session.deserialize.
    XCTAssertEqual(codec.encode(decoded), fixture.canonical)
  }
}
