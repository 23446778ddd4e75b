import ArgumentParser
import Foundation

/// `shopmine uninstall`: removes kernels/<name> from the chosen location.
struct UninstallCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "uninstall",
    abstract: "Remove the ShopMine kernelspec.")

  @OptionGroup var location: KernelspecLocation

  func run() throws {
    let directory = try location.kernelDirectory()
    guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("kernel.json").path) else {
      FileHandle.standardError.write(Data("shopmine uninstall: no kernelspec at \(directory.path)\n".utf8))
      throw ExitCode.failure
    }
    do {
      try FileManager.default.removeItem(at: directory)
    } catch {
      FileHandle.standardError.write(
        Data("shopmine uninstall: cannot remove \(directory.path): \(error.localizedDescription)\n".utf8))
      throw ExitCode.failure
    }
    print("Removed kernelspec \(location.name) from \(directory.path)")
  }
}
