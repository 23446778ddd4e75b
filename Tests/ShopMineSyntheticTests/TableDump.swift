import Foundation
import ShopMineData
import XCTest

@testable import ShopMineSynthetic

/// Plain-text renderings of generated tables for hashing, pinning and (on request) exporting.
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
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in csv(table).utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    return String(hash, radix: 16)
  }
}

/// Writes generated tables as CSV when `SHOPMINE_SYNTH_DUMP` names a folder (for the Python cross-check
/// script `Fixtures/make_fixtures.py`); otherwise skipped.
final class SyntheticDumpTests: XCTestCase {
  func testDumpTablesForPythonChecks() throws {
    guard let folder = ProcessInfo.processInfo.environment["SHOPMINE_SYNTH_DUMP"] else {
      throw XCTSkip("set SHOPMINE_SYNTH_DUMP to a folder to export CSVs")
    }
    var specs: [(String, Int, Int64)] = [
      ("users", 100, 42), ("users", 2000, 42), ("users", 2000, 9), ("users", 100, 7), ("orders", 20000, 3),
      ("orders", 50000, 9), ("products", 500, 3), ("reviews", 20000, 3), ("events", 20000, 3),
    ]
    if let list = ProcessInfo.processInfo.environment["SHOPMINE_SYNTH_SPECS"] {
      // "kind:count:seed,kind:count:seed"
      specs = list.split(separator: ",").compactMap { spec in
        let parts = spec.split(separator: ":")
        guard parts.count == 3, let n = Int(parts[1]), let seed = Int64(parts[2]) else { return nil }
        return (String(parts[0]), n, seed)
      }
    }
    for (kind, n, seed) in specs {
      let table = try SyntheticShop.generate(kind, count: n, seed: seed)
      let url = URL(fileURLWithPath: folder).appendingPathComponent("\(kind)_\(n)_\(seed).csv")
      try TableDump.csv(table).write(to: url, atomically: true, encoding: .utf8)
    }
  }
}
