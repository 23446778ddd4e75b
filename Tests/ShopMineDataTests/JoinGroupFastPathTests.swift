import XCTest

@testable import ShopMineData

/// The shortcuts of `join` and `group by` (direct indexing of small integer key ranges, shared left
/// columns, parallel gathers) against plain reference implementations written row by row here, on
/// seeded random tables that exercise each path and its fallback; and the interrupt polls.
final class JoinGroupFastPathTests: XCTestCase {
  /// A table of `n` rows: `key` ints drawn from `keys`, `value` floats (some NaN), `tag` strings.
  func table(_ n: Int, keys: [Int64], seed: UInt64, keyName: String = "key", nanEvery: Int = 0) throws -> Table {
    var rng = SplitMix64(seed: seed)
    var k: [Int64] = []
    var v: [Double] = []
    var t: [String?] = []
    for i in 0..<n {
      k.append(keys[rng.below(keys.count)])
      v.append(nanEvery > 0 && i % nanEvery == 0 ? .nan : Double(rng.below(10_000)) / 100)
      t.append(["a", "b", "c"][rng.below(3)])
    }
    return try Table(columns: [
      Column(name: keyName, ints: k), Column.floats("value", v, validity: nil), Column(name: "tag", strings: t),
    ])
  }

  /// The join written as nested loops: left order, right order within a key, missing keys never match.
  func referenceJoin(_ l: Table, _ r: Table, key: String, kind: JoinKind) throws -> [[Value]] {
    let lk = try l.requireColumn(key)
    let rk = try r.requireColumn(key)
    let rightExtra = r.columns.filter { $0.name != key }
    var out: [[Value]] = []
    for i in 0..<l.rowCount {
      let leftValues = l.columns.map { $0[i] }
      var matched = false
      if lk[i] != .missing {
        for j in 0..<r.rowCount where rk[j] == lk[i] {
          out.append(leftValues + rightExtra.map { $0[j] })
          matched = true
        }
      }
      if !matched && kind == .left { out.append(leftValues + rightExtra.map { _ in .missing }) }
    }
    return out
  }

  func testDirectJoinOnUniqueDenseKeysEqualsNestedLoops() throws {
    // Right keys 1…300 once each (the lookup join); left keys include values absent on the right.
    let right = try Table(columns: [
      Column(name: "key", ints: Array(1...300)), Column(name: "age", ints: (1...300).map { 18 + $0 % 50 }),
    ])
    let left = try table(2000, keys: Array(-5...320), seed: 1)
    for kind in [JoinKind.inner, .left] {
      let joined = try left.joined(with: right, on: ["key"], kind: kind)
      XCTAssertEqual(joined.columnNames, ["key", "value", "tag", "age"])
      XCTAssertEqual(joined.rows, try referenceJoin(left, right, key: "key", kind: kind), "\(kind)")
    }
    // Every left key present: the output keeps the left rows as they are.
    let allMatch = try table(5000, keys: Array(1...300), seed: 2)
    let joined = try allMatch.joined(with: right, on: ["key"])
    XCTAssertEqual(joined.rowCount, 5000)
    XCTAssertEqual(joined.column(named: "value"), allMatch.column(named: "value"))
    XCTAssertEqual(joined.rows, try referenceJoin(allMatch, right, key: "key", kind: .inner))
  }

  func testJoinWithRepeatedRightKeysWideRangesAndMissingKeysEqualsNestedLoops() throws {
    // Repeated right keys (buckets), a key range too wide for direct indexing, and a missing right key.
    let repeated = try table(400, keys: Array(1...50), seed: 3)
    let wide = try table(400, keys: [1, 1_000_000_007, -9_000_000_000, 42], seed: 4)
    let withMissing = try Table(
      names: ["key", "w"], rows: [[.int(1), .int(10)], [.missing, .int(20)], [.int(3), .int(30)]])
    let left = try table(1500, keys: Array(0...55) + [1_000_000_007, -9_000_000_000], seed: 5)
    for right in [repeated, wide, withMissing] {
      for kind in [JoinKind.inner, .left] {
        let joined = try left.joined(with: right, on: ["key"], kind: kind)
        XCTAssertEqual(
          joined.rows, try referenceJoin(left, right, key: "key", kind: kind), "\(kind) \(right.columnNames)")
      }
    }
  }

