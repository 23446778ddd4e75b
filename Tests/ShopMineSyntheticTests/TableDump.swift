import Foundation
import ShopMineData
import XCTest

@testable import ShopMineSynthetic

/// Plain-text renderings of generated tables for hashing and pinning.
enum TableDump {
  /// One cell as text: ints and timestamps in decimal, floats with Swift's shortest round-trip form.
  static func cell(_ column: Column, _ row: Int) -> String {
    switch column[row] {
    case .missing: return ""
    case .int(let v): return String(v)
    case .float(let v): return String(v)
    case .bool(let v): return v ? "true" : "false"
    case .string(let s): return s
    case .timestamp(let t): return String(t)
    }
  }

  /// The table as CSV text (strings quoted when they contain separators or quotes).
  static func csv(_ table: Table) -> String {
    var out = table.columnNames.joined(separator: ",") + "\n"
    for row in 0..<table.rowCount {
      out += table.columns.map { column -> String in
        let text = cell(column, row)
        if case .string = column.storage, text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) {
          return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
      }.joined(separator: ",")
      out += "\n"
    }
    return out
  }

  /// 64-bit FNV-1a of the CSV text: a compact fingerprint to pin in golden tests.
  static func fingerprint(_ table: Table) -> String {
    fnv1a(Array(csv(table).utf8))
  }

  /// 64-bit FNV-1a of the file `save TABLE to "x.csv"` writes: what Fixtures/make_fixtures.py hashes.
  static func fileFingerprint(_ table: Table) throws -> String {
    fnv1a(try CSVWriter.encode(table))
  }

  static func fnv1a(_ bytes: [UInt8]) -> String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    return String(hash, radix: 16)
  }
}
