import XCTest

@testable import JupyterProtocol

final class ConnectionInfoTests: XCTestCase {
  private func parse(_ text: String) throws -> ConnectionInfo {
    try ConnectionInfo(json: Array(text.utf8))
  }

  private let ports =
    #""shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005"#

  func testTCPFileAsJupyterClientWritesIt() throws {
    let info = try parse(
      #"{"transport": "tcp", "ip": "127.0.0.1", \#(ports), "key": "abc", "signature_scheme": "hmac-sha256", "kernel_name": "shopmine"}"#
    )
    XCTAssertEqual(info.endpoint(.shell), "tcp://127.0.0.1:5001")
    XCTAssertEqual(info.endpoint(.iopub), "tcp://127.0.0.1:5002")
    XCTAssertEqual(info.endpoint(.heartbeat), "tcp://127.0.0.1:5005")
    XCTAssertEqual(info.key, "abc")
    XCTAssertEqual(info.kernelName, "shopmine")
    XCTAssertTrue(info.signer.isSigning)
    XCTAssertFalse(info.usesCurve)
  }

  func testIPCTransportUsesPathDashPort() throws {
    let info = try parse(#"{"transport": "ipc", "ip": "/tmp/kernel-x", \#(ports), "key": ""}"#)
    XCTAssertEqual(info.endpoint(.control), "ipc:///tmp/kernel-x-5004")
    XCTAssertFalse(info.signer.isSigning)
  }

  func testAnyAddressAndIPv6() throws {
    XCTAssertEqual(try parse(#"{"ip": "0.0.0.0", \#(ports)}"#).endpoint(.stdin), "tcp://0.0.0.0:5003")
    let v6 = try parse(#"{"ip": "::1", \#(ports)}"#)
    XCTAssertTrue(v6.isIPv6)
    XCTAssertEqual(v6.endpoint(.shell), "tcp://[::1]:5001")
  }

  func testCurveKeys() throws {
    let key = String(repeating: "a", count: 40)
    let info = try parse(#"{\#(ports), "curve_publickey": "\#(key)", "curve_secretkey": "\#(key)"}"#)
    XCTAssertTrue(info.usesCurve)
  }

  func testProblemsNameTheField() {
    assertError(
      "", "connection file: not valid JSON: invalid JSON at 1:1 (byte 0): unexpected end of input, expected a value")
    assertError("[]", "connection file: expected a JSON object")
    assertError(
      #"{"iopub_port": 1, "stdin_port": 1, "control_port": 1, "hb_port": 1}"#, "connection file: missing 'shell_port'")
    assertError(
      #"{\#(ports), "transport": "udp"}"#, "connection file: unsupported transport 'udp' (expected tcp or ipc)")
    assertError(
      #"{\#(ports), "signature_scheme": "hmac-md5"}"#,
      "connection file: unsupported signature_scheme 'hmac-md5' (expected hmac-sha256)")
    assertError(
      #"{"shell_port": "5001", "iopub_port": 1, "stdin_port": 1, "control_port": 1, "hb_port": 1}"#,
      "connection file: 'shell_port' must be an integer")
    assertError(
      #"{"shell_port": 70000, "iopub_port": 1, "stdin_port": 1, "control_port": 1, "hb_port": 1}"#,
      "connection file: 'shell_port' is 70000, expected 1...65535")
    assertError(#"{\#(ports), "key": 5}"#, "connection file: 'key' must be a string")
    assertError(
      #"{\#(ports), "curve_publickey": "x"}"#,
      "connection file: 'curve_publickey' and 'curve_secretkey' must be given together")
  }

  private func assertError(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try parse(text), file: file, line: line) { error in
      XCTAssertEqual("\(error)", expected, file: file, line: line)
    }
  }
}
