import Foundation
import ShopMineData
import XCTest

@testable import ShopMineLanguage

/// The property the pushdown rests on: a pipeline run in the database gives what the same pipeline gives
/// on the table in memory — the same columns, types, missing values and values, in the same order where
/// the pipeline fixes one (`sort`, `group by`). Pipelines are drawn from the verbs and functions a
/// database runs, with a fixed seed; each must really run in the database (the bound value is a remote
/// table until `collect`).
///
/// SQLite always; PostgreSQL too when `SHOPMINE_PG_URL` names a server (the test command starts one).
final class PushdownPropertyTests: XCTestCase {
  static let filters = [
    "price > 80", "quantity % 2 == 0", "category == \"books\" or category == \"toys\"",
    "payment != \"cash\" and price < 50", "d is missing", "d is not missing and d > 20", "quantity in [1, 3]",
    "ts >= date(\"2024-03-01\")", "not is_anomaly", "price / quantity > 10", "hour(ts) >= 12", "weekday(ts) == 5",
    "len(category) > 4", "contains(payment, \"a\")", "category + payment == \"foodcard\"", "abs(price - 50) < 10",
    "coalesce(d, 0.0) == 0.0", "-quantity < -2", "days_between(ts, date(\"2024-12-31\")) > 200",
    "category < \"food\"", "ts < date(\"2024-02-01\") or price >= 150",
  ]
  static let derivations = [
    "r = price * quantity", "h = hour(ts), w = weekday(ts)", "u = price / quantity",
    "y = year(ts) * 100 + month(ts)", "c = category + \"-\" + payment", "big = price > 100", "m = quantity % 3",
    "dd = date(ts)", "f = if(price > 50, \"hi\", \"lo\")", "co = coalesce(d, -1.0)", "l = len(category) + day(ts)",
    "s = sqrt(price)", "p = pow(quantity, 2)", "fl = floor(price)", "e = (price - 10) % 7", "q2 = quantity - 7 % 3",
  ]
  static let endings = [
    "group by category aggregate s = sum(price), n = count(), mp = mean(price), mx = max(ts), k = distinct(user_id), cd = count(d), mn = min(d)",
    "group by payment, is_anomaly aggregate q = sum(quantity), r = sum(price * quantity) / count()",
    "group aggregate n = count(), s = sum(quantity), first_ts = min(ts)",
    "group by category aggregate spread = max(price) - min(price), z = sum(d)",
    "sort price desc, order_id, product_id | head 25", "sort category, ts desc, order_id, product_id | head 40",
    "select category, payment | distinct", "select payment | distinct | sort payment",
    "rename price to unit_price | where unit_price > 50", "drop missing on d", "drop user_id, ts",
    "select order_id, product_id, price | sort order_id desc, product_id | head 7",
    "group by odd = quantity % 2, category aggregate n = count(), s = sum(price)",
    "sort price desc, order_id, product_id | distinct on category",
    "sort ts, order_id, product_id | head 300 | distinct on payment, is_anomaly",
  ]
  /// Issue 24's expression forms, each derived in the database and compared row by row with memory.
  static let forms = [
    "x = case when quantity >= 3 then \"bulk\" when quantity >= 2 then \"multi\" else \"single\" end",
    "x = case when d > 50 then d when quantity == 1 then 1 end", "x = price + 2 hours + 30 minutes * quantity",
    "x = days(quantity) - 1 week + 10 seconds", "x = quarter(ts) * 10 + dayofyear(ts)", "x = weekday_name(ts)",
    "x = date_trunc(\"month\", ts)", "x = date_trunc(\"week\", ts)", "x = date_trunc(\"quarter\", ts)",
    "x = date_trunc(\"hour\", ts)", "x = date_trunc(\"year\", ts)", "x = substring(category, 2, 3)",
    "x = substring(payment, 3)", "x = left(category, 2) + right(payment, 3)", "x = right(category, 20)",
    "x = replace(category, \"o\", \"0\")", "x = starts_with(category, \"fo\")", "x = ends_with(payment, \"sh\")",
    "x = concat(category, \"/\", case when d > 30 then payment end)", "x = float(quantity) / 3",
    "x = string(quantity) + \"x\"",
  ]

