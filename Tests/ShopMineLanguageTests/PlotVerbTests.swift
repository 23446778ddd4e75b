import Foundation
import JupyterProtocol
import ShopMineData
import XCTest

@testable import ShopMineLanguage

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Issue 4's `plot` examples, each exactly as written, and the verb's errors.
///
/// Set `SHOPMINE_PLOT_DIR=/tmp/plots` to keep every canonical chart as an SVG there (to look at with
/// `rsvg-convert`).
final class PlotVerbTests: XCTestCase {
  /// The cells of issue 4 that set up data, then each `plot` line with the text/plain it must show.
  static let setup = ["users = generate users 300 seed 1", "orders = generate orders 5000 seed 1"]
  static let canonical: [(name: String, code: String, plain: String)] = [
    (
      "scatter_color", "plot scatter users x browse_time y spend color city",
      "scatter of spend against browse_time (300 points), coloured by city"
    ),
    ("hist", "plot hist users spend bins 30", "histogram of spend (300 values in 30 bins)"),
    ("bar", "plot bar (users | group by city aggregate n = count()) x city y n", "bar chart of n by city (10 bars)"),
    (
      "line",
      "plot line (orders | derive day = date(ts) | group by day aggregate revenue = sum(price * quantity)) x day y revenue",
      "line chart of revenue by day (365 points)"
    ),
    ("box", "plot box users spend by city", "box plot of spend by city (10 groups, 300 values)"),
    (
      "heatmap", "plot heatmap (users | corr on browse_time, purchase_freq, spend, review_count, rating)",
      "heatmap of 5 × 5 values"
    ),
    (
      "scatter_size", "plot scatter users x browse_time y spend size review_count title \"Browse vs spend\"",
      "scatter of spend against browse_time (300 points), sized by review_count"
    ),
  ]

  func harness() -> Harness {
    var h = Harness()
    for line in Self.setup {
      let r = h.run(line)
      XCTAssertNil(r.error, r.plainTraceback ?? "")
    }
    return h
  }

  func bundle(_ run: Harness.Run, file: StaticString = #filePath, line: UInt = #line) -> MIMEBundle? {
    guard case .ok(let result, _) = run.outcome else {
      XCTFail(run.plainTraceback ?? "no result", file: file, line: line)
      return nil
    }
    return result
  }

