#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads Parquet files into tables: flat columns of the common types, PLAIN, dictionary, RLE/bit-packed
/// and DELTA encodings, data pages v1 and v2, uncompressed, snappy, gzip and zstd pages.
///
/// Only the footer and the chunks of the wanted columns are read from disk, and the chunks (row group ×
/// column) are decoded in parallel. A nested column (struct, list, map) is refused with an error naming it
/// when it is asked for. See docs/SOURCES.md for the type mapping.
public enum ParquetReader {
  /// The names and ShopMine types of the file's columns, from the footer alone.
  ///
  /// - Throws: ``TableError`` naming the file for an unreadable file or a column ShopMine cannot read.
  public static func schema(path: String) throws(TableError) -> [(name: String, type: ColumnType)] {
    let file = try ParquetFile(path: path)
    return try file.fields.map { (field) throws(TableError) -> (name: String, type: ColumnType) in
      switch field {
      case .leaf(let leaf): return (leaf.name, leaf.kind.columnType)
      case .refused(_, let reason): throw file.error(reason, code: .typeMismatch, column: field.name)
      }
    }
  }

  /// The table in the Parquet file at `path`, with only `columns` (in that order) when given.
  ///
  /// - Throws: ``TableError`` naming the file and what is wrong (`.io`, `.parse`, `.typeMismatch` for a
  ///   column ShopMine cannot read, `.unknownColumn`); ``TableError/interrupted`` when cancelled.
  /// - Complexity: O(size of the wanted columns' chunks), spread over the cores.
  public static func read(path: String, columns: [String]? = nil, cancellation: Cancellation = .none)
    throws(TableError) -> Table
  {
    let file = try ParquetFile(path: path)
    var leaves: [ParquetLeaf] = []
    let wanted = columns ?? file.fields.map(\.name)
    for name in wanted {
      guard let field = file.fields.first(where: { $0.name == name }) else {
        throw TableError.unknownColumn(name, available: file.fields.map(\.name))
      }
      switch field {
      case .leaf(let leaf): leaves.append(leaf)
      case .refused(_, let reason): throw file.error(reason, code: .typeMismatch, column: name)
      }
    }
    let groups = file.metadata.rowGroups
    let tasks = groups.indices.flatMap { g in leaves.indices.map { (group: g, leaf: $0) } }
    // Each chunk's bytes on disk, so the largest start first (decodeChunk checks the index).
    let costs = tasks.map { t -> Int in
      let chunks = groups[t.group].columns
      let c = leaves[t.leaf].chunkIndex
      return c >= 0 && c < chunks.count ? Int(clamping: chunks[c]?.compressedSize ?? 0) : 0
    }
    let decoded = try ParquetTasks.run(count: tasks.count, costs: costs, cancellation: cancellation) {
      (t) throws(TableError) in
      try file.decodeChunk(group: groups[tasks[t].group], leaf: leaves[tasks[t].leaf], cancellation: cancellation)
    }
    let out = leaves.enumerated().map { l, leaf in
      Column.concatenating(
        groups.indices.map { decoded[$0 * leaves.count + l] }, name: leaf.name, type: leaf.kind.columnType)
    }
    let rows = out.first?.count ?? Int(clamping: groups.reduce(0) { $0 + $1.rowCount })
    return Table(uncheckedColumns: out, rowCount: rows)
  }
}

/// An open Parquet file: its bytes (on disk, or in memory when it was gzip/zstd-compressed as a whole)
/// and its parsed footer.
final class ParquetFile: Sendable {
  let path: String
  let metadata: ParquetFileMetadata
  let fields: [ParquetField]
  private let source: Source
  private let size: Int

  private enum Source: Sendable {
    case descriptor(Int32)
    case memory([UInt8])
  }

  static let magic: [UInt8] = Array("PAR1".utf8)

