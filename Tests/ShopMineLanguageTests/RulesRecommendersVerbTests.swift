import Foundation
import JupyterProtocol
import ShopMineData
import ShopMineRendering
import Synchronization
import XCTest

@testable import ShopMineLanguage

/// Issue 6's canonical examples, run once exactly as written; each test pins what a user sees for one line.
final class RulesRecommendersCanonicalTests: XCTestCase {
  /// The canonical lines, in order; the runs below are indexed by these.
  static let lines = [
    "orders = generate orders 20000 seed 3",
    "products = generate products 500 seed 3",
    "items = itemsets orders basket order_id item product_id support 0.01",
    "rules = fpgrowth orders basket order_id item product_id support 0.01 confidence 0.3",
    "rules2 = apriori orders basket order_id item product_id support 0.01 confidence 0.3 maxlen 3",
    "rules | where lift > 2 | sort lift desc | head 10",
    "plot rules rules",
    "plot items orders basket order_id item product_id top 20",
    "apriori orders basket order_id item product_id support 0.02 trace",
    "reviews = generate reviews 20000 seed 3",
    "train, test = split reviews test 0.2 seed 1 by user_id",
    "pop = popular train user user_id item product_id",
    "icf = itemcf train user user_id item product_id neighbors 40",
    "ucf = usercf train user user_id item product_id rating rating neighbors 40",
    "mf = als orders user user_id item product_id weight quantity factors 32 iterations 15 seed 1",
    "sv = svd train user user_id item product_id rating rating factors 50 epochs 20 seed 1",
    "recommend mf for user 17 top 5 with products",
    "recommend icf for users [1, 2, 3] top 5",
    "similar icf to item 42 top 5 with products",
    "predict sv on test as predicted",
    "evaluate mf on test k 10",
    "compare pop, icf, ucf, mf, sv on test k 10",
    "save mf to \"models/orders.als\"",
  ]

  // The canonical run is shared by every test of this class (the fits take a while in debug builds).
  nonisolated(unsafe) static var harness = Harness()
  nonisolated(unsafe) static var runs: [String: Harness.Run] = [:]
  nonisolated(unsafe) static var directory = ""

  override class func setUp() {
    super.setUp()
    directory = NSTemporaryDirectory() + "shopmine-rules-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    _ = FileManager.default.changeCurrentDirectoryPath(directory)
    for line in lines { runs[line] = harness.run(line) }
  }

  override class func tearDown() {
    try? FileManager.default.removeItem(atPath: directory)
    super.tearDown()
  }

  /// The run of `line`, failing when it raised an error.
  func run(_ line: String, file: StaticString = #filePath, lineNumber: UInt = #line) throws -> Harness.Run {
    let r = try XCTUnwrap(Self.runs[line], "not a canonical line: \(line)", file: file, line: lineNumber)
    XCTAssertNil(r.error, r.plainTraceback ?? "", file: file, line: lineNumber)
    return r
  }

  func bound(_ name: String) -> RuntimeValue? {
    _ = FileManager.default.changeCurrentDirectoryPath(Self.directory)
    return Self.harness.engine.session[name]
  }

  func table(_ name: String) throws -> Table {
    let value = bound(name)
    guard case .table(let t)? = value else {
      // A canonical line did not bind a table: that is a failure of the test, never a skip.
      return try XCTUnwrap(nil, "'\(name)' is not a table: \(String(describing: value))")
    }
    return t
  }

  func testEveryCanonicalLineRuns() throws {
    for line in Self.lines {
      let r = try XCTUnwrap(Self.runs[line])
      XCTAssertNil(r.error, "\(line): \(r.plainTraceback ?? "")")
    }
  }

  func testItemsetsTable() throws {
    _ = try run("items = itemsets orders basket order_id item product_id support 0.01")
    let items = try table("items")
    XCTAssertEqual(items.columnNames, ["itemsets", "size", "support", "count"])
    XCTAssertEqual(items.rowCount, 60)
    XCTAssertEqual(items.columns[0][0], .string("91"))
    XCTAssertEqual(items.columns[3][0], .int(475))
    XCTAssertEqual(items.columns[0][59], .string("88, 89, 90"))
    XCTAssertEqual(items.columns[1][59], .int(3))
  }

