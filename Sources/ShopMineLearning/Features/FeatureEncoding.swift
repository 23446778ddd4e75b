import ShopMineData

/// How table columns become model inputs: recorded at fit time so `predict` encodes new rows the same way.
///
/// Numeric columns (int, float, timestamp as microseconds) pass through, bools become 0/1, and string
/// columns are one-hot encoded with one feature per category seen in training (sorted by Unicode scalars,
/// as scikit-learn's `OneHotEncoder` sorts). A category unseen in training encodes as all zeros.
public struct FeatureEncoding: Sendable, Hashable, Codable {
  /// How one source column is encoded.
  public enum Kind: Sendable, Hashable, Codable {
    case numeric
    case boolean
    case oneHot(categories: [String])
  }

  /// One source column and its encoding.
  public struct Source: Sendable, Hashable, Codable {
    public var column: String
    public var kind: Kind

    public init(column: String, kind: Kind) {
      self.column = column
      self.kind = kind
    }

    /// How many encoded features this column yields.
    public var width: Int {
      if case .oneHot(let categories) = kind { return categories.count }
      return 1
    }
  }

  public var sources: [Source]

  public init(sources: [Source]) { self.sources = sources }

  /// The source column names, in order.
  public var columns: [String] { sources.map(\.column) }

  /// Names of the encoded features: the column name, or `column=category` for one-hot features.
  public var featureNames: [String] {
    sources.flatMap { source -> [String] in
      if case .oneHot(let categories) = source.kind { return categories.map { "\(source.column)=\($0)" } }
      return [source.column]
    }
  }

  /// Total number of encoded features.
  public var width: Int { sources.reduce(0) { $0 + $1.width } }

  /// The string columns that were one-hot encoded (the model summary says so).
  public var oneHotColumns: [String] {
    sources.compactMap { if case .oneHot = $0.kind { return $0.column } else { return nil } }
  }

  /// A one-line note for summaries, or `nil` when no column was one-hot encoded.
  public var oneHotNote: String? {
    let cols = oneHotColumns
    guard !cols.isEmpty else { return nil }
    return
      "string column\(cols.count == 1 ? "" : "s") \(cols.map { "'\($0)'" }.joined(separator: ", ")) one-hot encoded"
  }

  /// Learns the encoding of `columns` from `table` (categories of string columns are collected here).
  ///
  /// Throws when a column is unknown, listed twice, or the list is empty.
  public static func fit(_ table: Table, columns: [String]) throws(TableError) -> FeatureEncoding {
    guard !columns.isEmpty else { throw .invalidArgument("no feature columns given (use `on col1, col2, …`)") }
    var seen = Set<String>()
    var sources: [Source] = []
    for name in columns {
      guard seen.insert(name).inserted else {
        throw TableError(code: .invalidArgument, message: "feature column '\(name)' is listed twice", column: name)
      }
      let column = try table.requireColumn(name)
      switch column.storage {
      case .int, .float, .timestamp:
        sources.append(Source(column: name, kind: .numeric))
      case .bool:
        sources.append(Source(column: name, kind: .boolean))
      case .string(let codes, let dictionary):
        // Only categories that actually occur in valid rows become features.
        var used = [Bool](repeating: false, count: dictionary.count)
        for (row, code) in codes.enumerated() where column.isValid(row) {
          let c = Int(code)
          if c >= 0, c < used.count { used[c] = true }
        }
        let categories = dictionary.indices.filter { used[$0] }.map { dictionary[$0] }
          .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        sources.append(Source(column: name, kind: .oneHot(categories: categories)))
      }
    }
    return FeatureEncoding(sources: sources)
  }
}