  /// Pipelines whose row order is fixed (compared row by row); the others are compared as bags of rows.
  static func ordered(_ steps: String) -> Bool { steps.contains("group by") || steps.contains("sort") }

  func pipelines(count: Int, seed: UInt64) -> [String] {
    var random = SplitMix64(seed: seed)
    func pick(_ list: [String]) -> String { list[Int(random.next() % UInt64(list.count))] }
    return (0..<count).map { _ in
      var steps: [String] = []
      if random.next() % 4 != 0 { steps.append("where " + pick(Self.filters)) }
      if random.next() % 2 == 0 { steps.append("derive " + pick(Self.derivations)) }
      if random.next() % 3 == 0 { steps.append("where " + pick(Self.filters)) }
      steps.append(pick(Self.endings))
      return steps.joined(separator: " | ")
    }
  }

  func check(url: String, count: Int, pipelines fixed: [String]? = nil) throws {
    var harness = Harness()
    for line in [
      "db = connect \"\(url)\"",
      "mem = generate orders 3000 seed 11 | derive d = if(quantity == 2, missing, price)",
      "save mem to table pushdown_property in db mode replace",
    ] {
      let run = harness.run(line)
      XCTAssertNil(run.error, "\(line): \(run.plainTraceback ?? "")")
    }
    for steps in fixed ?? pipelines(count: count, seed: 20_241_207) {
      let pushed = harness.run("p = db.pushdown_property | \(steps)")
      XCTAssertNil(pushed.error, "\(steps): \(pushed.plainTraceback ?? "")")
      XCTAssertNotNil(
        harness.engine.session["p"]?.object(RemoteTable.self), "not run in the database: \(steps)")
      let fetched = harness.run("a = p | collect")
      XCTAssertNil(fetched.error, "\(steps): \(fetched.plainTraceback ?? "")")
      let local = harness.run("b = mem | \(steps)")
      XCTAssertNil(local.error, "\(steps): \(local.plainTraceback ?? "")")
      guard case .table(let a)? = harness.engine.session["a"], case .table(let b)? = harness.engine.session["b"] else {
        XCTFail("no tables for \(steps)")
        continue
      }
      Self.assertSame(a, b, ordered: Self.ordered(steps), steps)
      let counted = harness.run("count(p) == count(b)")
      XCTAssertEqual(counted.result, "true", steps)
      assertSameDescription(&harness, memory: b, steps)
    }
  }

  /// `describe` of the remote table (computed in the database) equals `describe` of the same rows in
  /// memory; only `top` may differ on ties (the database takes the smallest of the most frequent values,
  /// memory the first seen), so it is checked to be one of the most frequent values.
  func assertSameDescription(_ harness: inout Harness, memory b: Table, _ steps: String) {
    let pushed = harness.run("dp = describe p")
    let local = harness.run("dm = describe b")
    XCTAssertNil(pushed.error, "describe \(steps): \(pushed.plainTraceback ?? "")")
    XCTAssertNil(local.error, "describe \(steps): \(local.plainTraceback ?? "")")
    guard let dp = harness.engine.session["dp"]?.object(TitledTable.self)?.table,
      let dm = harness.engine.session["dm"]?.object(TitledTable.self)?.table,
      let top = dp.column(named: "top")
    else { return XCTFail("no descriptions for \(steps)") }
    Self.assertSame(try! dp.dropping(["top"]), try! dm.dropping(["top"]), ordered: true, "describe " + steps)
    for (r, column) in b.columns.enumerated() {
      var frequency: [String: Int] = [:]
      for i in 0..<column.count where !column[i].isMissing { frequency[column[i].displayText, default: 0] += 1 }
      if column.type == .float {
        // Floats computed in the database may differ from memory's in the last bits, which splits or merges
        // their counts: the top must be one of the values, within the comparison's tolerance.
        let found = frequency.keys.contains { key in
          guard case .string(let t) = top[r], let x = Double(t), let y = Double(key) else { return false }
          return Self.same(.float(x), .float(y))
        }
        XCTAssertEqual(found, !frequency.isEmpty, "describe \(steps): top of \(column.name) is \(top[r])")
        continue
      }
      XCTAssertEqual(
        top[r].isMissing ? nil : frequency[top[r].displayText], frequency.values.max(),
        "describe \(steps): top of \(column.name) is \(top[r]), not one of the most frequent values")
    }
  }