  func testCanonicalPlotsGiveStaticBundlesAndValidSVG() throws {
    var h = harness()
    let keep = ProcessInfo.processInfo.environment["SHOPMINE_PLOT_DIR"]
    for example in Self.canonical {
      let r = h.run(example.code)
      guard let b = bundle(r) else { continue }
      XCTAssertEqual(
        b.data.keys.sorted(),
        ["image/svg+xml", "text/html", "text/plain"], example.code)
      XCTAssertEqual(b.plainText, example.plain, example.code)
      guard case .string(let svg)? = b.data["image/svg+xml"] else {
        XCTFail("no SVG for \(example.code)")
        continue
      }
      let parser = XMLParser(data: Data(svg.utf8))
      XCTAssertTrue(parser.parse(), "\(example.code): \(parser.parserError.map { "\($0)" } ?? "")")
      XCTAssertTrue(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"), example.code)
      guard case .string(let html)? = b.data["text/html"] else { continue }
      XCTAssertTrue(html.hasPrefix("<img src=\"data:image/svg+xml;base64,"), example.code)
      // The same plot, interactive, carries the Vega-Lite spec instead of the <img>.
      let interactive = bundle(h.run(example.code + " interactive"))
      XCTAssertEqual(
        interactive?.data["application/vnd.vegalite.v5+json"]?["$schema"]?.stringValue,
        "https://vega.github.io/schema/vega-lite/v5.json", example.code)
      XCTAssertNil(interactive?.data["text/html"], example.code)
      if let keep {
        try? FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
        try svg.write(toFile: "\(keep)/\(example.name).svg", atomically: true, encoding: .utf8)
      }
    }
  }

  func testTitleIsDrawnInTheSVG() {
    var h = harness()
    let r = h.run("plot scatter users x browse_time y spend size review_count title \"Browse vs spend\"")
    guard case .string(let svg)? = bundle(r)?.data["image/svg+xml"] else { return XCTFail("no SVG") }
    XCTAssertTrue(svg.contains(">Browse vs spend</text>"), String(svg.prefix(600)))
  }

  func testSamePlotTwiceGivesIdenticalBytes() {
    var h = harness()
    let a = bundle(h.run("plot scatter users x browse_time y spend color city"))
    let b = bundle(h.run("plot scatter users x browse_time y spend color city"))
    XCTAssertEqual(a?.plainText, "scatter of spend against browse_time (300 points), coloured by city")
    XCTAssertEqual(a, b)
  }

  func testPipedSubjectAndOptions() {
    var h = harness()
    let r = h.run("users | plot scatter x browse_time y spend log y xlim [0, 60] width 800 height 500 facet gender")
    XCTAssertEqual(
      bundle(r)?.plainText?.hasPrefix("scatter of spend against browse_time ("), true,
      r.plainTraceback ?? "")
    guard case .string(let svg)? = bundle(r)?.data["image/svg+xml"] else { return XCTFail("no SVG") }
    XCTAssertTrue(svg.contains("viewBox=\"0 0 800 500\""), String(svg.prefix(300)))
  }

  func testHistogramColumnAsOption() {
    var h = harness()
    XCTAssertEqual(bundle(h.run("plot hist users x spend"))?.plainText, "histogram of spend (300 values in 20 bins)")
  }

  func testPlotValueCanBeBoundAndShown() {
    var h = harness()
    let bind = h.run("p = plot hist users spend bins 30")
    XCTAssertNil(bind.error, bind.plainTraceback ?? "")
    XCTAssertEqual(bundle(h.run("p"))?.plainText, "histogram of spend (300 values in 30 bins)")
  }

  // MARK: Errors

  func testUnknownKindSuggestsTheClosest() {
    var h = harness()
    let r = h.run("plot scater users x browse_time y spend")
    XCTAssertEqual(r.error?.name, "SyntaxError")
    XCTAssertTrue(r.plainTraceback?.contains("scatter") == true, r.plainTraceback ?? "")
  }

  func testUnknownColumnPointsAtTheOptionWithDidYouMean() {
    var h = harness()
    let r = h.run("plot scatter users x browse_tme y spend")
    XCTAssertEqual(r.error?.name, "ColumnError")
    XCTAssertEqual(r.error?.value, "unknown column 'browse_tme'")
    XCTAssertTrue(r.plainTraceback?.contains("browse_time") == true, r.plainTraceback ?? "")
  }

  func testOptionOfAnotherKindIsRefused() {
    var h = harness()
    let r = h.run("plot hist users spend size review_count")
    XCTAssertEqual(r.error?.value, "plot hist has no option 'size'")
    XCTAssertTrue(
      r.plainTraceback?.contains("options of plot hist: x, bins, color, log, limits, xlim, title, width, height")
        == true,
      r.plainTraceback ?? "")
  }

  func testColumnAfterSubjectOnlyForHistAndBox() {
    var h = harness()
    let r = h.run("plot scatter users spend")
    XCTAssertEqual(r.error?.value, "plot scatter takes its columns as options")
    XCTAssertTrue(
      r.plainTraceback?.contains("plot scatter users x browse_time y spend color city") == true,
      r.plainTraceback ?? "")
  }

  func testTextColumnForHistogramIsATypeError() {
    var h = harness()
    let r = h.run("plot hist users city")
    XCTAssertEqual(r.error?.name, "TypeError")
    XCTAssertEqual(r.error?.value, "column 'city' is text, but a histogram needs numbers")
  }

  func testMissingYNamesTheExample() {
    var h = harness()
    let r = h.run("plot bar users x city")
    XCTAssertEqual(r.error?.value, "plot bar needs 'y' (for example: plot bar t x city y n)")
  }

  func testLimitsMustBeTwoIncreasingNumbers() {
    var h = harness()
    XCTAssertEqual(
      h.run("plot scatter users x browse_time y spend xlim [5]").error?.value,
      "'xlim' must be two numbers, not a list")
    XCTAssertEqual(
      h.run("plot scatter users x browse_time y spend ylim [100, 0]").error?.value,
      "'ylim' needs its low bound first and below the high one")
    XCTAssertEqual(h.run("plot hist users spend log x").error?.value, "plot hist can only use a log y axis")
  }

  func testLimitsAreWrittenLikeLogAxesAndDrawTheGivenRange() throws {
    var h = harness()
    let both = bundle(h.run("plot scatter users x browse_time y spend limits xy 0..60, 0..1000"))
    let old = bundle(h.run("plot scatter users x browse_time y spend xlim [0, 60] ylim [0, 1000]"))
    XCTAssertEqual(both, old)
    XCTAssertEqual(both?.plainText, "scatter of spend against browse_time (124 points)")
    guard case .string(let svg)? = both?.data["image/svg+xml"] else { return XCTFail("no SVG") }
    let parser = XMLParser(data: Data(svg.utf8))
    XCTAssertTrue(parser.parse(), parser.parserError.map { "\($0)" } ?? "")
    // The axes end exactly at the limits, and the caption counts the points left out.
    XCTAssertTrue(svg.contains(">60</text>") && svg.contains(">1,000</text>"), String(svg.prefix(2000)))
    XCTAssertFalse(svg.contains(">65</text>") || svg.contains(">1,200</text>"))
    XCTAssertTrue(svg.contains("176 points outside the limits"), String(svg.prefix(3000)))
    // One axis at a time, next to the other spelling; hist limits x, bar and box limit y.
    XCTAssertEqual(bundle(h.run("plot scatter users x browse_time y spend limits x 0..60 ylim [0, 1000]")), old)
    XCTAssertEqual(
      bundle(h.run("plot hist users spend limits x [0, 2000]")),
      bundle(h.run("plot hist users spend xlim [0, 2000]")))
    XCTAssertEqual(
      bundle(h.run("plot box users spend by city limits y 0..3000")),
      bundle(h.run("plot box users spend by city ylim 0..3000")))
    let square = bundle(h.run("plot scatter users x browse_time y review_count limits xy 0..50"))
    XCTAssertEqual(square, bundle(h.run("plot scatter users x browse_time y review_count xlim 0..50 ylim 0..50")))
  }

  func testLimitsErrorsNameTheAxisAndTheProblem() {
    var h = harness()
    XCTAssertEqual(h.run("plot hist users spend limits y 0..10").error?.value, "plot hist can only limit its x axis")
    XCTAssertEqual(
      h.run("plot bar (users | group by city aggregate n = count()) x city y n limits x 0..3").error?.value,
      "plot bar can only limit its y axis")
    XCTAssertEqual(
      h.run("plot scatter users x browse_time y spend limits x 0..60 xlim [0, 50]").error?.value,
      "the x axis is limited twice, by 'limits' and by 'xlim'")
    XCTAssertEqual(
      h.run("plot scatter users x browse_time y spend limits x 0..60, 0..5").error?.value,
      "'limits x' takes one range, not 2")
    XCTAssertEqual(
      h.run("plot scatter users x browse_time y spend limits y [5]").error?.value,
      "'limits y' must be two numbers, not a list")
    XCTAssertEqual(h.run("plot scatter users x browse_time y spend limits z 0..5").error?.name, "SyntaxError")
  }

  func testWidthOutOfRange() {
    var h = harness()
    XCTAssertEqual(h.run("plot hist users spend width 50").error?.value, "'width' must be between 160 and 4000, not 50")
  }

  func testSubjectMustBeATable() {
    var h = harness()
    let r = h.run("plot hist 3 spend")
    XCTAssertEqual(r.error?.name, "TypeError")
    XCTAssertEqual(r.error?.value, "'plot' works on a table, not a integer")
  }

  // MARK: Registry

  /// The parser reads options before a kind runs, so one word must have one syntax across kinds.
  func testOptionWordsHaveOneSyntax() {
    var kinds: [String: ArgumentKind] = [:]
    for kind in PlotKinds.all {
      for option in kind.options {
        if let seen = kinds[option.name] {
          XCTAssertEqual(seen, option.kind, "option '\(option.name)' of plot \(kind.name)")
        }
        kinds[option.name] = option.kind
      }
    }
    // Every kind's options, plus the verb's own `interactive` (a flag for every kind).
    XCTAssertEqual(Set(VerbSpec.plot.options.map(\.name)), Set(kinds.keys).union([PlotOptions.interactive.name]))
    XCTAssertNil(kinds[PlotOptions.interactive.name], "no kind reads 'interactive' itself")
  }

  func testEveryKindIsAcceptedByTheParser() {
    XCTAssertEqual(Array(PlotKinds.names.prefix(6)), ["scatter", "hist", "bar", "line", "box", "heatmap"])
    XCTAssertEqual(Set(PlotKinds.names).count, PlotKinds.names.count, "a kind is listed twice")
    guard case .word(let words) = VerbSpec.plot.positionals[0].kind else { return XCTFail("kind is not a word") }
    XCTAssertEqual(words, PlotKinds.names)
  }

  func testRulesFamilyKindStillDraws() {
    var h = harness()
    let r = h.run("plot items orders basket order_id item product_id top 5")
    XCTAssertNil(r.error, r.plainTraceback ?? "")
    XCTAssertEqual(bundle(r)?.data.keys.count, 3, "SVG, its <img> and the text line")
  }

  func testKindsAndOptionsComplete() {
    let h = harness()
    XCTAssertEqual(h.engine.complete("plot sc", cursor: 7).matches, ["scatter"])
    XCTAssertTrue(h.engine.complete("plot hist users spend bi", cursor: 24).matches.contains("bins"))
  }

  func testHelpPlotListsKinds() {
    var h = harness()
    let r = h.run("help plot")
    XCTAssertNil(r.error, r.plainTraceback ?? "")
    let text = HelpLibrary.text(for: "plot") ?? ""
    XCTAssertTrue(text.contains("plot box users spend by city"), text)
  }
}