  /// `admit` (the memory budget's hook) is told the exact output rows once, before the output exists, on
  /// every path (lookup join with and without misses, buckets, hashed wide keys, two keys); what it throws
  /// ends the join.
  func testAdmitSeesTheOutputRowCountOnceAndCanRefuseTheJoin() throws {
    let unique = try Table(columns: [
      Column(name: "key", ints: Array(1...300)), Column(name: "age", ints: (1...300).map { 18 + $0 % 50 }),
    ])
    let repeated = try table(400, keys: Array(1...50), seed: 3)
    let wide = try table(400, keys: [1, 1_000_000_007, -9_000_000_000, 42], seed: 4)
    let left = try table(1500, keys: Array(0...55) + [1_000_000_007, -9_000_000_000], seed: 5)
    for right in [unique, repeated, wide] {
      for kind in [JoinKind.inner, .left] {
        var seen: [Int] = []
        let joined = try left.joined(with: right, on: ["key"], kind: kind) { seen.append($0) }
        XCTAssertEqual(
          seen, [try referenceJoin(left, right, key: "key", kind: kind).count], "\(kind) \(right.columnNames)")
        XCTAssertEqual(seen, [joined.rowCount])
      }
    }
    var seen: [Int] = []
    let twoKeys = try left.joined(with: repeated, on: ["key", "tag"], kind: .inner) { seen.append($0) }
    XCTAssertEqual(seen, [twoKeys.rowCount])
    XCTAssertGreaterThan(twoKeys.rowCount, 0)

    let refusal = TableError.invalidArgument("too big")
    for right in [unique, repeated] {
      XCTAssertThrowsError(
        try left.joined(with: right, on: ["key"]) { rows throws(TableError) in
          if rows > 100 { throw refusal }
        }
      ) { XCTAssertEqual($0 as? TableError, refusal) }
    }
  }

  func testLargeJoinGathersInParallelWithTheSameRows() throws {
    // Above ParallelLoop's threshold, so gathers split over the cores.
    let n = ParallelLoop.minimumParallelCount * 2 + 17
    let users = try Table(columns: [
      Column(name: "user_id", ints: Array(1...5000)), Column(name: "spend", floats: (1...5000).map { Double($0) / 4 }),
    ])
    var rng = SplitMix64(seed: 9)
    let ids = (0..<n).map { _ in Int64(1 + rng.below(5100)) }  // about 2 % unmatched
    let orders = try Table(columns: [
      Column(name: "user_id", ints: ids), Column(name: "row", ints: (0..<n).map(Int64.init)),
    ])
    let joined = try orders.joined(with: users, on: ["user_id"], kind: .left)
    XCTAssertEqual(joined.rowCount, n)
    let spend = try joined.requireColumn("spend")
    for i in stride(from: 0, to: n, by: 997) {
      XCTAssertEqual(spend[i], ids[i] <= 5000 ? .float(Double(ids[i]) / 4) : .missing, "row \(i)")
    }
    XCTAssertEqual(spend.missingCount, ids.filter { $0 > 5000 }.count)
    let inner = try orders.joined(with: users, on: ["user_id"])
    XCTAssertEqual(try inner.requireColumn("row").storage, .int((0..<n).filter { ids[$0] <= 5000 }.map(Int64.init)))
  }

