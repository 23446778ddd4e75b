/// How ``ParquetWriter`` lays out a file. The defaults follow pyarrow's: snappy pages, dictionary-encoded
/// strings, data page v1, statistics.
public struct ParquetWriteOptions: Sendable, Hashable {
  public var codec: ParquetCodec
  /// Dictionary-encode string columns (a dictionary page and indices per chunk); PLAIN otherwise.
  public var dictionary: Bool
  /// 1 or 2: data page v1 (levels compressed with the values) or v2 (levels stored uncompressed first).
  public var pageVersion: Int
  /// Rows per row group: several row groups let readers (this one included) decode in parallel.
  public var rowGroupRows: Int
  /// Rows per data page.
  public var pageRows: Int
  /// Write each chunk's null count, minimum and maximum in the footer (readers use them to skip row groups).
  public var statistics: Bool

  public init(
    codec: ParquetCodec = .snappy, dictionary: Bool = true, pageVersion: Int = 1, rowGroupRows: Int = 1 << 17,
    pageRows: Int = 1 << 16, statistics: Bool = true
  ) {
    self.codec = codec
    self.dictionary = dictionary
    self.pageVersion = pageVersion
    self.rowGroupRows = rowGroupRows
    self.pageRows = pageRows
    self.statistics = statistics
  }
}

/// Writes tables as Parquet files: every column OPTIONAL (missing values as nulls; NaN floats are missing
/// in ShopMine and written as nulls), ints as INT64, floats as DOUBLE, bools as BOOLEAN, strings as UTF-8
/// BYTE_ARRAY (STRING), timestamps as INT64 TIMESTAMP(MICROS, UTC). Each chunk's statistics (null count,
/// minimum, maximum) are written as pyarrow writes them (``ParquetStatistics``).
///
/// The same table and options always give the same bytes.
public enum ParquetWriter {
  /// Writes `table` to `path` atomically (a temporary file, then a rename), creating parent directories.
  ///
  /// - Throws: ``TableError`` (`.io`) naming the path, (`.invalidArgument`) for bad options,
  ///   ``TableError/interrupted`` when cancelled.
  public static func write(
    _ table: Table, to path: String, options: ParquetWriteOptions = .init(), cancellation: Cancellation = .none
  ) throws(TableError) {
    try FileBytes.writeAtomically(try encode(table, options: options, cancellation: cancellation), to: path)
  }

  /// The bytes of the Parquet file for `table`.
  public static func encode(_ table: Table, options: ParquetWriteOptions = .init(), cancellation: Cancellation = .none)
    throws(TableError) -> [UInt8]
  {
    guard options.pageVersion == 1 || options.pageVersion == 2 else {
      throw TableError.invalidArgument("the Parquet data page version is 1 or 2, not \(options.pageVersion)")
    }
    guard options.rowGroupRows > 0, options.pageRows > 0 else {
      throw TableError.invalidArgument("Parquet row groups and pages need at least one row")
    }
    let groupStarts = Array(stride(from: 0, to: table.rowCount, by: options.rowGroupRows))
    let columns = table.columns
    // Once per column, not per chunk: a float column's mask is computed over all its rows (NaN is missing).
    let validities = columns.map { $0.effectiveValidity() }
    let tasks = groupStarts.indices.flatMap { g in columns.indices.map { (group: g, column: $0) } }
    let chunks = try ParquetTasks.run(count: tasks.count, cancellation: cancellation) { (t) throws(TableError) in
      let lower = groupStarts[tasks[t].group]
      let upper = min(table.rowCount, lower + options.rowGroupRows)
      let c = tasks[t].column
      return try ChunkEncoder(column: columns[c], validity: validities[c], rows: lower..<upper, options: options)
        .encode()
    }

    var file = ParquetFile.magic
    var groups: [(rows: Int, chunks: [(EncodedChunk, offset: Int)])] = []
    for g in groupStarts.indices {
      var placed: [(EncodedChunk, offset: Int)] = []
      for c in columns.indices {
        let chunk = chunks[g * columns.count + c]
        placed.append((chunk, file.count))
        file.append(contentsOf: chunk.bytes)
      }
      groups.append((min(table.rowCount, groupStarts[g] + options.rowGroupRows) - groupStarts[g], placed))
    }
    var footer = ThriftWriter()
    footer.writeStruct { w in
      w.field(1, i32: 2)
      w.field(2, listOf: .struct, count: columns.count + 1) { w, k in
        w.writeStruct { w in
          guard k > 0 else {
            w.field(4, string: "schema")
            w.field(5, i32: Int32(columns.count))
            return
          }
          writeSchemaElement(columns[k - 1], into: &w)
        }
      }
      w.field(3, i64: Int64(table.rowCount))
      w.field(4, listOf: .struct, count: groups.count) { w, g in
        let group = groups[g]
        w.writeStruct { w in
          w.field(1, listOf: .struct, count: group.chunks.count) { w, c in
            let (chunk, offset) = group.chunks[c]
            w.writeStruct { w in
              w.field(2, i64: Int64(offset))
              w.field(3) { w in chunk.writeMetadata(into: &w, offset: offset, codec: options.codec) }
            }
          }
          w.field(2, i64: Int64(group.chunks.reduce(0) { $0 + $1.0.uncompressedSize }))
          w.field(3, i64: Int64(group.rows))
          w.field(5, i64: Int64(group.chunks.first?.offset ?? 4))
          w.field(6, i64: Int64(group.chunks.reduce(0) { $0 + $1.0.bytes.count }))
        }
      }
      w.field(6, string: "ShopMine")
      // TypeDefinedOrder for every column: how the statistics' minimum and maximum compare.
      w.field(7, listOf: .struct, count: columns.count) { w, _ in w.writeStruct { w in w.field(1) { _ in } } }
    }
    file.append(contentsOf: footer.bytes)
    let n = UInt32(footer.bytes.count)
    file.append(contentsOf: (0..<4).map { UInt8(truncatingIfNeeded: n >> (8 * $0)) })
    file.append(contentsOf: ParquetFile.magic)
    return file
  }

