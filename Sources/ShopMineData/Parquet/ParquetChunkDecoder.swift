#if canImport(Glibc)
  import Glibc
#endif

/// Decodes one column chunk (one column of one row group) into a ShopMine column.
///
/// Values are gathered densely (non-missing values only, in the physical type's storage: integers,
/// doubles, booleans or string codes), then spread over the rows by the definition levels and converted
/// to the ShopMine type.
struct ParquetChunkDecoder {
  let leaf: ParquetLeaf
  let codec: Int32

  private var ints: [Int64] = []
  private var doubles: [Double] = []
  private var bools: [Bool] = []
  private var codes: [Int32] = []
  /// The chunk's distinct strings; codes index it.
  private var strings = ByteStringDictionary()
  /// Validity of the rows so far (only for optional columns).
  private var validity = ValidityBuilder()
  private var rowsSeen = 0

  // The dictionary page's values, in the same storage.
  private var dictionaryInts: [Int64] = []
  private var dictionaryDoubles: [Double] = []
  private var dictionaryBools: [Bool] = []
  private var dictionaryCodes: [Int32] = []
  private var dictionaryCount: Int?

  init(leaf: ParquetLeaf, codec: Int32) {
    self.leaf = leaf
    self.codec = codec
  }

  /// Where the decoded values go.
  private enum Target { case ints, doubles, bools, codes }

  private var target: Target {
    switch leaf.physical {
    case .boolean: return .bools
    case .int32, .int64, .int96: return .ints
    case .float, .double: return .doubles
    case .byteArray, .fixedLenByteArray:
      if case .decimal = leaf.kind { return .doubles }
      return .codes
    }
  }

  /// Reads every page of `chunk` (the chunk's bytes, starting at its first page), expecting `rows` rows.
  static func decode(
    _ chunk: [UInt8], leaf: ParquetLeaf, codec: Int32, rows: Int, cancellation: Cancellation
  ) throws(TableError) -> Column {
    var decoder = ParquetChunkDecoder(leaf: leaf, codec: codec)
    // Reserved once: growing by each page's count would copy the values again on every page. A corrupt
    // footer may claim any row count, so no more than the chunk's bytes could plausibly hold.
    let expected = min(rows, max(1 << 16, chunk.count * 64))
    switch decoder.target {
    case .ints: decoder.ints = .hugePaged(capacity: expected)
    case .doubles: decoder.doubles = .hugePaged(capacity: expected)
    case .bools: decoder.bools.reserveCapacity(expected)
    case .codes: decoder.codes = .hugePaged(capacity: expected)
    }
    if leaf.maxDefinition > 0 { decoder.validity.reserveCapacity(expected) }
    var position = 0
    while decoder.rowsSeen < rows {
      try cancellation.check()
      var r = ThriftReader(chunk, at: position)
      let header = try ParquetPageHeader.read(&r)
      let bodyStart = r.position
      guard header.compressedSize <= chunk.count - bodyStart else {
        throw PageCursor.corrupt("a page runs past the end of its column chunk (truncated file?)")
      }
      let body = chunk[bodyStart..<(bodyStart + header.compressedSize)]
      position = bodyStart + header.compressedSize
      switch header.type {
      case ParquetPageHeader.dictionaryPage: try decoder.readDictionary(header, body)
      case ParquetPageHeader.dataPage: try decoder.readDataPage(header, body)
      case ParquetPageHeader.dataPageV2: try decoder.readDataPageV2(header, body)
      default: continue  // index pages and unknown kinds carry no values
      }
    }
    guard decoder.rowsSeen == rows else { throw PageCursor.corrupt("the pages hold more values than rows") }
    return try decoder.finish(rows: rows)
  }

