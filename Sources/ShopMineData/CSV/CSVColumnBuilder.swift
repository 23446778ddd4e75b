/// Accumulates one column's parsed values while a chunk of CSV is scanned.
///
/// One struct with a buffer per storage kind (only the one matching `type` is used) instead of a protocol
/// existential, so appending a field is a switch and an array append — no dynamic dispatch, no boxing.
struct CSVColumnBuilder {
  var type: ColumnType
  /// Fields read as missing.
  let missing: MissingMarkers
  /// The decimal mark.
  let decimal: UInt8
  /// How timestamps are read.
  let dates: TimestampReading
  /// Ints and timestamps.
  var ints: [Int64] = []
  var doubles: [Double] = []
  var bools: [Bool] = []
  var codes: [Int32] = []
  var dictionary = ByteStringDictionary()
  /// Rows whose field was missing (usually few, so a list beats a bitmap while parsing).
  var missingRows: [Int] = []
  var count = 0

  init(
    type: ColumnType, reserve: Int, missing: MissingMarkers, decimal: UInt8 = UInt8(ascii: "."),
    dates: TimestampReading = .iso
  ) {
    self.type = type
    self.missing = missing
    self.decimal = decimal
    self.dates = dates
    switch type {
    case .int, .timestamp: ints.reserveCapacity(reserve)
    case .float: doubles.reserveCapacity(reserve)
    case .bool: bools.reserveCapacity(reserve)
    case .string: codes.reserveCapacity(reserve)
    }
  }

  /// Appends the field `p[0..<n]`; returns `false` when it does not fit `type` (after widening int to
  /// float in place when that makes it fit).
  @inline(__always)
  mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    if missing.matches(p, n) {
      missingRows.append(count)
      appendFiller()
      count += 1
      return true
    }
    switch type {
    case .int:
      if let v = FieldParsers.parseInt(p, n) {
        ints.append(v)
      } else if let d = FieldParsers.parseDouble(p, n, decimal: decimal) {
        widenToFloat()
        doubles.append(d)
      } else {
        return false
      }
    case .float:
      guard let d = FieldParsers.parseDouble(p, n, decimal: decimal) else { return false }
      doubles.append(d)
    case .bool:
      guard let b = FieldParsers.parseBool(p, n) else { return false }
      bools.append(b)
    case .timestamp:
      guard let t = dates.parse(p, n) else { return false }
      ints.append(t)
    case .string:
      codes.append(dictionary.code(p, n))
    }
    count += 1
    return true
  }

  @inline(__always)
  private mutating func appendFiller() {
    switch type {
    case .int, .timestamp: ints.append(0)
    case .float: doubles.append(.nan)
    case .bool: bools.append(false)
    case .string: codes.append(0)
    }
  }

  /// Converts the ints parsed so far to doubles (a later row of an int column held a decimal).
  mutating func widenToFloat() {
    guard type == .int else { return }
    doubles = ints.map { Double($0) }
    for r in missingRows { doubles[r] = .nan }
    ints = []
    type = .float
  }
}
