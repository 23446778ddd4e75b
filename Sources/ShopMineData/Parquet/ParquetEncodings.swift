/// Parquet's value encodings (Encodings.md in apache/parquet-format): the RLE/bit-packed hybrid used for
/// levels, dictionary indices and v2 booleans, and the DELTA family. PLAIN lives with the column decoder.
///
/// Every read is bounds-checked against the page: a corrupt page gives a ``TableError``, never a trap.
struct PageCursor {
  let bytes: [UInt8]
  var position: Int
  let end: Int
  /// What the bytes are, for error messages ("page", "metadata").
  let kind: String

  init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil, kind: String = "page") {
    self.bytes = bytes
    self.position = start
    self.end = min(end ?? bytes.count, bytes.count)
    self.kind = kind
  }

  var remaining: Int { end - position }

  static func corrupt(_ what: String, kind: String = "page") -> TableError {
    TableError(code: .parse, message: "corrupt \(kind) (\(what))")
  }

  mutating func byte() throws(TableError) -> UInt8 {
    guard position < end else { throw Self.corrupt("ends too early", kind: kind) }
    defer { position += 1 }
    return bytes[position]
  }

  mutating func varint() throws(TableError) -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let b = try byte()
      result |= UInt64(b & 0x7F) << shift
      if b & 0x80 == 0 { return result }
      shift += 7
      guard shift < 64 else { throw Self.corrupt("an integer is too long", kind: kind) }
    }
  }

  mutating func zigzag() throws(TableError) -> Int64 {
    let v = try varint()
    return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
  }

  /// A little-endian unsigned integer of `width` bytes (at most 8).
  mutating func littleEndian(_ width: Int) throws(TableError) -> UInt64 {
    guard width <= remaining else { throw Self.corrupt("ends too early") }
    var v: UInt64 = 0
    for k in 0..<width { v |= UInt64(bytes[position + k]) << UInt64(8 * k) }
    position += width
    return v
  }

  /// Skips `n` bytes, returning where they start.
  mutating func take(_ n: Int) throws(TableError) -> Int {
    guard n >= 0, n <= remaining else { throw Self.corrupt("ends too early") }
    defer { position += n }
    return position
  }

  /// Unpacks `count` values of `width` ≤ 32 bits (packed LSB first) into `out`, then passes over the bits
  /// of `skipping` more values; the cursor moves past the byte holding the last bit.
  mutating func unpack(count: Int, width: Int, skipping: Int = 0, into out: UnsafeMutablePointer<UInt32>)
    throws(TableError)
  {
    guard width >= 0, width <= 32 else { throw Self.corrupt("a bit width above 32") }
    let start = try take(((count + skipping) * width + 7) / 8)
    guard width > 0 else {
      out.initialize(repeating: 0, count: count)
      return
    }
    let mask: UInt64 = (1 << UInt64(width)) - 1
    bytes.withUnsafeBytes { raw in
      // A value starts at most 7 bits into its first byte, so with up to 32 bits it lies within the one
      // unaligned 8-byte load there, wherever 8 bytes remain in the buffer; only the last few values of a
      // page are gathered byte by byte. No append, no per-value bounds check beyond the loop's.
      let lastWordStart = raw.count - 8
      var bit = start * 8
      var k = 0
      while k < count, bit >> 3 <= lastWordStart {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
        (out + k).initialize(to: UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask))
        bit += width
        k += 1
      }
      while k < count {
        var value: UInt64 = 0
        for b in 0..<((bit & 7) + width + 7) / 8 { value |= UInt64(raw[(bit >> 3) + b]) << UInt64(8 * b) }
        (out + k).initialize(to: UInt32(truncatingIfNeeded: (value >> UInt64(bit & 7)) & mask))
        bit += width
        k += 1
      }
    }
  }

  /// Unpacks `count` values of `width` bits (packed LSB first) into `out`.
  mutating func unpack(count: Int, width: Int, into out: inout [UInt64]) throws(TableError) {
    guard width >= 0, width <= 64 else { throw Self.corrupt("a bit width above 64") }
    let start = try take((count * width + 7) / 8)
    out.reserveCapacity(out.count + count)
    guard width > 0 else {
      out.append(contentsOf: repeatElement(0, count: count))
      return
    }
    let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
    bytes.withUnsafeBytes { raw in
      // Values of up to 56 bits lie within one unaligned 8-byte load wherever 8 bytes remain in the buffer
      // (bits past the value, even past the page, are masked off); others are gathered piece by piece.
      let lastWordStart = raw.count - 8
      var bit = start * 8
      for _ in 0..<count {
        if width <= 56 && bit >> 3 <= lastWordStart {
          let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
          out.append((word >> UInt64(bit & 7)) & mask)
          bit += width
          continue
        }
        var value: UInt64 = 0
        var got = 0
        while got < width {
          let offset = bit & 7
          let k = min(8 - offset, width - got)
          let piece = (UInt64(raw[bit >> 3]) >> UInt64(offset)) & ((1 << UInt64(k)) - 1)
          value |= piece << UInt64(got)
          got += k
          bit += k
        }
        out.append(value)
      }
    }
  }
}

