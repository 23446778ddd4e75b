import Foundation
import ShopMineData
import ShopMineInsights

/// The `model` object of an ``ElasticityModel``'s file (``ModelEnvelope``, kind `elasticity`): the
/// observations the curves were fitted on, from which loading refits the identical estimates (the fit is
/// deterministic in the observations' order).
///
/// Doubles go through `JSONEncoder`, which writes the shortest text that reads back to the same bits.
struct ElasticityFile: Codable {
  static let kind = "elasticity"
  var groupColumn: String?
  /// The key column's name in the observations (the group column, or "group").
  var keyName: String
  /// `int`, `float`, `bool`, `string` or `timestamp`.
  var keyType: String
  /// Distinct group keys as text, in the model's group order.
  var groups: [String]
  /// Rows dropped per group when fitting (kept so the loaded estimates say the same).
  var dropped: [Int]
  var aggregation: String
  var confidence: Double
  /// Per observation: index into `groups`, price and quantity.
  var group: [Int]
  var price: [Double]
  var quantity: [Double]
}

extension ElasticityModel: PersistentObject {
  public func save(to path: String) throws(TableError) -> String {
    let obs = result.observations
    guard let key = obs.columns.first, let prices = obs.column(named: "price"),
      let quantities = obs.column(named: "quantity")
    else {
      throw TableError(code: .io, message: "cannot save elasticity model to '\(path)': it has no observations table")
    }
    let labels = result.estimates.map(\.group)
    var index: [String: Int] = [:]
    for (i, l) in labels.enumerated() { index[l] = i }
    var groupOf: [Int] = []
    groupOf.reserveCapacity(key.count)
    for row in 0..<key.count {
      guard let g = index[Self.label(key[row])] else {
        throw TableError(
          code: .io, message: "cannot save elasticity model to '\(path)': observation \(row) has no group")
      }
      groupOf.append(g)
    }
    let file = ElasticityFile(
      groupColumn: result.groupColumn, keyName: key.name,
      keyType: key.type.rawValue, groups: labels, dropped: result.estimates.map(\.dropped), aggregation: aggregation,
      confidence: result.confidence, group: groupOf, price: prices.doubles().map { $0 ?? .nan },
      quantity: quantities.doubles().map { $0 ?? .nan })
    try ModelEnvelope.write(
      try ModelEnvelope.encode(kind: ElasticityFile.kind, model: file, language: String?.none), to: path)
    return "saved elasticity model (\(labels.count) groups, \(groupOf.count) observations) to \(path)"
  }

  /// Reads a file written by ``save(to:)`` and refits the curves on its observations.
  static func load(from path: String, bytes: Data) throws(TableError) -> ElasticityModel {
    let source = "'\(path)'"
    let header = try ModelEnvelope.header(bytes, source: source)
    let file = try ModelEnvelope.model(ElasticityFile.self, from: bytes, header: header, source: source)
    let n = file.group.count
    guard file.price.count == n, file.quantity.count == n, file.dropped.count == file.groups.count,
      file.group.allSatisfy({ $0 >= 0 && $0 < file.groups.count })
    else {
      throw TableError(code: .parse, message: "'\(path)' is a damaged elasticity model (observation arrays disagree)")
    }
    let keys = try keyColumn(file, path: path)
    let table = Table(
      uncheckedColumns: [
        keys, Column(name: "price", floats: file.price), Column(name: "quantity", floats: file.quantity),
      ],
      rowCount: n)
    var result = try Elasticity.estimate(
      table,
      options: ElasticityOptions(
        price: "price", quantity: "quantity", group: file.groupColumn == nil ? nil : file.keyName, aggregation: .none,
        confidence: file.confidence))
    // The refit saw only the kept observations; restore what the original fit dropped.
    for i in result.estimates.indices {
      if let g = file.groups.firstIndex(of: result.estimates[i].group) { result.estimates[i].dropped = file.dropped[g] }
    }
    result.groupColumn = file.groupColumn
    return ElasticityModel(result: result, aggregation: file.aggregation)
  }

  /// The observations' key column rebuilt in its original type.
  private static func keyColumn(_ file: ElasticityFile, path: String) throws(TableError) -> Column {
    let name = file.keyName
    let labels = file.group.map { file.groups[$0] }
    func bad(_ label: String) -> TableError {
      TableError(code: .parse, message: "'\(path)': group key '\(label)' is not a valid \(file.keyType)")
    }
    switch file.keyType {
    case "int", "timestamp":
      var values: [Int64] = []
      for l in labels {
        guard let v = Int64(l) else { throw bad(l) }
        values.append(v)
      }
      return file.keyType == "int" ? Column(name: name, ints: values) : Column(name: name, storage: .timestamp(values))
    case "float":
      var values: [Double] = []
      for l in labels {
        guard let v = Double(l) else { throw bad(l) }
        values.append(v)
      }
      return Column(name: name, floats: values)
    case "bool":
      return Column(name: name, storage: .bool(labels.map { $0 == "true" }))
    default:
      return Column(name: name, strings: labels)
    }
  }

  /// A key cell as the group label the library uses (see `ElasticityResult.observations(for:)`).
  static func label(_ v: Value) -> String {
    switch v {
    case .string(let s): return s
    case .int(let i): return String(i)
    case .bool(let b): return b ? "true" : "false"
    case .float(let d): return "\(d)"
    case .timestamp(let t): return String(t)
    case .missing: return ""
    }
  }
}