  private mutating func readDictionary(_ header: ParquetPageHeader, _ body: ArraySlice<UInt8>) throws(TableError) {
    guard header.encoding == ParquetEncoding.plain || header.encoding == ParquetEncoding.plainDictionary else {
      throw unsupported(header.encoding)
    }
    let page = try ParquetCompression.decompress(body, codec: codec, size: header.uncompressedSize)
    var cursor = PageCursor(page)
    // Decode into the main storage, then move it aside.
    let saved = (ints, doubles, bools, codes)
    (ints, doubles, bools, codes) = ([], [], [], [])
    try readPlain(&cursor, count: header.valueCount)
    (dictionaryInts, dictionaryDoubles, dictionaryBools, dictionaryCodes) = (ints, doubles, bools, codes)
    (ints, doubles, bools, codes) = saved
    dictionaryCount = header.valueCount
  }

  private mutating func readDataPage(_ header: ParquetPageHeader, _ body: ArraySlice<UInt8>) throws(TableError) {
    let page = try ParquetCompression.decompress(body, codec: codec, size: header.uncompressedSize)
    var cursor = PageCursor(page)
    var present = header.valueCount
    if leaf.maxDefinition > 0 {
      guard header.definitionLevelEncoding == ParquetEncoding.rle else {
        throw unsupported(header.definitionLevelEncoding, what: "definition levels")
      }
      let length = Int(try cursor.littleEndian(4))
      var levels = PageCursor(page, from: try cursor.take(length), to: cursor.position)
      present = try readLevels(&levels, count: header.valueCount)
    }
    try readValues(&cursor, encoding: header.encoding, count: present)
    rowsSeen += header.valueCount
  }

  private mutating func readDataPageV2(_ header: ParquetPageHeader, _ body: ArraySlice<UInt8>) throws(TableError) {
    let levelBytes = header.repetitionLevelsLength + header.definitionLevelsLength
    guard levelBytes <= body.count else { throw PageCursor.corrupt("the levels run past the page") }
    let raw = Array(body)
    var present = header.valueCount
    if leaf.maxDefinition > 0 {
      var levels = PageCursor(raw, from: header.repetitionLevelsLength, to: levelBytes)
      present = try readLevels(&levels, count: header.valueCount)
    }
    let values = raw[levelBytes...]
    let page: [UInt8]
    if header.isCompressed {
      page = try ParquetCompression.decompress(values, codec: codec, size: header.uncompressedSize - levelBytes)
    } else {
      page = Array(values)
    }
    var cursor = PageCursor(page)
    try readValues(&cursor, encoding: header.encoding, count: present)
    rowsSeen += header.valueCount
  }

  /// Appends the validity of `count` rows; returns how many hold a value.
  private mutating func readLevels(_ cursor: inout PageCursor, count: Int) throws(TableError) -> Int {
    // A flat optional column (maximum level 1, the usual case) has 1-bit levels that are the validity bits
    // themselves: its runs become whole words and its bit-packed groups are copied as they are.
    if leaf.maxDefinition == 1 { return try validity.appendLevels(&cursor, count: count) }
    let levels = try RLEHybrid.decode(&cursor, width: RLEHybrid.bitWidth(leaf.maxDefinition), count: count)
    return validity.append(levels, validAt: UInt32(leaf.maxDefinition))
  }

