import Dispatch
import Synchronization

/// Reads CSV text into a ``Table``.
///
/// Shape of the work, and why: the file is read whole into one byte buffer; a sample of records fixes
/// the column types; the buffer is cut at record boundaries (found by quote parity, no parsing) into one
/// chunk per core; each chunk is parsed straight into typed column buffers by a specialised byte-level
/// scanner (no `String` per field, strings dictionary-encoded as they are read); the chunks are then
/// concatenated. A value that contradicts the sample widens its column (int → float in place; anything
/// else re-infers over the whole file once and parses again) instead of failing.
public enum CSVReader {
  /// Loads the CSV file at `path` (gzip-compressed files are read transparently).
  public static func read(
    path: String, options: CSVReadOptions = CSVReadOptions(), cancellation: Cancellation = .none,
    progress: ProgressCallback? = nil
  ) throws(TableError) -> Table {
    let bytes = try FileBytes.readDecompressing(path, cancellation: cancellation)
    do {
      return try parse(bytes: bytes, options: options, cancellation: cancellation, progress: progress)
    } catch let error where error.code == .parse {
      throw TableError(code: .parse, message: "\(path): \(error.message)", column: error.column, line: error.line)
    }
  }

  /// Parses CSV text held in a string (tests, small inline data).
  public static func parse(
    _ text: String, options: CSVReadOptions = CSVReadOptions(), cancellation: Cancellation = .none
  ) throws(TableError) -> Table {
    try parse(bytes: Array(text.utf8), options: options, cancellation: cancellation, progress: nil)
  }

