/// An open-addressing hash map from `Int64` keys to dense `Int32` codes in order of first insertion.
///
/// Grouping and joining reduce every key to an `Int64` and then to a dense code through this map; a
/// purpose-built table of flat arrays probes several times faster than `Dictionary<Int64, Int32>`
/// (no generic hashing, no resilience indirection), which is what makes `group by` and `join` fast.
struct Int64CodeMap {
  private var keys: [Int64]
  private var slots: [Int32]  // code + 1; 0 is empty
  private var mask: Int
  private(set) var count = 0
  /// Polled while the table grows: rehashing millions of keys into a new table of a hundred megabytes
  /// takes tens of milliseconds, too long for an interrupt to wait.
  private let cancellation: Cancellation?
  /// Set when a growth stopped for an interrupt: the table then misses keys and must be discarded.
  private(set) var abandoned = false

  init(expected: Int, cancellation: Cancellation? = nil) {
    self.cancellation = cancellation
    var size = 16
    while size < expected * 2 { size <<= 1 }
    keys = [Int64](repeating: 0, count: size)
    slots = [Int32](repeating: 0, count: size)
    mask = size - 1
  }

  @inline(__always)
  private static func hash(_ k: Int64) -> Int {
    // Fibonacci hashing spreads consecutive ids (the common key) over the table.
    let h = UInt64(bitPattern: k) &* 0x9E37_79B9_7F4A_7C15
    return Int(truncatingIfNeeded: h ^ (h >> 29))
  }

  /// The code of `key`, inserting it with the next code if absent.
  @inline(__always)
  mutating func code(_ key: Int64) -> Int32 {
    var slot = Self.hash(key) & mask
    while true {
      let s = slots[slot]
      if s == 0 { break }
      if keys[slot] == key { return s - 1 }
      slot = (slot + 1) & mask
    }
    let code = Int32(count)
    keys[slot] = key
    slots[slot] = code + 1
    count += 1
    if count * 2 > slots.count { grow() }
    return code
  }

  /// The code of `key`, or -1 when absent.
  @inline(__always)
  func lookup(_ key: Int64) -> Int32 {
    var slot = Self.hash(key) & mask
    while true {
      let s = slots[slot]
      if s == 0 { return -1 }
      if keys[slot] == key { return s - 1 }
      slot = (slot + 1) & mask
    }
  }

  /// Doubles the table. A growth to millions of slots is a hundred megabytes of fresh memory: the keys
  /// are left unzeroed (a key is read only where its slot is taken), the slots are zeroed and the entries
  /// moved in blocks, and between blocks the token is polled; on an interrupt the map gives up (see
  /// ``abandoned``) and shrinks to an empty table, so the few inserts until the caller notices stay cheap.
  private mutating func grow() {
    let oldKeys = keys
    let oldSlots = slots
    let size = slots.count * 2
    let block = Cancellation.rowBlock
    var stopped: Bool { cancellation?.isCancelled ?? false }
    keys = [Int64](unsafeUninitializedCapacity: size) { _, initialized in initialized = size }
    slots = [Int32](unsafeUninitializedCapacity: size) { _, initialized in initialized = size }
    mask = size - 1
    for start in stride(from: 0, to: size, by: block) {
      if stopped { return abandon() }
      slots.withUnsafeMutableBufferPointer { s in
        s[start..<Swift.min(size, start + block)].update(repeating: 0)
      }
    }
    for i in 0..<oldSlots.count where oldSlots[i] != 0 {
      if i & (block - 1) == 0 && stopped { return abandon() }
      var slot = Self.hash(oldKeys[i]) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      keys[slot] = oldKeys[i]
      slots[slot] = oldSlots[i]
    }
  }

  private mutating func abandon() {
    abandoned = true
    keys = [Int64](repeating: 0, count: 16)
    slots = [Int32](repeating: 0, count: 16)
    mask = 15
    count = 0
  }
}

/// Turns key columns into dense integer codes, the shape grouping and joining work on.
enum KeyEncoding {
  /// One `Int64` per row that is equal exactly when the values are equal; `nil` for missing rows.
  /// Strings use `stringMap` to translate codes into a shared dictionary (for joins across tables).
  static func rawKeys(_ c: Column, stringMap: [Int32]? = nil, asDouble: Bool = false) -> [Int64] {
    switch c.storage {
    case .int(let a):
      if asDouble { return a.map { Int64(bitPattern: Double($0).bitPattern) } }
      return a
    case .timestamp(let a): return a
    case .float(let a):
      // +0.0 and -0.0 are equal values, so they must share a key.
      return a.map { Int64(bitPattern: ($0 == 0 ? 0.0 : $0).bitPattern) }
    case .bool(let a): return a.map { $0 ? 1 : 0 }
    case .string(let codes, _):
      guard let map = stringMap else { return codes.map { Int64($0) } }
      return map.withUnsafeBufferPointer { m in codes.map { Int64(m[Int($0)]) } }
    }
  }

  /// Dense codes for the rows of one table's key columns, in order of first appearance; missing values
  /// are a value of their own (SQL's GROUP BY keeps a NULL group).
  static func groupCodes(_ columns: [Column], cancellation: Cancellation) throws(TableError) -> (
    codes: [Int32], count: Int
  ) {
    guard let first = columns.first else { return ([], 0) }
    let n = first.count
    var combined: [Int32] = []
    var cardinality = 1
    for (j, c) in columns.enumerated() {
      try cancellation.check()
      let (codes, count) = try denseCodes(
        rawKeys(c), validity: c.effectiveValidity(), missingCode: true, cancellation: cancellation)
      if j == 0 {
        (combined, cardinality) = (codes, count)
      } else {
        // Mix the previous codes with this column's, then re-dense so the product never overflows.
        let mixed = (0..<n).map { Int64(combined[$0]) &* Int64(count) &+ Int64(codes[$0]) }
        (combined, cardinality) = try denseCodes(mixed, validity: nil, missingCode: false, cancellation: cancellation)
      }
    }
    return (combined, cardinality)
  }

  /// Dense codes of `keys` in first-appearance order; a missing row gets its own code when `missingCode`,
  /// else -1.
  static func denseCodes(
    _ keys: [Int64], validity: ValidityMask?, missingCode: Bool, cancellation: Cancellation = .none
  ) throws(TableError) -> (codes: [Int32], count: Int) {
    var map = Int64CodeMap(expected: min(keys.count, 1 << 16), cancellation: cancellation)
    var codes = [Int32](repeating: -1, count: keys.count)
    var missing: Int32 = -1
    var interrupted = false
    keys.withUnsafeBufferPointer { k in
      for i in 0..<k.count {
        // Hashing millions of keys takes long enough that an interrupt must be able to cut in.
        if i & 0x3FFF == 0 && (cancellation.isCancelled || map.abandoned) {
          interrupted = true
          return
        }
        if let v = validity, !v.isValid(i) {
          if missingCode {
            if missing < 0 {
              missing = Int32(map.count)
              _ = map.code(Int64.min)  // reserve the code (missing stands apart from any real value below)
            }
            codes[i] = missing
          }
          continue
        }
        codes[i] = map.code(k[i])
      }
    }
    if interrupted || map.abandoned { throw TableError.interrupted }
    return (codes, map.count)
  }
}
