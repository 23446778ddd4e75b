import Foundation
import RichOutput
import ShopMineData
import XCTest

@testable import ShopMineRendering

/// Colours that stay put (a category keeps its colour across a session's charts; past the palette an
/// "other" group the legend names), themes in the SVG, and the interactive bundle with its Vega-Lite
/// tooltips and zoom.
final class ChartColorsTests: XCTestCase {
  let users = TestData.users(300)

  /// A table of `cities` repeated `counts` times (row order as given).
  func table(_ cities: [String], counts: [Int]? = nil) -> Table {
    var names: [String?] = []
    for (i, city) in cities.enumerated() { names += Array(repeating: city, count: counts?[i] ?? 2) }
    let n = names.count
    return Table(
      uncheckedColumns: [
        Column(name: "x", floats: (0..<n).map(Double.init)), Column(name: "y", floats: (0..<n).map { Double($0 % 7) }),
        Column(name: "city", strings: names),
      ], rowCount: n)
  }

  /// Legend label → colour of the figure's categorical legend.
  func legend(_ figure: ChartFigure) -> [(label: String, color: RGBColor)] {
    for case .categorical(_, let entries) in figure.legends { return entries.map { ($0.label, $0.color) } }
    return []
  }

  // MARK: - The session's colour map

  func testSlotsFollowFirstAppearanceAndSurviveReorderingAndSubsets() {
    var colors = CategoryColors()
    XCTAssertEqual(colors.assign(["Paris", "Lyon", "Nice"], counts: [5, 5, 5], in: "city"), [0, 1, 2])
    // A later chart brings the cities in another order, with one new: old ones keep their slot.
    XCTAssertEqual(colors.assign(["Nice", "Rome", "Paris"], counts: [1, 1, 1], in: "city"), [2, 3, 0])
    // Slots are per column: another column starts at the first colour.
    XCTAssertEqual(colors.assign(["f", "m"], counts: [1, 1], in: "gender"), [0, 1])
    XCTAssertEqual(colors.slot(of: "Rome", in: "city"), 3)
    XCTAssertEqual(colors.usedSlots(in: "city"), 4)
  }

  func testPastThePaletteTheMostFrequentNewCategoriesGetTheLastSlots() {
    var colors = CategoryColors()
    let first = (0..<10).map { "c\($0)" }
    XCTAssertEqual(colors.assign(first, counts: Array(repeating: 1, count: 10), in: "k"), (0..<10).map { $0 })
    // Two slots left for four new categories: the two biggest win them, in chart order; the rest are
    // "other" (nil) — now and later.
    let slots = colors.assign(["a", "b", "c", "d"], counts: [1, 9, 3, 9], in: "k")
    XCTAssertEqual(slots, [nil, 10, nil, 11])
    XCTAssertEqual(colors.assign(["a", "c", "b"], counts: [100, 100, 1], in: "k"), [nil, nil, 10])
  }

  func testTwoChartsInOneSessionColourEachCityTheSame() throws {
    var colors = CategoryColors()
    let first = try Chart.figure(
      ChartSpec(kind: .scatter, x: "x", y: "y", color: "city"),
      table(["Shanghai", "Beijing", "Shenzhen", "Chengdu", "Hangzhou"]), colors: &colors)
    // The second has a subset, in another order, plus a city the first never saw.
    let second = try Chart.figure(
      ChartSpec(kind: .scatter, x: "x", y: "y", color: "city"), table(["Chengdu", "Wuhan", "Beijing"]),
      colors: &colors)
    let before = Dictionary(uniqueKeysWithValues: legend(first).map { ($0.label, $0.color) })
    let after = legend(second)
    XCTAssertEqual(after.map(\.label), ["Chengdu", "Wuhan", "Beijing"], "legend in the chart's own order")
    XCTAssertEqual(after[0].color, before["Chengdu"])
    XCTAssertEqual(after[2].color, before["Beijing"])
    XCTAssertEqual(after[1].color, Palette.color(5), "a new city takes the next free colour")
    XCTAssertFalse(before.values.contains(after[1].color))
    // Every kind that colours by a column uses the same map: bars and boxes of Chengdu are Chengdu's colour.
    let counts = Table(
      uncheckedColumns: [Column(name: "city", strings: ["Chengdu", "Beijing"]), Column(name: "n", ints: [3, 4])],
      rowCount: 2)
    let bars = try Chart.figure(ChartSpec(kind: .bar, x: "city", y: "n", color: "city"), counts, colors: &colors)
    XCTAssertEqual(legend(bars).map(\.color), [before["Chengdu"], before["Beijing"]])
    let box = try Chart.figure(
      ChartSpec(kind: .box, y: "x", by: "city"), table(["Beijing", "Chengdu"]), colors: &colors)
    guard case .boxes(let boxes)? = box.panels.first?.marks.first else { return XCTFail("no boxes") }
    XCTAssertEqual(boxes.map(\.fill), [before["Beijing"], before["Chengdu"]])
  }