  /// `group by key aggregate sum, mean, count(value), count()` written with a dictionary and a sort.
  func referenceGroup(_ t: Table, key: String) throws -> [[Value]] {
    let k = try t.requireColumn(key)
    let v = try t.requireColumn("value")
    var groups: [Int64: (sum: Double, n: Int64, rows: Int64)] = [:]
    for i in 0..<t.rowCount {
      guard case .int(let key) = k[i] else { continue }
      var g = groups[key] ?? (0, 0, 0)
      g.rows += 1
      if case .float(let x) = v[i] {
        g.sum += x
        g.n += 1
      }
      groups[key] = g
    }
    return groups.keys.sorted().map { key in
      let g = groups[key] ?? (0, 0, 0)
      return [.int(key), .float(g.sum), g.n > 0 ? .float(g.sum / Double(g.n)) : .missing, .int(g.n), .int(g.rows)]
    }
  }

  func testDirectGroupByEqualsAReferenceOnDenseSparseAndNegativeKeys() throws {
    let aggregates: [(name: String, expression: RowExpression)] = [
      ("total", .call("sum", [.column("value")])), ("avg", .call("mean", [.column("value")])),
      ("n", .call("count", [.column("value")])), ("rows", .call("count", [])),
    ]
    for (keys, seed) in [(Array(Int64(1)...40), UInt64(11)), (Array(Int64(-7)...3), 12), ([5, 1_000_000_000, -3], 13)] {
      let t = try table(3000, keys: keys, seed: seed, nanEvery: 7)
      let g = try t.groupAggregate(by: ["key"], aggregates)
      XCTAssertEqual(g.columnNames, ["key", "total", "avg", "n", "rows"])
      let expected = try referenceGroup(t, key: "key")
      XCTAssertEqual(g.rowCount, expected.count, "\(keys)")
      for (row, want) in zip(g.rows, expected) {
        XCTAssertEqual(row[0], want[0])
        XCTAssertEqual(row[1].doubleValue ?? .nan, want[1].doubleValue ?? .nan, accuracy: 1e-9)
        XCTAssertEqual(row[2].doubleValue ?? -1, want[2].doubleValue ?? -1, accuracy: 1e-9)
        XCTAssertEqual(Array(row[3...]), Array(want[3...]))
      }
    }
  }

  func testTimestampKeysGroupAsTimestamps() throws {
    let day: Int64 = 86_400_000_000
    let t = try Table(columns: [
      Column(name: "ts", timestamps: [3 * day, day, 3 * day, 2 * day]), Column(name: "q", ints: [1, 2, 3, 4]),
    ])
    let g = try t.groupAggregate(by: ["ts"], [("q", .call("sum", [.column("q")]))])
    XCTAssertEqual(
      g.rows, [[.timestamp(day), .int(2)], [.timestamp(2 * day), .int(4)], [.timestamp(3 * day), .int(4)]])
  }

  func testACancelledTokenStopsJoinGroupSortLoadAndRead() throws {
    let cancelled = Cancellation()
    cancelled.cancel()
    let t = try table(1000, keys: Array(1...30), seed: 31)
    func assertInterrupted(_ what: String, _ body: () throws -> Void) {
      XCTAssertThrowsError(try body(), what) { error in
        let code = (error as? TableError)?.code ?? (error as? ExpressionError)?.error.code
        XCTAssertEqual(code, .interrupted, "\(what): \(error)")
      }
    }
    assertInterrupted("join") { _ = try t.joined(with: t, on: ["key"], cancellation: cancelled) }
    assertInterrupted("group by") {
      _ = try t.groupAggregate(by: ["key", "tag"], [("n", .call("count", []))], cancellation: cancelled)
    }
    assertInterrupted("sort") { _ = try t.sorted(by: [SortKey("value")], cancellation: cancelled) }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("shopmine-cancel-\(UUID().uuidString).csv")
      .path
    try CSVWriter.write(t, to: path)
    defer { try? FileManager.default.removeItem(atPath: path) }
    assertInterrupted("read") { _ = try FileBytes.read(path, cancellation: cancelled) }
    assertInterrupted("load") { _ = try CSVReader.read(path: path, cancellation: cancelled) }
    // The same calls without the interrupt succeed.
    XCTAssertEqual(try CSVReader.read(path: path).rowCount, 1000)
  }
}
