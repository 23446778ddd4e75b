import Foundation
import JupyterProtocol

/// Where `shopmine run` sends a script's outputs, in one of three formats.
///
/// - `text`: streams as they are, tables and values as their `text/plain`, charts written as SVG files
///   into a directory with their paths printed; progress displays redraw on stderr only when it is a
///   terminal.
/// - `json`: one JSON object per output per line, `{"output_type", "data", "metadata"}` (streams:
///   `{"output_type": "stream", "name", "text"}`) — exactly the content the kernel would publish.
/// - `html`: nothing while running; ``htmlReport(source:title:)`` renders one self-contained page.
public final class ScriptOutput: OutputSink {
  public enum Format: String, Sendable, CaseIterable {
    case text
    case json
    case html
  }

  public let format: Format
  private let plotDirectory: String
  private let write: (StreamName, String) -> Void
  private let stderrIsTerminal: Bool
  private var plotCount = 0
  /// Outputs in nbformat shape, for the HTML report.
  public private(set) var outputs: [JSONValue] = []
  private var displayIndex: [String: Int] = [:]
  /// Problems writing plot files; reported once at the end.
  public private(set) var problems: [String] = []

  public init(
    format: Format, plotDirectory: String, stderrIsTerminal: Bool,
    write: @escaping (StreamName, String) -> Void
  ) {
    self.format = format
    self.plotDirectory = plotDirectory
    self.stderrIsTerminal = stderrIsTerminal
    self.write = write
  }

  public func stream(_ name: StreamName, _ text: String) {
    record(.object(["output_type": "stream", "name": .string(name.rawValue), "text": .string(text)]), displayID: nil)
    switch format {
    case .text: write(name, text)
    case .json: emitJSON(["output_type": "stream", "name": .string(name.rawValue), "text": .string(text)])
    case .html: break
    }
  }

  public func display(_ bundle: MIMEBundle, displayID: String?) {
    record(CellOutputCollector.displayData(bundle), displayID: displayID)
    switch format {
    case .text:
      if displayID != nil {
        drawProgress(bundle)
      } else {
        emitText(bundle)
      }
    case .json:
      emitJSON(["output_type": "display_data", "data": .object(bundle.data), "metadata": .object(bundle.metadata)])
    case .html: break
    }
  }

  public func updateDisplay(_ bundle: MIMEBundle, displayID: String) {
    if let index = displayIndex[displayID] {
      outputs[index] = CellOutputCollector.displayData(bundle)
    }
    switch format {
    case .text: drawProgress(bundle)
    case .json:
      emitJSON([
        "output_type": "update_display_data", "data": .object(bundle.data), "metadata": .object(bundle.metadata),
        "transient": ["display_id": .string(displayID)],
      ])
    case .html: break
    }
  }

  public func clearOutput(wait: Bool) {
    if format == .json { emitJSON(["output_type": "clear_output", "wait": .bool(wait)]) }
  }

  public func readInput(prompt: String, password: Bool) throws -> String {
    write(.stderr, prompt)
    guard let line = Swift.readLine() else { throw InputError("end of input") }
    return line
  }

  /// Ends a redrawn progress line so later output starts on a fresh line.
  public func finish() {
    if format == .text, stderrIsTerminal, progressDrawn { write(.stderr, "\n") }
    progressDrawn = false
  }

  /// The whole run as one self-contained HTML page; `highlight` colours the script (see ``HTMLReport``).
  public func htmlReport(source: String, title: String, highlight: HTMLReport.Highlight? = nil) -> String {
    let cell = Cell(id: "script", kind: .code, source: source, outputs: outputs)
    return HTMLReport.render(Notebook(cells: [cell]), title: title, highlight: highlight)
  }

  /// Writes ``htmlReport(source:title:highlight:)`` to `path` atomically.
  public func writeHTMLReport(to path: String, source: String, title: String, highlight: HTMLReport.Highlight? = nil)
    throws(NotebookError)
  {
    try NotebookFile.writeAtomically(
      Array(htmlReport(source: source, title: title, highlight: highlight).utf8), to: path)
  }

  // MARK: Private

  private var progressDrawn = false

  private func record(_ output: JSONValue, displayID: String?) {
    if let displayID { displayIndex[displayID] = outputs.count }
    outputs.append(output)
  }

  private func emitText(_ bundle: MIMEBundle) {
    if progressDrawn { finish() }
    if let svg = bundle.data["image/svg+xml"]?.stringValue {
      plotCount += 1
      let path = plotDirectory + "/plot-" + String(format: "%03d", plotCount) + ".svg"
      do {
        try FileManager.default.createDirectory(atPath: plotDirectory, withIntermediateDirectories: true)
        try NotebookFile.writeAtomically(Array(svg.utf8), to: path)
        let caption = bundle.plainText.map { $0 + " → " } ?? ""
        write(.stdout, caption + path + "\n")
      } catch {
        problems.append("cannot write \(path): \(error)")
        write(.stdout, (bundle.plainText ?? "") + "\n")
      }
      return
    }
    var text = bundle.plainText ?? ""
    if !text.hasSuffix("\n") { text += "\n" }
    write(.stdout, text)
  }

  private func drawProgress(_ bundle: MIMEBundle) {
    guard stderrIsTerminal, let text = bundle.plainText else { return }
    let line = text.split(separator: "\n").first.map(String.init) ?? ""
    write(.stderr, "\r\u{1B}[2K" + line)
    progressDrawn = true
  }

  private func emitJSON(_ object: [String: JSONValue]) {
    write(.stdout, JSONWriter().string(.object(object)) + "\n")
  }
}