  func testTwentyCategoriesShowTwelveColoursAndNameTheOtherEight() throws {
    var colors = CategoryColors()
    let cities = (1...20).map { "city \($0)" }
    // Cities 13…20 are the rarest, so they are the ones grouped.
    let counts = (1...20).map { $0 <= 12 ? 10 : 2 }
    for kind in [ChartSpec.Kind.scatter, .hist, .line, .bar] {
      var spec = ChartSpec(kind: kind, x: "x", y: "y", color: "city")
      if kind == .bar { spec.x = "city" }
      let figure = try Chart.figure(spec, table(cities, counts: counts), colors: &colors)
      let entries = legend(figure)
      let coloured = entries.filter { $0.color != Palette.neutral }
      XCTAssertEqual(coloured.count, 12, "\(kind)")
      XCTAssertEqual(Set(coloured.map(\.color)).count, 12, "\(kind): no colour is shown twice")
      XCTAssertEqual(entries.last?.label, "other (8)", "\(kind)")
      XCTAssertEqual(entries.last?.color, Palette.neutral)
      let caption = try XCTUnwrap(figure.caption, "\(kind)")
      XCTAssertTrue(
        caption.contains("Grey “other” groups 8 values of city past the palette's 12 colours: city 13, city 14"),
        caption)
      XCTAssertTrue(caption.contains("city 20."), caption)
      let svg = figure.svg()
      XCTAssertTrue(svg.contains(">other (8)</text>"), "\(kind): the legend says what was grouped")
    }
  }

  func testOtherGroupIsOneSeriesWithItsOwnMarker() throws {
    let cities = (1...14).map { "c\($0)" }
    let chart = try Chart.render(ChartSpec(kind: .scatter, x: "x", y: "y", color: "city"), table(cities))
    let layer = try XCTUnwrap(chart.vegaLite["layer"]?[0])
    let domain = layer["encoding"]?["color"]?["scale"]?["domain"]?.arrayValue?.compactMap(\.stringValue) ?? []
    XCTAssertEqual(domain, Array(cities.prefix(12)) + ["other (2)"])
    let shapes = layer["encoding"]?["shape"]?["scale"]?["range"]?.arrayValue?.compactMap(\.stringValue) ?? []
    XCTAssertEqual(shapes, Array(repeating: "circle", count: 8) + Array(repeating: "square", count: 4) + ["diamond"])
  }

  // MARK: - Themes in the SVG

  func testAutoThemeIsTransparentWithMidGreyInk() throws {
    let chart = try Chart.render(ChartSpec(kind: .scatter, x: "browse_time", y: "spend", color: "city"), users)
    XCTAssertEqual(chart.theme, .auto)
    XCTAssertFalse(chart.svg.contains("<rect x=\"0\" y=\"0\""), "no background card")
    XCTAssertTrue(chart.svg.contains("font-size=\"12\" fill=\"#797979\">"), "text inherits the mid-grey ink")
    XCTAssertFalse(chart.svg.contains("#ffffff"), "no white anywhere: no card, no white outlines")
    XCTAssertTrue(chart.svg.contains("stroke-opacity=\"0.3\""), "translucent gridlines")
  }

  func testLightAndDarkThemesPaintACardAndRedrawFromTheSource() throws {
    let auto = try Chart.render(ChartSpec(kind: .hist, x: "spend", color: "city"), users)
    for (theme, card, ink) in [(ChartTheme.light, "#ffffff", "#222222"), (.dark, "#111111", "#e6e6e6")] {
      let themed = auto.themed(theme)
      XCTAssertEqual(themed.theme, theme.name)
      XCTAssertTrue(themed.svg.contains("<rect x=\"0\" y=\"0\" width=\"640\" height=\"400\" fill=\"\(card)\"/>"))
      XCTAssertTrue(themed.svg.contains("font-size=\"12\" fill=\"\(ink)\">"))
      XCTAssertTrue(themed.svg.contains("stroke=\"\(card)\""), "bins separated in the card's colour")
      XCTAssertTrue(parseXML(themed.svg).ok)
      XCTAssertEqual(themed.description, auto.description)
      XCTAssertEqual(themed.vegaLite["config"]?["background"]?.stringValue, card)
      // Drawing it straight in the theme gives the same bytes.
      var colors = CategoryColors()
      XCTAssertEqual(
        try Chart.render(
          ChartSpec(kind: .hist, x: "spend", color: "city"), users, colors: &colors,
          theme: theme
        ).svg, themed.svg)
      XCTAssertEqual(themed.themed(.auto), auto)
    }
    XCTAssertEqual(auto.themed(.auto), auto)
    // A tree diagram redraws too; its node text stays dark on the pale node boxes in every theme.
    let tree = TreeDiagram.render(
      TreeNode(lines: ["root"], children: [TreeNode(lines: ["leaf"], edgeLabel: "yes")]),
      description: "a tree")
    let dark = tree.themed(.dark).svg
    let height = tree.svg.components(separatedBy: "height=\"")[1].prefix { $0 != "\"" }
    XCTAssertTrue(dark.contains("height=\"\(height)\" fill=\"#111111\"/>"), "the dark card")
    XCTAssertTrue(dark.contains("fill=\"#222222\">root</text>"))
    XCTAssertTrue(dark.contains(">yes</text>"))
  }