  func testFPGrowthAndAprioriGiveTheSameRules() throws {
    let rules = try table("rules")
    let rules2 = try table("rules2")
    XCTAssertEqual(rules.rowCount, 32)
    XCTAssertEqual(rules.columnNames, VerbSpec.rulesColumns)
    XCTAssertEqual(rules.columns.map(\.storage), rules2.columns.map(\.storage))
  }

  func testRulesPipeAndShowConvictionAsInfinity() throws {
    let r = try run("rules | where lift > 2 | sort lift desc | head 10")
    let text = try XCTUnwrap(r.result)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    XCTAssertEqual(
      lines[1],
      "0  88, 89       90                       0.0273              0.0275   0.0273      1.0000  36.380    0.0265           ∞         0.9998   0.9920     1.0000      0.9960                2                1"
    )
    XCTAssertEqual(lines.last, "10 rows × 15 columns")
    // JSON carries the infinite conviction as the string "inf".
    guard case .ok(let bundle?, _) = r.outcome, let rows = bundle.data[ShopMineMIME.table]?["rows"]?.arrayValue else {
      return XCTFail("no JSON rows")
    }
    XCTAssertEqual(rows[0].arrayValue?[8], .string("inf"))
  }

  func testPlotsAreCharts() throws {
    let rules = try run("plot rules rules")
    XCTAssertEqual(rules.result, "32 points: confidence against support, sized by lift, coloured by lift")
    let items = try run("plot items orders basket order_id item product_id top 20")
    XCTAssertEqual(items.result, "20 bars of baskets containing the item by product_id")
    for r in [rules, items] {
      guard case .ok(let bundle?, _) = r.outcome else { return XCTFail("no chart") }
      let svg = try XCTUnwrap(bundle.data["image/svg+xml"]?.stringValue)
      XCTAssertTrue(svg.hasPrefix("<svg"))
      // The picture describes the chart in the words of its text/plain line (static bundles carry the
      // SVG and its <img>; the Vega-Lite spec only comes with `interactive`, see ChartSettingsTests).
      XCTAssertTrue(svg.contains("<desc>\(r.result ?? "")</desc>"), svg.prefix(400).description)
    }
  }

  func testAprioriTraceShowsEachLevel() throws {
    let r = try run("apriori orders basket order_id item product_id support 0.02 trace")
    XCTAssertEqual(
      r.sink.displays.first,
      """
      Apriori trace: support ≥ 0.02 of 9095 baskets (≥ 182 baskets), 34 frequent itemsets
         level  candidates  pruned  counted  kept
      0      1         496       0      496    22
      1      2         231       0      231    10
      2      3           2       0        2     2

      3 rows × 5 columns
        candidates: k-itemsets built by joining frequent (k−1)-itemsets that share their first k−2 items (level 1: distinct items)
        pruned: candidates with an infrequent (k−1)-subset, dropped by the Apriori property before counting
        counted: candidates whose support was counted (candidates − pruned)
        kept: counted candidates with support ≥ the threshold (frequent k-itemsets)
      """)
    XCTAssertTrue(r.result?.hasSuffix("32 rows × 15 columns") == true, r.result ?? "")
  }

