import JupyterProtocol

/// A Jupyter notebook in nbformat 4 (written as 4.5).
///
/// Cells keep every field they were read with: unknown metadata and output fields survive a
/// read → execute → write round trip, so ShopMine never loses what another tool stored.
public struct Notebook: Sendable, Hashable {
  public var nbformat: Int
  public var nbformatMinor: Int
  public var metadata: [String: JSONValue]
  public var cells: [Cell]

  public init(cells: [Cell] = [], metadata: [String: JSONValue] = [:], nbformat: Int = 4, nbformatMinor: Int = 5) {
    self.cells = cells
    self.metadata = metadata
    self.nbformat = nbformat
    self.nbformatMinor = nbformatMinor
  }

  /// The kernelspec name recorded in `metadata.kernelspec.name`, if any.
  public var kernelName: String? { metadata["kernelspec"]?["name"]?.stringValue }
  /// The language recorded in `metadata.kernelspec.language` or `metadata.language_info.name`.
  public var languageName: String? {
    metadata["kernelspec"]?["language"]?.stringValue ?? metadata["language_info"]?["name"]?.stringValue
  }
}

/// One notebook cell.
public struct Cell: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    case code
    case markdown
    case raw
  }

  public var id: String
  public var kind: Kind
  public var source: String
  public var metadata: [String: JSONValue]
  /// Outputs in their nbformat shape (`output_type`, `data`, `metadata`, …); code cells only.
  public var outputs: [JSONValue]
  public var executionCount: Int?
  /// Markdown and raw cells may carry attachments; kept as read.
  public var attachments: JSONValue?

  public init(
    id: String, kind: Kind, source: String, metadata: [String: JSONValue] = [:],
    outputs: [JSONValue] = [], executionCount: Int? = nil, attachments: JSONValue? = nil
  ) {
    self.id = id
    self.kind = kind
    self.source = source
    self.metadata = metadata
    self.outputs = outputs
    self.executionCount = executionCount
    self.attachments = attachments
  }

  /// The cell's tags (`metadata.tags`).
  public var tags: [String] {
    get { metadata["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
    set { metadata["tags"] = newValue.isEmpty ? nil : .array(newValue.map { .string($0) }) }
  }
}
