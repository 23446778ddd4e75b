import Foundation
import XCTest

@testable import ShopMineData

/// Parquet reading against files pyarrow 26.0.1 wrote (Fixtures/parquet/make_fixtures.py writes them with
/// the values pyarrow reads back), and ShopMine's own files read back by ShopMine.
final class ParquetTests: XCTestCase {
  func fixture(_ name: String) throws -> String {
    let dir = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    return dir.appendingPathComponent("parquet/\(name)").path
  }

  func temporaryPath(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parquet-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
  }

  /// The values pyarrow read from a fixture: column → values (`NSNull` for missing).
  func expected(_ name: String) throws -> [String: [Any]] {
    let data = try Data(contentsOf: URL(fileURLWithPath: try fixture(name)))
    return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: [Any]])
  }

  /// Compares a column with pyarrow's values: timestamps as microseconds, floats to 1e-9 relative.
  func assertColumn(_ column: Column, equals values: [Any], file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(column.count, values.count, "rows of \(column.name)", file: file, line: line)
    for (row, want) in values.enumerated() where row < column.count {
      let got = column[row]
      switch (got, want) {
      case (.missing, is NSNull): continue
      case (.int(let a), let b as NSNumber):
        XCTAssertEqual(a, b.int64Value, "\(column.name)[\(row)]", file: file, line: line)
      case (.timestamp(let a), let b as NSNumber):
        XCTAssertEqual(a, b.int64Value, "\(column.name)[\(row)]", file: file, line: line)
      case (.float(let a), let b as NSNumber):
        XCTAssertEqual(
          a, b.doubleValue, accuracy: 1e-9 * max(1, abs(a)), "\(column.name)[\(row)]", file: file, line: line)
      case (.bool(let a), let b as NSNumber):
        XCTAssertEqual(a, b.boolValue, "\(column.name)[\(row)]", file: file, line: line)
      case (.string(let a), let b as String): XCTAssertEqual(a, b, "\(column.name)[\(row)]", file: file, line: line)
      default: XCTFail("\(column.name)[\(row)]: \(got) vs \(want)", file: file, line: line)
      }
    }
  }

  func testPyarrowFilesReadToPyarrowsValuesWithEveryCodecPageVersionAndDictionarySetting() throws {
    let want = try expected("types_expected.json")
    for name in [
      "types_snappy_v1_dict.parquet", "types_gzip_v2_dict.parquet", "types_zstd_v2_plain.parquet",
      "types_none_v1_plain.parquet",
    ] {
      let table = try ParquetReader.read(path: try fixture(name))
      XCTAssertEqual(Set(table.columnNames), Set(want.keys), name)
      for column in table.columns { assertColumn(column, equals: want[column.name] ?? []) }
      XCTAssertEqual(
        table.columns.map(\.type),
        [.int, .int, .float, .float, .bool, .string, .timestamp, .timestamp, .timestamp, .timestamp, .timestamp], name)
    }
  }

  func testDeltaEncodingsInt96AndDecimalsRead() throws {
    for (file, json) in [
      ("delta.parquet", "delta_expected.json"), ("int96_decimal.parquet", "int96_decimal_expected.json"),
    ] {
      let want = try expected(json)
      let table = try ParquetReader.read(path: try fixture(file))
      XCTAssertEqual(Set(table.columnNames), Set(want.keys))
      for column in table.columns { assertColumn(column, equals: want[column.name] ?? []) }
    }
  }

  func testSchemaAndProjectionReadOnlyTheNamedColumns() throws {
    let path = try fixture("types_snappy_v1_dict.parquet")
    let schema = try ParquetReader.schema(path: path)
    XCTAssertEqual(schema.first?.name, "i32")
    XCTAssertEqual(schema.first(where: { $0.name == "day" })?.type, .timestamp)
    let table = try ParquetReader.read(path: path, columns: ["text", "i64"])
    XCTAssertEqual(table.columnNames, ["text", "i64"])
    let full = try ParquetReader.read(path: path)
    XCTAssertEqual(table.column(named: "text"), full.column(named: "text"))
    XCTAssertThrowsError(try ParquetReader.read(path: path, columns: ["nope"])) { error in
      XCTAssertEqual((error as? TableError)?.code, .unknownColumn)
    }
  }

  func testANestedColumnIsAnErrorNamingItAndFlatColumnsBesideItRead() throws {
    let path = try fixture("nested.parquet")
    for column in ["tags", "ctx"] {
      XCTAssertThrowsError(try ParquetReader.read(path: path, columns: [column])) { error in
        let message = (error as? TableError)?.message ?? ""
        XCTAssertTrue(message.contains("'\(column)'") && message.contains("nested"), message)
      }
    }
    XCTAssertThrowsError(try ParquetReader.read(path: path))
    // The leaves of the nested columns are skipped when finding the chunk of a later column.
    let flat = try ParquetReader.read(path: path, columns: ["id", "after"])
    XCTAssertEqual(flat.value(row: 2, column: "after"), .string("z"))
    XCTAssertEqual(flat.value(row: 4, column: "id"), .int(4))
  }

  func sampleTable(rows: Int) throws -> Table {
    let words = ["a", "b€", "ç", ""]
    let strings: [String?] = (0..<rows).map { (row: Int) -> String? in
      row % 7 == 0 ? nil : words[row % 4] + String(row % 5)
    }
    let mask = ValidityMask((0..<rows).map { $0 % 5 != 0 })
    return try Table(columns: [
      Column(name: "n", ints: (0..<rows).map { Int64($0) * 1_000_003 - 7 }, validity: mask),
      Column(name: "x", floats: (0..<rows).map { $0 % 11 == 0 ? .nan : Double($0) / 3 }),
      Column(name: "ok", bools: (0..<rows).map { $0 % 3 == 0 }, validity: ValidityMask((0..<rows).map { $0 % 4 != 1 })),
      Column(name: "s", strings: strings),
      Column(name: "t", timestamps: (0..<rows).map { Int64($0) * 86_400_000_123 - 5 }, validity: mask),
      Column(name: "k", ints: (0..<rows).map { Int64($0 % 3) }),
    ])
  }

  /// Equal values row by row (NaN floats count as missing, as ShopMine treats them).
  func assertSameValues(_ a: Table, _ b: Table, _ note: String) {
    XCTAssertEqual(a.columnNames, b.columnNames, note)
    XCTAssertEqual(a.rowCount, b.rowCount, note)
    for (x, y) in zip(a.columns, b.columns) {
      XCTAssertEqual(x.type, y.type, note)
      for row in 0..<min(x.count, y.count) {
        let (u, v) = (x.hasValue(row) ? x[row] : .missing, y.hasValue(row) ? y[row] : .missing)
        if u != v { XCTFail("\(note): \(x.name)[\(row)] \(u) vs \(v)") }
      }
    }
  }

  func testRoundTripOfEveryTypeWithNullsEachCodecPageVersionAndSeveralRowGroups() throws {
    let table = try sampleTable(rows: 1000)
    for codec in ParquetCodec.allCases {
      for version in [1, 2] {
        for dictionary in [true, false] {
          let options = ParquetWriteOptions(
            codec: codec, dictionary: dictionary, pageVersion: version, rowGroupRows: 300, pageRows: 128)
          let path = temporaryPath("round-\(codec)-\(version)-\(dictionary).parquet")
          try ParquetWriter.write(table, to: path, options: options)
          let back = try ParquetReader.read(path: path)
          assertSameValues(table, back, "\(codec) v\(version) dictionary \(dictionary)")
        }
      }
    }
  }

  func testWritingIsDeterministicAndEmptyTablesRoundTrip() throws {
    let table = try sampleTable(rows: 500)
    XCTAssertEqual(try ParquetWriter.encode(table), try ParquetWriter.encode(table))
    let empty = try Table(columns: [Column(name: "a", ints: []), Column(name: "s", strings: [])])
    let path = temporaryPath("empty.parquet")
    try ParquetWriter.write(empty, to: path)
    let back = try ParquetReader.read(path: path)
    XCTAssertEqual(back.rowCount, 0)
    XCTAssertEqual(back.columns.map(\.type), [.int, .string])
  }

  func testTruncatedAndCorruptFilesAreErrorsNamingTheFile() throws {
    let bytes = try ParquetWriter.encode(try sampleTable(rows: 2000))
    var cases: [[UInt8]] = [Array(bytes.prefix(bytes.count / 2)), Array(bytes.prefix(10)), Array(bytes.dropLast(3))]
    // The tail kept, the column chunks cut: offsets point past the data.
    cases.append(Array(bytes.prefix(4) + bytes.suffix(bytes.count / 3)))
    // Bytes flipped inside the pages and inside the footer.
    for position in stride(from: 8, to: bytes.count - 8, by: max(1, bytes.count / 40)) {
      var damaged = bytes
      damaged[position] ^= 0x5A
      cases.append(damaged)
    }
    var errors = 0
    for (k, damaged) in cases.enumerated() {
      let path = temporaryPath("damaged-\(k).parquet")
      try Data(damaged).write(to: URL(fileURLWithPath: path))
      do throws(TableError) {
        _ = try ParquetReader.read(path: path)
      } catch {
        errors += 1
        XCTAssertTrue(error.message.contains(path), error.message)
      }
    }
    // Truncations always fail; a flipped byte inside a value may still read (as another value).
    XCTAssertGreaterThanOrEqual(errors, 4)
  }

  func testDataFilesReadsParquetPatternsAndCompressedFiles() throws {
    let table = try sampleTable(rows: 300)
    let a = temporaryPath("part-a.parquet")
    let b = temporaryPath("part-b.parquet")
    try DataFiles.write(table, to: a)
    try DataFiles.write(table, to: b)
    let both = try DataFiles.read(temporaryPath("part-*.parquet"))
    XCTAssertEqual(both.rowCount, 600)
    XCTAssertEqual(both.value(row: 300, column: "file"), .string(b))
    // A zstd-compressed CSV file is read through.
    let csv = temporaryPath("plain.csv")
    try DataFiles.write(table, to: csv)
    let raw = try FileBytes.read(csv)
    let zst = temporaryPath("plain.csv.zst")
    try FileBytes.writeAtomically(try ParquetCompression.compress(raw, codec: .zstd), to: zst)
    XCTAssertEqual(DataFiles.format(of: zst), .csv)
    assertSameValues(try DataFiles.read(csv), try DataFiles.read(zst), "zstd CSV")
  }

  func testBitPackingRoundTripsAtEveryWidthIncludingWideValues() throws {
    var generator = SystemRandomNumberGenerator()
    for width in [1, 3, 8, 13, 32] {
      let values = (0..<1000).map { k -> UInt32 in
        k % 50 < 20
          ? 5 % (1 << min(width, 31)) : UInt32.random(in: 0...UInt32((UInt64(1) << width) - 1), using: &generator)
      }
      var bytes: [UInt8] = []
      RLEHybrid.encode(values, width: width, into: &bytes)
      var cursor = PageCursor(bytes)
      XCTAssertEqual(try RLEHybrid.decode(&cursor, width: width, count: values.count), values, "width \(width)")
    }
    // 60-bit values (beyond one 8-byte load), packed LSB first by hand.
    let wide = (0..<37).map { _ in UInt64.random(in: 0...(UInt64(1) << 60 - 1), using: &generator) }
    var bits: [Bool] = []
    for v in wide { for b in 0..<60 { bits.append(v >> UInt64(b) & 1 == 1) } }
    var packed = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
    for (k, bit) in bits.enumerated() where bit { packed[k / 8] |= 1 << UInt8(k % 8) }
    var cursor = PageCursor(packed)
    var out: [UInt64] = []
    try cursor.unpack(count: wide.count, width: 60, into: &out)
    XCTAssertEqual(out, wide)
  }

  func testStatisticsCompareNumbersSignedStringsByUTF8BytesAndWriteZeroAsSignedZeros() throws {
    func bytes<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    func statistics(_ column: Column) -> ParquetStatistics {
      ParquetStatistics(column, rows: 0..<column.count, validity: column.effectiveValidity())
    }
    let ints = statistics(Column(name: "n", ints: [5, -3, -9], validity: ValidityMask([true, true, false])))
    XCTAssertEqual([ints.nullCount, ints.signed ? 1 : 0], [1, 1])
    XCTAssertEqual([ints.min, ints.max], [bytes(Int64(-3)), bytes(Int64(5))])
    // NaN is missing; a zero minimum is −0.0 and a zero maximum +0.0.
    let floats = statistics(Column(name: "x", floats: [0, 2.5, .nan]))
    XCTAssertEqual(floats.nullCount, 1)
    XCTAssertEqual([floats.min, floats.max], [bytes((-0.0).bitPattern), bytes(2.5.bitPattern)])
    XCTAssertEqual(statistics(Column(name: "x", floats: [-1, 0])).max, bytes(0.0.bitPattern))
    // "ü" (0xC3 0xBC) sorts after "z" unsigned; a signed byte comparison would put it first.
    let strings = statistics(Column(name: "s", strings: ["Zz", "Zürich", nil, "Z"]))
    XCTAssertFalse(strings.signed)
    XCTAssertEqual([strings.min, strings.max], [Array("Z".utf8), Array("Zürich".utf8)])
    let long = statistics(Column(name: "s", strings: [String(repeating: "a", count: 4097), "b"]))
    XCTAssertEqual([long.min, long.max], [nil, Array("b".utf8)])
    let bools = statistics(Column(name: "b", bools: [true, true]))
    XCTAssertEqual([bools.min, bools.max], [[1], [1]])
    let empty = statistics(Column(name: "n", ints: [1, 2], validity: ValidityMask([false, false])))
    XCTAssertEqual(empty.nullCount, 2)
    XCTAssertNil(empty.min)
    XCTAssertNil(empty.max)
  }

  func testOneBitLevelsBecomeValidityWordsAcrossPagesRunsAndWordBoundaries() throws {
    var generator = SystemRandomNumberGenerator()
    // Long runs (RLE), short alternations (bit-packed), pages of odd sizes so words are filled mid-way.
    var valid: [Bool] = []
    while valid.count < 5000 {
      let run = Int.random(in: 1...200, using: &generator)
      let kind = Int.random(in: 0..<3, using: &generator)
      valid += (0..<run).map { k in kind == 0 ? true : kind == 1 ? false : (k * 7 + run) % 3 != 0 }
    }
    var builder = ValidityBuilder()
    var present = 0
    var row = 0
    for size in [1, 63, 64, 65, 130, 777, 5000] where row < valid.count {
      let page = Array(valid[row..<min(valid.count, row + size)])
      var bytes: [UInt8] = []
      RLEHybrid.encode(page.map { $0 ? 1 : 0 }, width: 1, into: &bytes)
      var cursor = PageCursor(bytes)
      present += try builder.appendLevels(&cursor, count: page.count)
      row += page.count
    }
    XCTAssertEqual(present, valid.filter { $0 }.count)
    XCTAssertEqual(builder.mask, ValidityMask(valid))
    var complete = ValidityBuilder()
    var bytes: [UInt8] = []
    RLEHybrid.encode(Array(repeating: 1, count: 1000), width: 1, into: &bytes)
    var cursor = PageCursor(bytes)
    XCTAssertEqual(try complete.appendLevels(&cursor, count: 1000), 1000)
    XCTAssertNil(complete.mask)
  }
}