enum RLEHybrid {
  /// Decodes `count` values of the RLE/bit-packed hybrid with `width` bits each from `cursor` (up to its end).
  ///
  /// - Complexity: O(`count`), one write per value: runs are filled and bit-packed groups unpacked straight
  ///   into the result (dictionary indices and levels of a page are decoded here, so this is the reader's
  ///   innermost loop).
  static func decode(_ cursor: inout PageCursor, width: Int, count: Int) throws(TableError) -> [UInt32] {
    guard width >= 0, width <= 32 else { throw PageCursor.corrupt("a bit width above 32") }
    var failure: TableError?
    let out = [UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
      do throws(TableError) {
        try decode(&cursor, width: width, into: buffer)
        initialized = count
      } catch {
        failure = error
        initialized = 0
      }
    }
    if let failure { throw failure }
    return out
  }

  /// ``decode(_:width:count:)`` into `out`, which it fills entirely.
  private static func decode(_ cursor: inout PageCursor, width: Int, into out: UnsafeMutableBufferPointer<UInt32>)
    throws(TableError)
  {
    guard let base = out.baseAddress else { return }
    let count = out.count
    let valueBytes = (width + 7) / 8
    var filled = 0
    while filled < count {
      let header = try cursor.varint()
      if header & 1 == 0 {
        let run = Int(clamping: header >> 1)
        let value = UInt32(truncatingIfNeeded: try cursor.littleEndian(valueBytes))
        guard run > 0 else { throw PageCursor.corrupt("an empty run") }
        let n = min(run, count - filled)
        (base + filled).initialize(repeating: value, count: n)
        filled += n
      } else {
        let groups = Int(clamping: header >> 1)
        guard groups > 0, groups <= cursor.remaining + 1 else {
          throw PageCursor.corrupt("a bit-packed run past the end")
        }
        // Some writers cut the last run short of whole groups; read the values that are there.
        let available = min(groups * 8, width == 0 ? groups * 8 : cursor.remaining * 8 / width)
        guard available > 0 else { throw PageCursor.corrupt("ends too early") }
        let n = min(available, count - filled)
        try cursor.unpack(count: n, width: width, skipping: available - n, into: base + filled)
        filled += n
      }
    }
  }

  /// Encodes `values` (each below 2^`width`) as RLE runs where 8 or more repeat, bit-packed groups of 8
  /// elsewhere (the last group padded with zeros; readers stop at the page's value count).
  static func encode(_ values: [UInt32], width: Int, into out: inout [UInt8]) {
    var i = 0
    var pending: [UInt32] = []
    func flushPacked() {
      guard !pending.isEmpty else { return }
      while pending.count % 8 != 0 { pending.append(0) }
      varint(UInt64(pending.count / 8) << 1 | 1, into: &out)
      var buffer: UInt64 = 0
      var bits = 0
      for v in pending {
        buffer |= UInt64(v) << UInt64(bits)
        bits += width
        while bits >= 8 {
          out.append(UInt8(truncatingIfNeeded: buffer))
          buffer >>= 8
          bits -= 8
        }
      }
      if bits > 0 { out.append(UInt8(truncatingIfNeeded: buffer)) }
      pending.removeAll(keepingCapacity: true)
    }
    while i < values.count {
      var run = 1
      while i + run < values.count && values[i + run] == values[i] { run += 1 }
      // Runs only start on a group boundary of the pending bit-packed values.
      if run >= 8 && pending.count % 8 == 0 {
        flushPacked()
        varint(UInt64(run) << 1, into: &out)
        var v = values[i]
        for _ in 0..<((width + 7) / 8) {
          out.append(UInt8(truncatingIfNeeded: v))
          v >>= 8
        }
        i += run
      } else {
        pending.append(values[i])
        i += 1
      }
    }
    flushPacked()
  }