  private mutating func readValues(_ cursor: inout PageCursor, encoding: Int32, count: Int) throws(TableError) {
    switch encoding {
    case ParquetEncoding.plain:
      try readPlain(&cursor, count: count)
    case ParquetEncoding.plainDictionary, ParquetEncoding.rleDictionary:
      guard let size = dictionaryCount else { throw PageCursor.corrupt("dictionary indices without a dictionary") }
      let width = Int(try cursor.byte())
      let indices = try RLEHybrid.decode(&cursor, width: width, count: count)
      // One check of the largest index (a loop the compiler vectorises) lets the gather go unchecked.
      guard Int(indices.reduce(0) { Swift.max($0, $1) }) < size || indices.isEmpty else {
        throw PageCursor.corrupt("a dictionary index out of range")
      }
      func gather<T>(_ dictionary: [T], into out: inout [T]) {
        guard let first = dictionary.first else { return }
        dictionary.withUnsafeBufferPointer { d in
          indices.withUnsafeBufferPointer { i in
            out.append(i.count, filledWith: first) { o in
              for k in 0..<i.count { o[k] = d[Int(i[k])] }
            }
          }
        }
      }
      switch target {
      case .ints: gather(dictionaryInts, into: &ints)
      case .doubles: gather(dictionaryDoubles, into: &doubles)
      case .bools: gather(dictionaryBools, into: &bools)
      case .codes: gather(dictionaryCodes, into: &codes)
      }
    case ParquetEncoding.rle where leaf.physical == .boolean:
      let length = Int(try cursor.littleEndian(4))
      var run = PageCursor(cursor.bytes, from: try cursor.take(length), to: cursor.position)
      bools.append(contentsOf: try RLEHybrid.decode(&run, width: 1, count: count).lazy.map { $0 != 0 })
    case ParquetEncoding.deltaBinaryPacked where leaf.physical == .int32 || leaf.physical == .int64:
      let values = try DeltaEncodings.binaryPacked(&cursor, limit: count)
      guard values.count == count else { throw PageCursor.corrupt("DELTA_BINARY_PACKED holds too few values") }
      // INT32 deltas wrap around at 32 bits.
      ints.append(contentsOf: leaf.physical == .int32 ? values.map { Int64(Int32(truncatingIfNeeded: $0)) } : values)
    case ParquetEncoding.deltaLengthByteArray where leaf.physical == .byteArray:
      let spans = try DeltaEncodings.lengthByteArray(&cursor, limit: count)
      guard spans.count == count else { throw PageCursor.corrupt("DELTA_LENGTH_BYTE_ARRAY holds too few values") }
      for span in spans { appendBytes(cursor.bytes, span.start, span.count) }
    case ParquetEncoding.deltaByteArray where leaf.physical == .byteArray:
      let values = try DeltaEncodings.byteArray(&cursor, limit: count)
      guard values.count == count else { throw PageCursor.corrupt("DELTA_BYTE_ARRAY holds too few values") }
      for value in values { appendBytes(value, 0, value.count) }
    default:
      throw unsupported(encoding)
    }
  }

  /// PLAIN values of the leaf's physical type.
  private mutating func readPlain(_ cursor: inout PageCursor, count: Int) throws(TableError) {
    let bytes = cursor.bytes
    switch leaf.physical {
    case .boolean:
      var bits: [UInt64] = []
      try cursor.unpack(count: count, width: 1, into: &bits)
      bools.append(contentsOf: bits.lazy.map { $0 != 0 })
    case .int32:
      let start = try cursor.take(try byteCount(count, 4, cursor))
      Self.append(bytes, start, count, Int32.self, to: &ints) { Int64($0) }
    case .int64:
      let start = try cursor.take(try byteCount(count, 8, cursor))
      Self.append(bytes, start, count, Int64.self, to: &ints) { $0 }
    case .float:
      let start = try cursor.take(try byteCount(count, 4, cursor))
      Self.append(bytes, start, count, UInt32.self, to: &doubles) { Double(Float(bitPattern: $0)) }
    case .double:
      let start = try cursor.take(try byteCount(count, 8, cursor))
      Self.append(bytes, start, count, UInt64.self, to: &doubles) { Double(bitPattern: $0) }
    case .int96:
      let start = try cursor.take(try byteCount(count, 12, cursor))
      for k in 0..<count {
        let nanos = Self.load(bytes, start + 12 * k, 1, Int64.self)[0]
        let day = Self.load(bytes, start + 12 * k + 8, 1, Int32.self)[0]
        let micros = (Int64(day) - 2_440_588) &* 86_400_000_000 &+ Self.floorDivide(nanos, 1000)
        ints.append(micros)
      }
    case .byteArray:
      for _ in 0..<count {
        let n = Int(try cursor.littleEndian(4))
        appendBytes(bytes, try cursor.take(n), n)
      }
    case .fixedLenByteArray:
      let width = Int(leaf.element.typeLength)
      guard width > 0 else { throw PageCursor.corrupt("a fixed-length type without a length") }
      let start = try cursor.take(try byteCount(count, width, cursor))
      for k in 0..<count { appendBytes(bytes, start + width * k, width) }
    }
  }

