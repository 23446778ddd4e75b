import Foundation
import JupyterProtocol

/// One stored cell: its session, line (execution count) and input, and the `text/plain` of its result.
public struct HistoryEntry: Sendable, Hashable {
  public var session: Int
  public var line: Int
  public var input: String
  public var output: String?

  public init(session: Int, line: Int, input: String, output: String? = nil) {
    self.session = session
    self.line = line
    self.input = input
    self.output = output
  }
}

/// The kernel's input history: kept in memory for this session and appended, one JSON object per line, to a
/// history file so that `history_request`s see earlier sessions after a restart.
///
/// Owned by the shell thread (history requests and executions both run there), so it needs no lock.
/// The file keeps growing; only the most recent ``retainedEntries`` are loaded back.
public struct HistoryStore {
  /// The current session number: one more than the newest session in the file.
  public private(set) var session: Int
  public private(set) var entries: [HistoryEntry]
  /// Where entries are appended; `nil` keeps history in memory only.
  public let fileURL: URL?
  /// How many entries are loaded from the file at start.
  public let retainedEntries: Int
  private let log: KernelLog
  /// The history file, open for appending once the first cell is stored.
  private var handle: FileHandle?

  /// Loads `fileURL` if it exists (unreadable lines are skipped) and starts a new session.
  public init(fileURL: URL?, retainedEntries: Int = 10_000, log: KernelLog) {
    self.fileURL = fileURL
    self.retainedEntries = retainedEntries
    self.log = log
    var loaded: [HistoryEntry] = []
    if let fileURL, let data = try? Data(contentsOf: fileURL) {
      let parser = JSONParser()
      for line in data.split(separator: UInt8(ascii: "\n")) {
        guard let json = try? parser.parse(Array(line)), let session = json["session"]?.intValue,
          let number = json["line"]?.intValue, let input = json["input"]?.stringValue
        else { continue }
        loaded.append(HistoryEntry(session: session, line: number, input: input, output: json["output"]?.stringValue))
      }
    }
    self.entries = Array(loaded.suffix(retainedEntries))
    self.session = (loaded.map(\.session).max() ?? 0) + 1
  }

  /// Records a cell of the current session and appends it to the file.
  public mutating func append(line: Int, input: String, output: String?) {
    let entry = HistoryEntry(session: session, line: line, input: input, output: output)
    entries.append(entry)
    if entries.count > retainedEntries * 2 { entries.removeFirst(entries.count - retainedEntries) }
    guard let fileURL else { return }
    var record: [String: JSONValue] = [
      "session": .int(session), "line": .int(line), "input": .string(input), "date": .string(ISODate.now()),
    ]
    if let output { record["output"] = .string(output) }
    var bytes = JSONValue.object(record).jsonBytes
    bytes.append(UInt8(ascii: "\n"))
    do {
      // Opened once and kept: each cell then costs a seek to the end and a write, not a directory check, an
      // open and a close. The seek keeps appends at the end when another kernel shares the file.
      if handle == nil {
        try FileManager.default.createDirectory(
          at: fileURL.deletingLastPathComponent(),
          withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: fileURL.path) {
          _ = FileManager.default.createFile(atPath: fileURL.path, contents: nil)
        }
        handle = try FileHandle(forWritingTo: fileURL)
      }
      guard let handle else { return }
      try handle.seekToEnd()
      try handle.write(contentsOf: bytes)
    } catch {
      log("could not append to history file \(fileURL.path): \(error)")
      handle = nil
    }
  }

  /// The entries a `history_request` asks for, oldest first.
  public func query(_ request: HistoryRequestContent) -> [HistoryEntry] {
    switch request.accessType {
    case .tail:
      return Array(entries.suffix(max(0, request.n ?? 10)))
    case .range:
      // Session 0 is the current one; negative sessions count back from it (IPython's convention).
      let wanted = request.session > 0 ? request.session : session + request.session
      return entries.filter { entry in
        entry.session == wanted && entry.line >= request.start && (request.stop.map { entry.line < $0 } ?? true)
      }
    case .search:
      let glob = GlobPattern(request.pattern)
      var matches = entries.filter { glob.matches($0.input) }
      if request.unique {
        // Keep the most recent occurrence of each input, in chronological order.
        var seen: Set<String> = []
        matches = matches.reversed().filter { seen.insert($0.input).inserted }.reversed()
      }
      if let n = request.n { matches = Array(matches.suffix(max(0, n))) }
      return matches
    }
  }

  /// `query` in the reply's wire shape.
  public func reply(_ request: HistoryRequestContent) -> [JSONValue] {
    query(request).map { entry in
      let input: JSONValue = .string(entry.input)
      let third: JSONValue = request.output ? .array([input, entry.output.map { .string($0) } ?? .null]) : input
      return .array([.int(entry.session), .int(entry.line), third])
    }
  }
}