  /// Parses CSV bytes.
  public static func parse(
    bytes: [UInt8], options: CSVReadOptions = CSVReadOptions(), cancellation: Cancellation = .none,
    progress: ProgressCallback? = nil
  ) throws(TableError) -> Table {
    if options.encoding != .utf8,
      options.encoding != nil || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
    {
      var utf8 = options
      utf8.encoding = .utf8
      return try parse(
        bytes: TextEncoding.utf8(bytes, from: options.encoding), options: utf8, cancellation: cancellation,
        progress: progress)
    }
    if let comment = options.comment {
      var plain = options
      plain.comment = nil
      return try parse(
        bytes: withoutComments(bytes, comment: comment), options: plain, cancellation: cancellation, progress: progress)
    }
    var result: Result<Table, TableError> = .success(.empty)
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress, buffer.count > 0 else { return }
      do throws(TableError) {
        result = .success(
          try parse(base, count: buffer.count, options: options, cancellation: cancellation, progress: progress))
      } catch {
        result = .failure(error)
      }
    }
    return try result.get()
  }

  static func parse(
    _ base: UnsafePointer<UInt8>, count: Int, options: CSVReadOptions, cancellation: Cancellation,
    progress: ProgressCallback?
  ) throws(TableError) -> Table {
    let sep = options.separator
    // A UTF-8 byte order mark is not part of the first column's name.
    var start = 0
    if count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { start = 3 }
    // Lines above the data (a title, notes) are not records.
    var skipped = 0
    while skipped < options.skipLines && start < count {
      if base[start] == UInt8(ascii: "\n") { skipped += 1 }
      start += 1
    }
    if start >= count { return .empty }

    // Column names from the header, or the first record's width.
    var header = HeaderSink()
    let afterHeader = try CSVScanner.scan(
      base, from: start, to: count, separator: sep, sink: &header, cancellation: cancellation)
    if header.names.isEmpty { return .empty }
    let notUTF8 = { TextEncoding.notUTF8(UnsafeBufferPointer(start: base, count: count)) }
    if !header.validUTF8 { throw notUTF8() }
    let width = header.names.count
    let names = options.header ? uniqueNames(header.names) : (1...width).map { "column\($0)" }
    let dataStart = options.header ? afterHeader : start
    for name in options.types.keys where !names.contains(name) {
      throw TableError.unknownColumn(name, available: names)
    }
    let explicit = names.map { options.types[$0] != nil }

    // Types from a sample, or from every record after a value contradicted the sample.
    var columns = try inferTypes(
      base, from: dataStart, to: count, names: names, limit: max(1, options.sampleRows), options: options,
      cancellation: cancellation)

    let threads = options.threads ?? defaultThreads(bytes: count - dataStart)
    let bounds = try CSVScanner.chunkBoundaries(
      base, from: dataStart, to: count, parts: threads, cancellation: cancellation)
    var chunks = try parseChunks(
      base, bounds: bounds, columns: columns, explicit: explicit, names: names, options: options,
      cancellation: cancellation, progress: progress)
    if chunks.contains(where: \.needsReinference) {
      columns = try inferTypes(
        base, from: dataStart, to: count, names: names, limit: Int.max, options: options, cancellation: cancellation)
      chunks = try parseChunks(
        base, bounds: bounds, columns: columns, explicit: explicit, names: names, options: options,
        cancellation: cancellation, progress: progress)
      if chunks.contains(where: \.needsReinference) {
        throw TableError(code: .parse, message: "could not settle the column types")
      }
    }
    try cancellation.check()
    return try merge(&chunks, names: names, cancellation: cancellation, notUTF8: notUTF8)
  }

  /// `bytes` with every comment removed: from `comment` (outside quotes) to the end of its line. The line
  /// ends stay, so line numbers in errors are the file's, and a line that was only a comment is blank
  /// (which the scanner skips). One extra pass, only when the option is given.
  static func withoutComments(_ bytes: [UInt8], comment: UInt8) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var inQuotes = false
    var inComment = false
    for b in bytes {
      if inComment {
        guard b == UInt8(ascii: "\n") else { continue }
        inComment = false
      } else if b == UInt8(ascii: "\"") {
        inQuotes.toggle()
      } else if b == comment && !inQuotes {
        inComment = true
        continue
      }
      out.append(b)
    }
    return out
  }

  /// Two workers when the file is big enough that a thread's start-up cost is noise.
  static func defaultThreads(bytes: Int) -> Int {
    guard bytes >= 1 << 20 else { return 1 }
    return max(1, min(8, SystemInfo.activeProcessorCount))
  }

  /// Empty names become `column<N>`; repeated names get `.1`, `.2` (as pandas does).
  static func uniqueNames(_ raw: [String]) -> [String] {
    var seen = Set<String>()
    var out: [String] = []
    for (j, r) in raw.enumerated() {
      var name = r.isEmpty ? "column\(j + 1)" : r
      if seen.contains(name) {
        var k = 1
        while seen.contains("\(name).\(k)") { k += 1 }
        name = "\(name).\(k)"
      }
      seen.insert(name)
      out.append(name)
    }
    return out
  }

  /// Each column's type, and how its timestamps are read: inferred from the first `limit` records, then
  /// `options.types` where given (a column forced to timestamp reads the `dates` format and ISO-8601).
  static func inferTypes(
    _ base: UnsafePointer<UInt8>, from: Int, to: Int, names: [String], limit: Int, options: CSVReadOptions,
    cancellation: Cancellation
  ) throws(TableError) -> [(type: ColumnType, dates: TimestampReading)] {
    let width = names.count
    var sink = InferenceSink(
      expectedFields: width, limit: limit, missing: options.missing, decimal: options.decimal,
      format: options.dateFormat)
    _ = try CSVScanner.scan(
      base, from: from, to: to, separator: options.separator, sink: &sink, cancellation: cancellation)
    if let ragged = sink.ragged { throw raggedError(base, ragged, width: width) }
    return names.enumerated().map { j, name in
      let zone = options.timeZone
      if let forced = options.types[name] {
        return (forced, TimestampReading(format: options.dateFormat, zone: zone, isoToo: true))
      }
      let format = sink.followsFormat(j) ? options.dateFormat : nil
      return (sink.type(of: j), TimestampReading(format: format, zone: zone))
    }
  }

  static func raggedError(_ base: UnsafePointer<UInt8>, _ ragged: (offset: Int, fields: Int), width: Int) -> TableError
  {
    let line = CSVScanner.lineNumber(of: ragged.offset, in: base)
    return TableError(
      code: .parse, message: "line \(line): expected \(width) fields, found \(ragged.fields)", line: line)
  }

  /// Wraps values that are safe to share across the parsing workers (each writes only its own slot).
  struct Unchecked<T>: @unchecked Sendable { var value: T }

  static func parseChunks(
    _ base: UnsafePointer<UInt8>, bounds: [Int], columns: [(type: ColumnType, dates: TimestampReading)],
    explicit: [Bool], names: [String], options: CSVReadOptions, cancellation: Cancellation,
    progress: ProgressCallback?
  ) throws(TableError) -> [TypedSink] {
    let types = columns.map(\.type)
    let readings = columns.map(\.dates)
    let (sep, missing, decimal) = (options.separator, options.missing, options.decimal)
    let parts = bounds.count - 1
    let results = UnsafeMutablePointer<Result<TypedSink, TableError>?>.allocate(capacity: parts)
    results.initialize(repeating: nil, count: parts)
    defer {
      results.deinitialize(count: parts)
      results.deallocate()
    }
    let shared = Unchecked(value: (base: base, results: results))
    let done = ProgressCounter()
    let work: @Sendable (Int) -> Void = { k in
      let from = bounds[k]
      let to = bounds[k + 1]
      // Reserve from the bytes per row of the chunk's first lines, so buffers rarely regrow.
      let estimate = estimateRows(shared.value.base, from: from, to: to)
      var sink = TypedSink(
        builders: types.indices.map {
          CSVColumnBuilder(
            type: types[$0], reserve: estimate, missing: missing, decimal: decimal, dates: readings[$0])
        },
        explicit: explicit)
      var reported = 0
      let outcome: Result<TypedSink, TableError>
      do throws(TableError) {
        _ = try CSVScanner.scan(
          shared.value.base, from: from, to: to, separator: sep, sink: &sink, cancellation: cancellation,
          onProgress: { bytesDone in
            let total = done.add(bytesDone - reported)
            reported = bytesDone
            progress?(total, to - from == 0 ? 0 : bounds[parts] - bounds[0], "reading CSV")
          })
        outcome = .success(sink)
      } catch {
        outcome = .failure(error)
      }
      shared.value.results[k] = outcome
    }
    if parts == 1 {
      work(0)
    } else {
      ComputeThreads.perform(iterations: parts, work)
    }
    var sinks: [TypedSink] = []
    for k in 0..<parts {
      guard let outcome = results[k] else { throw TableError(code: .parse, message: "CSV worker did not finish") }
      let sink = try outcome.get()
      if let ragged = sink.ragged { throw raggedError(base, ragged, width: types.count) }
      if let failure = sink.explicitFailure {
        let line = CSVScanner.lineNumber(of: failure.offset, in: base)
        let column = names[failure.column]
        let type = types[failure.column]
        let format = type == .timestamp ? readings[failure.column].format.map { " (dates \"\($0)\")" } ?? "" : ""
        throw TableError(
          code: .parse,
          message: "line \(line): cannot read '\(failure.text)' as \(type.rawValue)\(format) in column '\(column)'",
          column: column, line: line)
      }
      sinks.append(sink)
    }
    return sinks
  }

  /// Rows in `base[from..<to]` estimated from the newlines in its first 64 KiB.
  static func estimateRows(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
    let probeEnd = min(to, from + 65_536)
    var lines = 0
    for i in from..<probeEnd where base[i] == UInt8(ascii: "\n") { lines += 1 }
    guard lines > 0, probeEnd > from else { return 16 }
    let perRow = Double(probeEnd - from) / Double(lines)
    return Int(Double(to - from) / perRow * 1.05) + 16
  }

  /// Concatenates the chunks' builders into columns, re-mapping string codes into one dictionary.
  static func merge(
    _ chunks: inout [TypedSink], names: [String], cancellation: Cancellation = .none,
    notUTF8: () -> TableError
  ) throws(TableError) -> Table {
    guard !chunks.isEmpty else { return .empty }
    var columns: [Column] = []
    columns.reserveCapacity(names.count)
    for j in 0..<names.count {
      // Copying a column of millions of rows takes milliseconds; poll between columns.
      try cancellation.check()
      // Take the chunks' buffers so each is freed as soon as it is copied (peak ≈ data + one column).
      var parts: [CSVColumnBuilder] = []
      for k in chunks.indices {
        parts.append(chunks[k].builders[j])
        chunks[k].builders[j] = CSVColumnBuilder(type: .int, reserve: 0, missing: .emptyOnly)
      }
      // A chunk that widened to float makes the whole column float.
      if parts.contains(where: { $0.type == .float }) {
        for k in parts.indices { parts[k].widenToFloat() }
      }
      let total = parts.reduce(0) { $0 + $1.count }
      var mask: ValidityMask? = nil
      var offset = 0
      for part in parts {
        for r in part.missingRows {
          if mask == nil { mask = ValidityMask(count: total) }
          mask?.set(offset + r, valid: false)
        }
        offset += part.count
      }
      var type = parts[0].type
      // A column that never held a value is float, like pandas' all-NaN columns.
      if type == .int, mask?.missingCount == total, total > 0 { type = .float }
      let storage: ColumnStorage
      switch type {
      case .int: storage = .int(concat(parts.map(\.ints)))
      case .timestamp: storage = .timestamp(concat(parts.map(\.ints)))
      case .float:
        storage = .float(
          parts[0].type == .int ? [Double](repeating: .nan, count: total) : concat(parts.map(\.doubles)))
      case .bool: storage = .bool(concat(parts.map(\.bools)))
      case .string:
        var dictionary = parts[0].dictionary
        var codes = parts[0].codes
        codes.reserveCapacity(total)
        for part in parts.dropFirst() {
          // Map each of this chunk's codes to the merged dictionary once, then translate its rows.
          let remap = (0..<part.dictionary.count).map { c in
            part.dictionary.withBytes(c) { p, n in dictionary.code(p, n) }
          }
          var interrupted = false
          remap.withUnsafeBufferPointer { map in
            for (i, c) in part.codes.enumerated() {
              if i & 0xFFFF == 0 && cancellation.isCancelled {
                interrupted = true
                return
              }
              // A missing field holds the filler code 0, which a chunk whose fields were all missing has
              // no dictionary entry for; the row is masked, so any code will do.
              let code = Int(c)
              codes.append(code < map.count ? map[code] : 0)
            }
          }
          if interrupted { throw TableError.interrupted }
        }
        guard let strings = dictionary.strings() else { throw notUTF8() }
        storage = .string(codes: codes, dictionary: strings)
      }
      columns.append(Column(name: names[j], storage: storage, validity: mask))
    }
    return Table(uncheckedColumns: columns, rowCount: columns.first?.count ?? 0)
  }

  static func concat<T>(_ arrays: [[T]]) -> [T] {
    if arrays.count == 1 { return arrays[0] }
    var out: [T] = []
    out.reserveCapacity(arrays.reduce(0) { $0 + $1.count })
    for a in arrays { out.append(contentsOf: a) }
    return out
  }
}

/// A thread-safe running total of parsed bytes for progress reports.
final class ProgressCounter: Sendable {
  private let value = Atomic<Int>(0)
  func add(_ delta: Int) -> Int { value.add(delta, ordering: .relaxed).newValue }
}
