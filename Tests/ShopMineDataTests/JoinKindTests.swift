import XCTest

@testable import ShopMineData

/// Every join kind against a nested-loops reference written here from the documented rules (pandas'
/// row orders, SQL's missing keys), on seeded tables with duplicate and missing keys that go through the
/// direct-index, hashed and multi-key paths; plus empty tables, suffixes and the memory check.
final class JoinKindTests: XCTestCase {
  /// `n` rows: int `key` from `keys` (missing every `missingEvery` rows), string `tag`, int `v`.
  func table(_ n: Int, keys: [Int64], seed: UInt64, value: String, missingEvery: Int = 0) throws -> Table {
    var rng = SplitMix64(seed: seed)
    var k: [Value] = []
    var t: [Value] = []
    var v: [Value] = []
    for i in 0..<n {
      k.append(missingEvery > 0 && i % missingEvery == 1 ? .missing : .int(keys[rng.below(keys.count)]))
      t.append(.string(["a", "b", "c"][rng.below(3)]))
      v.append(.int(Int64(i)))
    }
    return try Table(columns: [
      Column(name: "key", values: k), Column(name: "tag", values: t), Column(name: value, values: v),
    ])
  }

  /// The join as nested loops, rows as boxed values in the documented order.
  func reference(_ l: Table, _ r: Table, on keys: [String], kind: JoinKind) -> [[Value]] {
    let lk = keys.compactMap { l.column(named: $0) }
    let rk = keys.compactMap { r.column(named: $0) }
    let rightExtra = r.columns.filter { !keys.contains($0.name) }
    func matches(_ i: Int, _ j: Int) -> Bool {
      zip(lk, rk).allSatisfy { a, b in a[i] != .missing && b[j] != .missing && a[i] == b[j] }
    }
    func row(_ i: Int?, _ j: Int?) -> [Value] {
      let left = l.columns.map { c -> Value in
        if let k = keys.firstIndex(of: c.name), i == nil, let j { return rk[k][j] }
        return i.map { c[$0] } ?? .missing
      }
      return left + rightExtra.map { c in j.map { c[$0] } ?? .missing }
    }
    var out: [[Value]] = []
    switch kind {
    case .semi, .anti:
      for i in 0..<l.rowCount where (0..<r.rowCount).contains(where: { matches(i, $0) }) == (kind == .semi) {
        out.append(l.columns.map { $0[i] })
      }
    case .right:
      for j in 0..<r.rowCount {
        let hits = (0..<l.rowCount).filter { matches($0, j) }
        out += hits.isEmpty ? [row(nil, j)] : hits.map { row($0, j) }
      }
    case .inner, .left, .outer:
      for i in 0..<l.rowCount {
        let hits = (0..<r.rowCount).filter { matches(i, $0) }
        if hits.isEmpty && kind != .inner { out.append(row(i, nil)) }
        out += hits.map { row(i, $0) }
      }
      if kind == .outer {
        for j in 0..<r.rowCount where !(0..<l.rowCount).contains(where: { matches($0, j) }) {
          out.append(row(nil, j))
        }
        // Stable sort by the keys, missing last.
        let positions = keys.compactMap { k in l.columnNames.firstIndex(of: k) }
        out = out.enumerated().sorted { a, b in
          for p in positions {
            let x = a.element[p]
            let y = b.element[p]
            if x == y { continue }
            if x == .missing || y == .missing { return y == .missing }
            if let dx = x.doubleValue, let dy = y.doubleValue { return dx < dy }
            return x.displayText < y.displayText
          }
          return a.offset < b.offset
        }.map(\.element)
      }
    }
    return out
  }

