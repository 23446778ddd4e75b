/// How a flat Parquet column becomes a ShopMine column.
enum ParquetLeafKind: Sendable, Equatable {
  case int
  /// UINT_32 (an INT32 read as unsigned).
  case uint32
  /// UINT_64: beyond `Int64`, so read as float.
  case uint64
  case float
  case bool
  /// UTF-8 text; `validate` for unannotated byte arrays, which are text only when valid UTF-8.
  case string(validate: Bool)
  case timestamp(ParquetTimeUnit)
  /// INT32 days since the epoch, read as midnight UTC.
  case date
  /// Legacy INT96 timestamps (Impala, old Spark): nanoseconds of the day and a Julian day number.
  case int96
  /// An unscaled integer (INT32, INT64, or big-endian bytes) divided by 10^scale, read as float.
  case decimal(scale: Int32)

  var columnType: ColumnType {
    switch self {
    case .int, .uint32: return .int
    case .uint64, .float, .decimal: return .float
    case .bool: return .bool
    case .string: return .string
    case .timestamp, .date, .int96: return .timestamp
    }
  }
}

/// A flat column of the file: its name, where its chunks are, and how to read it.
struct ParquetLeaf: Sendable {
  var name: String
  var element: ParquetSchemaElement
  /// The index of its chunk in each row group.
  var chunkIndex: Int
  /// 1 for an optional column (definition levels present), 0 for a required one.
  var maxDefinition: Int
  var physical: ParquetPhysicalType
  var kind: ParquetLeafKind
}

/// A top-level field of the file: a flat column, or something ShopMine refuses (with the reason).
enum ParquetField: Sendable {
  case leaf(ParquetLeaf)
  case refused(name: String, reason: String)

  var name: String {
    switch self {
    case .leaf(let leaf): return leaf.name
    case .refused(let name, _): return name
    }
  }
}

enum ParquetSchema {
  /// The top-level fields of `schema` (the flattened tree of the footer), in order.
  static func fields(_ schema: [ParquetSchemaElement]) throws(TableError) -> [ParquetField] {
    guard let root = schema.first else { throw ThriftReader.corrupt("no schema") }
    var fields: [ParquetField] = []
    var index = 1
    var leafIndex = 0
    for _ in 0..<root.childCount {
      guard index < schema.count else { throw ThriftReader.corrupt("the schema tree is cut short") }
      let element = schema[index]
      if element.childCount > 0 || element.type == nil {
        // A group (struct, list or map): skip its subtree, counting its leaves.
        let (next, leaves) = try subtree(schema, at: index)
        let what = groupKind(element)
        fields.append(
          .refused(
            name: element.name,
            reason:
              "column '\(element.name)' is nested (a \(what)), which ShopMine does not read; only flat columns are read"
          ))
        index = next
        leafIndex += leaves
        continue
      }
      if element.repetition == 2 {
        fields.append(
          .refused(
            name: element.name,
            reason:
              "column '\(element.name)' is nested (a repeated field), which ShopMine does not read; only flat columns are read"
          ))
      } else {
        switch leafKind(element) {
        case .success(let (physical, kind)):
          fields.append(
            .leaf(
              ParquetLeaf(
                name: element.name, element: element, chunkIndex: leafIndex,
                maxDefinition: element.repetition == 1 ? 1 : 0, physical: physical, kind: kind)))
        case .failure(let error):
          fields.append(.refused(name: element.name, reason: error.message))
        }
      }
      index += 1
      leafIndex += 1
    }
    return fields
  }

  /// The index after the subtree at `index` and the number of leaves in it.
  private static func subtree(_ schema: [ParquetSchemaElement], at index: Int) throws(TableError) -> (Int, Int) {
    var next = index + 1
    var leaves = 0
    var pending = schema[index].childCount
    var steps = 0
    // Iterative walk (a corrupt file could nest deeply): `pending` counts nodes still to visit.
    while pending > 0 {
      guard next < schema.count, steps < schema.count else {
        throw ThriftReader.corrupt("the schema tree is cut short")
      }
      let e = schema[next]
      pending -= 1
      if e.childCount > 0 { pending += e.childCount } else { leaves += 1 }
      next += 1
      steps += 1
    }
    return (next, max(leaves, 0))
  }