  // MARK: - The bundle

  func testStaticAndInteractiveBundles() throws {
    let chart = try Chart.render(ChartSpec(kind: .scatter, x: "browse_time", y: "spend", color: "city"), users)
    // Static: the <img> JupyterLab shows (rank 50) and no Vega-Lite spec, which VS Code would rank
    // ahead of text/html (a type missing from its display order sorts first).
    XCTAssertEqual(ChartBundle.make(chart).data.keys.sorted(), ["image/svg+xml", "text/html", "text/plain"])
    XCTAssertEqual(ChartBundle.make(chart).data.keys.sorted(), ChartBundle.staticTypes)
    let interactive = ChartBundle.make(chart, interactive: true)
    // No text/html: JupyterLab's next choice is Vega-Lite (rank 57), ahead of SVG (80).
    XCTAssertEqual(
      interactive.data.keys.sorted(),
      ["application/vnd.vegalite.v5+json", "image/svg+xml", "text/plain"])
    XCTAssertEqual(interactive.data.keys.sorted(), ChartBundle.interactiveTypes)
    XCTAssertEqual(interactive.data["application/vnd.vegalite.v5+json"], chart.vegaLite)
    XCTAssertEqual(interactive.data["image/svg+xml"]?.stringValue, chart.svg, "the SVG stays for nbconvert and GitHub")
  }

  // MARK: - Vega-Lite: tooltips, zoom, palette, theme

  /// Tooltip titles of every layer (nested box layers included), in order.
  func tooltipTitles(_ spec: JSONValue) -> [[String]] {
    var out: [[String]] = []
    func visit(_ node: JSONValue) {
      if let tips = node["encoding"]?["tooltip"]?.arrayValue {
        out.append(tips.compactMap { $0["title"]?.stringValue })
      }
      for child in node["layer"]?.arrayValue ?? [] { visit(child) }
      for child in node["concat"]?.arrayValue ?? [] { visit(child) }
    }
    visit(spec)
    return out
  }

  func testTooltipsUseTheColumnNamesNeverTheSpecsFieldNames() throws {
    let counts = Table(
      uncheckedColumns: [
        Column(name: "city", strings: TestData.cities), Column(name: "n", ints: [71, 58, 64, 49, 58]),
        Column(name: "region", strings: ["east", "north", "south", "west", "east"]),
      ], rowCount: 5)
    let cases: [(ChartSpec, Table, [[String]])] = [
      (
        ChartSpec(kind: .scatter, x: "browse_time", y: "spend", color: "city"), users,
        [["browse_time", "spend", "city"]]
      ),
      (ChartSpec(kind: .scatter, x: "browse_time", y: "spend"), users, [["browse_time", "spend"]]),
      (ChartSpec(kind: .line, x: "day", y: "revenue"), TestData.daily(30), [["day", "revenue"]]),
      (ChartSpec(kind: .hist, x: "spend"), users, [["spend from", "spend to", "count"]]),
      (
        ChartSpec(kind: .hist, x: "spend", color: "city"), users,
        Array(repeating: ["spend from", "spend to", "city", "count"], count: 5)
      ),
      (ChartSpec(kind: .bar, x: "city", y: "n", color: "region"), counts, [["city", "n", "region"]]),
      (
        ChartSpec(kind: .box, y: "spend", by: "city"), users,
        [["city", "spend: upper whisker", "spend: Q3", "spend: median", "spend: Q1", "spend: lower whisker"]]
      ),
    ]
    for (spec, data, expected) in cases {
      let vl = try Chart.render(spec, data).vegaLite
      let titles = tooltipTitles(vl)
      XCTAssertEqual(titles, expected, "\(spec.kind)")
      for title in titles.joined() { XCTAssertFalse(["x", "y", "x2", "y2", "series", "value"].contains(title)) }
    }
    // Fields behind the titles exist in the data.
    let scatter = try Chart.render(ChartSpec(kind: .scatter, x: "browse_time", y: "spend", color: "city"), users)
    let layer = try XCTUnwrap(scatter.vegaLite["layer"]?[0])
    let row = try XCTUnwrap(layer["data"]?["values"]?[0]?.objectValue)
    for tip in layer["encoding"]?["tooltip"]?.arrayValue ?? [] {
      XCTAssertNotNil(row[tip["field"]?.stringValue ?? ""], "tooltip field \(tip) is in the rows")
    }
  }

