import Foundation
import JupyterProtocol
import Yams

extension Parameter {
  /// The parameters of one run, from a params file, `-p NAME VALUE` pairs (typed as papermill types
  /// them) and `--param-raw NAME SOURCE` pairs, in that order; a later definition of a name wins, as it
  /// would in the injected cell.
  public static func collect(file: String?, typed: [String], raw: [String]) throws(NotebookError) -> [Parameter] {
    var result: [Parameter] = []
    if let file { result += try fromFile(file) }
    for i in stride(from: 0, to: typed.count - 1, by: 2) { result.append(.typed(name: typed[i], typed[i + 1])) }
    for i in stride(from: 0, to: raw.count - 1, by: 2) {
      result.append(Parameter(name: raw[i], value: .raw(raw[i + 1])))
    }
    var seen = Set<String>()
    return result.reversed().filter { seen.insert($0.name).inserted }.reversed()
  }

  /// A `--params-file`: a JSON or YAML mapping of names to numbers, booleans or strings, in name order.
  public static func fromFile(_ path: String) throws(NotebookError) -> [Parameter] {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      throw NotebookError("cannot read the parameters file '\(path)'")
    }
    let value: Any?
    do {
      // YAML is a superset of JSON, so one parser reads both.
      value = try Yams.load(yaml: text)
    } catch {
      throw NotebookError("'\(path)' is not valid JSON or YAML: \(error)")
    }
    guard let mapping = value as? [String: Any] else {
      throw NotebookError("'\(path)' must hold a mapping of parameter names to values")
    }
    var result: [Parameter] = []
    for name in mapping.keys.sorted() {
      do {
        result.append(try fromJSON(name: name, json(mapping[name])))
      } catch {
        throw NotebookError("\(error.message) (in '\(path)')")
      }
    }
    return result
  }

  /// A scalar the YAML parser produced as the JSON value it stands for (`.null` for anything else).
  private static func json(_ value: Any?) -> JSONValue {
    switch value {
    case let b as Bool: return .bool(b)
    case let i as Int: return .int(i)
    case let d as Double: return .double(d)
    case let s as String: return .string(s)
    default: return .null
    }
  }
}
