import JupyterProtocol
import ShopMineData
import XCTest

@testable import ShopMineLanguage

/// Window functions as written in the language (issue 24): the canonical lines run as written and agree
/// with the same numbers computed by hand from the table; `over` parses, and the errors name the place.
final class WindowFunctionLanguageTests: XCTestCase {
  func table(_ h: Harness, _ name: String) -> Table? {
    if case .table(let t)? = h.engine.session[name] { return t }
    return nil
  }

  static func micros(_ v: Value) -> Int64 {
    if case .timestamp(let t) = v { return t }
    return .min
  }

  func testCanonicalWindowLinesRunAsWritten() throws {
    var h = Harness()
    let r = h.run(
      """
      orders = generate orders 20000 seed 4
      daily = orders
        | derive day = date(ts), revenue = price * quantity
        | group by day aggregate revenue = sum(revenue)
        | sort day
        | derive prev = lag(revenue), growth = pct_change(revenue), week_avg = rolling_mean(revenue, 7), total = cumsum(revenue)
      ranked = orders
        | derive revenue = price * quantity
        | derive n = row_number() over (by user_id order ts), first_buy = first(ts) over (by user_id), spend_rank = dense_rank(revenue desc) over (by category)
      """)
    XCTAssertNil(r.error, r.plainTraceback ?? "")
    let daily = try XCTUnwrap(table(h, "daily"))
    let revenue = try XCTUnwrap(daily.column(named: "revenue")).doubles().map { $0 ?? .nan }
    let prev = try XCTUnwrap(daily.column(named: "prev")).doubles()
    let total = try XCTUnwrap(daily.column(named: "total")).doubles()
    let week = try XCTUnwrap(daily.column(named: "week_avg")).doubles()
    XCTAssertNil(prev[0])
    XCTAssertNil(week[5])
    var running = 0.0
    for i in 0..<daily.rowCount {
      running += revenue[i]
      XCTAssertEqual(total[i] ?? .nan, running, accuracy: 1e-6 * running)
      if i > 0 { XCTAssertEqual(prev[i], revenue[i - 1]) }
      if i >= 6 {
        let mean = revenue[(i - 6)...i].reduce(0, +) / 7
        XCTAssertEqual(week[i] ?? .nan, mean, accuracy: 1e-9 * mean)
      }
    }

    let ranked = try XCTUnwrap(table(h, "ranked"))
    let users = try XCTUnwrap(ranked.column(named: "user_id"))
    let times = try XCTUnwrap(ranked.column(named: "ts"))
    let n = try XCTUnwrap(ranked.column(named: "n"))
    let first = try XCTUnwrap(ranked.column(named: "first_buy"))
    // Per user: n is 1…count in time order (ties by row order), and first_buy is the earliest time.
    var rows: [Value: [Int]] = [:]
    for i in 0..<ranked.rowCount { rows[users[i], default: []].append(i) }
    for (_, list) in rows {
      let sorted = list.sorted { a, b in
        let (x, y) = (Self.micros(times[a]), Self.micros(times[b]))
        return x != y ? x < y : a < b
      }
      for (k, row) in sorted.enumerated() {
        XCTAssertEqual(n[row], .int(Int64(k + 1)))
        XCTAssertEqual(first[row], times[sorted[0]])
      }
    }
    let spendRank = try XCTUnwrap(ranked.column(named: "spend_rank"))
    XCTAssertEqual(spendRank.type, .int)
  }

  func testOverParsesPartitionOrderAndRankingKeys() throws {
    let program = try XCTUnwrap(
      try? Parser.parse(
        SourceText("t | derive r = rank(a desc, b) over (by c, d), m = rolling_mean(x, 7 days) over (order ts desc)"),
        verbs: .standard
      ).get())
    guard case .expression(let p)? = program.statements.first?.kind,
      case .assignments(let list)? = p.stages.first?.arguments["columns"]?.value,
      case .window(let rank) = list[0].expr.kind, case .window(let rolling) = list[1].expr.kind
    else { return XCTFail("\(program)") }
    XCTAssertEqual(rank.arguments.compactMap(\.nameValue), ["a", "b"])
    XCTAssertEqual(rank.descending, [true, false])
    XCTAssertEqual(rank.partition.compactMap(\.nameValue), ["c", "d"])
    XCTAssertEqual(rolling.timeSpan?.microseconds, 7 * 86_400_000_000)
    XCTAssertEqual(rolling.order.map(\.descending), [true])
    // Without over, keys or a span a window function is a plain call (the aggregate `first` stays one).
    let plain = try XCTUnwrap(try? Parser.parse(SourceText("t | derive p = lag(x)"), verbs: .standard).get())
    guard case .expression(let q)? = plain.statements.first?.kind,
      case .assignments(let l)? = q.stages.first?.arguments["columns"]?.value, case .call("lag", _, _) = l[0].expr.kind
    else { return XCTFail("\(plain)") }
  }

  func testCompletionAndInspectionKnowWindowFunctions() {
    let engine = ShopMineEngine()
    let code = "t | derive r = rolling_me"
    XCTAssertEqual(engine.complete(code, cursor: code.count).matches, ["rolling_mean"])
    // Outside derive they would be refused, so they are not offered.
    let filter = "t | where rolling_me"
    XCTAssertEqual(engine.complete(filter, cursor: filter.count).matches, [])
    let inspected = engine.inspect("x = first", cursor: 8, detailLevel: 0)
    let text = inspected.bundle.plainText ?? ""
    XCTAssertTrue(text.contains("first(x) over (…)") && text.contains("aggregate"), text)
    XCTAssertTrue(Lexicon.functions.contains("dense_rank"))
    XCTAssertTrue(FunctionCatalog.markdown().contains("| `ntile(n)` |"))
  }

  func testErrorsNameTheWindowFunctionAndThePlace() {
    var h = Harness()
    h.run("orders = generate orders 100 seed 1")
    let inWhere = h.run("orders | where lag(price) > 1")
    XCTAssertEqual(
      inWhere.error?.value,
      "window function 'lag' can only be used in 'derive': derive it as a column first (derive w = lag(…)), then use that column"
    )
    let inAggregate = h.run("orders | group by user_id aggregate s = cumsum(price)")
    XCTAssertTrue(inAggregate.error?.value.contains("'derive'") ?? false, inAggregate.plainTraceback ?? "")
    let overScalar = h.run("orders | derive r = round(price) over (by user_id)")
    XCTAssertEqual(overScalar.error?.value, "'over' follows a window function, and 'round' is not one")
    XCTAssertTrue(overScalar.plainTraceback?.contains("line 1, column 34") ?? false, overScalar.plainTraceback ?? "")
    let unclosed = h.run("orders | derive r = rank() over (by user_id order ts")
    XCTAssertEqual(unclosed.error?.value, "unclosed '('")
    let badOver = h.run("orders | derive r = rank() over by user_id")
    XCTAssertTrue(badOver.error?.value.contains("'(' after 'over'") ?? false, badOver.plainTraceback ?? "")
    XCTAssertTrue(badOver.plainTraceback?.contains("line 1, column 33") ?? false, badOver.plainTraceback ?? "")
    let text = h.run("orders | derive r = cumsum(category)")
    XCTAssertEqual(text.error?.value, "'cumsum' needs a number, but this is string column 'category'")
    let value = h.run("x = lag(3)")
    XCTAssertEqual(value.error?.value, "window function 'lag' works on the rows of a table")
  }
}