  func testEveryKindEqualsTheReferenceWithDuplicateAndMissingKeys() throws {
    // Small key range (direct index), a wide one (hashed), and missing keys on both sides.
    for (keys, seed) in [([Int64](1...6), UInt64(1)), ([1, 1_000_000_007, 5, -3], 2), ([7, 8], 3)] {
      let left = try table(40, keys: keys, seed: seed, value: "lv", missingEvery: 7)
      let right = try table(30, keys: keys + [99], seed: seed + 10, value: "rv", missingEvery: 5)
      for kind in JoinKind.allCases {
        for on in [["key"], ["key", "tag"]] {
          let joined = try left.joined(with: right, on: on, kind: kind)
          XCTAssertEqual(joined.rows, reference(left, right, on: on, kind: kind), "\(kind) on \(on), seed \(seed)")
        }
      }
    }
  }

  func testStringKeysAndUniqueRightKeys() throws {
    let users = try Table(
      names: ["city", "n"], rows: [[.string("Oslo"), .int(1)], [.string("Nice"), .int(2)], [.missing, .int(3)]])
    let cities = try Table(
      names: ["city", "country"],
      rows: [[.string("Nice"), .string("FR")], [.string("Rome"), .string("IT")], [.missing, .string("?")]])
    for kind in JoinKind.allCases {
      XCTAssertEqual(
        try users.joined(with: cities, on: ["city"], kind: kind).rows,
        reference(users, cities, on: ["city"], kind: kind),
        "\(kind)")
    }
    // Missing keys never match: the anti join keeps the user whose city is missing.
    XCTAssertEqual(
      try users.joined(with: cities, on: ["city"], kind: .anti).column(named: "n")?.storage, .int([1, 3]))
    let outer = try users.joined(with: cities, on: ["city"], kind: .outer)
    XCTAssertEqual(
      outer.column(named: "city").map { c in (0..<c.count).map { c[$0] } },
      [.string("Nice"), .string("Oslo"), .string("Rome"), .missing, .missing])
  }

  func testEmptyTablesGiveTheRightColumns() throws {
    let left = try table(5, keys: [1, 2], seed: 4, value: "lv")
    let empty = try left.gatheringRows([]).renaming([("lv", "rv")])
    for kind in JoinKind.allCases {
      let a = try left.joined(with: empty, on: ["key"], kind: kind)
      let b = try empty.joined(with: left, on: ["key"], kind: kind)
      let both = kind == .semi || kind == .anti
      XCTAssertEqual(a.columnNames, both ? ["key", "tag", "lv"] : ["key", "tag_x", "lv", "tag_y", "rv"], "\(kind)")
      XCTAssertEqual(a.rowCount, [.left, .outer, .anti].contains(kind) ? 5 : 0, "\(kind)")
      XCTAssertEqual(b.rowCount, [.right, .outer].contains(kind) ? 5 : 0, "\(kind)")
    }
  }

  func testSuffixesAndCoalescedKeyTypes() throws {
    let a = try Table(names: ["k", "x"], rows: [[.int(1), .int(10)], [.int(2), .int(20)]])
    let b = try Table(names: ["k", "x"], rows: [[.float(2), .int(7)], [.float(3), .int(8)]])
    let joined = try a.joined(with: b, on: ["k"], kind: .outer, suffixes: ("_l", "_r"))
    XCTAssertEqual(joined.columnNames, ["k", "x_l", "x_r"])
    // An int key coalesced with a float key is a float column, as pandas gives.
    XCTAssertEqual(joined.column(named: "k")?.storage, .float([1, 2, 3]))
    XCTAssertEqual(joined.rows[2], [.float(3), .missing, .int(8)])
  }

  func testEveryKindAsksAdmitBeforeBuilding() throws {
    let left = try table(50, keys: [1, 2, 3], seed: 5, value: "lv")
    let right = try table(60, keys: [2, 3, 4], seed: 6, value: "rv")
    for kind in JoinKind.allCases {
      var seen: [Int] = []
      let joined = try left.joined(with: right, on: ["key"], kind: kind) { seen.append($0) }
      XCTAssertEqual(seen, [joined.rowCount], "\(kind)")
      XCTAssertThrowsError(
        try left.joined(with: right, on: ["key"], kind: kind) { _ throws(TableError) in
          throw TableError.invalidArgument("over budget")
        }, "\(kind)")
    }
  }
}
