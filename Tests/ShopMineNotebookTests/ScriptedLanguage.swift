import Foundation
import JupyterProtocol

/// A test double for the kernel seam: each line of a cell is one instruction, so runner tests can pin
/// exactly which outputs a cell produced without depending on the ShopMine language.
///
///     out TEXT          → stdout stream
///     err TEXT          → stderr stream
///     show ID TEXT      → display_data (ID "-" = no display id)
///     update ID TEXT    → update_display_data
///     clear / clearwait → clear_output
///     value TEXT        → the cell's result
///     fail TEXT         → an error
///     spin              → loops until interrupted
final class ScriptedLanguage: KernelLanguage, @unchecked Sendable {
  let info = LanguageDescription(
    name: "shopmine", version: "0.0-test", mimetype: "text/x-shopmine", fileExtension: ".mine",
    pygmentsLexer: "text", codemirrorMode: "text", banner: "test", helpLinks: [])
  private let lock = NSLock()
  private var interrupted = false
  private(set) var executed: [String] = []

  func execute(_ request: ExecutionRequest, sink: any OutputSink) -> ExecutionOutcome {
    lock.withLock { interrupted = false }
    executed.append(request.code)
    var result: MIMEBundle?
    for line in request.code.split(separator: "\n") {
      let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
      guard let op = parts.first else { continue }
      let arg = parts.dropFirst().joined(separator: " ")
      switch op {
      case "out": sink.stream(.stdout, arg + "\n")
      case "err": sink.stream(.stderr, arg + "\n")
      case "show":
        let id = parts.count > 1 && parts[1] != "-" ? parts[1] : nil
        sink.display(.plain(parts.count > 2 ? parts[2] : ""), displayID: id)
      case "update": sink.updateDisplay(.plain(parts.count > 2 ? parts[2] : ""), displayID: parts[1])
      case "clear": sink.clearOutput(wait: false)
      case "clearwait": sink.clearOutput(wait: true)
      case "value": result = .plain(arg)
      case "fail":
        return .error(ExecutionError(name: "Error", value: arg, traceback: ["\u{1B}[0;31merror\u{1B}[0m: " + arg]))
      case "spin":
        while !lock.withLock({ interrupted }) { usleep(1000) }
        return .error(ExecutionError(name: "Interrupted", value: "interrupted", traceback: ["interrupted"]))
      default:
        return .error(ExecutionError(name: "Error", value: "unknown op \(op)", traceback: []))
      }
    }
    return .ok(result: result, payloads: [])
  }

  func complete(_ code: String, cursor: Int) -> CompletionResult {
    CompletionResult(matches: [], cursorStart: cursor, cursorEnd: cursor)
  }
  func inspect(_ code: String, cursor: Int, detailLevel: Int) -> InspectionResult { .notFound }
  func isComplete(_ code: String) -> Completeness { .complete }
  func interrupt() { lock.withLock { interrupted = true } }
}