  private static func groupKind(_ e: ParquetSchemaElement) -> String {
    if e.logicalType == .other("LIST") || e.convertedType == ParquetConvertedType.list { return "list" }
    if e.logicalType == .other("MAP") || e.convertedType == ParquetConvertedType.map { return "map" }
    return "struct"
  }

  /// The physical type and reading of a leaf, or why it cannot be read.
  static func leafKind(_ e: ParquetSchemaElement) -> Result<(ParquetPhysicalType, ParquetLeafKind), TableError> {
    guard let physical = e.type else { return .failure(refuse(e, "has no type")) }
    let converted = e.convertedType
    switch e.logicalType {
    case .string?:
      guard physical == .byteArray else { return .failure(refuse(e, "is text stored as \(physical.name)")) }
      return .success((physical, .string(validate: false)))
    case .date?:
      guard physical == .int32 else { return .failure(refuse(e, "is a date stored as \(physical.name)")) }
      return .success((physical, .date))
    case .timestamp(let unit, _)?:
      guard physical == .int64 else { return .failure(refuse(e, "is a timestamp stored as \(physical.name)")) }
      return .success((physical, .timestamp(unit)))
    case .decimal(let scale, _)?:
      return decimal(e, physical, scale: scale)
    case .integer(let bits, let signed)?:
      guard physical == .int32 || physical == .int64 else {
        return .failure(refuse(e, "is an integer stored as \(physical.name)"))
      }
      if !signed && bits == 64 { return .success((physical, .uint64)) }
      if !signed && bits == 32 { return .success((physical, .uint32)) }
      return .success((physical, .int))
    case .other(let name)?:
      return .failure(refuse(e, "has the Parquet type \(name)"))
    case nil:
      break
    }
    switch converted {
    case ParquetConvertedType.utf8?, ParquetConvertedType.enumeration?, ParquetConvertedType.json?:
      guard physical == .byteArray else { return .failure(refuse(e, "is text stored as \(physical.name)")) }
      return .success((physical, .string(validate: false)))
    case ParquetConvertedType.date?:
      return physical == .int32 ? .success((physical, .date)) : .failure(refuse(e, "is a date stored oddly"))
    case ParquetConvertedType.timestampMillis?, ParquetConvertedType.timestampMicros?:
      guard physical == .int64 else { return .failure(refuse(e, "is a timestamp stored as \(physical.name)")) }
      let unit: ParquetTimeUnit = converted == ParquetConvertedType.timestampMillis ? .millis : .micros
      return .success((physical, .timestamp(unit)))
    case ParquetConvertedType.decimal?:
      return decimal(e, physical, scale: e.scale)
    case ParquetConvertedType.uint32?:
      return .success((physical, physical == .int32 ? .uint32 : .int))
    case ParquetConvertedType.uint64?:
      return .success((physical, .uint64))
    case ParquetConvertedType.timeMillis?, ParquetConvertedType.timeMicros?:
      return .failure(refuse(e, "has the Parquet type TIME"))
    default:
      break
    }
    switch physical {
    case .boolean: return .success((physical, .bool))
    case .int32, .int64: return .success((physical, .int))
    case .int96: return .success((physical, .int96))
    case .float, .double: return .success((physical, .float))
    case .byteArray: return .success((physical, .string(validate: true)))
    case .fixedLenByteArray: return .failure(refuse(e, "holds fixed-length binary values"))
    }
  }

  private static func decimal(_ e: ParquetSchemaElement, _ physical: ParquetPhysicalType, scale: Int32) -> Result<
    (ParquetPhysicalType, ParquetLeafKind), TableError
  > {
    switch physical {
    case .int32, .int64, .byteArray, .fixedLenByteArray:
      guard scale >= 0, scale <= 38 else { return .failure(refuse(e, "is a decimal with scale \(scale)")) }
      return .success((physical, .decimal(scale: scale)))
    default:
      return .failure(refuse(e, "is a decimal stored as \(physical.name)"))
    }
  }

  private static func refuse(_ e: ParquetSchemaElement, _ what: String) -> TableError {
    TableError(
      code: .typeMismatch, message: "column '\(e.name)' \(what), which ShopMine does not read", column: e.name)
  }
}