  private func byteCount(_ count: Int, _ width: Int, _ cursor: PageCursor) throws(TableError) -> Int {
    guard count <= cursor.remaining / width else { throw PageCursor.corrupt("ends too early") }
    return count * width
  }

  /// Appends `count` little-endian values of `T` at `start`, converted, to `out` (the caller checked the
  /// bounds): one pass, the values loaded straight into `out`'s new elements.
  private static func append<T: FixedWidthInteger, U>(
    _ bytes: [UInt8], _ start: Int, _ count: Int, _: T.Type, to out: inout [U], _ convert: (T) -> U
  ) {
    bytes.withUnsafeBytes { raw in
      out.append(count, filledWith: convert(0)) { o in
        for k in 0..<count {
          o[k] = convert(
            T(littleEndian: raw.loadUnaligned(fromByteOffset: start + k * MemoryLayout<T>.size, as: T.self)))
        }
      }
    }
  }

  /// `count` little-endian values of `T` at `start` (the caller checked the bounds).
  private static func load<T: FixedWidthInteger>(_ bytes: [UInt8], _ start: Int, _ count: Int, _: T.Type) -> [T] {
    bytes.withUnsafeBytes { raw in
      [T](unsafeUninitializedCapacity: count) { out, initialized in
        for k in 0..<count {
          out[k] = T(littleEndian: raw.loadUnaligned(fromByteOffset: start + k * MemoryLayout<T>.size, as: T.self))
        }
        initialized = count
      }
    }
  }

  /// A byte-array value: a string code, or for decimals the big-endian two's-complement unscaled number.
  private mutating func appendBytes(_ bytes: [UInt8], _ start: Int, _ n: Int) {
    if target == .doubles {
      // A negative number is read as −(complement + 1): subtracting 2^(8n) from a double would lose
      // the low digits of small negative numbers stored in wide fields.
      let negative = n > 0 && bytes[start] >= 0x80
      var value = 0.0
      for k in 0..<n { value = value * 256 + Double(negative ? ~bytes[start + k] : bytes[start + k]) }
      doubles.append(negative ? -(value + 1) : value)
      return
    }
    if n == 0 {
      var zero: UInt8 = 0
      codes.append(strings.code(&zero, 0))
      return
    }
    bytes.withUnsafeBufferPointer { buffer in
      if let base = buffer.baseAddress { codes.append(strings.code(base + start, n)) }
    }
  }

