import JupyterProtocol
import ShopMineData

/// A notebook or script parameter (`-p NAME VALUE`), injected the papermill way.
public struct Parameter: Sendable, Hashable {
  public enum Value: Sendable, Hashable {
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case string(String)
    /// Source text inserted as it is (`--param-raw`).
    case raw(String)
  }

  public var name: String
  public var value: Value

  public init(name: String, value: Value) {
    self.name = name
    self.value = value
  }

  /// Types a command-line value as papermill does: a number, a boolean, else a string.
  public static func typed(name: String, _ text: String) -> Parameter {
    if let i = Int(text) { return Parameter(name: name, value: .integer(i)) }
    if let d = Double(text), d.isFinite { return Parameter(name: name, value: .number(d)) }
    switch text.lowercased() {
    case "true": return Parameter(name: name, value: .bool(true))
    case "false": return Parameter(name: name, value: .bool(false))
    default: return Parameter(name: name, value: .string(text))
    }
  }

  /// A parameter from a JSON/YAML params file value.
  public static func fromJSON(name: String, _ value: JSONValue) throws(NotebookError) -> Parameter {
    switch value {
    case .int(let i): return Parameter(name: name, value: .integer(i))
    case .double(let d): return Parameter(name: name, value: .number(d))
    case .bool(let b): return Parameter(name: name, value: .bool(b))
    case .string(let s): return Parameter(name: name, value: .string(s))
    case .null, .array, .object:
      throw NotebookError("parameter '\(name)': only numbers, booleans and strings can be parameters")
    }
  }

  /// The ShopMine statement that binds this parameter (`name = 3`, `name = "text"`).
  public var assignment: String { "\(name) = \(literal)" }

  /// The value as ShopMine source.
  public var literal: String {
    switch value {
    case .integer(let i): return String(i)
    case .number(let d): return d.rounded() == d && abs(d) < 1e15 ? String(Int(d)) : String(d)
    case .bool(let b): return b ? "true" : "false"
    case .raw(let text): return text
    case .string(let s): return ShopMineData.Value.stringLiteral(s)
    }
  }

  /// The value as JSON, for the notebook's metadata record.
  public var json: JSONValue {
    switch value {
    case .integer(let i): return .int(i)
    case .number(let d): return .double(d)
    case .bool(let b): return .bool(b)
    case .string(let s), .raw(let s): return .string(s)
    }
  }

  /// Whether `name` is a valid ShopMine identifier to bind.
  public static func isValidName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
    return name.unicodeScalars.allSatisfy {
      $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType != nil
    }
  }
}

extension Notebook {
  static let parametersTag = "parameters"
  static let injectedTag = "injected-parameters"

  /// Inserts a cell binding `parameters` right after the cell tagged `parameters` (or first, when there
  /// is none), replacing an earlier injected cell, and records the parameters in `metadata.shopmine`.
  public mutating func inject(_ parameters: [Parameter]) {
    guard !parameters.isEmpty else { return }
    let previous = cells.firstIndex { $0.tags.contains(Notebook.injectedTag) }
    let previousID = previous.map { cells[$0].id }
    if let previous { cells.remove(at: previous) }
    let source =
      "# Parameters\n" + parameters.map(\.assignment).joined(separator: "\n")
    var cell = Cell(
      id: previousID ?? "injected-parameters", kind: .code, source: source)
    cell.tags = [Notebook.injectedTag]
    let anchor = cells.firstIndex { $0.tags.contains(Notebook.parametersTag) }
    cells.insert(cell, at: anchor.map { $0 + 1 } ?? 0)
    var record = metadata["shopmine"]?.objectValue ?? [:]
    var values: [String: JSONValue] = [:]
    for p in parameters { values[p.name] = p.json }
    record["parameters"] = .object(values)
    metadata["shopmine"] = .object(record)
  }
}
