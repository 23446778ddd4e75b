import Foundation
import JupyterProtocol

/// Reading and (atomically) writing notebook files.
public enum NotebookFile {
  /// Reads and parses a notebook file.
  public static func read(_ path: String) throws(NotebookError) -> Notebook {
    guard let data = FileManager.default.contents(atPath: path) else {
      if FileManager.default.fileExists(atPath: path) {
        throw NotebookError("cannot read '\(path)'")
      }
      throw NotebookError("no such notebook: '\(path)'")
    }
    let json: JSONValue
    do {
      json = try JSONParser().parse(Array(data))
    } catch {
      throw NotebookError("'\(path)' is not valid JSON: \(error)")
    }
    do {
      return try Notebook(json: json)
    } catch {
      throw NotebookError("'\(path)': \(error.message)")
    }
  }

  /// The bytes Jupyter itself would write for `notebook` (indent 1, sorted keys, split lines, newline).
  public static func serialize(_ notebook: Notebook) -> [UInt8] {
    var bytes = PythonStyleJSON.bytes(notebook.json)
    bytes.append(UInt8(ascii: "\n"))
    return bytes
  }

  public static func write(_ notebook: Notebook, to path: String) throws(NotebookError) {
    try writeAtomically(serialize(notebook), to: path)
  }

  /// Writes through a temporary file in the same directory and a rename, so that a reader — or a crash
  /// at any moment — sees either the old complete file or the new complete file, never a partial one.
  public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(NotebookError) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else {
      throw NotebookError("cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
    var written = 0
    let ok = bytes.withUnsafeBytes { buffer -> Bool in
      while written < buffer.count {
        guard let base = buffer.baseAddress else { return true }
        let n = Foundation.write(fd, base + written, buffer.count - written)
        if n <= 0 { return false }
        written += n
      }
      return true
    }
    let synced = fsync(fd) == 0
    close(fd)
    guard ok, synced, rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw NotebookError("cannot write '\(path)': \(reason)")
    }
  }
}
