import ShopMineData

/// A dense, row-major matrix of model inputs built from table columns through a ``FeatureEncoding``.
///
/// Row-major `[Double]` keeps each point's features adjacent, which is what distance kernels stream over.
public struct FeatureMatrix: Sendable, Hashable {
  /// Number of rows (points).
  public let rowCount: Int
  /// Number of encoded features per row.
  public let columnCount: Int
  /// `rowCount × columnCount` values, row after row.
  public var values: [Double]
  /// How the features were derived from table columns.
  public let encoding: FeatureEncoding

  /// Wraps existing values; `values.count` must equal `rowCount × columnCount`.
  public init(rowCount: Int, columnCount: Int, values: [Double], encoding: FeatureEncoding? = nil) throws(TableError) {
    guard rowCount >= 0, columnCount >= 0, values.count == rowCount * columnCount else {
      throw .invalidArgument(
        "feature matrix of \(rowCount)×\(columnCount) needs \(rowCount * columnCount) values, got \(values.count)")
    }
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.values = values
    self.encoding =
      encoding ?? FeatureEncoding(sources: (0..<columnCount).map { .init(column: "x\($0)", kind: .numeric) })
    guard self.encoding.width == columnCount else {
      throw .invalidArgument("feature encoding has \(self.encoding.width) features, matrix has \(columnCount)")
    }
  }

  /// Builds a matrix from plain rows (tests and callers without a table).
  public init(rows: [[Double]], featureNames: [String]? = nil) throws(TableError) {
    let d = rows.first?.count ?? featureNames?.count ?? 0
    var values: [Double] = []
    values.reserveCapacity(rows.count * d)
    for (i, row) in rows.enumerated() {
      guard row.count == d else { throw .invalidArgument("row \(i) has \(row.count) values, expected \(d)") }
      values.append(contentsOf: row)
    }
    let names = featureNames ?? (0..<d).map { "x\($0)" }
    try self.init(
      rowCount: rows.count, columnCount: d, values: values,
      encoding: FeatureEncoding(sources: names.map { .init(column: $0, kind: .numeric) }))
  }

  /// Encodes `columns` of `table`, learning the encoding (one-hot categories) from this table.
  public init(_ table: Table, columns: [String]) throws(TableError) {
    try self.init(table, encoding: FeatureEncoding.fit(table, columns: columns))
  }

  /// Encodes `table` with a previously learned encoding (what `predict` does).
  ///
  /// Missing values are an error naming the column and suggesting `fill missing`.
  public init(_ table: Table, encoding: FeatureEncoding) throws(TableError) {
    let n = table.rowCount
    let d = encoding.width
    var values = [Double](repeating: 0, count: n * d)
    var offset = 0
    for source in encoding.sources {
      let column = try table.requireColumn(source.column)
      if column.missingCount > 0 {
        throw TableError(
          code: .invalidArgument,
          message:
            "feature column '\(source.column)' has \(column.missingCount) missing value\(column.missingCount == 1 ? "" : "s"); "
            + "use `fill missing` (or `where`) before fitting or predicting",
          column: source.column)
      }
      switch (source.kind, column.storage) {
      case (.numeric, .int(let a)), (.numeric, .timestamp(let a)):
        for r in 0..<n { values[r * d + offset] = Double(a[r]) }
      case (.numeric, .float(let a)):
        for r in 0..<n {
          // A float NaN counts as missing (Column's convention).
          guard a[r].isFinite else {
            throw TableError(
              code: .invalidArgument,
              message:
                "feature column '\(source.column)' has a missing or infinite value at row \(r + 1); use `fill missing` first",
              column: source.column)
          }
          values[r * d + offset] = a[r]
        }
      case (.numeric, .bool(let a)), (.boolean, .bool(let a)):
        for r in 0..<n { values[r * d + offset] = a[r] ? 1 : 0 }
      case (.boolean, .int(let a)):
        for r in 0..<n { values[r * d + offset] = a[r] != 0 ? 1 : 0 }
      case (.oneHot(let categories), .string(let codes, let dictionary)):
        // Map this table's dictionary codes to the training categories once, not per row.
        var index: [String: Int] = [:]
        for (i, c) in categories.enumerated() { index[c] = i }
        let map = dictionary.map { index[$0] ?? -1 }
        for r in 0..<n {
          let code = Int(codes[r])
          if code >= 0, code < map.count, map[code] >= 0 { values[r * d + offset + map[code]] = 1 }
        }
      default:
        throw TableError.typeMismatch(
          "feature column '\(source.column)' is \(column.type.rawValue) here but the model was fitted on a \(source.kind.typeName) column",
          column: source.column)
      }
      offset += source.width
    }
    self.rowCount = n
    self.columnCount = d
    self.values = values
    self.encoding = encoding
  }

  /// The value at (`row`, `column`).
  @inline(__always)
  public subscript(row: Int, column: Int) -> Double { values[row * columnCount + column] }

  /// One row as an array (allocates; not for hot loops).
  public func row(_ r: Int) -> [Double] { Array(values[(r * columnCount)..<((r + 1) * columnCount)]) }

  /// Keeps only the given rows, in the given order.
  public func selecting(rows: [Int]) -> FeatureMatrix {
    var out: [Double] = []
    out.reserveCapacity(rows.count * columnCount)
    for r in rows { out.append(contentsOf: values[(r * columnCount)..<((r + 1) * columnCount)]) }
    return FeatureMatrix(unchecked: rows.count, columnCount, out, encoding)
  }

  init(unchecked rowCount: Int, _ columnCount: Int, _ values: [Double], _ encoding: FeatureEncoding) {
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.values = values
    self.encoding = encoding
  }

  /// Population variance of each feature (as `numpy.var(X, axis=0)`).
  public func columnVariances() -> [Double] {
    let d = columnCount
    guard rowCount > 0 else { return [Double](repeating: 0, count: d) }
    var mean = [Double](repeating: 0, count: d)
    for r in 0..<rowCount { for c in 0..<d { mean[c] += values[r * d + c] } }
    for c in 0..<d { mean[c] /= Double(rowCount) }
    var variance = [Double](repeating: 0, count: d)
    for r in 0..<rowCount {
      for c in 0..<d {
        let t = values[r * d + c] - mean[c]
        variance[c] += t * t
      }
    }
    return variance.map { $0 / Double(rowCount) }
  }
}

extension FeatureEncoding.Kind {
  var typeName: String {
    switch self {
    case .numeric: return "numeric"
    case .boolean: return "bool"
    case .oneHot: return "string"
    }
  }
}
