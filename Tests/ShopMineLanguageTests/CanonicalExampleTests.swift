import JupyterProtocol
import ShopMineData
import ShopMineRendering
import XCTest

@testable import ShopMineLanguage

/// Issue 3's canonical examples, each exactly as written.
final class CanonicalExampleTests: XCTestCase {
  var dir: String = ""

  override func setUp() {
    dir = NSTemporaryDirectory() + "shopmine-lang-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
    try? FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
    try? "user_id,product_id,rating\n1,10,5\n1,11,3\n2,10,4\n2,12,2\n3,11,5\n3,12,1\n4,10,3\n4,13,4\n5,11,2\n5,13,5\n"
      .write(toFile: dir + "/data/ratings.csv", atomically: true, encoding: .utf8)
    XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir))
  }

  override func tearDown() {
    try? FileManager.default.removeItem(atPath: dir)
  }

  func table(_ h: Harness, _ name: String) -> Table? {
    if case .table(let t)? = h.engine.session[name] { return t }
    return nil
  }

  func testWholeExampleRunsAsWritten() throws {
    var h = Harness()
    let r = h.run(
      """
      # comments start with #
      users  = generate users 100 seed 42
      orders = generate orders 5000 seed 42
      ratings = load "data/ratings.csv"
      show users                       # first 10 rows (set rows 20 changes it)
      describe users                   # count, missing, mean, std, min, 25/50/75 %, max, unique, top
      schema orders                    # column names, types, missing counts
      users | where spend > 500 and city == "Shanghai" | sort spend desc | head 5
      big = orders
        | derive revenue = price * quantity
        | where revenue > 100
        | group by user_id aggregate total = sum(revenue), n = count(), last = max(ts)
        | sort total desc
      clean = users | dedupe | fill missing with median | normalize zscore on browse_time, purchase_freq
      train, test = split ratings test 0.2 seed 7
      joined = orders | join users on user_id
      save big to "out/big.csv"
      vars                             # the session: names, kinds, shapes, memory
      help where                       # a verb's syntax, options, an example
      del big
      print "rows:", count(users)
      """)
    XCTAssertNil(r.error, r.plainTraceback ?? "")
    XCTAssertTrue(r.sink.stdout.hasSuffix("rows: 100\n"), r.sink.stdout)
    XCTAssertTrue(r.sink.stdout.contains("saved "), r.sink.stdout)
    // show, describe, schema, the pipeline and vars display; help goes to the pager.
    XCTAssertEqual(r.sink.displays.count, 5)
    XCTAssertEqual(r.payloads.count, 1)
    XCTAssertNil(h.engine.session["big"])
    XCTAssertEqual(table(h, "users")?.rowCount, 100)
    XCTAssertEqual(table(h, "orders")?.rowCount, 5000)
    XCTAssertEqual(table(h, "ratings")?.rowCount, 10)
    let train = try XCTUnwrap(table(h, "train"))
    let test = try XCTUnwrap(table(h, "test"))
    XCTAssertEqual(train.rowCount + test.rowCount, 10)
    XCTAssertEqual(test.rowCount, 2)
    XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/out/big.csv"))
  }

  func testPipelineMatchesAHandComputedFilter() throws {
    var h = Harness()
    h.run("users = generate users 100 seed 42")
    let users = try XCTUnwrap(table(h, "users"))
    let r = h.run("top = users | where spend > 500 and city == \"Shanghai\" | sort spend desc | head 5")
    XCTAssertNil(r.error, r.plainTraceback ?? "")
    let top = try XCTUnwrap(table(h, "top"))
    // Expected: the same filter done row by row.
    let spend = try XCTUnwrap(users.column(named: "spend"))
    let city = try XCTUnwrap(users.column(named: "city"))
    var expected: [Double] = []
    for i in 0..<users.rowCount {
      if let s = spend[i].doubleValue, s > 500, city[i] == .string("Shanghai") { expected.append(s) }
    }
    expected.sort(by: >)
    let got = (0..<top.rowCount).compactMap { top.column(named: "spend")?[$0].doubleValue }
    XCTAssertEqual(got, Array(expected.prefix(5)))
  }

  func testGroupAggregateSums() throws {
    var h = Harness()
    h.run(
      """
      t = load "data/ratings.csv"
      g = t | group by user_id aggregate total = sum(rating), n = count() | sort total desc, user_id
      """)
    let g = try XCTUnwrap(table(h, "g"))
    XCTAssertEqual(g.columnNames, ["user_id", "total", "n"])
    // Totals: user 1 → 8, 2 → 6, 3 → 6, 4 → 7, 5 → 7; ties broken by user_id ascending.
    XCTAssertEqual((0..<g.rowCount).map { g.columns[0][$0] }, [.int(1), .int(4), .int(5), .int(2), .int(3)])
    XCTAssertEqual((0..<g.rowCount).map { g.columns[1][$0].doubleValue }, [8, 7, 7, 6, 6])
    XCTAssertEqual((0..<g.rowCount).map { g.columns[2][$0] }, [.int(2), .int(2), .int(2), .int(2), .int(2)])
  }

  func testKmeansStyleSubjectEqualsPipe() {
    var h = Harness()
    h.run("t = load \"data/ratings.csv\"")
    XCTAssertEqual(h.run("head t 2").result, h.run("t | head 2").result)
  }

  func testFailingStatementKeepsEarlierEffectsAndBindings() {
    var h = Harness()
    h.run("x = 1")
    let r = h.run("y = 2\nx = nosuch + 1\nz = 3")
    XCTAssertEqual(r.error?.name, "NameError")
    XCTAssertEqual(h.run("x").result, "1")
    XCTAssertEqual(h.run("y").result, "2")
    XCTAssertEqual(h.run("z").error?.value, "unknown name 'z'")
  }

  func testUnknownColumnDiagnostic() {
    var h = Harness()
    h.run("users = generate users 10 seed 42")
    let r = h.run("users | where spnd > 5")
    XCTAssertEqual(r.error?.name, "ColumnError")
    let tb = r.plainTraceback ?? ""
    XCTAssertTrue(
      tb.hasPrefix(
        """
        error: unknown column 'spnd'
         --> line 1, column 15
          |
        1 | users | where spnd > 5
          |               ^^^^
        help: did you mean 'spend'?
        note: columns here: user_id,
        """), tb)
  }

  func testTwoValuesBind() {
    var h = Harness()
    h.run("r = load \"data/ratings.csv\"")
    let r = h.run("a, b = split r test 0.5 seed 1\ncount(a) + count(b)")
    XCTAssertEqual(r.result, "10")
  }

  func testTimePrintsWallTime() {
    var h = Harness()
    let r = h.run("time 1 + 1")
    XCTAssertEqual(r.result, "2")
    XCTAssertTrue(r.sink.stdout.hasPrefix("time: "), r.sink.stdout)
  }

  func testSetRowsChangesShow() throws {
    var h = Harness()
    h.run("users = generate users 100 seed 42\nset rows 20")
    let r = h.run("show users")
    XCTAssertNil(r.error)
    guard case .ok(let b?, _) = r.outcome else { return XCTFail("show users displayed nothing") }
    let json = try XCTUnwrap(b.data[ShopMineMIME.table])
    // `show` is the first `set rows` rows, a table of its own.
    XCTAssertEqual(json["total_rows"]?.intValue, 20)
    XCTAssertEqual(json["rows"]?.arrayValue?.count, 20)
  }
}
