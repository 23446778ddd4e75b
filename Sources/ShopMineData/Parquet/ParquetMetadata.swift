/// The parts of Parquet's metadata (parquet.thrift in apache/parquet-format) that ShopMine reads and
/// writes. Field numbers follow that file; fields ShopMine does not use are skipped on reading.
enum ParquetPhysicalType: Int32, Sendable {
  case boolean = 0
  case int32 = 1
  case int64 = 2
  case int96 = 3
  case float = 4
  case double = 5
  case byteArray = 6
  case fixedLenByteArray = 7

  var name: String {
    switch self {
    case .boolean: return "BOOLEAN"
    case .int32: return "INT32"
    case .int64: return "INT64"
    case .int96: return "INT96"
    case .float: return "FLOAT"
    case .double: return "DOUBLE"
    case .byteArray: return "BYTE_ARRAY"
    case .fixedLenByteArray: return "FIXED_LEN_BYTE_ARRAY"
    }
  }
}

/// Encodings (numbers as in parquet.thrift).
enum ParquetEncoding {
  static let plain: Int32 = 0
  static let plainDictionary: Int32 = 2
  static let rle: Int32 = 3
  static let bitPacked: Int32 = 4
  static let deltaBinaryPacked: Int32 = 5
  static let deltaLengthByteArray: Int32 = 6
  static let deltaByteArray: Int32 = 7
  static let rleDictionary: Int32 = 8

  static func name(_ code: Int32) -> String {
    let names = [
      "PLAIN", "GROUP_VAR_INT", "PLAIN_DICTIONARY", "RLE", "BIT_PACKED", "DELTA_BINARY_PACKED",
      "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY", "RLE_DICTIONARY", "BYTE_STREAM_SPLIT",
    ]
    return code >= 0 && Int(code) < names.count ? names[Int(code)] : "encoding \(code)"
  }
}

/// Compression codecs (numbers as in parquet.thrift), pyarrow's default first.
public enum ParquetCodec: Int32, Sendable, CaseIterable {
  case snappy = 1
  case zstd = 6
  case gzip = 2
  case uncompressed = 0

  static func name(_ code: Int32) -> String {
    let names = ["UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"]
    return code >= 0 && Int(code) < names.count ? names[Int(code)] : "codec \(code)"
  }

  /// The codec's name as users write it (pyarrow's `compression=` names): `snappy`, `zstd`, `gzip`, `none`.
  public var word: String {
    switch self {
    case .uncompressed: return "none"
    case .snappy: return "snappy"
    case .gzip: return "gzip"
    case .zstd: return "zstd"
    }
  }

  /// The codec named `word` (see ``word``).
  public init?(word: String) {
    guard let codec = Self.allCases.first(where: { $0.word == word }) else { return nil }
    self = codec
  }
}

/// Converted types (the legacy annotations) that ShopMine reads.
enum ParquetConvertedType {
  static let utf8: Int32 = 0
  static let map: Int32 = 1
  static let list: Int32 = 3
  static let enumeration: Int32 = 4
  static let decimal: Int32 = 5
  static let date: Int32 = 6
  static let timeMillis: Int32 = 7
  static let timeMicros: Int32 = 8
  static let timestampMillis: Int32 = 9
  static let timestampMicros: Int32 = 10
  static let uint8: Int32 = 11
  static let uint16: Int32 = 12
  static let uint32: Int32 = 13
  static let uint64: Int32 = 14
  static let json: Int32 = 19
}

/// The unit of a TIMESTAMP or TIME logical type.
enum ParquetTimeUnit: Sendable {
  case millis, micros, nanos
}

/// The logical type annotations ShopMine distinguishes; anything else is `.other` with its name.
enum ParquetLogicalType: Sendable, Equatable {
  case string
  case date
  case timestamp(unit: ParquetTimeUnit, utc: Bool)
  case decimal(scale: Int32, precision: Int32)
  case integer(bits: Int8, signed: Bool)
  case other(String)