  func testScatterAndLineZoomAndPanBarsAndHistogramsDoNot() throws {
    func zoomParams(_ spec: JSONValue) -> [JSONValue] {
      var out: [JSONValue] = []
      func visit(_ node: JSONValue) {
        out += node["params"]?.arrayValue ?? []
        for child in (node["layer"]?.arrayValue ?? []) + (node["concat"]?.arrayValue ?? []) { visit(child) }
      }
      visit(spec)
      return out
    }
    let grid: JSONValue = ["name": "grid", "select": "interval", "bind": "scales"]
    let scatter = try Chart.render(ChartSpec(kind: .scatter, x: "browse_time", y: "spend"), users)
    XCTAssertEqual(zoomParams(scatter.vegaLite), [grid])
    let line = try Chart.render(ChartSpec(kind: .line, x: "day", y: "revenue"), TestData.daily(30))
    XCTAssertEqual(zoomParams(line.vegaLite), [grid])
    // Zoomed in, marks are clipped to the plot area.
    XCTAssertEqual(scatter.vegaLite["layer"]?[0]?["mark"]?["clip"], true)
    XCTAssertEqual(zoomParams(try Chart.render(ChartSpec(kind: .hist, x: "spend"), users).vegaLite), [])
    let counts = Table(
      uncheckedColumns: [
        Column(name: "city", strings: TestData.cities), Column(name: "n", ints: [71, 58, 64, 49, 58]),
      ],
      rowCount: 5)
    XCTAssertEqual(zoomParams(try Chart.render(ChartSpec(kind: .bar, x: "city", y: "n"), counts).vegaLite), [])
    // Facets: one zoom per panel, names unique across the spec.
    let faceted = try Chart.render(ChartSpec(kind: .scatter, x: "browse_time", y: "spend", facet: "city"), users)
    XCTAssertEqual(
      zoomParams(faceted.vegaLite).compactMap { $0["name"]?.stringValue },
      ["grid", "grid2", "grid3", "grid4", "grid5"])
  }

  func testVegaLiteUsesTheSVGsColoursAndMarkers() throws {
    var colors = CategoryColors()
    _ = colors.assign(["Hangzhou", "Chengdu"], counts: [1, 1], in: "city")
    let chart = try Chart.render(
      ChartSpec(kind: .scatter, x: "browse_time", y: "spend", color: "city"), users, colors: &colors)
    let layer = try XCTUnwrap(chart.vegaLite["layer"]?[0])
    let domain = layer["encoding"]?["color"]?["scale"]?["domain"]?.arrayValue?.compactMap(\.stringValue) ?? []
    let range = layer["encoding"]?["color"]?["scale"]?["range"]?.arrayValue?.compactMap(\.stringValue) ?? []
    for (city, color) in zip(domain, range) {
      XCTAssertEqual(color, Palette.color(colors.slot(of: city, in: "city") ?? -1).hex, city)
      // The SVG's legend swatch for the city has the same colour.
      XCTAssertTrue(chart.svg.contains("<g fill=\"\(color)\">"), "\(city) \(color)")
    }
    XCTAssertEqual(colors.slot(of: "Hangzhou", in: "city"), 0, "seen first in an earlier chart")
    XCTAssertEqual(layer["encoding"]?["shape"]?["scale"]?["domain"]?.arrayValue?.count, domain.count)
    XCTAssertEqual(layer["mark"]?["type"], "point")
  }

  func testVegaLiteThemeConfig() throws {
    let chart = try Chart.render(ChartSpec(kind: .scatter, x: "browse_time", y: "spend"), users)
    // Auto: a transparent background, in config (a top-level `background` stops VS Code from applying
    // its dark theme), the SVG's translucent gridlines and no frame; text colours come from the front
    // end's own theme.
    XCTAssertEqual(
      chart.vegaLite["config"],
      ["background": "transparent", "view": ["stroke": nil], "axis": ["gridColor": "#808080", "gridOpacity": 0.3]])
    XCTAssertNil(chart.vegaLite["background"])
    let dark = chart.themed(.dark).vegaLite["config"]
    XCTAssertEqual(dark?["background"], "#111111")
    XCTAssertEqual(dark?["style"]?["guide-label"]?["fill"], "#e6e6e6")
    XCTAssertEqual(dark?["title"]?["color"], "#e6e6e6")
    XCTAssertEqual(chart.themed(.light).vegaLite["config"]?["axis"]?["domainColor"], "#444444")
  }
}
