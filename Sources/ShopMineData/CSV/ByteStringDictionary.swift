/// An open-addressing hash set of byte strings, assigning dense `Int32` codes in order of first insertion.
///
/// The CSV reader dictionary-encodes string columns while parsing. Keying a Swift `Dictionary` by `String`
/// would allocate a string per cell; this table hashes and compares the raw bytes in place and copies a
/// value's bytes into its arena only the first time the value is seen.
struct ByteStringDictionary {
  /// Concatenated bytes of every distinct value.
  private(set) var arena: [UInt8] = []
  /// Start of each value's bytes in `arena`, plus a final end offset (`offsets.count == count + 1`).
  private(set) var offsets: [Int] = [0]
  private var hashes: [UInt64] = []
  /// Slots hold `code + 1`; 0 is empty.
  private var slots: [Int32]
  private var mask: Int

  init(capacity: Int = 64) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = [Int32](repeating: 0, count: size)
    mask = size - 1
  }

  /// Number of distinct values.
  var count: Int { hashes.count }

  @inline(__always)
  private static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    // A multiply-rotate hash over 8-byte words: strings here are short (categories, names, timestamps).
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
    var i = 0
    let raw = UnsafeRawPointer(p)
    while i + 8 <= n {
      let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
      h = (h << 29) | (h >> 35)
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < n {
      tail |= UInt64(p[i]) << shift
      shift += 8
      i += 1
    }
    h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
    return h ^ (h >> 32)
  }

  /// The code of the value `p[0..<n]`, inserting it if new.
  @inline(__always)
  mutating func code(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
    let h = Self.hash(p, n)
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = slots[slot]
      if s == 0 { break }
      let c = Int(s - 1)
      if hashes[c] == h && equals(c, p, n) { return Int32(c) }
      slot = (slot + 1) & mask
    }
    let code = Int32(hashes.count)
    hashes.append(h)
    arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
    offsets.append(arena.count)
    slots[slot] = code + 1
    if hashes.count * 2 > slots.count { grow() }
    return code
  }

  @inline(__always)
  private func equals(_ c: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let start = offsets[c]
    guard offsets[c + 1] - start == n else { return false }
    return arena.withUnsafeBufferPointer { a in
      guard let base = a.baseAddress else { return n == 0 }
      return n == 0 || memcmpBytes(base + start, p, n)
    }
  }

  private mutating func grow() {
    let size = slots.count * 2
    var newSlots = [Int32](repeating: 0, count: size)
    let newMask = size - 1
    for (c, h) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: h) & newMask
      while newSlots[slot] != 0 { slot = (slot + 1) & newMask }
      newSlots[slot] = Int32(c + 1)
    }
    slots = newSlots
    mask = newMask
  }

  /// The bytes of value `code`, handed to `body`.
  func withBytes<R>(_ code: Int, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
    let start = offsets[code]
    let n = offsets[code + 1] - start
    return arena.withUnsafeBufferPointer { a in
      // An empty arena has no base address; any non-null pointer is fine for zero bytes.
      guard let base = a.baseAddress else {
        var zero: UInt8 = 0
        return withUnsafePointer(to: &zero) { body($0, 0) }
      }
      return body(base + start, n)
    }
  }

  /// Every distinct value as a `String`, in code order; `nil` when one is not valid UTF-8 (checking the
  /// distinct values only is how the reader notices a file in another encoding without a pass of its own).
  func strings() -> [String]? {
    var out: [String] = []
    out.reserveCapacity(count)
    for c in 0..<count {
      guard let s = withBytes(c, { p, n in String(validating: UnsafeBufferPointer(start: p, count: n), as: UTF8.self) })
      else { return nil }
      out.append(s)
    }
    return out
  }
}

/// Byte equality without Foundation's `memcmp` import.
@inline(__always)
func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
  var i = 0
  let ra = UnsafeRawPointer(a)
  let rb = UnsafeRawPointer(b)
  while i + 8 <= n {
    if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
      return false
    }
    i += 8
  }
  while i < n {
    if a[i] != b[i] { return false }
    i += 1
  }
  return true
}
