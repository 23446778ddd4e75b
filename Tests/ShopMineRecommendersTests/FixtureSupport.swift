import Foundation
import ShopMineData
import XCTest

/// Loads fixtures written by Fixtures/make_fixtures.py.
enum Fixture {
  /// The fixture's URL; a missing fixture fails the test (it is part of the test, never optional).
  static func url(_ name: String) throws -> URL {
    try XCTUnwrap(
      Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
      "fixture \(name) is not bundled: run Fixtures/make_fixtures.py")
  }

  /// An all-integer CSV with a header line as a table of int columns.
  static func intTable(_ name: String) throws -> Table {
    let text = try String(contentsOf: url(name), encoding: .utf8)
    var lines = text.split(separator: "\n")
    let header = lines.removeFirst().split(separator: ",").map(String.init)
    var columns = [[Int64]](repeating: [], count: header.count)
    for line in lines {
      for (k, part) in line.split(separator: ",").enumerated() where k < header.count {
        columns[k].append(Int64(part) ?? -1)
      }
    }
    return try Table(columns: zip(header, columns).map { Column(name: $0, ints: $1) })
  }

  /// A number stored as a decimal string in reference.json (parsed exactly by Swift).
  static func reference(_ key: String) throws -> Double {
    let data = try Data(contentsOf: url("reference.json"))
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    guard let text = object?[key] as? String, let value = Double(text) else {
      throw TableError.invalidArgument("reference.json has no number '\(key)'")
    }
    return value
  }
}