  func testRecommendForOneUserWithProducts() throws {
    let r = try run("recommend mf for user 17 top 5 with products")
    XCTAssertEqual(
      r.result,
      """
      Top 5 for user 17 · als
         rank  item  name                     category      score  because
      0     1   246  Portable Fitness Band    electronics  0.4015  Adjustable Jump Rope (195)
      1     2   359  Wireless Desk Charger    electronics  0.3403  Organic Face Mask (22)
      2     3   430  Rose Serum               beauty       0.2764  Gentle Shampoo (484)
      3     4    96  Rose Serum               beauty       0.2593  Adjustable Jump Rope (195)
      4     5    58  Pro Table Tennis Paddle  sports       0.2101  Adjustable Jump Rope (195)

      5 rows × 6 columns
      """)
    guard case .ok(let bundle?, _) = r.outcome else { return XCTFail("no result") }
    let html = try XCTUnwrap(bundle.data["text/html"]?.stringValue)
    XCTAssertTrue(html.contains("<caption>Top 5 for user 17 · als</caption>"), html)
    XCTAssertTrue(html.contains("Portable Fitness Band"), html)
    let json = try XCTUnwrap(bundle.data[ShopMineMIME.recommendations])
    XCTAssertEqual(json["user"], .int(17))
    XCTAssertEqual(json["model"], .string("als"))
    let first = try XCTUnwrap(json["items"]?.arrayValue?.first)
    XCTAssertEqual(first["rank"], .int(1))
    XCTAssertEqual(first["item"], .int(246))
    XCTAssertEqual(first["name"], .string("Portable Fitness Band"))
    XCTAssertEqual(first["category"], .string("electronics"))
    XCTAssertEqual(first["because"], .int(195))
    XCTAssertEqual(first["because_name"], .string("Adjustable Jump Rope"))
  }

  func testRecommendForSeveralUsersIsATable() throws {
    let r = try run("recommend icf for users [1, 2, 3] top 5")
    let text = try XCTUnwrap(r.result)
    XCTAssertTrue(
      text.hasPrefix(
        """
            user  rank  item   score  because
         0     1     1   349  0.0883      409
        """), text)
    XCTAssertTrue(text.hasSuffix("15 rows × 5 columns"), text)
  }

  func testSimilarItemsWithProducts() throws {
    let r = try run("similar icf to item 42 top 5 with products")
    XCTAssertEqual(
      r.result,
      """
      Items like Wireless Earbuds (42) · itemcf
         rank  item  name                          category      score
      0     1   362  Oversized Shirt               clothing     0.0131
      1     2   226  Fast-Charging Webcam          electronics  0.0115
      2     3   351  Slim-Fit Cap                  clothing     0.0115
      3     4   278  Outdoor Cycling Gloves        sports       0.0112
      4     5    18  Fast-Charging Wireless Mouse  electronics  0.0090

      5 rows × 5 columns
      """)
  }

  func testPredictAddsAColumn() throws {
    let r = try run("predict sv on test as predicted")
    let text = try XCTUnwrap(r.result)
    XCTAssertTrue(text.hasSuffix("4132 rows × 7 columns"), text)
    let header = text.split(separator: "\n").first.map(String.init) ?? ""
    XCTAssertTrue(header.hasSuffix("predicted"), header)
    XCTAssertTrue(text.split(separator: "\n")[1].hasSuffix("4.6485"), text)
  }

  func testEvaluatePrintsDefinitionsUnderTheTable() throws {
    let r = try run("evaluate mf on test k 10")
    XCTAssertEqual(
      r.result,
      """
      als on test: top-10 metrics over 1688 users
         metric         value
      0  precision@10  0.0278
      1  recall@10     0.1267
      2  ndcg@10       0.0826
      3  map@10        0.0522
      4  hit_rate      0.2387
      5  coverage      0.5343
      6  diversity     0.9626
      7  novelty       4.5189

      8 rows × 2 columns

      precision@10: hits / k
      recall@10: hits / |relevant|
      ndcg@10: binary gains, log2 discount, IDCG over min(|relevant|, k)
      map@10: sum of precision at each hit / min(|relevant|, k)
      hit_rate: share of users with at least one hit
      coverage: distinct recommended items / items in train
      diversity: 1 − mean pairwise cosine of item vectors in each list
      novelty: mean −log2(share of users who had the item)
      averaged over test users with at least one relevant item (a test item not already in training)
      """)
  }

