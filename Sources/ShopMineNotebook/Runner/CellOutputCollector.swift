import JupyterProtocol

/// The headless runner's ``OutputSink``: turns a running cell's outputs into nbformat outputs exactly as
/// nbclient stores the kernel's iopub messages (one output per message, display-id updates applied to every
/// earlier output with that id, `clear_output(wait:)` deferred to the next output).
final class CellOutputCollector: OutputSink {
  /// Outputs of every cell, indexed like the notebook's cells, so display updates reach earlier cells.
  private(set) var outputsByCell: [[JSONValue]]
  private var currentCell: Int
  /// display_id → cell index → output indices, as nbclient's `_display_id_map`.
  private var displayLocations: [String: [Int: [Int]]] = [:]
  private var clearBeforeNextOutput = false
  private let input: ((String, Bool) throws -> String)?
  /// Called after each appended output (progress echo, streaming to a terminal).
  var onOutput: ((JSONValue) -> Void)?

  init(cellCount: Int, input: ((String, Bool) throws -> String)? = nil) {
    outputsByCell = Array(repeating: [], count: cellCount)
    currentCell = 0
    self.input = input
  }

  /// Starts collecting for `cell`, dropping its old outputs (nbclient clears a cell before running it).
  func begin(cell: Int) {
    currentCell = cell
    outputsByCell[cell] = []
    clearBeforeNextOutput = false
    clearDisplayLocations(in: cell)
  }

  func outputs(of cell: Int) -> [JSONValue] { outputsByCell[cell] }

  // MARK: OutputSink

  func stream(_ name: StreamName, _ text: String) {
    append(.object(["output_type": "stream", "name": .string(name.rawValue), "text": .string(text)]), displayID: nil)
  }

  func display(_ bundle: MIMEBundle, displayID: String?) {
    let output = CellOutputCollector.displayData(bundle)
    if let displayID { applyUpdate(bundle, displayID: displayID) }
    append(output, displayID: displayID)
  }

  func updateDisplay(_ bundle: MIMEBundle, displayID: String) {
    applyUpdate(bundle, displayID: displayID)
  }

  func clearOutput(wait: Bool) {
    if wait {
      clearBeforeNextOutput = true
    } else {
      outputsByCell[currentCell] = []
      clearDisplayLocations(in: currentCell)
    }
  }

  func readInput(prompt: String, password: Bool) throws -> String {
    guard let input else { throw InputError.notAllowed }
    return try input(prompt, password)
  }

  // MARK: Results

  func executeResult(_ bundle: MIMEBundle, executionCount: Int) {
    append(
      .object([
        "output_type": "execute_result", "data": .object(bundle.data), "metadata": .object(bundle.metadata),
        "execution_count": .int(executionCount),
      ]), displayID: nil)
  }

  func error(_ error: ExecutionError) {
    append(
      .object([
        "output_type": "error", "ename": .string(error.name), "evalue": .string(error.value),
        "traceback": .array(error.traceback.map { .string($0) }),
      ]), displayID: nil)
  }

  static func displayData(_ bundle: MIMEBundle) -> JSONValue {
    .object(["output_type": "display_data", "data": .object(bundle.data), "metadata": .object(bundle.metadata)])
  }

  /// Restores an output read from the file, without treating it as new.
  func appendSeeded(_ output: JSONValue, cell: Int) {
    outputsByCell[cell].append(output)
  }

  // MARK: Private

  private func append(_ output: JSONValue, displayID: String?) {
    if clearBeforeNextOutput {
      outputsByCell[currentCell] = []
      clearDisplayLocations(in: currentCell)
      clearBeforeNextOutput = false
    }
    if let displayID {
      displayLocations[displayID, default: [:]][currentCell, default: []].append(outputsByCell[currentCell].count)
    }
    outputsByCell[currentCell].append(output)
    onOutput?(output)
  }

  private func applyUpdate(_ bundle: MIMEBundle, displayID: String) {
    guard let locations = displayLocations[displayID] else { return }
    for (cell, indices) in locations {
      for index in indices where index < outputsByCell[cell].count {
        guard case .object(var output) = outputsByCell[cell][index] else { continue }
        output["data"] = .object(bundle.data)
        output["metadata"] = .object(bundle.metadata)
        outputsByCell[cell][index] = .object(output)
      }
    }
  }

  private func clearDisplayLocations(in cell: Int) {
    for key in displayLocations.keys where displayLocations[key]?[cell] != nil {
      displayLocations[key]?[cell] = []
    }
  }
}
