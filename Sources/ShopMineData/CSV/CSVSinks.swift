/// Collects the first record's fields as text (column names).
struct HeaderSink: CSVRecordSink {
  var names: [String] = []
  /// Whether every name was valid UTF-8.
  var validUTF8 = true
  mutating func beginRecord(at offset: Int) {}
  mutating func field(_ index: Int, _ p: UnsafePointer<UInt8>, _ n: Int) throws(TableError) {
    let bytes = UnsafeBufferPointer(start: p, count: n)
    if String(validating: bytes, as: UTF8.self) == nil { validUTF8 = false }
    names.append(String(decoding: bytes, as: UTF8.self))
  }
  mutating func endRecord(fieldCount: Int) throws(TableError) -> Bool { false }
}

/// Infers column types from the first `limit` records: the narrowest of int, float, bool, timestamp,
/// string that every value fits (missing fields fit every type).
struct InferenceSink: CSVRecordSink {
  let expectedFields: Int
  let limit: Int
  let missing: MissingMarkers
  let decimal: UInt8
  /// The `dates` format, and whether each column's values all follow it so far.
  let format: DateFormat?
  var canFormat: [Bool]
  var canInt: [Bool]
  var canFloat: [Bool]
  var canBool: [Bool]
  var canTimestamp: [Bool]
  var sawValue: [Bool]
  var records = 0
  var recordStart = 0
  /// Byte offset of the first record with the wrong number of fields, and its count.
  var ragged: (offset: Int, fields: Int)?
  /// Total bytes of the records seen, to estimate row counts for reserving buffers.
  var firstOffset: Int?
  var lastOffset = 0

  init(expectedFields: Int, limit: Int, missing: MissingMarkers, decimal: UInt8, format: DateFormat? = nil) {
    self.expectedFields = expectedFields
    self.limit = limit
    self.missing = missing
    self.decimal = decimal
    self.format = format
    canFormat = Array(repeating: format != nil, count: expectedFields)
    canInt = Array(repeating: true, count: expectedFields)
    canFloat = canInt
    canBool = canInt
    canTimestamp = canInt
    sawValue = Array(repeating: false, count: expectedFields)
  }

  mutating func beginRecord(at offset: Int) {
    recordStart = offset
    if firstOffset == nil { firstOffset = offset }
    lastOffset = offset
  }

  mutating func field(_ j: Int, _ p: UnsafePointer<UInt8>, _ n: Int) throws(TableError) {
    guard j < expectedFields, !missing.matches(p, n) else { return }
    sawValue[j] = true
    if canInt[j] && FieldParsers.parseInt(p, n) == nil { canInt[j] = false }
    if canFloat[j] && FieldParsers.parseDouble(p, n, decimal: decimal) == nil { canFloat[j] = false }
    if canBool[j] && FieldParsers.parseBool(p, n) == nil { canBool[j] = false }
    if canTimestamp[j] && Timestamp.parse(p, count: n) == nil { canTimestamp[j] = false }
    if canFormat[j], let format, format.parse(p, count: n) == nil { canFormat[j] = false }
  }

  mutating func endRecord(fieldCount: Int) throws(TableError) -> Bool {
    if fieldCount != expectedFields && ragged == nil { ragged = (recordStart, fieldCount) }
    records += 1
    return records < limit
  }

  /// The inferred type of column `j`. A column with no value in the sample starts as int, the narrowest
  /// type, so later values widen it; if it stays empty the reader makes it float, as pandas does.
  func type(of j: Int) -> ColumnType {
    if !sawValue[j] { return .int }
    if followsFormat(j) { return .timestamp }
    if canInt[j] { return .int }
    if canFloat[j] { return .float }
    if canBool[j] { return .bool }
    if canTimestamp[j] { return .timestamp }
    return .string
  }

  /// Whether column `j` had values and every one followed the `dates` format.
  func followsFormat(_ j: Int) -> Bool { sawValue[j] && canFormat[j] }
}

/// Parses records into typed column builders.
struct TypedSink: CSVRecordSink {
  var builders: [CSVColumnBuilder]
  let explicit: [Bool]
  var recordStart = 0
  /// Set when a value does not fit an inferred type that cannot widen in place; the reader then re-infers
  /// over the whole file.
  var needsReinference = false
  /// A value that does not fit an explicit type: (record offset, column index, the text).
  var explicitFailure: (offset: Int, column: Int, text: String)?
  var ragged: (offset: Int, fields: Int)?

  mutating func beginRecord(at offset: Int) { recordStart = offset }

  @inline(__always)
  mutating func field(_ j: Int, _ p: UnsafePointer<UInt8>, _ n: Int) throws(TableError) {
    guard j < builders.count else { return }
    if !builders[j].append(p, n) {
      if explicit[j] {
        explicitFailure = (recordStart, j, String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
      } else {
        needsReinference = true
      }
      // Keep the column aligned until the scan stops at the end of this record.
      builders[j].missingRows.append(builders[j].count)
      builders[j].count += 1
    }
  }

  mutating func endRecord(fieldCount: Int) throws(TableError) -> Bool {
    if fieldCount != builders.count {
      ragged = (recordStart, fieldCount)
      return false
    }
    return !needsReinference && explicitFailure == nil
  }
}
