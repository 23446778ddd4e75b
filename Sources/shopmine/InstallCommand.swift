import ArgumentParser
import Foundation
import JupyterKernel
import ZeroMQ

/// Where a kernelspec goes: the user's data dir, the active environment, or an explicit prefix.
struct KernelspecLocation: ParsableArguments {
  @Flag(
    help:
      "Install for the current user (the default): $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter, else ~/.local/share/jupyter."
  )
  var user = false

  @Flag(
    name: .customLong("sys-prefix"),
    help: "Install into the active Python environment: $VIRTUAL_ENV, else $CONDA_PREFIX (like sys.prefix).")
  var sysPrefix = false

  @Option(help: "Install into PREFIX/share/jupyter.", completion: .directory)
  var prefix: String?

  @Option(help: "The kernelspec's directory name.")
  var name = "shopmine"

  func validate() throws {
    let chosen = [user, sysPrefix, prefix != nil].filter { $0 }.count
    guard chosen <= 1 else { throw ValidationError("choose at most one of --user, --sys-prefix and --prefix") }
    guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
      throw ValidationError("--name must be letters, digits, '-', '_' or '.', got '\(name)'")
    }
  }

  /// `<data dir>/kernels/<name>`.
  func kernelDirectory() throws -> URL {
    let paths = JupyterPaths()
    let dataDirectory: URL
    if let prefix {
      dataDirectory = paths.dataDirectory(prefix: prefix)
    } else if sysPrefix {
      guard let environment = paths.environmentPrefix else {
        throw ValidationError(
          "--sys-prefix needs an active environment (VIRTUAL_ENV or CONDA_PREFIX); use --prefix DIR")
      }
      dataDirectory = paths.dataDirectory(prefix: environment)
    } else {
      dataDirectory = paths.userDataDirectory
    }
    return dataDirectory.appendingPathComponent("kernels/\(name)", isDirectory: true)
  }
}

/// `shopmine install`: writes kernels/<name>/kernel.json and the logos.
struct InstallCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "install",
    abstract: "Install the ShopMine kernelspec so Jupyter can start this kernel.")

  @OptionGroup var location: KernelspecLocation

  @Option(name: .customLong("display-name"), help: "The name Jupyter shows in its launcher.")
  var displayName = "ShopMine"

  func run() throws {
    let directory = try location.kernelDirectory()
    let spec = KernelSpec(
      executable: Self.executablePath(), displayName: displayName, language: "shopmine",
      supportsCurve: ZMQContext.has("curve"))
    let files = FileManager.default
    do {
      try files.createDirectory(at: directory, withIntermediateDirectories: true)
      try Data(spec.fileText.utf8).write(to: directory.appendingPathComponent("kernel.json"), options: .atomic)
      for logo in KernelspecLogos.files {
        guard let bytes = Data(base64Encoded: logo.base64) else { continue }
        try bytes.write(to: directory.appendingPathComponent(logo.name), options: .atomic)
      }
    } catch {
      FileHandle.standardError.write(
        Data("shopmine install: cannot write \(directory.path): \(error.localizedDescription)\n".utf8))
      throw ExitCode.failure
    }
    print("Installed kernelspec \(location.name) in \(directory.path)")
    // The kernelspec names this executable in place (no copy): say what that means for the user.
    print("It starts \(spec.argv[0]): a rebuild there updates the kernel; if that file is removed, run install again.")
  }

  /// The absolute, symlink-free path of the running executable, so kernel.json keeps working from any
  /// working directory.
  static func executablePath() -> String {
    #if os(Linux)
      if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        return resolved
      }
    #endif
    let argument0 = CommandLine.arguments.first ?? "shopmine"
    let url = URL(
      fileURLWithPath: argument0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    return url.standardizedFileURL.resolvingSymlinksInPath().path
  }
}