  /// Field numbers of the LogicalType union.
  static func read(_ r: inout ThriftReader) throws(TableError) -> ParquetLogicalType {
    var result = ParquetLogicalType.other("unknown")
    try r.readStruct { (r, id, type) throws(TableError) in
      switch id {
      case 1, 4, 12:
        // STRING, ENUM and JSON: UTF-8 text.
        try r.skip(type)
        result = .string
      case 5:
        var scale: Int32 = 0
        var precision: Int32 = 0
        try r.readStruct { (r, id, _) throws(TableError) in
          switch id {
          case 1: scale = try r.i32()
          case 2: precision = try r.i32()
          default: return false
          }
          return true
        }
        result = .decimal(scale: scale, precision: precision)
      case 6:
        try r.skip(type)
        result = .date
      case 8:
        var utc = false
        var unit = ParquetTimeUnit.micros
        try r.readStruct { (r, id, _) throws(TableError) in
          switch id {
          case 1: utc = try r.bool()
          case 2: unit = try readTimeUnit(&r)
          default: return false
          }
          return true
        }
        result = .timestamp(unit: unit, utc: utc)
      case 10:
        var bits: Int8 = 64
        var signed = true
        try r.readStruct { (r, id, _) throws(TableError) in
          switch id {
          case 1: bits = Int8(truncatingIfNeeded: try r.byte())
          case 2: signed = try r.bool()
          default: return false
          }
          return true
        }
        result = .integer(bits: bits, signed: signed)
      default:
        let names: [Int16: String] = [
          2: "MAP", 3: "LIST", 7: "TIME", 11: "NULL", 13: "BSON", 14: "UUID", 15: "FLOAT16", 16: "VARIANT",
          17: "GEOMETRY", 18: "GEOGRAPHY",
        ]
        try r.skip(type)
        result = .other(names[id] ?? "logical type \(id)")
      }
      return true
    }
    return result
  }

  private static func readTimeUnit(_ r: inout ThriftReader) throws(TableError) -> ParquetTimeUnit {
    var unit = ParquetTimeUnit.micros
    try r.readStruct { (r, id, type) throws(TableError) in
      try r.skip(type)
      switch id {
      case 1: unit = .millis
      case 3: unit = .nanos
      default: unit = .micros
      }
      return true
    }
    return unit
  }
}

/// One node of the flattened schema tree.
struct ParquetSchemaElement: Sendable {
  var type: ParquetPhysicalType?
  var typeLength: Int32 = 0
  /// 0 required, 1 optional, 2 repeated.
  var repetition: Int32 = 0
  var name = ""
  var childCount = 0
  var convertedType: Int32?
  var scale: Int32 = 0
  var precision: Int32 = 0
  var logicalType: ParquetLogicalType?

  static func read(_ r: inout ThriftReader) throws(TableError) -> ParquetSchemaElement {
    var e = ParquetSchemaElement()
    try r.readStruct { (r, id, _) throws(TableError) in
      switch id {
      case 1:
        guard let t = ParquetPhysicalType(rawValue: try r.i32()) else {
          throw ThriftReader.corrupt("unknown physical type")
        }
        e.type = t
      case 2: e.typeLength = try r.i32()
      case 3: e.repetition = try r.i32()
      case 4: e.name = try r.string()
      case 5: e.childCount = try r.count()
      case 6: e.convertedType = try r.i32()
      case 7: e.scale = try r.i32()
      case 8: e.precision = try r.i32()
      case 10: e.logicalType = try ParquetLogicalType.read(&r)
      default: return false
      }
      return true
    }
    return e
  }
}

/// Where a column chunk's pages are and how they are compressed.
struct ParquetColumnMeta: Sendable {
  var type: ParquetPhysicalType = .int32
  var path: [String] = []
  var codec: Int32 = 0
  var valueCount: Int64 = 0
  var compressedSize: Int64 = 0
  var dataPageOffset: Int64 = 0
  var dictionaryPageOffset: Int64?

