import Foundation
import ShopMineData
import XCTest

/// Reads the fixtures written by Fixtures/make_fixtures.py (plain CSV without quoted fields, and JSON).
enum FixtureFiles {
  static func url(_ name: String) throws -> URL {
    let base = try XCTUnwrap(Bundle.module.resourceURL, "test bundle has no resources")
    return base.appendingPathComponent("Fixtures").appendingPathComponent(name)
  }

  /// Header and rows of a simple CSV (no quotes: the fixtures are written that way).
  static func csv(_ name: String) throws -> (header: [String], rows: [[String]]) {
    let text = try String(contentsOf: url(name), encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let rows = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    return (header, rows)
  }

  /// A CSV as a `Table`, with the listed columns typed (others become strings).
  static func table(_ name: String, ints: Set<String> = [], floats: Set<String> = [], bools: Set<String> = [])
    throws -> Table
  {
    let (header, rows) = try csv(name)
    var columns: [Column] = []
    for (j, h) in header.enumerated() {
      let cells = rows.map { $0[j] }
      if ints.contains(h) {
        columns.append(Column(name: h, ints: try cells.map { try XCTUnwrap(Int64($0), "\(h): \($0)") }))
      } else if floats.contains(h) {
        columns.append(Column(name: h, floats: try cells.map { try XCTUnwrap(Double($0), "\(h): \($0)") }))
      } else if bools.contains(h) {
        columns.append(Column(name: h, bools: cells.map { $0 == "True" || $0 == "true" || $0 == "1" }))
      } else {
        columns.append(Column(name: h, strings: cells))
      }
    }
    return try Table(columns: columns)
  }

  static func json(_ name: String = "expected.json") throws -> [String: Any] {
    let data = try Data(contentsOf: url(name))
    return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
  }
}

extension Table {
  /// Column `name` as doubles (missing → NaN) for assertions.
  func doublesForTest(_ name: String) throws -> [Double] {
    let column = try XCTUnwrap(self.column(named: name), "no column \(name)")
    return column.doubles().map { $0 ?? .nan }
  }

  /// Column `name` as text for assertions.
  func stringsForTest(_ name: String) throws -> [String] {
    let column = try XCTUnwrap(self.column(named: name), "no column \(name)")
    return (0..<column.count).map { row in
      switch column[row] {
      case .string(let s): return s
      case .int(let i): return String(i)
      case .float(let d): return "\(d)"
      case .bool(let b): return b ? "true" : "false"
      case .timestamp(let t): return String(t)
      case .missing: return "missing"
      }
    }
  }
}