  func testCompareShowsModelsSideBySideWithBars() throws {
    let r = try run("compare pop, icf, ucf, mf, sv on test k 10")
    let text = try XCTUnwrap(r.result)
    XCTAssertTrue(
      text.hasPrefix(
        """
        5 models on test, top-10
           model  precision@10  recall@10  ndcg@10  map@10  hit_rate  coverage  diversity  novelty    rmse     mae  users
        0  pop          0.0369     0.1674   0.1017  0.0605    0.3101    0.0443     0.8436   3.2359     n/a     n/a  1,748
        1  icf          0.0600     0.2525   0.1814  0.1211    0.4439    0.5533     0.8347   4.0157     n/a     n/a  1,748
        2  ucf          0.0604     0.2536   0.1874  0.1278    0.4451    0.4145     0.8279   4.0908  0.9374  0.6420  1,748
        3  mf           0.0278     0.1267   0.0826  0.0522    0.2387    0.5343     0.9626   4.5189     n/a     n/a  1,688
        4  sv           0.0196     0.0834   0.0499  0.0280    0.1722    0.1368     0.8901   4.3883  0.9002  0.7051  1,748
        """), text)
    guard case .ok(let bundle?, _) = r.outcome else { return XCTFail("no result") }
    XCTAssertTrue(bundle.data["image/svg+xml"]?.stringValue?.hasPrefix("<svg") == true)
    XCTAssertTrue(bundle.data["text/html"]?.stringValue?.contains("<img src=\"data:image/svg+xml;base64,") == true)
  }

  func testSaveAndLoadModelGiveTheSameRecommendations() throws {
    let r = try run("save mf to \"models/orders.als\"")
    XCTAssertEqual(r.sink.stdout, "saved als model (1779 users × 496 items) to models/orders.als\n")
    _ = FileManager.default.changeCurrentDirectoryPath(Self.directory)
    let loaded = Self.harness.run("mf2 = load model \"models/orders.als\"\nrecommend mf2 for user 17 top 5")
    XCTAssertNil(loaded.error, loaded.plainTraceback ?? "")
    let original = Self.harness.run("recommend mf for user 17 top 5")
    XCTAssertEqual(loaded.result, original.result)
    XCTAssertEqual(Self.harness.run("mf2").result, Self.harness.run("mf").result)
  }

  func testModelSummary() throws {
    XCTAssertEqual(
      Self.harness.run("mf").result,
      """
      als recommender: implicit ALS (confidence alpha·r, conjugate gradient)
        factors         32
        iterations      15
        regularization  0.01
        alpha           1
        solver          cg, 3 steps
        seed            1
        users           1,779
        items           496
        interactions    18,148
        columns         user user_id, item product_id, weight quantity
        density         2.057%
      """)
  }
}

/// Smaller cases: mlxtend's own example, errors users hit, and the table verbs on reports.
final class RulesRecommendersVerbTests: XCTestCase {
  var dir = ""

