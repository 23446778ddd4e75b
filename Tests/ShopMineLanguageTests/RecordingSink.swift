import JupyterProtocol
import ShopMineLanguage
import XCTest

/// An output sink that records everything, for asserting what a user would see.
final class RecordingSink: OutputSink {
  enum Output: Equatable {
    case stream(StreamName, String)
    case display(MIMEBundle)
    case update(MIMEBundle, String)
    case clear
  }
  var outputs: [Output] = []
  var inputs: [String] = []
  var prompts: [String] = []

  func stream(_ name: StreamName, _ text: String) { outputs.append(.stream(name, text)) }
  func display(_ bundle: MIMEBundle, displayID: String?) { outputs.append(.display(bundle)) }
  func updateDisplay(_ bundle: MIMEBundle, displayID: String) { outputs.append(.update(bundle, displayID)) }
  func clearOutput(wait: Bool) { outputs.append(.clear) }
  func readInput(prompt: String, password: Bool) throws -> String {
    prompts.append(prompt)
    guard !inputs.isEmpty else { throw InputError.notAllowed }
    return inputs.removeFirst()
  }

  var stdout: String {
    outputs.compactMap { if case .stream(.stdout, let t) = $0 { return t } else { return nil } }.joined()
  }
  var stderr: String {
    outputs.compactMap { if case .stream(.stderr, let t) = $0 { return t } else { return nil } }.joined()
  }
  var displays: [String] {
    outputs.compactMap { if case .display(let b) = $0 { return b.plainText } else { return nil } }
  }
}

/// Runs cells against one engine and returns what users see.
struct Harness {
  let engine = ShopMineEngine()
  var count = 0

  struct Run {
    var sink: RecordingSink
    var outcome: ExecutionOutcome
    /// The execute_result's text/plain.
    var result: String? {
      if case .ok(let r, _) = outcome { return r?.plainText }
      return nil
    }
    var payloads: [JSONValue] {
      if case .ok(_, let p) = outcome { return p }
      return []
    }
    var error: ExecutionError? {
      if case .error(let e) = outcome { return e }
      return nil
    }
    /// The traceback without ANSI colour codes.
    var plainTraceback: String? {
      error.map { e in e.traceback.map(stripANSI).joined(separator: "\n") }
    }
  }

  @discardableResult
  mutating func run(_ code: String, inputs: [String] = [], allowStdin: Bool = false) -> Run {
    count += 1
    let sink = RecordingSink()
    sink.inputs = inputs
    let outcome = engine.execute(
      ExecutionRequest(code: code, allowStdin: allowStdin, executionCount: count), sink: sink)
    return Run(sink: sink, outcome: outcome)
  }

  /// Runs each line as a cell, failing the test at the caller for any line that errs.
  mutating func runAll(_ lines: [String], file: StaticString = #filePath, line: UInt = #line) {
    for code in lines {
      let r = run(code)
      XCTAssertNil(r.error, "\(code): \(r.plainTraceback ?? "")", file: file, line: line)
    }
  }
}

func stripANSI(_ s: String) -> String {
  var out = ""
  var iterator = s.unicodeScalars.makeIterator()
  while let c = iterator.next() {
    if c == "\u{1B}" {
      while let d = iterator.next(), d != "m" {}
      continue
    }
    out.unicodeScalars.append(c)
  }
  return out
}
