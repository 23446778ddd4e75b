import XCTest

@testable import ZeroMQ

final class ZeroMQTests: XCTestCase {
  func testRouterDealerRoundTripKeepsEveryFrame() throws {
    let context = try ZMQContext()
    let router = try ZMQSocket(context, kind: .router)
    try router.bind("inproc://round-trip")
    let dealer = try ZMQSocket(context, kind: .dealer)
    try dealer.setRoutingID(Array("client-1".utf8))
    try dealer.connect("inproc://round-trip")

    try dealer.send([Array("a".utf8), [], [0, 255, 7]])
    let received = try router.receive()
    XCTAssertEqual(received, [Array("client-1".utf8), Array("a".utf8), [], [0, 255, 7]])

    try router.send(received)
    XCTAssertEqual(try dealer.receive(), [Array("a".utf8), [], [0, 255, 7]])
  }

  func testPollTimesOutWhenNothingIsQueued() throws {
    let context = try ZMQContext()
    let pull = try ZMQSocket(context, kind: .pull)
    try pull.bind("inproc://quiet")
    let start = ContinuousClock.now
    XCTAssertEqual(try ZMQPoller.poll([pull], timeoutMilliseconds: 30), [false])
    XCTAssertGreaterThanOrEqual(ContinuousClock.now - start, .milliseconds(25))
    XCTAssertThrowsError(try pull.receive(dontWait: true)) { XCTAssertTrue(($0 as? ZMQError)?.isWouldBlock ?? false) }
  }

  func testXPubVerboseReportsEverySubscription() throws {
    let context = try ZMQContext()
    let xpub = try ZMQSocket(context, kind: .extendedPublish)
    try xpub.setExtendedPublishVerbose(true)
    try xpub.bind("inproc://topics")
    let first = try ZMQSocket(context, kind: .subscribe)
    try first.connect("inproc://topics")
    try first.subscribe()
    let second = try ZMQSocket(context, kind: .subscribe)
    try second.connect("inproc://topics")
    try second.subscribe()
    XCTAssertEqual(try xpub.receive(), [[1]])
    XCTAssertEqual(try xpub.receive(), [[1]])  // verbose: the repeated empty topic comes up too
    try xpub.send([Array("t".utf8), Array("hello".utf8)])
    XCTAssertEqual(try first.receive(), [Array("t".utf8), Array("hello".utf8)])
    XCTAssertEqual(try second.receive(), [Array("t".utf8), Array("hello".utf8)])
  }

  func testBindErrorNamesTheEndpoint() throws {
    let context = try ZMQContext()
    let socket = try ZMQSocket(context, kind: .router)
    XCTAssertThrowsError(try socket.bind("bogus://nowhere")) { error in
      XCTAssertEqual("\(error)", "zmq_bind(bogus://nowhere) failed: Protocol not supported")
    }
  }

  func testLastEndpointReportsTheChosenPort() throws {
    let context = try ZMQContext()
    let socket = try ZMQSocket(context, kind: .router)
    try socket.bind("tcp://127.0.0.1:*")
    let endpoint = try socket.lastEndpoint()
    XCTAssertTrue(endpoint.hasPrefix("tcp://127.0.0.1:"), endpoint)
    XCTAssertGreaterThan(Int(endpoint.split(separator: ":").last ?? "") ?? 0, 0)
  }

  func testShutdownUnblocksABlockingReceive() throws {
    let context = try ZMQContext()
    let pull = try ZMQSocket(context, kind: .pull)
    try pull.setLinger(milliseconds: 0)
    try pull.bind("inproc://blocked")
    let done = expectation(description: "receive returned")
    let thread = Thread {
      do {
        _ = try pull.receive()
      } catch let error as ZMQError {
        XCTAssertTrue(error.isContextTerminated)
        done.fulfill()
      } catch {}
    }
    thread.start()
    Thread.sleep(forTimeInterval: 0.05)
    context.shutdown()
    wait(for: [done], timeout: 2)
  }

  func testCurveClientTalksToCurveServerAndPublicKeyDerives() throws {
    try XCTSkipUnless(ZMQContext.has("curve"), "libzmq built without CurveZMQ")
    let server = try ZMQCurve.keyPair()
    let client = try ZMQCurve.keyPair()
    XCTAssertEqual(server.publicKey.count, 40)
    XCTAssertEqual(try ZMQCurve.publicKey(forSecretKey: server.secretKey), server.publicKey)

    let context = try ZMQContext()
    let router = try ZMQSocket(context, kind: .router)
    try router.makeCurveServer(secretKey: server.secretKey)
    try router.bind("tcp://127.0.0.1:*")
    let endpoint = try router.lastEndpoint()
    let dealer = try ZMQSocket(context, kind: .dealer)
    try dealer.makeCurveClient(serverKey: server.publicKey, publicKey: client.publicKey, secretKey: client.secretKey)
    try dealer.connect(endpoint)
    try dealer.send([Array("encrypted".utf8)])
    XCTAssertEqual(try router.receive().last, Array("encrypted".utf8))

    // A plain client gets nowhere.
    let plain = try ZMQSocket(context, kind: .dealer)
    try plain.setLinger(milliseconds: 0)
    try plain.connect(endpoint)
    try plain.send([Array("plain".utf8)])
    XCTAssertEqual(try ZMQPoller.poll([router], timeoutMilliseconds: 200), [false])
  }

  func testBadCurveKeyLengthIsAnError() throws {
    let context = try ZMQContext()
    let socket = try ZMQSocket(context, kind: .router)
    XCTAssertThrowsError(try socket.makeCurveServer(secretKey: "short"))
  }
}