  override func setUp() {
    dir = NSTemporaryDirectory() + "shopmine-recs-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    _ = FileManager.default.changeCurrentDirectoryPath(dir)
    // mlxtend's 5-basket example, one row per (basket, item); "Onion" twice in basket 5 counts once.
    let baskets = [
      ["Milk", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"],
      ["Dill", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"],
      ["Milk", "Apple", "Kidney Beans", "Eggs"],
      ["Milk", "Unicorn", "Corn", "Kidney Beans", "Yogurt"],
      ["Corn", "Onion", "Onion", "Kidney Beans", "Ice cream", "Eggs"],
    ]
    var csv = "basket,item\n"
    for (b, items) in baskets.enumerated() {
      for item in items { csv += "\(b + 1),\(item)\n" }
    }
    try? csv.write(toFile: dir + "/baskets.csv", atomically: true, encoding: .utf8)
    var ratings = "user_id,product_id,rating\n"
    for u in 1...30 {
      for i in 1...12 where (u * 7 + i * 3) % 4 != 0 {
        ratings += "\(u),\(i),\(1 + (u + i) % 5)\n"
      }
    }
    try? ratings.write(toFile: dir + "/ratings.csv", atomically: true, encoding: .utf8)
  }

  override func tearDown() {
    try? FileManager.default.removeItem(atPath: dir)
  }

  func testRulesEqualMlxtendOnItsExample() throws {
    var h = Harness()
    let r = h.run(
      """
      set rows 20
      b = load "baskets.csv"
      fpgrowth b basket basket item item support 0.6 confidence 0.7 | sort antecedents, consequents \
      | select antecedents, consequents, support, confidence, lift, leverage, conviction, zhangs_metric, jaccard, certainty, kulczynski
      """)
    XCTAssertNil(r.error, r.plainTraceback ?? "")
    // Values from mlxtend 0.25 (fpgrowth min_support 0.6, association_rules confidence ≥ 0.7), sorted alike.
    XCTAssertEqual(
      r.result,
      """
          antecedents          consequents          support  confidence  lift  leverage  conviction  zhangs_metric  jaccard  certainty  kulczynski
       0  Eggs                 Kidney Beans             0.8        1.00  1.00      0.00           ∞            0.0     0.80      0.000       0.900
       1  Eggs                 Kidney Beans, Onion      0.6        0.75  1.25      0.12         1.6            1.0     0.75      0.375       0.875
       2  Eggs                 Onion                    0.6        0.75  1.25      0.12         1.6            1.0     0.75      0.375       0.875
       3  Eggs, Kidney Beans   Onion                    0.6        0.75  1.25      0.12         1.6            1.0     0.75      0.375       0.875
       4  Eggs, Onion          Kidney Beans             0.6        1.00  1.00      0.00           ∞            0.0     0.60      0.000       0.800
       5  Kidney Beans         Eggs                     0.8        0.80  1.00      0.00         1.0            0.0     0.80      0.000       0.900
       6  Kidney Beans, Onion  Eggs                     0.6        1.00  1.25      0.12           ∞            0.5     0.75      1.000       0.875
       7  Milk                 Kidney Beans             0.6        1.00  1.00      0.00           ∞            0.0     0.60      0.000       0.800
       8  Onion                Eggs                     0.6        1.00  1.25      0.12           ∞            0.5     0.75      1.000       0.875
       9  Onion                Eggs, Kidney Beans       0.6        1.00  1.25      0.12           ∞            0.5     0.75      1.000       0.875
      10  Onion                Kidney Beans             0.6        1.00  1.00      0.00           ∞            0.0     0.60      0.000       0.800
      11  Yogurt               Kidney Beans             0.6        1.00  1.00      0.00           ∞            0.0     0.60      0.000       0.800

      12 rows × 11 columns
      """)
  }

  func testRecommenderErrorsNameTheProblem() {
    var h = Harness()
    h.run("r = load \"ratings.csv\"\nm = als r user user_id item product_id factors 4 iterations 2 seed 1")
    let cases: [(String, String)] = [
      (
        "recommend r for user 1",
        "'recommend' works on a recommender (from popular, itemcf, usercf, als or svd), not a table"
      ),
      ("svd r user user_id item product_id", "'svd' predicts explicit ratings and needs a rating column"),
      ("predict m on r", "the als model ranks items but predicts no ratings"),
      ("popular r user user_id", "'popular' needs the user and item columns"),
      ("similar m to item 999", "item 999 is not in the model's training data"),
      ("recommend m for user 1 with catalog", "'with catalog' needs a products table named 'catalog'"),
      (
        "itemsets r basket user_id item product_id support 2",
        "'support' must be a fraction of baskets in (0, 1], not 2"
      ),
      ("evaluate m on r k 0", "'k' must be between 1 and 100000, not 0"),
    ]
    for (code, message) in cases {
      let run = h.run(code)
      XCTAssertEqual(run.error?.value, message, code)
    }
    let unknown = h.run("als r user usr_id item product_id")
    XCTAssertEqual(unknown.error?.value, "unknown column 'usr_id'")
    XCTAssertTrue(unknown.plainTraceback?.contains("did you mean 'user_id'?") == true, unknown.plainTraceback ?? "")
  }

  func testEvaluationReportWorksWithTableVerbs() {
    var h = Harness()
    let r = h.run(
      """
      r = load "ratings.csv"
      train, test = split r test 0.25 seed 2 by user_id
      sv = svd train user user_id item product_id rating rating factors 4 epochs 5 seed 1
      m = evaluate sv on test k 3
      m | where metric == "rmse" | select metric
      """)
    XCTAssertNil(r.error, r.plainTraceback ?? "")
    XCTAssertEqual(r.result, "   metric\n0  rmse\n\n1 row × 1 column")
  }

  func testSavedRatingModelPredictsTheSameAfterLoading() {
    var h = Harness()
    let saved = h.run(
      """
      r = load "ratings.csv"
      sv = svd r user user_id item product_id rating rating factors 4 epochs 5 seed 1
      save sv to "models/r.svd"
      sv2 = load model "models/r.svd"
      """)
    XCTAssertNil(saved.error, saved.plainTraceback ?? "")
    XCTAssertEqual(saved.sink.stdout, "saved svd model (30 users × 12 items) to models/r.svd\n")
    let original = h.run("predict sv on r")
    XCTAssertEqual(h.run("predict sv2 on r").result, original.result)
    // One prediction per rating row (ratings.csv holds 270).
    XCTAssertEqual(original.result?.split(separator: "\n").first, "     user_id  product_id  rating  predicted")
    XCTAssertEqual(original.result?.split(separator: "\n").last, "270 rows × 4 columns")
    let notModel = h.run("load model \"ratings.csv\"")
    XCTAssertEqual(notModel.error?.value, "'ratings.csv' is not a ShopMine model file (corrupt or not JSON)")
  }
}

/// Interrupt and progress during a long fit, as the kernel's control thread would drive them.
final class RecommenderInterruptTests: XCTestCase {
  /// A sink safe to read from the test thread while the fit reports from workers.
  final class LockedSink: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    var texts: [String] { lock.withLock { items } }
    func stream(_ name: StreamName, _ text: String) { lock.withLock { items.append(text) } }
    func display(_ bundle: MIMEBundle, displayID: String?) { lock.withLock { items.append(bundle.plainText ?? "") } }
    func updateDisplay(_ bundle: MIMEBundle, displayID: String) {
      lock.withLock { items.append(bundle.plainText ?? "") }
    }
    func clearOutput(wait: Bool) {}
    func readInput(prompt: String, password: Bool) throws -> String { throw InputError.notAllowed }
  }

  func testInterruptStopsALSAfterItsProgressShows() throws {
    let engine = ShopMineEngine()
    _ = engine.execute(
      ExecutionRequest(code: "orders = generate orders 20000 seed 3", executionCount: 1), sink: LockedSink())
    let sink = LockedSink()
    let finished = expectation(description: "als returns")
    let outcome = Mutex<ExecutionOutcome?>(nil)
    let code = "mf = als orders user user_id item product_id weight quantity factors 64 iterations 200 seed 1"
    DispatchQueue.global().async {
      let result = engine.execute(ExecutionRequest(code: code, executionCount: 2), sink: sink)
      outcome.withLock { $0 = result }
      finished.fulfill()
    }
    // Wait for the bar (it appears after half a second, without a count until the first iteration ends).
    let deadline = Date().addingTimeInterval(120)
    while !sink.texts.contains(where: { $0.hasPrefix("als ") && $0.contains("/200") }) && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.05)
    }
    XCTAssertTrue(sink.texts.contains { $0.hasPrefix("als ") && $0.contains("/200") }, "\(sink.texts)")
    engine.interrupt()
    wait(for: [finished], timeout: 120)
    guard case .error(let e)? = outcome.withLock({ $0 }) else { return XCTFail("als was not interrupted") }
    XCTAssertEqual(e.name, "KeyboardInterrupt")
    XCTAssertNil(engine.session["mf"])
    // The display ends where the fit stopped, not as a finished (full) bar.
    let last = try XCTUnwrap(sink.texts.last)
    XCTAssertTrue(last.hasPrefix("als: interrupted at ") && last.contains("/200) after "), last)
  }
}
