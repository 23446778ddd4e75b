import Foundation
import ShopMineData
import XCTest

@testable import ShopMineRules

/// Loads fixtures written by Fixtures/make_fixtures.py.
enum Fixture {
  /// The fixture's URL; a missing fixture fails the test (it is part of the test, never optional).
  static func url(_ name: String) throws -> URL {
    try XCTUnwrap(
      Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
      "fixture \(name) is not bundled: run Fixtures/make_fixtures.py")
  }

  static func json(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: url(name))
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw TableError.invalidArgument("fixture \(name) is not a JSON object")
    }
    return object
  }

  /// A two-int-column CSV (header line, then `a,b` rows) as a table.
  static func intTable(_ name: String) throws -> Table {
    let text = try String(contentsOf: url(name), encoding: .utf8)
    var lines = text.split(separator: "\n")
    let header = lines.removeFirst().split(separator: ",").map(String.init)
    var a: [Int64] = []
    var b: [Int64] = []
    for line in lines {
      let parts = line.split(separator: ",")
      a.append(Int64(parts[0]) ?? -1)
      b.append(Int64(parts[1]) ?? -1)
    }
    return try Table(columns: [Column(name: header[0], ints: a), Column(name: header[1], ints: b)])
  }

  /// A fixture number: a decimal string (parsed exactly by Swift), "inf"/"-inf", or a JSON number.
  static func number(_ any: Any?) -> Double? {
    if let d = any as? Double { return d }
    if let i = any as? Int { return Double(i) }
    if let n = any as? NSNumber { return n.doubleValue }
    if let s = any as? String { return s == "inf" ? .infinity : s == "-inf" ? -.infinity : Double(s) }
    return nil
  }

  static func labels(_ any: Any?) -> [String] {
    ((any as? [Any]) ?? []).map { v in
      if let s = v as? String { return s }
      if let n = v as? NSNumber { return n.stringValue }
      return "\(v)"
    }
  }
}

/// Sorted label texts of an itemset, used as a key independent of order.
func sortedKey(_ labels: [Value]) -> String {
  labels.map { labelText($0) }.sorted().joined(separator: "|")
}
func sortedKey(_ labels: [String]) -> String { labels.sorted().joined(separator: "|") }
