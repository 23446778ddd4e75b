import ArgumentParser
import Dispatch
import Foundation
import JupyterProtocol
import ShopMineLanguage
import ShopMineNotebook
import Synchronization
import Yams

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
    let stop = StopOnSIGINT(engine)
    job.options = NotebookRunner.Options(allowErrors: allowErrors, timeout: timeout, stopRequested: stop.requested)
    job.progress = noProgress ? .none : (isatty(STDERR_FILENO) == 1 ? .terminal : .log)
    do {
      job.parameters = try loadParameters()
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
        let firstLine = FailureText.firstLine(of: failure.error)
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

  private func loadParameters() throws(NotebookError) -> [Parameter] {
    var result: [Parameter] = []
    if let paramsFile {
      result += try ParametersFile.read(paramsFile)
    }
    for i in stride(from: 0, to: params.count, by: 2) {
      result.append(Parameter.typed(name: params[i], params[i + 1]))
    }
    for i in stride(from: 0, to: rawParams.count, by: 2) {
      result.append(Parameter(name: rawParams[i], value: .raw(rawParams[i + 1])))
    }
    // Later definitions of the same name win, as they would in the injected cell.
    var seen = Set<String>()
    return result.reversed().filter { seen.insert($0.name).inserted }.reversed()
  }
}

/// A `--params-file`: a JSON or YAML mapping of names to numbers, booleans or strings.
enum ParametersFile {
  static func read(_ path: String) throws(NotebookError) -> [Parameter] {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      throw NotebookError("cannot read the parameters file '\(path)'")
    }
    let value: Any?
    do {
      // YAML is a superset of JSON, so one parser reads both.
      value = try Yams.load(yaml: text)
    } catch {
      throw NotebookError("'\(path)' is not valid JSON or YAML: \(error)")
    }
    guard let mapping = value as? [String: Any] else {
      throw NotebookError("'\(path)' must hold a mapping of parameter names to values")
    }
    var result: [Parameter] = []
    for name in mapping.keys.sorted() {
      switch mapping[name] {
      case let b as Bool: result.append(Parameter(name: name, value: .bool(b)))
      case let i as Int: result.append(Parameter(name: name, value: .integer(i)))
      case let d as Double: result.append(Parameter(name: name, value: .number(d)))
      case let s as String: result.append(Parameter(name: name, value: .string(s)))
      default:
        throw NotebookError("parameter '\(name)' in '\(path)': only numbers, booleans and strings can be parameters")
      }
    }
    return result
  }
}

/// Text helpers for messages about failed cells.
enum FailureText {
  static func firstLine(of error: ExecutionError) -> String {
    let text = error.value.isEmpty ? error.name : "\(error.name): \(error.value)"
    return String(text.split(separator: "\n", omittingEmptySubsequences: true).first ?? Substring(text))
  }
}

func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Ctrl-C during `shopmine execute`: the first SIGINT interrupts the running cell (its outputs so far and a
/// `KeyboardInterrupt` are saved, like a failed cell) and stops the run; a second one exits at once (the
/// notebook on disk is then the one saved after the last finished cell, since every save is atomic).
final class StopOnSIGINT: Sendable {
  private let signals = Atomic<Int>(0)
  // Kept only so the source lives as long as the command; set once in init, never touched again.
  nonisolated(unsafe) private let source: any DispatchSourceSignal

  init(_ engine: ShopMineEngine) {
    signal(SIGINT, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler { [self] in
      if signals.add(1, ordering: .relaxed).newValue > 1 {
        // The conventional status of a process ended by SIGINT.
        exit(130)
      }
      engine.interrupt()
    }
    source.resume()
  }

  /// Whether a SIGINT arrived.
  var requested: @Sendable () -> Bool {
    { [self] in signals.load(ordering: .relaxed) > 0 }
  }
}
