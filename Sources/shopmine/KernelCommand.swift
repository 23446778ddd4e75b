import ArgumentParser
import Foundation
import JupyterKernel
import JupyterProtocol
import ShopMineLanguage

/// `shopmine kernel --connection-file FILE`: what kernel.json runs.
struct KernelCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kernel",
    abstract: "Run the Jupyter kernel on the channels of a connection file.",
    discussion: """
      Jupyter starts this with the connection file it wrote. The kernel serves until a shutdown request,
      appends cell history to <Jupyter data dir>/shopmine/history.jsonl, and treats SIGINT as an interrupt.
      """)

  @Option(name: [.short, .customLong("connection-file")], help: "The Jupyter connection file (JSON).",
          completion: .file(extensions: ["json"]))
  var connectionFile: String

  @Option(name: .customLong("max-message-bytes"), help: "Refuse incoming messages larger than this.")
  var maximumMessageBytes: Int = 64 << 20

  @Flag(name: .customLong("no-history-file"), help: "Keep history in memory only.")
  var noHistoryFile = false

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
    let configuration = KernelConfiguration(
      implementation: "shopmine", implementationVersion: ShopMine.version,
      historyFile: noHistoryFile ? nil : JupyterPaths().historyFile,
      maximumMessageBytes: max(1024, maximumMessageBytes))
    let server = KernelServer(connection: connection, language: ShopMineEngine(), configuration: configuration)
    do {
      _ = try server.run()
    } catch {
      throw fail("\(error)")
    }
  }

  /// Prints one line on stderr and exits with status 1, without the usage text.
  private func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("shopmine kernel: \(message)\n".utf8))
    return ExitCode.failure
  }
}
