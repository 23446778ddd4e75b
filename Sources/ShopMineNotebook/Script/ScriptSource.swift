import Foundation

/// The text of a script for `shopmine run`: a file, or standard input when the path is `-`.
public struct ScriptSource: Sendable, Hashable {
  public var text: String
  /// The name errors are reported under (`<stdin>` for standard input).
  public var fileName: String

  /// Reads `path` (UTF-8), or standard input to its end for `-`.
  public static func read(_ path: String) throws(NotebookError) -> ScriptSource {
    if path == "-" {
      var lines: [String] = []
      while let line = readLine(strippingNewline: false) { lines.append(line) }
      return ScriptSource(text: lines.joined(), fileName: "<stdin>")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw NotebookError("cannot read '\(path)': no such file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw NotebookError("'\(path)' is not UTF-8 text")
    }
    return ScriptSource(text: text, fileName: path)
  }

  /// The file name without folder and extension: the default name of the plots folder and the report.
  public var baseName: String { URL(fileURLWithPath: fileName).deletingPathExtension().lastPathComponent }
}
