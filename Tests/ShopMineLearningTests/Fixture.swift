import Foundation
import ShopMineData
import XCTest

@testable import ShopMineLearning

/// Loads the scikit-learn reference fixtures written by `Fixtures/make_fixtures.py`.
/// A parsed fixture value. JSONDecoder parses numbers exactly (corelibs' JSONSerialization may be off by an ulp),
/// which matters for assertions that compare bit for bit.
enum FixtureJSON: Decodable {
  case number(Double)
  case string(String)
  case bool(Bool)
  case null
  case array([FixtureJSON])
  case object([String: FixtureJSON])

  init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let d = try? c.decode(Double.self) {
      self = .number(d)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([FixtureJSON].self) {
      self = .array(a)
    } else {
      self = .object(try c.decode([String: FixtureJSON].self))
    }
  }

  subscript(key: String) -> FixtureJSON {
    if case .object(let o) = self { return o[key] ?? .null }
    return .null
  }

  struct Mismatch: Error, CustomStringConvertible {
    var description: String
  }

  func double() throws -> Double {
    guard case .number(let d) = self else { throw Mismatch(description: "expected a number, got \(self)") }
    return d
  }
  func int() throws -> Int {
    let d = try double()
    guard let i = Int(exactly: d) else { throw Mismatch(description: "expected an integer, got \(d)") }
    return i
  }
  func string() throws -> String {
    guard case .string(let s) = self else { throw Mismatch(description: "expected a string, got \(self)") }
    return s
  }
  func array() throws -> [FixtureJSON] {
    guard case .array(let a) = self else { throw Mismatch(description: "expected an array, got \(self)") }
    return a
  }
  var optionalDouble: Double? { try? double() }
  var optionalInt: Int? { try? int() }
  func doubles() throws -> [Double] { try array().map { try $0.double() } }
  func ints() throws -> [Int] { try array().map { try $0.int() } }
  func matrix() throws -> [[Double]] { try array().map { try $0.doubles() } }
  func intMatrix() throws -> [[Int]] { try array().map { try $0.ints() } }
}

/// Loads the scikit-learn reference fixtures written by `Fixtures/make_fixtures.py`.
enum Fixture {
  static func json(_ name: String) throws -> FixtureJSON {
    guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "json") else {
      throw TableError(code: .io, message: "fixture \(name).json not found")
    }
    return try JSONDecoder().decode(FixtureJSON.self, from: Data(contentsOf: url))
  }

  static func cases(_ name: String) throws -> [FixtureJSON] {
    try json(name).array()
  }

  nonisolated(unsafe) private static var datasetCache: FixtureJSON?

  /// A dataset's rows as a feature matrix and its integer targets.
  static func dataset(_ name: String) throws -> (x: FeatureMatrix, y: [Int]) {
    if datasetCache == nil { datasetCache = try json("datasets")["data"] }
    let d = try XCTUnwrap(datasetCache)[name]
    return (try FeatureMatrix(rows: d["X"].matrix()), try d["y"].ints())
  }

  /// Every 4th row (0, 4, 8, …) is a test row, as in make_fixtures.py.
  static func split(_ name: String) throws -> (train: TrainingData, test: FeatureMatrix, testY: [Int]) {
    let (x, y) = try dataset(name)
    let testRows = (0..<x.rowCount).filter { $0 % 4 == 0 }
    let trainRows = (0..<x.rowCount).filter { $0 % 4 != 0 }
    let train = try TrainingData(
      x: x.selecting(rows: trainRows), y: EncodedTarget(values: trainRows.map { .int(Int64(y[$0])) }))
    return (train, x.selecting(rows: testRows), testRows.map { y[$0] })
  }

  static func training(_ name: String) throws -> TrainingData {
    let (x, y) = try dataset(name)
    return try TrainingData(x: x, y: EncodedTarget(values: y.map { .int(Int64($0)) }))
  }
}

func assertClose(
  _ a: Double, _ b: Double, relative: Double = 0, absolute: Double = 0, _ message: String = "",
  file: StaticString = #filePath, line: UInt = #line
) {
  let tol = max(absolute, relative * max(abs(a), abs(b)))
  XCTAssertLessThanOrEqual(abs(a - b), tol, "\(a) vs \(b) \(message)", file: file, line: line)
}
