import ArgumentParser
import Foundation
import JupyterProtocol
import ShopMineLanguage
import ShopMineNotebook

/// `shopmine execute NOTEBOOK.ipynb`: headless execution, the papermill/nbclient way, without Python.
struct ExecuteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "execute",
    abstract: "Execute a ShopMine notebook headlessly and save it with its outputs.",
    discussion: """
      Cells run in order in one in-process session (the same evaluator as the kernel). The notebook is
      saved atomically after every cell. Parameters go into a cell tagged `injected-parameters`, placed
      after the cell tagged `parameters`. Ctrl-C (SIGINT) interrupts the running cell, saves the notebook
      with that cell's outputs and a KeyboardInterrupt, and exits 130; a second Ctrl-C exits at once. See
      docs/HEADLESS.md.
      """)

  @Argument(help: "The notebook to execute.", completion: .file(extensions: ["ipynb"]))
  var notebook: String

  @Option(name: [.short, .long], help: "Where to write the executed notebook (default: NAME.out.ipynb beside it).")
  var output: String?

  @Flag(help: "Overwrite the input notebook with the executed one.")
  var inplace = false

  @Option(
    name: [.short, .customLong("param")], parsing: .upToNextOption,
    help: ArgumentHelp("Bind a parameter: NAME VALUE (a number, true/false, else a string).", valueName: "name value"))
  var params: [String] = []

  @Option(
    name: .customLong("param-raw"), parsing: .upToNextOption,
    help: ArgumentHelp("Bind a parameter to ShopMine source text: NAME EXPRESSION.", valueName: "name expr"))
  var rawParams: [String] = []

  @Option(name: .customLong("params-file"), help: "Parameters from a JSON or YAML mapping.")
  var paramsFile: String?

  @Flag(name: .customLong("allow-errors"), help: "Keep running after a cell fails.")
  var allowErrors = false

  @Option(help: "Interrupt any cell that runs longer than this many seconds.")
  var timeout: Double?

  @Option(help: "Also write a self-contained HTML report here.")
  var html: String?

  @Flag(name: .customLong("no-progress"), help: "Print no progress on stderr.")
  var noProgress = false

  @Option(help: "Working directory for the cells (default: the notebook's directory).")
  var cwd: String?

  func validate() throws {
    if inplace && output != nil { throw ValidationError("use either --inplace or --output, not both") }
    if params.count % 2 != 0 { throw ValidationError("-p/--param takes two values: NAME VALUE") }
    if rawParams.count % 2 != 0 { throw ValidationError("--param-raw takes two values: NAME EXPRESSION") }
    if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
  }

  func run() throws {
    var job = ExecuteJob(input: notebook)
    job.output = output
    job.inplace = inplace
    job.htmlReport = html
    job.highlight = Highlighter.html
    job.workingDirectory = cwd
    let engine = ShopMineEngine()
    let stop = InterruptOnSIGINT(engine)
    job.options = NotebookRunner.Options(allowErrors: allowErrors, timeout: timeout, stopRequested: stop.requested)
    job.progress = noProgress ? .none : (isatty(STDERR_FILENO) == 1 ? .terminal : .log)
    do {
      job.parameters = try Parameter.collect(file: paramsFile, typed: params, raw: rawParams)
      let result = try job.run(language: engine) { text in
        FileHandle.standardError.write(Data(text.utf8))
      }
      if stop.requested(), let failure = result.failure {
        printError(
          "shopmine execute: interrupted in cell \(failure.cellNumber); the notebook was saved up to there → "
            + result.outputPath)
        throw ExitCode(130)
      }
      if let failure = result.failure {
        let firstLine = failure.error.firstLine
        let note = allowErrors ? "" : "; the notebook was saved up to that cell"
        printError(
          "shopmine execute: error in cell \(failure.cellNumber) (In [\(failure.executionCount ?? 0)]): \(firstLine)"
            + "\(note) → \(result.outputPath)")
        throw ExitCode(1)
      }
      if !noProgress {
        printError("shopmine execute: wrote \(result.outputPath)" + (html.map { " and \($0)" } ?? ""))
      }
    } catch let error as NotebookError {
      printError("shopmine execute: \(error.message)")
      throw ExitCode(2)
    }
  }
}

func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}
