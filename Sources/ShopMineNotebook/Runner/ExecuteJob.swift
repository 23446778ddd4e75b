import Foundation
import JupyterProtocol

/// `shopmine execute`: read a notebook, inject parameters, run it, save after every cell, write a report.
public struct ExecuteJob {
  public enum ProgressStyle: Sendable {
    /// Redraws one status line (stderr is a terminal).
    case terminal
    /// One log line per cell (stderr is a file or pipe).
    case log
    case none
  }

  public var input: String
  /// Where the executed notebook goes; `nil` means `NAME.out.ipynb` beside the input.
  public var output: String?
  public var inplace = false
  public var parameters: [Parameter] = []
  public var options = NotebookRunner.Options()
  public var htmlReport: String?
  /// Colours the report's code cells (see ``HTMLReport/Highlight``); `nil` leaves them plain.
  public var highlight: HTMLReport.Highlight?
  public var progress: ProgressStyle = .log
  /// Working directory while cells run; `nil` means the notebook's own directory.
  public var workingDirectory: String?

  public init(input: String) {
    self.input = input
  }

  /// The path the executed notebook is written to.
  public var outputPath: String {
    if inplace { return input }
    if let output { return output }
    let url = URL(fileURLWithPath: input)
    let base = url.deletingPathExtension().lastPathComponent
    return url.deletingLastPathComponent().appendingPathComponent(base + ".out.ipynb").path
  }

  /// What happened, for the command's exit status and final message.
  public struct Result: Sendable {
    public var outputPath: String
    public var failure: NotebookRunner.Failure?
    public var codeCellsRun: Int
  }

  /// Runs the job. Throws for problems with the files; a failing cell is reported in the result.
  public func run(language: any KernelLanguage, log: (String) -> Void) throws -> Result {
    var notebook = try NotebookFile.read(input)
    let runner = NotebookRunner(language: language, options: options)
    try runner.checkLanguage(of: notebook)
    for p in parameters where !Parameter.isValidName(p.name) {
      throw NotebookError("parameter name '\(p.name)' is not a ShopMine identifier")
    }
    if !parameters.isEmpty && !notebook.cells.contains(where: { $0.tags.contains(Notebook.parametersTag) }) {
      // As papermill warns: without a `parameters` cell the injected cell goes first, and an assignment of
      // the same name further down silently wins over the value given on the command line.
      log(
        "shopmine execute: warning: \(URL(fileURLWithPath: input).lastPathComponent) has no cell tagged "
          + "'parameters'; the parameters are bound in a new first cell, and later assignments override them\n")
    }
    notebook.inject(parameters)
    let destination = outputPath
    // Resolve paths before changing directory, so relative output paths mean what the user typed.
    let absoluteDestination = URL(fileURLWithPath: destination).standardizedFileURL.path
    let absoluteReport = htmlReport.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    let directory =
      workingDirectory ?? URL(fileURLWithPath: input).standardizedFileURL.deletingLastPathComponent().path
    let previousDirectory = FileManager.default.currentDirectoryPath
    guard FileManager.default.changeCurrentDirectoryPath(directory) else {
      throw NotebookError("cannot change into the working directory '\(directory)'")
    }
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previousDirectory) }

    let name = URL(fileURLWithPath: input).lastPathComponent
    var ran = 0
    let failure = try runner.run(&notebook) { current, event in
      ran = event.codeCellNumber
      try NotebookFile.write(current, to: absoluteDestination)
      switch progress {
      case .terminal:
        let status = event.error == nil ? "" : " (error)"
        log("\r\u{1B}[2K\(name): cell \(event.codeCellNumber)/\(event.codeCellCount)\(status)")
        if event.codeCellNumber == event.codeCellCount || (event.error != nil && !options.allowErrors) {
          log("\n")
        }
      case .log:
        let status = event.error.map { " error: \($0.name): \($0.value)" } ?? " ok"
        log("\(name): cell \(event.codeCellNumber)/\(event.codeCellCount)\(status)\n")
      case .none:
        break
      }
    }
    // A notebook with no code cells is still written, stamped with its language.
    try NotebookFile.write(notebook, to: absoluteDestination)
    if let absoluteReport {
      let title = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
      try NotebookFile.writeAtomically(
        Array(HTMLReport.render(notebook, title: title, highlight: highlight).utf8), to: absoluteReport)
    }
    return Result(outputPath: destination, failure: failure, codeCellsRun: ran)
  }
}
