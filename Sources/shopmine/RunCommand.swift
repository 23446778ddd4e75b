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
    let source: ScriptSource
    do {
      source = try ScriptSource.read(script)
    } catch {
      printError("shopmine run: \(error.message)")
      throw ExitCode(2)
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
    let plotDirectory = output ?? (source.baseName + "-plots")
    let sink = ScriptOutput(
      format: format, plotDirectory: plotDirectory, stderrIsTerminal: isatty(STDERR_FILENO) == 1
    ) { stream, chunk in
      let handle = stream == .stdout ? FileHandle.standardOutput : FileHandle.standardError
      handle.write(Data(chunk.utf8))
    }
    let result = engine.runScript(source.text, fileName: source.fileName, sink: sink, keepGoing: keepGoing)
    sink.finish()
    if format == .html {
      let path = output ?? (source.baseName + ".html")
      do {
        try sink.writeHTMLReport(to: path, source: source.text, title: source.baseName, highlight: Highlighter.html)
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
