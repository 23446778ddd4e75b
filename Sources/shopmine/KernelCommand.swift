import ArgumentParser
import Foundation
import JupyterKernel
import JupyterProtocol
import ShopMineData
import ShopMineLanguage

/// `shopmine kernel --connection-file FILE`: what kernel.json runs.
struct KernelCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kernel",
    abstract: "Run the Jupyter kernel on the channels of a connection file.",
    discussion: """
      Jupyter starts this with the connection file it wrote. The kernel serves until a shutdown request,
      appends cell history to <Jupyter data dir>/shopmine/history.jsonl, and treats SIGINT as an interrupt.
      When JPY_PARENT_PID is set (jupyter_client sets it), the kernel also stops when the process that
      started it exits.
      """)

  @Option(
    name: [.short, .customLong("connection-file")], help: "The Jupyter connection file (JSON).",
    completion: .file(extensions: ["json"]))
  var connectionFile: String

  @Option(name: .customLong("max-message-bytes"), help: "Refuse incoming messages larger than this.")
  var maximumMessageBytes: Int = 64 << 20

  @Flag(name: .customLong("no-history-file"), help: "Keep history in memory only.")
  var noHistoryFile = false

  @Option(
    name: .customLong("memory-budget"),
    help:
      "Refuse statements whose result would exceed this (4G, 512M, 25%; default $SHOPMINE_MEMORY_BUDGET or half of memory)."
  )
  var memoryBudget: String?

  @Option(
    name: .customLong("max-output-bytes"), help: "Stream output one cell may send; the rest is dropped with a note.")
  var maximumOutputBytes: Int = 1 << 20

  func run() throws {
    let connection: ConnectionInfo
    do {
      let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: connectionFile)))
      connection = try ConnectionInfo(json: bytes)
    } catch let error as ConnectionFileError {
      throw fail("\(connectionFile): \(error)")
    } catch {
      throw fail("cannot read connection file \(connectionFile): \(error.localizedDescription)")
    }
    let budget: MemoryBudget
    do {
      if let memoryBudget { budget = try MemoryBudget.parse(memoryBudget) } else { budget = try .fromEnvironment() }
    } catch {
      throw fail("memory budget: \(error)")
    }
    let configuration = KernelConfiguration(
      implementation: "shopmine", implementationVersion: ShopMine.version,
      historyFile: noHistoryFile ? nil : JupyterPaths().historyFile(folder: "shopmine"),
      maximumMessageBytes: max(1024, maximumMessageBytes),
      streamLimits: StreamLimits(
        maximumBytesPerCell: maximumOutputBytes, settingName: "shopmine kernel --max-output-bytes"),
      parentProcessID: KernelConfiguration.parentToWatch())
    // Computation yields to the heartbeat, control and iopub threads (and the front end) when the cores are
    // busy: a ping answered within milliseconds even while a fit uses every core.
    ComputeThreads.lowerPriority(to: Self.computeNiceness)
    let server = KernelServer(
      connection: connection, language: ShopMineEngine(memoryBudget: budget),
      configuration: configuration)
    do {
      _ = try server.run()
    } catch {
      throw fail("\(error)")
    }
  }

  /// The `nice` level of computing threads in the kernel: well below the I/O threads (a nice-5 thread gets
  /// about a third of the CPU share of a nice-0 one), and no lower, so other programs still compete fairly.
  static let computeNiceness: Int32 = 5

  /// Prints one line on stderr and exits with status 1, without the usage text.
  private func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("shopmine kernel: \(message)\n".utf8))
    return ExitCode.failure
  }
}