  init(path: String) throws(TableError) {
    self.path = path
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw TableError(code: .io, message: "cannot open '\(path)': \(String(cString: strerror(errno)))")
    }
    var st = stat()
    guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) != S_IFDIR else {
      close(fd)
      throw TableError(code: .io, message: "cannot read '\(path)' (a directory?)")
    }
    var head = [UInt8](repeating: 0, count: 4)
    let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 4, 0) }
    let source: Source
    if n == 4, head[0] == 0x1F && head[1] == 0x8B || FileBytes.isZstd(head) {
      close(fd)
      source = .memory(try FileBytes.readDecompressing(path))
    } else {
      source = .descriptor(fd)
    }
    self.source = source
    switch source {
    case .memory(let bytes): size = bytes.count
    case .descriptor: size = Int(st.st_size)
    }
    do throws(TableError) {
      guard size >= 12 else { throw TableError(code: .parse, message: "too short to be a Parquet file") }
      let tail = try Self.bytes(source, path: path, at: size - 8, count: 8)
      let start = try Self.bytes(source, path: path, at: 0, count: 4)
      guard Array(tail[4...]) == Self.magic, start == Self.magic else {
        throw TableError(code: .parse, message: "not a Parquet file (no PAR1 marker at both ends; truncated?)")
      }
      let footerLength = Int(tail[0]) | Int(tail[1]) << 8 | Int(tail[2]) << 16 | Int(tail[3]) << 24
      guard footerLength > 0, footerLength <= size - 12 else {
        throw TableError(code: .parse, message: "the footer length is invalid (truncated file?)")
      }
      metadata = try ParquetFileMetadata.read(
        try Self.bytes(source, path: path, at: size - 8 - footerLength, count: footerLength))
      fields = try ParquetSchema.fields(metadata.schema)
    } catch {
      if case .descriptor(let fd) = source { close(fd) }
      throw TableError(code: error.code, message: "'\(path)': \(error.message)", column: error.column)
    }
  }

  deinit {
    if case .descriptor(let fd) = source { close(fd) }
  }

  /// An error about this file.
  func error(_ message: String, code: TableError.Code, column: String? = nil) -> TableError {
    TableError(code: code, message: "'\(path)': \(message)", column: column)
  }

  private static func bytes(_ source: Source, path: String, at offset: Int, count: Int) throws(TableError)
    -> [UInt8]
  {
    switch source {
    case .memory(let all):
      guard offset >= 0, count >= 0, offset + count <= all.count else {
        throw TableError(code: .parse, message: "a column chunk lies outside the file (truncated?)")
      }
      return Array(all[offset..<(offset + count)])
    case .descriptor(let fd):
      var failed = false
      let out = [UInt8](unsafeUninitializedCapacity: max(count, 1)) { buffer, initialized in
        HugePages.advise(UnsafeMutableRawBufferPointer(buffer))
        var done = 0
        while done < count, let base = buffer.baseAddress {
          let n = pread(fd, base + done, count - done, off_t(offset + done))
          if n < 0 && errno == EINTR { continue }
          if n <= 0 { break }
          done += n
        }
        failed = done < count
        initialized = done
      }
      if failed { throw TableError(code: .io, message: "cannot read \(count) bytes at \(offset) (truncated file?)") }
      return out
    }
  }

  /// Decodes the chunk of `leaf` in `group`.
  func decodeChunk(group: ParquetRowGroup, leaf: ParquetLeaf, cancellation: Cancellation) throws(TableError)
    -> Column
  {
    do throws(TableError) {
      guard leaf.chunkIndex < group.columns.count, let meta = group.columns[leaf.chunkIndex] else {
        throw TableError(code: .parse, message: "a row group lacks the column's chunk")
      }
      guard meta.path.count <= 1 else {
        throw TableError(code: .parse, message: "the chunk belongs to a nested column")
      }
      var start = meta.dataPageOffset
      if let d = meta.dictionaryPageOffset, d > 0, d < start { start = d }
      guard start >= 4, meta.compressedSize >= 0, start + meta.compressedSize <= Int64(size - 8) else {
        throw TableError(code: .parse, message: "a column chunk lies outside the file (truncated?)")
      }
      let chunk = try Self.bytes(source, path: path, at: Int(start), count: Int(meta.compressedSize))
      guard group.rowCount >= 0, group.rowCount <= Int64(Int32.max) * 64 else {
        throw TableError(code: .parse, message: "a row group's row count is invalid")
      }
      return try ParquetChunkDecoder.decode(
        chunk, leaf: leaf, codec: meta.codec, rows: Int(group.rowCount), cancellation: cancellation)
    } catch {
      if error.code == .interrupted { throw error }
      throw TableError(
        code: error.code, message: "'\(path)', column '\(leaf.name)': \(error.message)", column: leaf.name)
    }
  }
}

extension Column {
  /// The rows of `pieces` one after the other (all of `type`); strings share one dictionary.
  static func concatenating(_ pieces: [Column], name: String, type: ColumnType) -> Column {
    if pieces.count == 1, let only = pieces.first { return only }
    guard !pieces.isEmpty else { return Column.missing(name: name, type: type, count: 0).renamed(name) }
    let hasMissing = pieces.contains { $0.validity != nil }
    let mask: ValidityMask? =
      hasMissing ? ValidityMask(pieces.lazy.flatMap { p in (0..<p.count).lazy.map { p.isValid($0) } }) : nil
    func joined<T>(_ extract: (ColumnStorage) -> [T]?) -> [T] {
      var out: [T] = []
      out.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
      for p in pieces { out.append(contentsOf: extract(p.storage) ?? []) }
      return out
    }
    let storage: ColumnStorage
    switch type {
    case .int: storage = .int(joined { if case .int(let a) = $0 { a } else { nil } })
    case .float: storage = .float(joined { if case .float(let a) = $0 { a } else { nil } })
    case .bool: storage = .bool(joined { if case .bool(let a) = $0 { a } else { nil } })
    case .timestamp: storage = .timestamp(joined { if case .timestamp(let a) = $0 { a } else { nil } })
    case .string:
      var dictionary: [String] = []
      var index: [String: Int32] = [:]
      var codes: [Int32] = []
      for p in pieces {
        guard case .string(let local, let words) = p.storage else { continue }
        let remap = words.map { word -> Int32 in
          if let code = index[word] { return code }
          let code = Int32(dictionary.count)
          index[word] = code
          dictionary.append(word)
          return code
        }
        codes.append(contentsOf: local.lazy.map { remap[Int($0)] })
      }
      storage = .string(codes: codes, dictionary: dictionary.isEmpty ? [""] : dictionary)
    }
    return Column(name: name, storage: storage, validity: mask)
  }
}