  static func read(_ r: inout ThriftReader) throws(TableError) -> ParquetColumnMeta {
    var m = ParquetColumnMeta()
    try r.readStruct { (r, id, _) throws(TableError) in
      switch id {
      case 1:
        guard let t = ParquetPhysicalType(rawValue: try r.i32()) else {
          throw ThriftReader.corrupt("unknown physical type")
        }
        m.type = t
      case 3: m.path = try r.readList { (r) throws(TableError) in try r.string() }
      case 4: m.codec = try r.i32()
      case 5: m.valueCount = try r.i64()
      case 7: m.compressedSize = try r.i64()
      case 9: m.dataPageOffset = try r.i64()
      case 11: m.dictionaryPageOffset = try r.i64()
      default: return false
      }
      return true
    }
    return m
  }
}

struct ParquetRowGroup: Sendable {
  var columns: [ParquetColumnMeta?] = []
  var rowCount: Int64 = 0

  static func read(_ r: inout ThriftReader) throws(TableError) -> ParquetRowGroup {
    var g = ParquetRowGroup()
    try r.readStruct { (r, id, _) throws(TableError) in
      switch id {
      case 1:
        g.columns = try r.readList { (r) throws(TableError) -> ParquetColumnMeta? in
          var meta: ParquetColumnMeta?
          try r.readStruct { (r, id, _) throws(TableError) in
            guard id == 3 else { return false }
            meta = try ParquetColumnMeta.read(&r)
            return true
          }
          return meta
        }
      case 3: g.rowCount = try r.i64()
      default: return false
      }
      return true
    }
    return g
  }
}

/// The file footer.
struct ParquetFileMetadata: Sendable {
  var schema: [ParquetSchemaElement] = []
  var rowCount: Int64 = 0
  var rowGroups: [ParquetRowGroup] = []

  static func read(_ bytes: [UInt8]) throws(TableError) -> ParquetFileMetadata {
    var r = ThriftReader(bytes)
    var f = ParquetFileMetadata()
    try r.readStruct { (r, id, _) throws(TableError) in
      switch id {
      case 2: f.schema = try r.readList { (r) throws(TableError) in try ParquetSchemaElement.read(&r) }
      case 3: f.rowCount = try r.i64()
      case 4: f.rowGroups = try r.readList { (r) throws(TableError) in try ParquetRowGroup.read(&r) }
      default: return false
      }
      return true
    }
    return f
  }
}

/// A page header: its kind, sizes and the kind-specific part.
struct ParquetPageHeader: Sendable {
  static let dataPage: Int32 = 0
  static let dictionaryPage: Int32 = 2
  static let dataPageV2: Int32 = 3

  var type: Int32 = -1
  var uncompressedSize = 0
  var compressedSize = 0
  var valueCount = 0
  var encoding: Int32 = 0
  var definitionLevelEncoding: Int32 = ParquetEncoding.rle
  // Data page v2 only.
  var nullCount = 0
  var definitionLevelsLength = 0
  var repetitionLevelsLength = 0
  var isCompressed = true

  static func read(_ r: inout ThriftReader) throws(TableError) -> ParquetPageHeader {
    var h = ParquetPageHeader()
    try r.readStruct { (r, id, _) throws(TableError) in
      switch id {
      case 1: h.type = try r.i32()
      case 2: h.uncompressedSize = try r.count()
      case 3: h.compressedSize = try r.count()
      case 5:
        try r.readStruct { (r, id, _) throws(TableError) in
          switch id {
          case 1: h.valueCount = try r.count()
          case 2: h.encoding = try r.i32()
          case 3: h.definitionLevelEncoding = try r.i32()
          default: return false
          }
          return true
        }
      case 7:
        try r.readStruct { (r, id, _) throws(TableError) in
          switch id {
          case 1: h.valueCount = try r.count()
          case 2: h.encoding = try r.i32()
          default: return false
          }
          return true
        }
      case 8:
        try r.readStruct { (r, id, _) throws(TableError) in
          switch id {
          case 1: h.valueCount = try r.count()
          case 2: h.nullCount = try r.count()
          case 4: h.encoding = try r.i32()
          case 5: h.definitionLevelsLength = try r.count()
          case 6: h.repetitionLevelsLength = try r.count()
          case 7: h.isCompressed = try r.bool()
          default: return false
          }
          return true
        }
      default: return false
      }
      return true
    }
    return h
  }
}
