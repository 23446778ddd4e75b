import ArgumentParser
import Foundation
import JupyterProtocol
import ShopMineLanguage
import ShopMineNotebook

/// `shopmine run SCRIPT.mine`: the scripting host.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a ShopMine script (.mine), or standard input with '-'.",
    discussion: """
      Errors print FILE:LINE:COL: error: … with the source line and a caret, and the exit status is 1.
      See docs/HEADLESS.md.
      """)

  @Argument(help: "The script to run, or '-' for standard input.", completion: .file(extensions: ["mine"]))
  var script: String

  @Option(help: "text (default): tables as text, plots as SVG files; json: one output per line; html: one report.")
  var format: ScriptOutput.Format = .text

  @Option(name: [.short, .long], help: "Where plots (text format) or the report (html format) go.")
  var output: String?

  @Option(
    name: [.short, .customLong("param")], parsing: .upToNextOption,
    help: ArgumentHelp(
      "Bind a name before the script runs: NAME VALUE (number, true/false, else string).",
      valueName: "name value"))
  var params: [String] = []

  @Flag(name: .customLong("keep-going"), help: "Continue with the next statement after an error.")
  var keepGoing = false

  func validate() throws {
    if params.count % 2 != 0 { throw ValidationError("-p/--param takes two values: NAME VALUE") }
  }

  func run() throws {
    let text: String
    let fileName: String
    if script == "-" {
      var lines: [String] = []
      while let line = readLine(strippingNewline: false) { lines.append(line) }
      text = lines.joined()
      fileName = "<stdin>"
    } else {
      guard let data = FileManager.default.contents(atPath: script) else {
        printError("shopmine run: cannot read '\(script)': no such file")
        throw ExitCode(2)
      }
      guard let decoded = String(data: data, encoding: .utf8) else {
        printError("shopmine run: '\(script)' is not UTF-8 text")
        throw ExitCode(2)
      }
      text = decoded
      fileName = script
    }
    let engine = ShopMineEngine()
    for i in stride(from: 0, to: params.count, by: 2) {
      do {
        try engine.setParameter(params[i], params[i + 1])
      } catch {
        printError("shopmine run: \(error)")
        throw ExitCode(2)
      }
    }
    let baseName = URL(fileURLWithPath: fileName).deletingPathExtension().lastPathComponent
    let plotDirectory = output ?? (baseName + "-plots")
    let sink = ScriptOutput(
      format: format, plotDirectory: plotDirectory, stderrIsTerminal: isatty(STDERR_FILENO) == 1
    ) { stream, chunk in
      let handle = stream == .stdout ? FileHandle.standardOutput : FileHandle.standardError
      handle.write(Data(chunk.utf8))
    }
    let result = engine.runScript(text, fileName: fileName, sink: sink, keepGoing: keepGoing)
    sink.finish()
    if format == .html {
      let path = output ?? (baseName + ".html")
      do {
        let report = sink.htmlReport(source: text, title: baseName, highlight: Highlighter.html)
        try NotebookFile.writeAtomically(Array(report.utf8), to: path)
        printError("shopmine run: wrote \(path)")
      } catch {
        printError("shopmine run: \(error)")
        throw ExitCode(2)
      }
    }
    for problem in sink.problems { printError("shopmine run: \(problem)") }
    if case .failure(let failure) = result {
      for error in failure.errors { printError(error.rendered) }
      throw ExitCode(1)
    }
  }
}

extension ScriptOutput.Format: ExpressibleByArgument {}