  private static func writeSchemaElement(_ column: Column, into w: inout ThriftWriter) {
    let physical: ParquetPhysicalType
    switch column.type {
    case .int, .timestamp: physical = .int64
    case .float: physical = .double
    case .bool: physical = .boolean
    case .string: physical = .byteArray
    }
    w.field(1, i32: physical.rawValue)
    w.field(3, i32: 1)  // OPTIONAL
    w.field(4, string: column.name)
    switch column.type {
    case .string:
      w.field(6, i32: ParquetConvertedType.utf8)
      w.field(10) { w in w.field(1) { _ in } }
    case .timestamp:
      w.field(6, i32: ParquetConvertedType.timestampMicros)
      w.field(10) { w in
        w.field(8) { w in
          w.field(1, bool: true)
          w.field(2) { w in w.field(2) { _ in } }
        }
      }
    default: break
    }
  }
}

/// One encoded column chunk: its pages, and what the footer says about them.
struct EncodedChunk: Sendable {
  var bytes: [UInt8] = []
  var uncompressedSize = 0
  var valueCount = 0
  var physical: ParquetPhysicalType = .int64
  var name = ""
  /// Offset of the first data page within `bytes` (after the dictionary page, if any).
  var dataPageStart = 0
  var hasDictionary = false
  var encodings: [Int32] = []
  var statistics: ParquetStatistics?

  func writeMetadata(into w: inout ThriftWriter, offset: Int, codec: ParquetCodec) {
    w.field(1, i32: physical.rawValue)
    w.field(2, listOf: .i32, count: encodings.count) { w, k in w.zigzag(Int64(encodings[k])) }
    w.field(3, listOf: .binary, count: 1) { w, _ in w.element(binary: Array(name.utf8)) }
    w.field(4, i32: codec.rawValue)
    w.field(5, i64: Int64(valueCount))
    w.field(6, i64: Int64(uncompressedSize))
    w.field(7, i64: Int64(bytes.count))
    w.field(9, i64: Int64(offset + dataPageStart))
    if hasDictionary { w.field(11, i64: Int64(offset)) }
    if let statistics { w.field(12) { w in statistics.write(into: &w) } }
  }
}

/// Encodes the rows `rows` of one column as a chunk of pages.
struct ChunkEncoder {
  let column: Column
  let rows: Range<Int>
  let options: ParquetWriteOptions
  private let validity: ValidityMask?

  /// `validity` is the column's ``Column/effectiveValidity()``.
  init(column: Column, validity: ValidityMask?, rows: Range<Int>, options: ParquetWriteOptions) {
    self.column = column
    self.rows = rows
    self.options = options
    self.validity = validity
  }

