import JupyterProtocol

extension Notebook {
  /// Reads a notebook from its JSON document (nbformat 4; multi-line strings may be split in lists).
  ///
  /// Cells without an `id` (nbformat < 4.5) get deterministic ids derived from their position, so a
  /// re-run writes the same ids every time.
  public init(json: JSONValue) throws(NotebookError) {
    guard let root = json.objectValue else { throw NotebookError("a notebook must be a JSON object") }
    guard let major = root["nbformat"]?.intValue else {
      throw NotebookError("not a notebook: the 'nbformat' field is missing")
    }
    guard major == 4 else {
      throw NotebookError("nbformat \(major) is not supported; convert it with `jupyter nbconvert --to notebook` first")
    }
    let minor = root["nbformat_minor"]?.intValue ?? 0
    guard let rawCells = root["cells"]?.arrayValue else {
      throw NotebookError("not a notebook: the 'cells' list is missing")
    }
    var cells: [Cell] = []
    var usedIDs = Set<String>()
    for (index, raw) in rawCells.enumerated() {
      guard let object = raw.objectValue else { throw NotebookError("cell \(index + 1) is not a JSON object") }
      guard let typeName = object["cell_type"]?.stringValue, let kind = Cell.Kind(rawValue: typeName) else {
        throw NotebookError("cell \(index + 1) has an unknown or missing cell_type")
      }
      var id = object["id"]?.stringValue ?? ""
      if id.isEmpty || usedIDs.contains(id) {
        id = Notebook.positionalID(index, avoiding: usedIDs)
      }
      usedIDs.insert(id)
      let outputs = (object["outputs"]?.arrayValue ?? []).map(Notebook.joinedOutput)
      cells.append(
        Cell(
          id: id, kind: kind, source: Notebook.joinedText(object["source"]),
          metadata: object["metadata"]?.objectValue ?? [:], outputs: outputs,
          executionCount: object["execution_count"]?.intValue, attachments: object["attachments"]))
    }
    self.init(
      cells: cells, metadata: root["metadata"]?.objectValue ?? [:], nbformat: 4, nbformatMinor: max(minor, 5))
  }

  /// The notebook as nbformat 4.5 JSON, with multi-line strings split into lines like Jupyter writes them.
  public var json: JSONValue {
    var root: [String: JSONValue] = [
      "nbformat": .int(nbformat),
      "nbformat_minor": .int(nbformatMinor),
      "metadata": .object(metadata),
    ]
    root["cells"] = .array(cells.map(\.json))
    return .object(root)
  }

  /// `cell-0001`-style ids for cells that had none: stable across runs, unique within the notebook.
  static func positionalID(_ index: Int, avoiding used: Set<String>) -> String {
    var n = index + 1
    while true {
      let digits = String(n)
      let candidate = "cell-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
      if !used.contains(candidate) { return candidate }
      n += 10_000
    }
  }

  /// A text field stored either as one string or as a list of lines.
  static func joinedText(_ value: JSONValue?) -> String {
    switch value {
    case .string(let s): return s
    case .array(let parts): return parts.compactMap(\.stringValue).joined()
    default: return ""
    }
  }

  /// An output with its split text fields joined back (nbformat's `rejoin_lines`).
  static func joinedOutput(_ output: JSONValue) -> JSONValue {
    guard var object = output.objectValue else { return output }
    if let data = object["data"]?.objectValue {
      object["data"] = .object(joinedBundle(data))
    }
    if case .array = object["text"] {
      object["text"] = .string(joinedText(object["text"]))
    }
    return .object(object)
  }

  static func joinedBundle(_ data: [String: JSONValue]) -> [String: JSONValue] {
    var data = data
    for (mime, value) in data where !isJSONMIME(mime) {
      if case .array(let parts) = value, parts.allSatisfy({ $0.stringValue != nil }) {
        data[mime] = .string(joinedText(value))
      }
    }
    return data
  }

  /// Mirrors nbformat: `application/json` and `application/*+json` hold JSON, never split text.
  static func isJSONMIME(_ mime: String) -> Bool {
    mime == "application/json" || (mime.hasPrefix("application/") && mime.hasSuffix("+json"))
  }
}

extension Cell {
  /// The cell in nbformat 4.5 shape, text split into lines as nbformat's `split_lines` does.
  public var json: JSONValue {
    var object: [String: JSONValue] = [
      "id": .string(id),
      "cell_type": .string(kind.rawValue),
      "metadata": .object(metadata),
      "source": Cell.splitLines(source),
    ]
    if kind == .code {
      object["execution_count"] = executionCount.map { .int($0) } ?? .null
      object["outputs"] = .array(outputs.map(Cell.splitOutput))
    }
    if let attachments { object["attachments"] = attachments }
    return .object(object)
  }

  /// Python's `str.splitlines(True)`: nbformat splits on every line boundary Python knows, so we do too:
  /// \n, \r, \r\n, VT, FF, FS, GS, RS, NEL, LS and PS, each kept at the end of its line.
  ///
  /// Scans the UTF-8 bytes and cuts whole lines (appending scalar by scalar cost about 0.1 µs a scalar,
  /// and the headless runner splits every output again at each save). A boundary's bytes never occur inside
  /// another scalar's encoding, so every cut falls between scalars.
  static func splitLines(_ text: String) -> JSONValue {
    var text = text
    return text.withUTF8 { bytes in
      var lines: [JSONValue] = []
      var start = 0
      var i = 0
      let n = bytes.count
      while i < n {
        let byte = bytes[i]
        i += 1
        switch byte {
        case 0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E: break
        case 0x0D: if i < n, bytes[i] == 0x0A { i += 1 }
        case 0xC2 where i < n && bytes[i] == 0x85: i += 1  // NEL
        // LS, PS
        case 0xE2 where i + 1 < n && bytes[i] == 0x80 && (bytes[i + 1] == 0xA8 || bytes[i + 1] == 0xA9): i += 2
        default: continue
        }
        lines.append(.string(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)))
        start = i
      }
      if start < n {
        lines.append(.string(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<n]), as: UTF8.self)))
      }
      return .array(lines)
    }
  }

  static func splitOutput(_ output: JSONValue) -> JSONValue {
    guard var object = output.objectValue else { return output }
    let type = object["output_type"]?.stringValue
    if type == "execute_result" || type == "display_data", let data = object["data"]?.objectValue {
      var split = data
      for (mime, value) in data {
        if case .string(let text) = value,
          mime.hasPrefix("text/") || mime == "image/svg+xml"
            || mime == "application/javascript"
        {
          split[mime] = splitLines(text)
        }
      }
      object["data"] = .object(split)
    } else if type == "stream", case .string(let text) = object["text"] {
      object["text"] = splitLines(text)
    }
    return .object(object)
  }
}