  static func varint(_ value: UInt64, into out: inout [UInt8]) {
    var v = value
    while v >= 0x80 {
      out.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    out.append(UInt8(v))
  }

  /// The number of bits needed for values up to `maximum`.
  static func bitWidth(_ maximum: Int) -> Int {
    maximum <= 0 ? 0 : Int.bitWidth - maximum.leadingZeroBitCount
  }
}

enum DeltaEncodings {
  /// DELTA_BINARY_PACKED integers: as many as the header says, at most `limit` (the page's value count).
  static func binaryPacked(_ cursor: inout PageCursor, limit: Int) throws(TableError) -> [Int64] {
    let blockSize = Int(clamping: try cursor.varint())
    let miniblocks = Int(clamping: try cursor.varint())
    let total = Int(clamping: try cursor.varint())
    var value = try cursor.zigzag()
    guard miniblocks > 0, blockSize > 0, blockSize % miniblocks == 0, blockSize <= 1 << 16,
      (blockSize / miniblocks) % 8 == 0, total <= limit
    else { throw PageCursor.corrupt("a DELTA_BINARY_PACKED header is invalid") }
    let perMiniblock = blockSize / miniblocks
    var out: [Int64] = []
    out.reserveCapacity(total)
    if total > 0 { out.append(value) }
    var deltas: [UInt64] = []
    while out.count < total {
      let minDelta = try cursor.zigzag()
      let widthsAt = try cursor.take(miniblocks)
      for m in 0..<miniblocks where out.count < total {
        let width = Int(cursor.bytes[widthsAt + m])
        guard width <= 64 else { throw PageCursor.corrupt("a miniblock bit width above 64") }
        deltas.removeAll(keepingCapacity: true)
        try cursor.unpack(count: perMiniblock, width: width, into: &deltas)
        for d in deltas.prefix(total - out.count) {
          value = value &+ minDelta &+ Int64(bitPattern: d)
          out.append(value)
        }
      }
    }
    return out
  }

  /// DELTA_LENGTH_BYTE_ARRAY: lengths, then the bytes one after the other. Returns the values' offsets
  /// into `cursor.bytes`.
  static func lengthByteArray(_ cursor: inout PageCursor, limit: Int) throws(TableError) -> [(
    start: Int, count: Int
  )] {
    let lengths = try binaryPacked(&cursor, limit: limit)
    var out: [(start: Int, count: Int)] = []
    out.reserveCapacity(lengths.count)
    for n in lengths {
      guard n >= 0, n <= Int64(cursor.remaining) else { throw PageCursor.corrupt("a string length past the end") }
      out.append((try cursor.take(Int(n)), Int(n)))
    }
    return out
  }

  /// DELTA_BYTE_ARRAY: each value is a prefix of the previous one plus a suffix.
  static func byteArray(_ cursor: inout PageCursor, limit: Int) throws(TableError) -> [[UInt8]] {
    let prefixes = try binaryPacked(&cursor, limit: limit)
    let suffixes = try lengthByteArray(&cursor, limit: limit)
    guard prefixes.count == suffixes.count else { throw PageCursor.corrupt("DELTA_BYTE_ARRAY counts differ") }
    var out: [[UInt8]] = []
    out.reserveCapacity(prefixes.count)
    var previous: [UInt8] = []
    for (p, s) in zip(prefixes, suffixes) {
      guard p >= 0, p <= Int64(previous.count) else { throw PageCursor.corrupt("a prefix longer than the value") }
      var value = Array(previous.prefix(Int(p)))
      value.append(contentsOf: cursor.bytes[s.start..<(s.start + s.count)])
      out.append(value)
      previous = value
    }
    return out
  }
}
