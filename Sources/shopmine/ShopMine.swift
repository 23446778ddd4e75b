import ArgumentParser

/// The `shopmine` command: argument parsing only; each subcommand lives in its own file.
@main
struct ShopMine: ParsableCommand {
  /// The version printed by `shopmine --version` and reported as `implementation_version`.
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "shopmine",
    abstract: "ShopMine: e-commerce data mining as a Jupyter kernel and a scripting host.",
    version: version,
    // Add new subcommands here, one file each.
    subcommands: [
      KernelCommand.self, InstallCommand.self, UninstallCommand.self, RunCommand.self, ExecuteCommand.self,
      LexiconCommand.self, ReferenceCommand.self,
    ]
  )
}
