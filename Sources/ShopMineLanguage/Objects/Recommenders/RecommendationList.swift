import JupyterProtocol
import ShopMineData
import ShopMineRecommenders
import ShopMineRendering

/// One user's top-k list as a rich output: a titled table (rank, item, name and category when known, score,
/// because) in text and HTML, and structured JSON.
public struct RecommendationList: TableBackedObject {
  /// The user the list is for.
  public var user: Value
  /// Whether the model knew the user (unknown users get the most popular items).
  public var knownUser: Bool
  /// The model family (`als`, `itemcf`…).
  public var model: String
  public var entries: [Recommendation]
  /// Names and categories joined in with `with products`.
  var catalog: ProductCatalog?

  public var kind: String { "recommendations" }
  public var shape: String { "\(entries.count) items for user \(ValueFormatter.text(user))" }

  /// The list as a table: `rank`, `item`, [`name`, `category`], `score`, `because`.
  public var table: Table {
    let base = Table(
      uncheckedColumns: [
        Column(name: "rank", ints: entries.map { Int64($0.rank) }),
        Self.valueColumn("item", entries.map(\.itemLabel)),
        Column(name: "score", floats: entries.map { Self.double($0.score) }),
        Self.valueColumn("because", entries.map { $0.because ?? .missing }),
      ], rowCount: entries.count)
    return catalog?.annotate(base, itemColumn: "item", becauseColumn: "because") ?? base
  }

  /// The caption: `Top 5 for user 17 · als`.
  var title: String {
    var t = "Top \(entries.count) for user \(ValueFormatter.text(user)) · \(model)"
    if !knownUser { t += " (user not in training: most popular items)" }
    return t
  }

  public func bundle(_ options: DisplayOptions) -> MIMEBundle {
    var bundle = TableRenderer.bundle(
      table,
      options: options.tableOptions(title: title, rows: max(options.rows, entries.count)))
    var items: [JSONValue] = []
    for e in entries {
      var o: [String: JSONValue] = [
        "rank": .int(e.rank), "item": TableRenderer.jsonCell(e.itemLabel), "score": .double(Self.double(e.score)),
        "because": e.because.map(TableRenderer.jsonCell) ?? .null,
      ]
      if let catalog {
        if catalog.hasNames { o["name"] = catalog.name(e.itemLabel).map(JSONValue.string) ?? .null }
        if catalog.hasCategories { o["category"] = catalog.category(e.itemLabel).map(JSONValue.string) ?? .null }
        if catalog.hasNames, let b = e.because { o["because_name"] = catalog.name(b).map(JSONValue.string) ?? .null }
      }
      items.append(.object(o))
    }
    bundle.data[ShopMineMIME.recommendations] = .object([
      "user": TableRenderer.jsonCell(user), "model": .string(model), "known_user": .bool(knownUser),
      "items": .array(items),
    ])
    return bundle
  }

  /// A float score as the shortest decimal that reads back as the same `Float` (0.8123, not 0.81230002641).
  static func double(_ f: Float) -> Double { Double("\(f)") ?? Double(f) }

  /// A column holding ids of the type they came in; missing where `.missing`.
  static func valueColumn(_ name: String, _ values: [Value]) -> Column {
    let type = values.lazy.compactMap(\.columnType).first ?? .int
    let valid = ValidityMask(values.map { !$0.isMissing })
    switch type {
    case .int:
      return Column(
        name: name, ints: values.map { if case .int(let i) = $0 { return i } else { return 0 } }, validity: valid)
    case .timestamp:
      return Column(
        name: name, timestamps: values.map { if case .timestamp(let i) = $0 { return i } else { return 0 } },
        validity: valid)
    case .float:
      return Column(name: name, floats: values.map { $0.doubleValue ?? .nan }, validity: valid)
    case .bool:
      return Column(
        name: name, bools: values.map { if case .bool(let b) = $0 { return b } else { return false } }, validity: valid)
    case .string:
      return Column(name: name, strings: values.map { v -> String? in v.isMissing ? nil : ValueFormatter.text(v) })
    }
  }
}
