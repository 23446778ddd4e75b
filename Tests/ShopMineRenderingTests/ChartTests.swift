import RichOutput
import ShopMineData
import XCTest

@testable import ShopMineRendering

final class ChartTests: XCTestCase {
  let users = TestData.users(300)

  /// Renders, checks XML validity and the golden file, and returns the chart.
  @discardableResult
  func render(_ spec: ChartSpec, _ table: Table, golden: String, file: StaticString = #filePath, line: UInt = #line)
    throws -> RenderedChart
  {
    let chart = try Chart.render(spec, table)
    let parsed = parseXML(chart.svg)
    XCTAssertTrue(parsed.ok, "invalid SVG: \(parsed.error ?? "")", file: file, line: line)
    XCTAssertEqual(parsed.collector.elements.first, "svg", file: file, line: line)
    XCTAssertTrue(chart.svg.contains("viewBox=\"0 0 "), file: file, line: line)
    XCTAssertTrue(chart.svg.contains("<title>") && chart.svg.contains("<desc>"), file: file, line: line)
    XCTAssertFalse(chart.svg.contains(" id="), "no ids: they clash between charts on one page", file: file, line: line)
    XCTAssertFalse(chart.svg.contains("NaN") || chart.svg.contains("inf\""), file: file, line: line)
    Golden.check(chart.svg, named: golden, file: file, line: line)
    galleryVegaLite(chart, named: golden.replacingOccurrences(of: ".svg", with: ".vl.json"))
    // Same input, same bytes.
    XCTAssertEqual(try Chart.render(spec, table).svg, chart.svg, file: file, line: line)
    return chart
  }

  func testPointLabelsMoveAsideInsteadOfOverlapping() throws {
    // Five labelled points on one spot: right, left, above, below, then no free place for the fifth.
    let table = try Table(columns: [
      Column(name: "x", ints: [1, 1, 1, 1, 1, 9]),
      Column(name: "y", ints: [5, 5, 5, 5, 5, 1]),
      Column(name: "name", strings: ["right", "left", "above", "below", "hidden", "alone"]),
    ])
    let chart = try Chart.render(ChartSpec(kind: .scatter, x: "x", y: "y", label: "name"), table)
    XCTAssertTrue(parseXML(chart.svg).ok)
    func anchor(of label: String) -> String? {
      guard let end = chart.svg.range(of: ">\(label)</text>") else { return nil }
      let tag = chart.svg[..<end.lowerBound].components(separatedBy: "<text").last ?? ""
      return tag.contains("text-anchor=\"end\"") ? "end" : tag.contains("text-anchor=\"middle\"") ? "middle" : "start"
    }
    XCTAssertEqual(anchor(of: "right"), "start")
    XCTAssertEqual(anchor(of: "left"), "end")
    XCTAssertEqual(anchor(of: "above"), "middle")
    XCTAssertEqual(anchor(of: "below"), "middle")
    XCTAssertNil(anchor(of: "hidden"), "no free side left: the label is not drawn over the others")
    XCTAssertEqual(anchor(of: "alone"), "start")
  }

  func testScatterColouredByCity() throws {
    let chart = try render(
      ChartSpec(kind: .scatter, x: "browse_time", y: "spend", color: "city"), users,
      golden: "scatter_color.svg")
    XCTAssertEqual(chart.description, "scatter of spend against browse_time (300 points), coloured by city")
    XCTAssertEqual(chart.svg.components(separatedBy: "<circle").count - 1, 300 + 5, "points plus legend keys")
    for city in TestData.cities { XCTAssertTrue(chart.svg.contains(">\(city)</text>"), city) }
  }

  func testScatterSizedWithTitle() throws {
    let chart = try render(
      ChartSpec(
        kind: .scatter, x: "browse_time", y: "spend", size: "review_count",
        title: "Browse vs spend"), users, golden: "scatter_size.svg")
    XCTAssertTrue(chart.svg.contains("<title>Browse vs spend</title>"))
    XCTAssertTrue(chart.description.hasSuffix("sized by review_count"))
  }

  func testScatterContinuousColourLogAxesAndFacets() throws {
    try render(
      ChartSpec(kind: .scatter, x: "browse_time", y: "spend", color: "rating", logY: true), users,
      golden: "scatter_continuous_log.svg")
    let faceted = try render(
      ChartSpec(
        kind: .scatter, x: "browse_time", y: "spend", facet: "city", width: 800,
        height: 560), users, golden: "scatter_facet.svg")
    XCTAssertTrue(faceted.svg.contains(">city = Shanghai</text>"))
    XCTAssertTrue(faceted.description.hasSuffix("faceted by city (5 panels)"))
  }

  func testScatterLimitsDropOutsidePointsAndSaySo() throws {
    let chart = try render(
      ChartSpec(
        kind: .scatter, x: "browse_time", y: "spend", label: "user_id",
        xLimits: 0...30, yLimits: 0...400), users, golden: "scatter_limits_labels.svg")
    XCTAssertTrue(chart.svg.contains("points outside the limits"))
  }

  func testHistogram() throws {
    let chart = try render(ChartSpec(kind: .hist, x: "spend", bins: 30), users, golden: "hist.svg")
    XCTAssertEqual(chart.description, "histogram of spend (300 values in 30 bins)")
  }

  func testFacetsWithColourAndHistogramGroups() throws {
    let users = TestData.users(300)
    let faceted = try render(
      ChartSpec(
        kind: .scatter, x: "browse_time", y: "spend", color: "city", facet: "city",
        width: 900, height: 560), users, golden: "scatter_facet_color.svg")
    XCTAssertEqual(faceted.vegaLite["concat"]?.arrayValue?.count, 5)
    XCTAssertEqual(faceted.vegaLite["columns"], 3)
    let grouped = try render(
      ChartSpec(kind: .hist, x: "spend", color: "city", bins: 15), users, golden: "hist_color.svg")
    XCTAssertEqual(grouped.description, "histogram of spend (300 values in 15 bins)")
  }

  func testHistogramBinsMatchNumpy() {
    // numpy.histogram([1, 2, 2, 3, 4, 10], bins=3) → counts [4, 1, 1], edges [1, 4, 7, 10]
    let (edges, counts) = HistogramChart.bin([1, 2, 2, 3, 4, 10], bins: 3, extent: 1...10)
    XCTAssertEqual(edges, [1, 4, 7, 10])
    XCTAssertEqual(counts, [4, 1, 1])
  }

  func testBarOfGroupCounts() throws {
    let counts = Table(
      uncheckedColumns: [
        Column(name: "city", strings: TestData.cities), Column(name: "n", ints: [71, 58, 64, 49, 58]),
      ], rowCount: 5)
    let chart = try render(ChartSpec(kind: .bar, x: "city", y: "n"), counts, golden: "bar.svg")
    XCTAssertEqual(chart.description, "bar chart of n by city (5 bars)")
    try render(ChartSpec(kind: .bar, x: "city", y: "n", horizontal: true), counts, golden: "bar_horizontal.svg")
  }

  func testBarLabelsRotateWhenCrowded() throws {
    let names = (0..<40).map { "product number \($0)" }
    let table = Table(
      uncheckedColumns: [
        Column(name: "product", strings: names), Column(name: "sold", ints: (0..<40).map { Int64(100 - $0 * 2) }),
      ], rowCount: 40)
    let chart = try render(ChartSpec(kind: .bar, x: "product", y: "sold"), table, golden: "bar_rotated.svg")
    XCTAssertTrue(chart.svg.contains("rotate(-45 "))
  }

  func testLineOverDays() throws {
    let chart = try render(ChartSpec(kind: .line, x: "day", y: "revenue"), TestData.daily(90), golden: "line_time.svg")
    XCTAssertEqual(chart.description, "line chart of revenue by day (90 points)")
    XCTAssertTrue(chart.svg.contains(">Jan 15</text>"), "fortnightly ticks on Mondays")
  }

  func testLineSeriesByColour() throws {
    var xs: [Int64] = []
    var ys: [Double] = []
    var groups: [String?] = []
    for g in ["train", "test"] {
      for k in 1...10 {
        xs.append(Int64(k))
        ys.append(g == "train" ? 100 / Double(k) : 120 / Double(k) + 3)
        groups.append(g)
      }
    }
    let table = Table(
      uncheckedColumns: [
        Column(name: "k", ints: xs), Column(name: "inertia", floats: ys),
        Column(name: "set", strings: groups),
      ], rowCount: 20)
    let chart = try render(ChartSpec(kind: .line, x: "k", y: "inertia", color: "set"), table, golden: "line_series.svg")
    XCTAssertEqual(chart.description, "line chart of inertia by k (20 points in 2 series by set)")
  }

  func testBoxByCity() throws {
    let chart = try render(ChartSpec(kind: .box, y: "spend", by: "city"), users, golden: "box.svg")
    XCTAssertEqual(chart.description, "box plot of spend by city (5 groups, 300 values)")
  }

  func testBoxStatisticsMatchNumpyPercentiles() throws {
    // numpy.percentile([1, 2, 3, 4, 5, 6, 7, 8, 100], [25, 50, 75]) → [3, 5, 7]
    let s = try XCTUnwrap(BoxStatistics([1, 2, 3, 4, 5, 6, 7, 8, 100]))
    XCTAssertEqual([s.q1, s.median, s.q3], [3, 5, 7])
    XCTAssertEqual(s.whiskerHigh, 8)
    XCTAssertEqual(s.outliers, [100])
  }

  func testHeatmapOfCorrelations() throws {
    let matrix = TestData.correlations(users, features: ["browse_time", "spend", "review_count", "rating"])
    let chart = try render(ChartSpec(kind: .heatmap, width: 560, height: 460), matrix, golden: "heatmap.svg")
    XCTAssertEqual(chart.description, "heatmap of 4 × 4 values")
    XCTAssertTrue(chart.svg.contains(">1</text>"), "diagonal cells are labelled 1")
  }

  func testCJKLabelsAreKeptAndEscaped() throws {
    let table = Table(
      uncheckedColumns: [
        Column(name: "城市", strings: ["上海", "北京", "深圳 & 广州"]), Column(name: "浏览时间", floats: [3.5, 2.25, 4]),
      ], rowCount: 3)
    let chart = try render(ChartSpec(kind: .bar, x: "城市", y: "浏览时间", title: "<各城市>"), table, golden: "bar_cjk.svg")
    XCTAssertTrue(chart.svg.contains(">深圳 &amp; 广州</text>"))
    XCTAssertTrue(chart.svg.contains("<title>&lt;各城市&gt;</title>"))
    XCTAssertTrue(chart.svg.contains("sans-serif\""), "the font stack ends with the generic family")
  }

  func testLargeScatterIsBinnedUnderTwoMegabytes() throws {
    let big = TestData.users(120_000, seed: 9)
    let plain = try Chart.render(ChartSpec(kind: .scatter, x: "browse_time", y: "spend"), big)
    XCTAssertLessThan(plain.svg.utf8.count, 2_000_000)
    Golden.check(plain.svg, named: "scatter_density.svg")
    let plainCaption = try Chart.figure(ChartSpec(kind: .scatter, x: "browse_time", y: "spend"), big).caption
    XCTAssertEqual(plainCaption, "120,000 points binned into a 90×56 density grid.")
    XCTAssertTrue(parseXML(plain.svg).ok)
    let coloured = try Chart.render(ChartSpec(kind: .scatter, x: "browse_time", y: "spend", color: "city"), big)
    XCTAssertLessThan(coloured.svg.utf8.count, 2_000_000)
    let colouredCaption = try Chart.figure(ChartSpec(kind: .scatter, x: "browse_time", y: "spend", color: "city"), big)
      .caption
    XCTAssertEqual(colouredCaption, "A uniform sample of 10,000 of 120,000 points is drawn (fixed seed).")
    XCTAssertEqual(coloured.svg.components(separatedBy: "<circle").count - 1, 10_000 + 5, "sample plus legend keys")
    let vl = coloured.vegaLite["layer"]?.arrayValue?.first?["data"]?["values"]?.arrayValue
    XCTAssertEqual(vl?.count, VegaLite.rowLimit)
  }

  /// A line longer than four points per pixel column is drawn through the first, lowest, highest and last
  /// point of each column (M4): every column keeps its full vertical extent, and the caption says so.
  func testLongLineKeepsEveryPixelColumnsExtentAndSaysSo() throws {
    let n = 200_000
    let xs = (0..<n).map { Double($0) }
    let ys = xs.map { sin($0 / 997) * 10 + Double(Int($0) % 13) }
    let table = try Table(columns: [Column(name: "t", floats: xs), Column(name: "v", floats: ys)])
    let figure = try Chart.figure(ChartSpec(kind: .line, x: "t", y: "v"), table)
    guard case .line(let line)? = figure.panels.first?.marks.first else { return XCTFail("no line mark") }
    XCTAssertLessThanOrEqual(line.xs.count, 4 * 640)
    XCTAssertGreaterThan(line.xs.count, 640)
    XCTAssertEqual(line.xs.first, 0)
    XCTAssertEqual(line.xs.last, Double(n - 1))
    XCTAssertEqual(line.xs, line.xs.sorted(), "kept points stay in x order")
    XCTAssertEqual(
      figure.description,
      "line chart of v by t (200000 points; drawn through \(line.xs.count), the first, lowest, highest and last of each pixel column)"
    )
    // Per pixel column, the kept points span exactly what all points span.
    func column(_ x: Double) -> Int { min(639, Int(x / Double(n - 1) * 640)) }
    var full = [ClosedRange<Double>?](repeating: nil, count: 640)
    var kept = full
    func widen(_ r: inout ClosedRange<Double>?, _ y: Double) {
      r = r.map { min($0.lowerBound, y)...max($0.upperBound, y) } ?? y...y
    }
    for i in 0..<n { widen(&full[column(xs[i])], ys[i]) }
    for (x, y) in zip(line.xs, line.ys) { widen(&kept[column(x)], y) }
    XCTAssertEqual(kept, full)
    // A short line is drawn as it is.
    let short = try Table(columns: [
      Column(name: "t", floats: Array(xs.prefix(500))), Column(name: "v", floats: Array(ys.prefix(500))),
    ])
    let shortFigure = try Chart.figure(ChartSpec(kind: .line, x: "t", y: "v"), short)
    guard case .line(let all)? = shortFigure.panels.first?.marks.first else { return XCTFail("no line mark") }
    XCTAssertEqual(all.ys, Array(ys.prefix(500)))
    XCTAssertEqual(shortFigure.description, "line chart of v by t (500 points)")
  }

  /// Charts poll the statement's cancellation token (the kernel's interrupt) and stop with `interrupted`.
  func testACancelledTokenStopsEveryKindOfChart() {
    let token = Cancellation()
    token.cancel()
    let specs = [
      ChartSpec(kind: .scatter, x: "browse_time", y: "spend"), ChartSpec(kind: .line, x: "browse_time", y: "spend"),
      ChartSpec(kind: .hist, x: "spend"), ChartSpec(kind: .box, y: "spend"),
    ]
    for spec in specs {
      XCTAssertThrowsError(try Chart.render(spec, users, cancellation: token)) { error in
        XCTAssertEqual((error as? ChartError)?.code, .interrupted, "\(spec.kind)")
        XCTAssertEqual((error as? ChartError)?.message, "interrupted")
      }
      XCTAssertNoThrow(try Chart.render(spec, users), "\(spec.kind) without a cancelled token")
    }
  }

  func testErrorsNameTheColumn() {
    XCTAssertThrowsError(try Chart.render(ChartSpec(kind: .scatter, x: "browse_tme", y: "spend"), users)) { error in
      let e = error as? ChartError
      XCTAssertEqual(e?.message, "unknown column 'browse_tme'")
      XCTAssertEqual(e?.column, "browse_tme")
      XCTAssertEqual(e?.candidates.contains("browse_time"), true)
    }
    XCTAssertThrowsError(try Chart.render(ChartSpec(kind: .hist, x: "city"), users)) { error in
      XCTAssertEqual((error as? ChartError)?.message, "column 'city' is text, but a histogram needs numbers")
    }
    XCTAssertThrowsError(try Chart.render(ChartSpec(kind: .bar, x: "city"), users)) { error in
      XCTAssertEqual((error as? ChartError)?.message, "plot bar needs 'y' (for example: plot bar t x city y n)")
    }
    XCTAssertThrowsError(
      try Chart.render(ChartSpec(kind: .scatter, x: "spend", y: "rating", logX: true, xLimits: -1...5), users)
    ) {
      XCTAssertEqual(($0 as? ChartError)?.message, "limits on a log x axis must be positive")
    }
  }

  func testExtremeLimitsOnATimeAxisDoNotTrap() throws {
    let chart = try Chart.render(
      ChartSpec(kind: .line, x: "day", y: "revenue", xLimits: -1e300...1e300),
      TestData.daily(10))
    XCTAssertTrue(parseXML(chart.svg).ok)
  }

  func testVegaLiteSpecCarriesSchemaDataAndEncodings() throws {
    let chart = try Chart.render(ChartSpec(kind: .scatter, x: "browse_time", y: "spend", color: "city"), users)
    let vl = chart.vegaLite
    XCTAssertEqual(vl["$schema"], .string(VegaLite.schema))
    let layer = try XCTUnwrap(vl["layer"]?.arrayValue?.first)
    XCTAssertEqual(layer["encoding"]?["x"]?["title"], "browse_time")
    XCTAssertEqual(layer["encoding"]?["color"]?["title"], "city")
    XCTAssertEqual(layer["encoding"]?["color"]?["scale"]?["range"]?.arrayValue?.first, "#0072b2")
    XCTAssertEqual(layer["data"]?["values"]?.arrayValue?.count, 300)
    let line = try Chart.render(ChartSpec(kind: .line, x: "day", y: "revenue"), TestData.daily(3)).vegaLite
    XCTAssertEqual(line["layer"]?[0]?["encoding"]?["x"]?["type"], "temporal")
    XCTAssertEqual(line["layer"]?[0]?["data"]?["values"]?[0]?["x"], .double(1_704_067_200_000))
  }

  func testStaticChartBundleCarriesTheImgOfTheSVG() throws {
    let chart = try Chart.render(ChartSpec(kind: .hist, x: "spend"), users)
    let bundle = ChartBundle.make(chart)
    XCTAssertEqual(bundle.data.keys.sorted(), ["image/svg+xml", "text/html", "text/plain"])
    let html = try XCTUnwrap(bundle.data["text/html"]?.stringValue)
    XCTAssertTrue(html.hasPrefix("<img src=\"data:image/svg+xml;base64,"))
    XCTAssertTrue(html.hasSuffix("alt=\"histogram of spend (300 values in 20 bins)\"/>"))
    let base64 = String(html.dropFirst("<img src=\"data:image/svg+xml;base64,".count).prefix { $0 != "\"" })
    XCTAssertEqual(Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }, chart.svg)
  }
}

extension JSONValue {
  subscript(index: Int) -> JSONValue? {
    guard let a = arrayValue, index >= 0, index < a.count else { return nil }
    return a[index]
  }
}
