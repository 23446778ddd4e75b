/// The statistics of one column chunk as the footer stores them (`Statistics` in parquet.thrift): the null
/// count and the smallest and largest value, PLAIN-encoded.
///
/// They follow Arrow C++ (pyarrow's writer) so that readers skip row groups alike: integers, doubles and
/// timestamps compare signed, strings by their UTF-8 bytes unsigned (the TypeDefinedOrder the footer
/// declares), `false` < `true`; a minimum of zero is −0.0 and a maximum of zero is +0.0 (PARQUET-1225: a
/// reader comparing with −0.0 or +0.0 must not skip a chunk holding the other); a bound longer than 4,096
/// bytes is left out, as Arrow's `max_statistics_size` does.
struct ParquetStatistics: Sendable {
  var nullCount = 0
  var min: [UInt8]?
  var max: [UInt8]?
  /// Whether the order is signed: the deprecated `min`/`max` fields are then written too, for readers
  /// that predate `min_value`/`max_value` (Arrow does the same).
  var signed = true

  /// Arrow C++'s default `max_statistics_size`.
  static let boundLimit = 4096

  /// The statistics of `rows` of `column`, whose missing values (NaN included) are those of `validity`.
  ///
  /// - Complexity: O(`rows.count`); for strings also O(size of the column's dictionary).
  init(_ column: Column, rows: Range<Int>, validity: ValidityMask?) {
    func isValid(_ row: Int) -> Bool { validity?.isValid(row) ?? true }
    nullCount = validity.map { v in rows.lazy.filter { !v.isValid($0) }.count } ?? 0
    guard nullCount < rows.count else { return }
    func little<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    switch column.storage {
    case .int(let a), .timestamp(let a):
      var (low, high) = (Int64.max, Int64.min)
      for row in rows where isValid(row) {
        low = Swift.min(low, a[row])
        high = Swift.max(high, a[row])
      }
      (min, max) = (little(low), little(high))
    case .float(let a):
      var (low, high) = (Double.infinity, -Double.infinity)
      for row in rows where isValid(row) {
        low = Swift.min(low, a[row])
        high = Swift.max(high, a[row])
      }
      if low == 0 { low = -0.0 }
      if high == 0 { high = 0.0 }
      (min, max) = (little(low.bitPattern), little(high.bitPattern))
    case .bool(let a):
      var (anyFalse, anyTrue) = (false, false)
      for row in rows where isValid(row) {
        if a[row] { anyTrue = true } else { anyFalse = true }
      }
      (min, max) = ([anyFalse ? 0 : 1], [anyTrue ? 1 : 0])
    case .string(let codes, let dictionary):
      signed = false
      // Each distinct string is compared once, not once per row.
      var used = [Bool](repeating: false, count: dictionary.count)
      for row in rows where isValid(row) { used[Int(codes[row])] = true }
      var low: String?
      var high: String?
      for (code, isUsed) in used.enumerated() where isUsed {
        let s = dictionary[code]
        if low.map({ s.utf8.lexicographicallyPrecedes($0.utf8) }) ?? true { low = s }
        if high.map({ $0.utf8.lexicographicallyPrecedes(s.utf8) }) ?? true { high = s }
      }
      min = low.map { Array($0.utf8) }
      max = high.map { Array($0.utf8) }
      if (min?.count ?? 0) > Self.boundLimit { min = nil }
      if (max?.count ?? 0) > Self.boundLimit { max = nil }
    }
  }

  /// The `Statistics` struct's fields.
  func write(into w: inout ThriftWriter) {
    if signed, let max { w.field(1, binary: max) }
    if signed, let min { w.field(2, binary: min) }
    w.field(3, i64: Int64(nullCount))
    if let max { w.field(5, binary: max) }
    if let min { w.field(6, binary: min) }
  }
}