  /// The same columns, types and rows (in order when `ordered`, else as bags), floats to 1e-9 relative.
  static func assertSame(_ a: Table, _ b: Table, ordered: Bool, _ steps: String) {
    XCTAssertEqual(a.columnNames, b.columnNames, steps)
    XCTAssertEqual(a.columns.map(\.type), b.columns.map(\.type), steps)
    XCTAssertEqual(a.rowCount, b.rowCount, steps)
    guard a.columnNames == b.columnNames, a.rowCount == b.rowCount else { return }
    func rows(_ t: Table) -> [[Value]] { (0..<t.rowCount).map { r in t.columns.map { $0[r] } } }
    var ra = rows(a)
    var rb = rows(b)
    if !ordered {
      let key: ([Value]) -> String = { $0.map(Self.text).joined(separator: "|") }
      ra.sort { key($0) < key($1) }
      rb.sort { key($0) < key($1) }
    }
    for (i, (x, y)) in zip(ra, rb).enumerated() {
      for (c, (u, v)) in zip(x, y).enumerated() where !Self.same(u, v) {
        XCTFail("\(steps): row \(i) column \(a.columnNames[c]): database \(u), memory \(v)")
        return
      }
    }
  }

  /// A cell's text for ordering bags of rows (floats to 9 significant digits, so sums added in another
  /// order sort alike).
  static func text(_ v: Value) -> String {
    if case .float(let d) = v { return String(format: "%.9g", d) }
    return v.displayText
  }

  static func same(_ u: Value, _ v: Value) -> Bool {
    if case .float(let x) = u, case .float(let y) = v {
      return x == y || (x.isNaN && y.isNaN) || abs(x - y) <= 1e-9 * max(abs(x), abs(y))
    }
    return u == v
  }

  func testPipelinesRunInSQLiteGiveWhatTheyGiveInMemory() throws {
    try check(url: "sqlite::memory:", count: 80)
  }

  func testIssue24FormsRunInSQLiteGiveWhatTheyGiveInMemory() throws {
    try check(
      url: "sqlite::memory:", count: 0, pipelines: Self.forms.map { "derive \($0) | sort order_id, product_id" })
  }

  func testIssue24FormsRunInPostgreSQLGiveWhatTheyGiveInMemory() throws {
    guard let url = ProcessInfo.processInfo.environment["SHOPMINE_PG_URL"] else {
      throw XCTSkip("no PostgreSQL server (SHOPMINE_PG_URL)")
    }
    try check(url: url, count: 0, pipelines: Self.forms.map { "derive \($0) | sort order_id, product_id" })
  }

  func testPipelinesRunInPostgreSQLGiveWhatTheyGiveInMemory() throws {
    guard let url = ProcessInfo.processInfo.environment["SHOPMINE_PG_URL"] else {
      if ProcessInfo.processInfo.environment["SHOPMINE_REQUIRE_POSTGRES"] == "1" {
        XCTFail("SHOPMINE_PG_URL is not set: the test command starts a PostgreSQL server for this test")
      }
      throw XCTSkip("no PostgreSQL server (SHOPMINE_PG_URL)")
    }
    try check(url: url, count: 80)
  }
}