  static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }

  /// Spreads the dense values over the rows and converts them to the ShopMine type.
  private func finish(rows: Int) throws(TableError) -> Column {
    let mask = leaf.maxDefinition > 0 ? validity.mask : nil
    func spread<T>(_ dense: [T], _ filler: T) throws(TableError) -> [T] {
      guard dense.count != rows else { return dense }
      guard let mask, dense.count == mask.validCount, mask.count == rows else {
        throw PageCursor.corrupt("the value count does not match the levels")
      }
      var out = [T](repeating: filler, count: rows)
      var k = 0
      for row in 0..<rows where mask.isValid(row) {
        out[row] = dense[k]
        k += 1
      }
      return out
    }
    let storage: ColumnStorage
    switch leaf.kind {
    case .int: storage = .int(try spread(ints, 0))
    case .uint32: storage = .int(try spread(ints.map { $0 & 0xFFFF_FFFF }, 0))
    case .uint64: storage = .float(try spread(ints.map { Double(UInt64(bitPattern: $0)) }, .nan))
    case .float: storage = .float(try spread(doubles, .nan))
    case .bool: storage = .bool(try spread(bools, false))
    case .string(let validate):
      // `strings()` is `nil` when a value is not UTF-8: refused for a plain byte array, and decoded with
      // replacement characters for a column its writer declared to be text.
      var dictionary: [String]
      if let text = strings.strings() {
        dictionary = text
      } else if validate {
        throw TableError(
          code: .typeMismatch,
          message: "column '\(leaf.name)' holds binary values that are not UTF-8 text, which ShopMine does not read",
          column: leaf.name)
      } else {
        dictionary = (0..<strings.count).map { k in
          strings.withBytes(k) { p, n in String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self) }
        }
      }
      if dictionary.isEmpty { dictionary = [""] }
      storage = .string(codes: try spread(codes, 0), dictionary: dictionary)
    case .timestamp(let unit):
      let micros: [Int64]
      switch unit {
      case .millis:
        micros = try ints.map { (v) throws(TableError) -> Int64 in
          let (m, overflow) = v.multipliedReportingOverflow(by: 1000)
          if overflow { throw PageCursor.corrupt("a timestamp beyond the representable range") }
          return m
        }
      case .micros: micros = ints
      // Nanoseconds are truncated toward −∞ to whole microseconds.
      case .nanos: micros = ints.map { Self.floorDivide($0, 1000) }
      }
      storage = .timestamp(try spread(micros, 0))
    case .date:
      storage = .timestamp(try spread(ints.map { $0 &* 86_400_000_000 }, 0))
    case .int96:
      storage = .timestamp(try spread(ints, 0))
    case .decimal(let scale):
      let divisor = (0..<Int(scale)).reduce(1.0) { acc, _ in acc * 10 }
      let unscaled = target == .ints ? ints.map { Double($0) } : doubles
      storage = .float(try spread(unscaled.map { $0 / divisor }, .nan))
    }
    return Column(name: leaf.name, storage: storage, validity: mask)
  }

  private func unsupported(_ encoding: Int32, what: String = "values") -> TableError {
    TableError(
      code: .parse,
      message:
        "uses the \(ParquetEncoding.name(encoding)) encoding for \(what) of \(leaf.physical.name), which ShopMine does not read"
    )
  }
}

/// The validity of the rows decoded so far, as ``ValidityMask`` words, 64 rows at a time.
///
/// Kept as bits from the start rather than one `Bool` per row: a page's levels become a word per 64 rows,
/// and a column without missing values (most of them) ends as no mask at all.
struct ValidityBuilder {
  private var words: [UInt64] = []
  private var count = 0
  private var missing = 0

  mutating func reserveCapacity(_ rows: Int) { words.reserveCapacity((rows + 63) / 64) }

  /// Appends one row per level, valid where the level is `valid`; returns how many are.
  mutating func append(_ levels: [UInt32], validAt valid: UInt32) -> Int {
    var present = 0
    levels.withUnsafeBufferPointer { p in
      var k = 0
      while k < p.count {
        let n = min(64, p.count - k)
        var bits: UInt64 = 0
        for j in 0..<n { bits |= UInt64(p[k + j] == valid ? 1 : 0) << UInt64(j) }
        present += bits.nonzeroBitCount
        append(bits: bits, count: n)
        k += n
      }
    }
    missing += levels.count - present
    return present
  }

  /// Appends `n` ≤ 64 rows, row `count + k` valid where bit k of `bits` is set (bits from `n` on are clear).
  private mutating func append(bits: UInt64, count n: Int) {
    let shift = count & 63
    if shift == 0 {
      words.append(bits)
    } else {
      words[words.count - 1] |= bits << UInt64(shift)
      if shift + n > 64 { words.append(bits >> UInt64(64 - shift)) }
    }
    count += n
  }

