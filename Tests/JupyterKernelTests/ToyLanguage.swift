import Foundation
import JupyterProtocol

/// A tiny test-double language for driving the server without ShopMineLanguage.
///
/// One statement per line: `print "t"`, `warn "t"`, `sleep SECONDS`, `input "prompt"`, `display`, `update`,
/// `clear`, `fail`, `help`, `NAME = EXPR`, or an expression (`1 + 2`, a name) whose value is the result.
final class ToyLanguage: KernelLanguage, @unchecked Sendable {
  // @unchecked: `interrupted` is only touched under `lock`; `bindings` only on the shell thread.
  private let lock = NSLock()
  private var interrupted = false
  private var running = false
  private var bindings: [String: Int] = [:]
  private var interruptCount = 0
  /// How many times interrupt() was called (for assertions).
  var interruptCalls: Int {
    lock.lock()
    defer { lock.unlock() }
    return interruptCount
  }

  var info: LanguageDescription {
    LanguageDescription(
      name: "toy", version: "1.0", mimetype: "text/x-toy", fileExtension: ".toy",
      pygmentsLexer: "bash", codemirrorMode: "shell", banner: "Toy banner",
      helpLinks: [.init(text: "Toy", url: "https://example.org/toy")])
  }

  func interrupt() {
    lock.lock()
    interruptCount += 1
    // Harmless when idle: only a running cell is interrupted.
    if running { interrupted = true }
    lock.unlock()
  }

  private var isInterrupted: Bool {
    lock.lock()
    defer { lock.unlock() }
    return interrupted
  }

  private func setRunning(_ value: Bool) {
    lock.lock()
    running = value
    interrupted = false
    lock.unlock()
  }

  func execute(_ request: ExecutionRequest, sink: any OutputSink) -> ExecutionOutcome {
    setRunning(true)
    defer { setRunning(false) }
    var result: MIMEBundle?
    var payloads: [JSONValue] = []
    for (index, rawLine) in request.code.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      result = nil
      if line.hasPrefix("print ") {
        sink.stream(.stdout, quoted(line) + "\n")
      } else if line.hasPrefix("warn ") {
        sink.stream(.stderr, quoted(line) + "\n")
      } else if line.hasPrefix("sleep ") {
        let seconds = Double(line.dropFirst(6)) ?? 0
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
          if isInterrupted { return .error(error("Interrupted", "interrupted", line: index + 1)) }
          Thread.sleep(forTimeInterval: 0.002)
        }
      } else if line.hasPrefix("input ") {
        do {
          let value = try sink.readInput(prompt: quoted(line), password: false)
          result = .plain("got " + value)
        } catch let failure as InputError {
          return .error(error("InputError", failure.description, line: index + 1))
        } catch {
          return .error(self.error("InputError", "\(error)", line: index + 1))
        }
      } else if line == "display" {
        sink.display(.plain("shown"), displayID: "d1")
      } else if line == "update" {
        sink.updateDisplay(.plain("updated"), displayID: "d1")
      } else if line == "clear" {
        sink.clearOutput(wait: true)
      } else if line == "fail" {
        return .error(error("ToyError", "failed on purpose", line: index + 1))
      } else if line == "help" {
        payloads.append(["source": "page", "data": ["text/plain": "Toy help"], "start": 0])
      } else if let eq = line.firstIndex(of: "="), !line.contains("==") {
        let name = line[..<eq].trimmingCharacters(in: .whitespaces)
        guard let value = evaluate(String(line[line.index(after: eq)...])) else {
          return .error(error("NameError", "cannot evaluate", line: index + 1))
        }
        bindings[name] = value
      } else if let value = evaluate(line) {
        result = .plain(String(value))
      } else {
        return .error(error("SyntaxError", "unknown statement '\(line)'", line: index + 1))
      }
    }
    return .ok(result: result, payloads: payloads)
  }

  private func evaluate(_ text: String) -> Int? {
    var total = 0
    for term in text.split(separator: "+") {
      let word = term.trimmingCharacters(in: .whitespaces)
      guard let value = Int(word) ?? bindings[word] else { return nil }
      total += value
    }
    return total
  }

  private func quoted(_ line: String) -> String {
    guard let first = line.firstIndex(of: "\""), let last = line.lastIndex(of: "\""), first < last else { return "" }
    return String(line[line.index(after: first)..<last])
  }

  private func error(_ name: String, _ value: String, line: Int) -> ExecutionError {
    ExecutionError(name: name, value: value, traceback: ["\u{1B}[31m\(name)\u{1B}[0m at \(line):1: \(value)"])
  }

  func complete(_ code: String, cursor: Int) -> CompletionResult {
    let prefix = String(code.unicodeScalars.prefix(cursor))
    let word = prefix.split(whereSeparator: { $0 == " " }).last.map(String.init) ?? ""
    let matches = ["print", "warn", "sleep", "input"].filter { $0.hasPrefix(word) }
    return CompletionResult(matches: matches, cursorStart: cursor - word.unicodeScalars.count, cursorEnd: cursor)
  }

  func inspect(_ code: String, cursor: Int, detailLevel: Int) -> InspectionResult {
    code.contains("print") ? InspectionResult(found: true, bundle: .plain("print TEXT")) : .notFound
  }

  func isComplete(_ code: String) -> Completeness {
    code.filter { $0 == "\"" }.count % 2 == 1 ? .incomplete(indent: "") : .complete
  }
}
