// Parquet support is written by hand in this module: there is no Arrow or Parquet library for Swift on this
// machine (nor one usable from Swift on Linux without a C++ toolchain). Parquet's metadata is serialised
// with Apache Thrift's compact protocol, of which only the parts the file footer and page headers use are
// here: structs, lists, binaries, integers, doubles and booleans (maps and sets are skipped when met).

/// The type nibble of a field or list element in Thrift's compact protocol.
enum ThriftType: UInt8 {
  case stop = 0
  case boolTrue = 1
  case boolFalse = 2
  case byte = 3
  case i16 = 4
  case i32 = 5
  case i64 = 6
  case double = 7
  case binary = 8
  case list = 9
  case set = 10
  case map = 11
  case `struct` = 12
}

/// Reads Thrift compact-protocol values from a byte buffer, every read bounds-checked.
///
/// Errors carry only what is wrong; the Parquet reader prefixes the file's name.
struct ThriftReader {
  /// The bytes and the read position; integers and bytes are read as in pages.
  private var cursor: PageCursor
  var bytes: [UInt8] { cursor.bytes }
  var position: Int { cursor.position }
  /// Last field id of each open struct (field ids are delta-encoded against the previous one).
  private var lastFieldIDs: [Int16] = []
  /// The value of a boolean field, which the compact protocol stores in the field header's type.
  private var pendingBool: Bool?
  /// Structs nested deeper than this are refused: no Parquet structure comes close, a corrupt file might.
  private static let maximumDepth = 64

  init(_ bytes: [UInt8], at position: Int = 0) {
    cursor = PageCursor(bytes, from: position, kind: "metadata")
  }

  static func corrupt(_ what: String) -> TableError {
    PageCursor.corrupt(what, kind: "metadata")
  }

  mutating func byte() throws(TableError) -> UInt8 { try cursor.byte() }
  mutating func varint() throws(TableError) -> UInt64 { try cursor.varint() }
  mutating func i64() throws(TableError) -> Int64 { try cursor.zigzag() }

  mutating func i32() throws(TableError) -> Int32 {
    let v = try i64()
    guard let narrow = Int32(exactly: v) else { throw Self.corrupt("a 32-bit integer is out of range") }
    return narrow
  }

  /// An i32 that must be a count or a size (not negative).
  mutating func count() throws(TableError) -> Int {
    let v = try i64()
    guard v >= 0, v <= Int64(Int32.max) else { throw Self.corrupt("a negative or huge size") }
    return Int(v)
  }

  mutating func double() throws(TableError) -> Double {
    Double(bitPattern: try cursor.littleEndian(8))
  }

  mutating func binary() throws(TableError) -> [UInt8] {
    let n = try varint()
    guard n <= UInt64(cursor.remaining) else { throw Self.corrupt("a string runs past the end") }
    let start = try cursor.take(Int(n))
    return Array(bytes[start..<(start + Int(n))])
  }

  mutating func string() throws(TableError) -> String {
    String(decoding: try binary(), as: UTF8.self)
  }

  mutating func bool() throws(TableError) -> Bool {
    if let value = pendingBool {
      pendingBool = nil
      return value
    }
    // A boolean list element: one byte.
    return try byte() == 1
  }

  mutating func beginStruct() throws(TableError) {
    guard lastFieldIDs.count < Self.maximumDepth else { throw Self.corrupt("nested too deeply") }
    lastFieldIDs.append(0)
  }

  mutating func endStruct() {
    lastFieldIDs.removeLast()
  }

  /// The next field's id and type, or `nil` at the end of the struct.
  mutating func fieldHeader() throws(TableError) -> (id: Int16, type: ThriftType)? {
    let header = try byte()
    guard let type = ThriftType(rawValue: header & 0x0F) else { throw Self.corrupt("unknown field type") }
    if type == .stop { return nil }
    let delta = header >> 4
    let last = lastFieldIDs.last ?? 0
    let id: Int16
    if delta == 0 {
      guard let explicit = Int16(exactly: try i64()) else { throw Self.corrupt("a field id is out of range") }
      id = explicit
    } else {
      id = last &+ Int16(delta)
    }
    if !lastFieldIDs.isEmpty { lastFieldIDs[lastFieldIDs.count - 1] = id }
    if type == .boolTrue || type == .boolFalse { pendingBool = type == .boolTrue }
    return (id, type)
  }

  /// A list's element type and size.
  mutating func listHeader() throws(TableError) -> (type: ThriftType, count: Int) {
    let header = try byte()
    guard let type = ThriftType(rawValue: header & 0x0F) else { throw Self.corrupt("unknown list element type") }
    var n = Int(header >> 4)
    if n == 15 {
      let v = try varint()
      guard v <= UInt64(bytes.count) else { throw Self.corrupt("a list is longer than the file") }
      n = Int(v)
    }
    // Every element takes at least one byte, so a longer list cannot be real.
    guard n <= bytes.count - position else { throw Self.corrupt("a list runs past the end") }
    return (type, n)
  }