  /// Appends `count` rows from 1-bit definition levels (RLE/bit-packed hybrid) at `cursor`; returns how many
  /// are valid.
  mutating func appendLevels(_ cursor: inout PageCursor, count: Int) throws(TableError) -> Int {
    var filled = 0
    var present = 0
    while filled < count {
      let header = try cursor.varint()
      if header & 1 == 0 {
        let run = Int(clamping: header >> 1)
        guard run > 0 else { throw PageCursor.corrupt("an empty run") }
        let valid = try cursor.byte() & 1 == 1
        let n = min(run, count - filled)
        appendRun(valid: valid, count: n)
        if valid { present += n }
        filled += n
      } else {
        let groups = Int(clamping: header >> 1)
        guard groups > 0, groups <= cursor.remaining + 1 else {
          throw PageCursor.corrupt("a bit-packed run past the end")
        }
        // 8 one-bit levels per byte; some writers cut the last run short of whole groups (as in RLEHybrid).
        let bytes = min(groups, cursor.remaining)
        guard bytes > 0 else { throw PageCursor.corrupt("ends too early") }
        let start = try cursor.take(bytes)
        let n = min(bytes * 8, count - filled)
        cursor.bytes.withUnsafeBytes { raw in
          var k = 0
          while k < n {
            let take = min(64, n - k)
            var bits: UInt64 = 0
            for b in 0..<(take + 7) / 8 { bits |= UInt64(raw[start + k / 8 + b]) << UInt64(8 * b) }
            if take < 64 { bits &= (1 << UInt64(take)) - 1 }
            present += bits.nonzeroBitCount
            append(bits: bits, count: take)
            k += take
          }
        }
        filled += n
      }
    }
    missing += count - present
    return present
  }

  /// Appends `n` rows that are all valid or all missing, a word at a time.
  private mutating func appendRun(valid: Bool, count n: Int) {
    var left = n
    // Up to the next word boundary, then whole words.
    let head = min(left, (64 - (count & 63)) & 63)
    if head > 0 {
      append(bits: valid ? (1 << UInt64(head)) - 1 : 0, count: head)
      left -= head
    }
    if left >= 64 {
      words.append(contentsOf: repeatElement(valid ? ~0 : 0, count: left / 64))
      count += left / 64 * 64
      left %= 64
    }
    if left > 0 { append(bits: valid ? (1 << UInt64(left)) - 1 : 0, count: left) }
  }

  /// The mask, or `nil` when no row is missing.
  var mask: ValidityMask? { missing == 0 ? nil : ValidityMask(words: words, count: count) }
}

extension Array {
  /// Appends `n` elements written by `body` through a pointer to them, after filling them with `filler`.
  ///
  /// The reader's innermost loops (a dictionary gather, a PLAIN load) write a value per row; through
  /// `append` each write pays a capacity and uniqueness check that costs more than the value itself, while
  /// the fill is a memset-speed pass.
  mutating func append(_ n: Int, filledWith filler: Element, _ body: (UnsafeMutableBufferPointer<Element>) -> Void) {
    let start = count
    append(contentsOf: repeatElement(filler, count: n))
    withUnsafeMutableBufferPointer { all in body(UnsafeMutableBufferPointer(rebasing: all[start...])) }
  }
}

extension Array {
  /// An empty array with room for `capacity` elements, its memory advised for huge pages
  /// (``HugePages/advise(_:)``) before anything touches it.
  static func hugePaged(capacity: Int) -> [Element] {
    [Element](unsafeUninitializedCapacity: capacity) { buffer, initialized in
      HugePages.advise(UnsafeMutableRawBufferPointer(buffer))
      initialized = 0
    }
  }
}

/// Asks the kernel to back large fresh buffers with 2 MB pages.
///
/// A decoded column, or a column chunk read from disk, is megabytes of fresh memory; faulting it in 4 KB at
/// a time cost the reader more than decoding the values (perf on the 1 M x 8 benchmark: a third of a read
/// in page faults and zeroing, with transparent huge pages in their usual `madvise` mode).
enum HugePages {
  /// `madvise(MADV_HUGEPAGE)` over the whole pages of `buffer` when it spans at least two huge pages;
  /// nothing elsewhere than Linux. Advice only: it changes no byte, and a refusal is ignored.
  static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
    #if canImport(Glibc)
      guard let base = buffer.baseAddress, buffer.count >= 4 << 20 else { return }
      let page = Int(sysconf(Int32(_SC_PAGESIZE)))
      let start = (Int(bitPattern: base) + page - 1) / page * page
      let end = (Int(bitPattern: base) + buffer.count) / page * page
      if end > start, let p = UnsafeMutableRawPointer(bitPattern: start) {
        _ = madvise(p, end - start, Int32(MADV_HUGEPAGE))
      }
    #endif
  }
}