  func encode() throws(TableError) -> EncodedChunk {
    var chunk = EncodedChunk()
    chunk.name = column.name
    chunk.valueCount = rows.count
    if options.statistics { chunk.statistics = ParquetStatistics(column, rows: rows, validity: validity) }
    var dictionaryIndex: [Int32]?
    var indexWidth = 0
    switch column.storage {
    case .int, .timestamp: chunk.physical = .int64
    case .float: chunk.physical = .double
    case .bool: chunk.physical = .boolean
    case .string(let codes, let dictionary):
      chunk.physical = .byteArray
      if options.dictionary {
        // The chunk's own dictionary: the strings it uses, in order of first appearance.
        var local = [Int32](repeating: -1, count: dictionary.count)
        var words: [Int] = []
        for row in rows where isValid(row) {
          let code = Int(codes[row])
          if local[code] < 0 {
            local[code] = Int32(words.count)
            words.append(code)
          }
        }
        var page: [UInt8] = []
        for code in words { Self.appendByteArray(dictionary[code], to: &page) }
        try appendPage(
          &chunk, type: ParquetPageHeader.dictionaryPage, values: page, levels: [], count: words.count, nulls: 0,
          encoding: ParquetEncoding.plain)
        chunk.hasDictionary = true
        chunk.dataPageStart = chunk.bytes.count
        dictionaryIndex = local
        indexWidth = max(1, RLEHybrid.bitWidth(words.count - 1))
      }
    }
    var encodings: Set<Int32> = [ParquetEncoding.rle]
    for lower in stride(from: rows.lowerBound, to: rows.upperBound, by: options.pageRows) {
      let page = lower..<min(rows.upperBound, lower + options.pageRows)
      var levels: [UInt8] = []
      let flags = page.map { isValid($0) ? UInt32(1) : 0 }
      RLEHybrid.encode(flags, width: 1, into: &levels)
      var values: [UInt8] = []
      let encoding: Int32
      if let local = dictionaryIndex, case .string(let codes, _) = column.storage {
        encoding = ParquetEncoding.rleDictionary
        values.append(UInt8(indexWidth))
        let indices = page.filter(isValid).map { UInt32(local[Int(codes[$0])]) }
        RLEHybrid.encode(indices, width: indexWidth, into: &values)
      } else {
        encoding = ParquetEncoding.plain
        appendPlain(page, to: &values)
      }
      encodings.insert(encoding)
      let nulls = flags.lazy.filter { $0 == 0 }.count
      if options.pageVersion == 1 {
        var body: [UInt8] = []
        body.reserveCapacity(levels.count + 4 + values.count)
        let n = UInt32(levels.count)
        body.append(contentsOf: (0..<4).map { UInt8(truncatingIfNeeded: n >> (8 * $0)) })
        body.append(contentsOf: levels)
        body.append(contentsOf: values)
        try appendPage(
          &chunk, type: ParquetPageHeader.dataPage, values: body, levels: [], count: page.count, nulls: nulls,
          encoding: encoding)
      } else {
        try appendPage(
          &chunk, type: ParquetPageHeader.dataPageV2, values: values, levels: levels, count: page.count, nulls: nulls,
          encoding: encoding)
      }
    }
    if chunk.hasDictionary { encodings.insert(ParquetEncoding.plain) }
    chunk.encodings = encodings.sorted()
    return chunk
  }

  private func isValid(_ row: Int) -> Bool { validity?.isValid(row) ?? true }

  /// PLAIN values of the valid rows of `page`.
  private func appendPlain(_ page: Range<Int>, to out: inout [UInt8]) {
    func little<T: FixedWidthInteger>(_ v: T) {
      withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }
    switch column.storage {
    case .int(let a), .timestamp(let a):
      out.reserveCapacity(page.count * 8)
      for row in page where isValid(row) { little(a[row]) }
    case .float(let a):
      out.reserveCapacity(page.count * 8)
      for row in page where isValid(row) { little(a[row].bitPattern) }
    case .bool(let a):
      var bits: [UInt32] = []
      for row in page where isValid(row) { bits.append(a[row] ? 1 : 0) }
      var byte: UInt8 = 0
      for (k, bit) in bits.enumerated() {
        byte |= UInt8(bit) << UInt8(k & 7)
        if k & 7 == 7 {
          out.append(byte)
          byte = 0
        }
      }
      if bits.count & 7 != 0 { out.append(byte) }
    case .string(let codes, let dictionary):
      for row in page where isValid(row) { Self.appendByteArray(dictionary[Int(codes[row])], to: &out) }
    }
  }

  private static func appendByteArray(_ s: String, to out: inout [UInt8]) {
    let n = UInt32(s.utf8.count)
    out.append(contentsOf: (0..<4).map { UInt8(truncatingIfNeeded: n >> (8 * $0)) })
    out.append(contentsOf: s.utf8)
  }

  /// Appends a page: its header, then `levels` as they are (v2) and `values` compressed.
  private func appendPage(
    _ chunk: inout EncodedChunk, type: Int32, values: [UInt8], levels: [UInt8], count: Int, nulls: Int,
    encoding: Int32
  ) throws(TableError) {
    let compressed = try ParquetCompression.compress(values, codec: options.codec)
    var header = ThriftWriter()
    header.writeStruct { w in
      w.field(1, i32: type)
      w.field(2, i32: Int32(clamping: levels.count + values.count))
      w.field(3, i32: Int32(clamping: levels.count + compressed.count))
      switch type {
      case ParquetPageHeader.dictionaryPage:
        w.field(7) { w in
          w.field(1, i32: Int32(clamping: count))
          w.field(2, i32: encoding)
        }
      case ParquetPageHeader.dataPage:
        w.field(5) { w in
          w.field(1, i32: Int32(clamping: count))
          w.field(2, i32: encoding)
          w.field(3, i32: ParquetEncoding.rle)
          w.field(4, i32: ParquetEncoding.rle)
        }
      default:
        w.field(8) { w in
          w.field(1, i32: Int32(clamping: count))
          w.field(2, i32: Int32(clamping: nulls))
          w.field(3, i32: Int32(clamping: count))
          w.field(4, i32: encoding)
          w.field(5, i32: Int32(clamping: levels.count))
          w.field(6, i32: 0)
          w.field(7, bool: options.codec != .uncompressed)
        }
      }
    }
    chunk.bytes.append(contentsOf: header.bytes)
    chunk.bytes.append(contentsOf: levels)
    chunk.bytes.append(contentsOf: compressed)
    chunk.uncompressedSize += header.bytes.count + levels.count + values.count
  }
}