  /// Reads a struct, calling `field` for each field; `field` returns false for fields it does not know,
  /// which are skipped.
  mutating func readStruct(_ field: (inout ThriftReader, Int16, ThriftType) throws(TableError) -> Bool)
    throws(TableError)
  {
    try beginStruct()
    while let (id, type) = try fieldHeader() {
      if !(try field(&self, id, type)) { try skip(type) }
    }
    endStruct()
  }

  /// Reads a list of `element`s.
  mutating func readList<T>(_ element: (inout ThriftReader) throws(TableError) -> T) throws(TableError) -> [T] {
    let (_, n) = try listHeader()
    var out: [T] = []
    out.reserveCapacity(n)
    for _ in 0..<n { out.append(try element(&self)) }
    return out
  }

  /// Skips a value of `type`.
  mutating func skip(_ type: ThriftType, depth: Int = 0) throws(TableError) {
    guard depth < Self.maximumDepth else { throw Self.corrupt("nested too deeply") }
    switch type {
    case .stop: throw Self.corrupt("unexpected end of struct")
    case .boolTrue, .boolFalse:
      if pendingBool != nil { pendingBool = nil } else { _ = try byte() }
    case .byte: _ = try byte()
    case .i16, .i32, .i64: _ = try varint()
    case .double: _ = try double()
    case .binary: _ = try binary()
    case .list, .set:
      let (element, n) = try listHeader()
      for _ in 0..<n { try skip(element, depth: depth + 1) }
    case .map:
      let n = try varint()
      guard n > 0 else { return }
      guard n <= UInt64(bytes.count - position) else { throw Self.corrupt("a map runs past the end") }
      let kinds = try byte()
      guard let key = ThriftType(rawValue: kinds >> 4), let value = ThriftType(rawValue: kinds & 0x0F) else {
        throw Self.corrupt("unknown map types")
      }
      for _ in 0..<n {
        try skip(key, depth: depth + 1)
        try skip(value, depth: depth + 1)
      }
    case .struct:
      try beginStruct()
      while let (_, fieldType) = try fieldHeader() { try skip(fieldType, depth: depth + 1) }
      endStruct()
    }
  }
}

/// Writes Thrift compact-protocol values.
struct ThriftWriter {
  private(set) var bytes: [UInt8] = []
  private var lastFieldIDs: [Int16] = [0]

  mutating func varint(_ value: UInt64) {
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  mutating func zigzag(_ value: Int64) {
    varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
  }

  private mutating func fieldHeader(_ id: Int16, _ type: ThriftType) {
    let last = lastFieldIDs[lastFieldIDs.count - 1]
    let delta = id - last
    if delta > 0 && delta <= 15 {
      bytes.append(UInt8(delta) << 4 | type.rawValue)
    } else {
      bytes.append(type.rawValue)
      zigzag(Int64(id))
    }
    lastFieldIDs[lastFieldIDs.count - 1] = id
  }

  mutating func field(_ id: Int16, i32 value: Int32) {
    fieldHeader(id, .i32)
    zigzag(Int64(value))
  }

  mutating func field(_ id: Int16, i64 value: Int64) {
    fieldHeader(id, .i64)
    zigzag(value)
  }

  mutating func field(_ id: Int16, bool value: Bool) {
    fieldHeader(id, value ? .boolTrue : .boolFalse)
  }

  mutating func field(_ id: Int16, binary value: [UInt8]) {
    fieldHeader(id, .binary)
    element(binary: value)
  }

  /// A binary value without a field header (a list element).
  mutating func element(binary value: [UInt8]) {
    varint(UInt64(value.count))
    bytes.append(contentsOf: value)
  }

  mutating func field(_ id: Int16, string value: String) {
    field(id, binary: Array(value.utf8))
  }

  /// A struct-valued field whose fields `body` writes.
  mutating func field(_ id: Int16, struct body: (inout ThriftWriter) -> Void) {
    fieldHeader(id, .struct)
    writeStruct(body)
  }

  /// A list-valued field of `count` elements of `type`, each written by `element`.
  mutating func field(_ id: Int16, listOf type: ThriftType, count: Int, _ element: (inout ThriftWriter, Int) -> Void) {
    fieldHeader(id, .list)
    if count < 15 {
      bytes.append(UInt8(count) << 4 | type.rawValue)
    } else {
      bytes.append(0xF0 | type.rawValue)
      varint(UInt64(count))
    }
    for k in 0..<count { element(&self, k) }
  }

  /// A struct (a list element or the top-level value): its fields, then the stop byte.
  mutating func writeStruct(_ body: (inout ThriftWriter) -> Void) {
    lastFieldIDs.append(0)
    body(&self)
    bytes.append(ThriftType.stop.rawValue)
    lastFieldIDs.removeLast()
  }
}
