import Foundation

/// Jupyter's data directories, resolved as jupyter_core does.
public struct JupyterPaths: Sendable {
  /// The environment to read (`JUPYTER_DATA_DIR`, `XDG_DATA_HOME`, `HOME`, `VIRTUAL_ENV`, `CONDA_PREFIX`).
  public var environment: [String: String]

  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.environment = environment
  }

  /// The user data directory: `$JUPYTER_DATA_DIR`, else `$XDG_DATA_HOME/jupyter`, else
  /// `~/.local/share/jupyter` (`~/Library/Jupyter` on macOS).
  public var userDataDirectory: URL {
    if let dir = nonEmpty("JUPYTER_DATA_DIR") { return URL(fileURLWithPath: dir, isDirectory: true) }
    #if os(macOS)
      return home.appendingPathComponent("Library/Jupyter", isDirectory: true)
    #else
      if let xdg = nonEmpty("XDG_DATA_HOME") {
        return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("jupyter", isDirectory: true)
      }
      return home.appendingPathComponent(".local/share/jupyter", isDirectory: true)
    #endif
  }

  /// `PREFIX/share/jupyter`, the data directory of an installation prefix.
  public func dataDirectory(prefix: String) -> URL {
    URL(fileURLWithPath: prefix, isDirectory: true).appendingPathComponent("share/jupyter", isDirectory: true)
  }

  /// The prefix of the active Python environment, standing in for Python's `sys.prefix`: `$VIRTUAL_ENV`,
  /// else `$CONDA_PREFIX`; `nil` when neither is set.
  public var environmentPrefix: String? {
    nonEmpty("VIRTUAL_ENV") ?? nonEmpty("CONDA_PREFIX")
  }

  /// A kernel's history file: `<user data dir>/<folder>/history.jsonl` (the folder is usually the
  /// implementation name).
  public func historyFile(folder: String) -> URL {
    userDataDirectory.appendingPathComponent(folder, isDirectory: true)
      .appendingPathComponent("history.jsonl", isDirectory: false)
  }

  private var home: URL {
    URL(fileURLWithPath: nonEmpty("HOME") ?? NSHomeDirectory(), isDirectory: true)
  }

  private func nonEmpty(_ key: String) -> String? {
    guard let value = environment[key], !value.isEmpty else { return nil }
    return value
  }
}
