import Foundation
import JupyterProtocol
import ShopMineRendering
import XCTest

@testable import ShopMineLanguage

/// `set theme`, `set charts`, `plot … interactive`, and the session's chart colours: what a notebook
/// user gets from the `plot` verb, through the language.
final class ChartSettingsTests: XCTestCase {
  let staticTypes = ["image/svg+xml", "text/html", "text/plain"]
  let interactiveTypes = ["application/vnd.vegalite.v5+json", "image/svg+xml", "text/plain"]

  func harness() -> Harness {
    var h = Harness()
    let r = h.run("users = generate users 300 seed 1")
    XCTAssertNil(r.error, r.plainTraceback ?? "")
    return h
  }

  func bundle(_ run: Harness.Run, file: StaticString = #filePath, line: UInt = #line) -> MIMEBundle? {
    guard case .ok(let result?, _) = run.outcome else {
      XCTFail(run.plainTraceback ?? "no result", file: file, line: line)
      return nil
    }
    return result
  }

  /// Category → colour as the chart's Vega-Lite spec draws it: from a series scale (points, lines) or
  /// from the rows' literal colours. Needs an interactive bundle (static ones carry no spec): the tests
  /// below `set charts interactive` first; the SVG uses the same colours (ChartColorsTests).
  func colours(_ bundle: MIMEBundle?) -> [String: String] {
    var out: [String: String] = [:]
    func visit(_ node: JSONValue) {
      if let scale = node["encoding"]?["color"]?["scale"], let domain = scale["domain"]?.arrayValue,
        let range = scale["range"]?.arrayValue
      {
        for (d, r) in zip(domain, range) { out[d.stringValue ?? ""] = r.stringValue }
      }
      for row in node["data"]?["values"]?.arrayValue ?? [] {
        if let s = row["series"]?.stringValue, let c = row["color"]?.stringValue { out[s] = c }
      }
      for child in node["layer"]?.arrayValue ?? [] { visit(child) }
    }
    if let spec = bundle?.data["application/vnd.vegalite.v5+json"] { visit(spec) }
    return out
  }

  // MARK: - set charts, plot … interactive

  func testChartsAreStaticUntilSetInteractiveAndBackAgain() {
    var h = harness()
    let plot = "plot scatter users x browse_time y spend color city"
    XCTAssertEqual(bundle(h.run(plot))?.data.keys.sorted(), staticTypes, "static by default")
    XCTAssertNil(h.run("set charts interactive").error)
    for code in [
      plot, "plot hist users spend", "plot line (users | sort browse_time) x browse_time y spend",
      "plot bar (users | group by city aggregate n = count()) x city y n",
    ] {
      XCTAssertEqual(bundle(h.run(code))?.data.keys.sorted(), interactiveTypes, code)
    }
    XCTAssertNil(h.run("set charts static").error)
    XCTAssertEqual(bundle(h.run(plot))?.data.keys.sorted(), staticTypes)
  }

  func testInteractiveOptionMakesOnePlotInteractive() {
    var h = harness()
    XCTAssertEqual(
      bundle(h.run("plot scatter users x browse_time y spend interactive"))?.data.keys.sorted(), interactiveTypes)
    XCTAssertEqual(bundle(h.run("plot hist users spend interactive bins 10"))?.data.keys.sorted(), interactiveTypes)
    XCTAssertEqual(
      bundle(h.run("plot scatter users x browse_time y spend"))?.data.keys.sorted(), staticTypes,
      "the option does not change the session")
    // A model plot takes it too: it is the verb's option, not a kind's.
    XCTAssertNil(h.run("seg = kmeans users k 3 on browse_time, spend seed 1").error)
    XCTAssertEqual(
      bundle(h.run("plot clusters seg x browse_time y spend interactive"))?.data.keys.sorted(),
      interactiveTypes)
  }

  func testInteractiveSpecHasTooltipsWithColumnNamesAndZoom() throws {
    var h = harness()
    let spec = try XCTUnwrap(
      bundle(h.run("plot scatter users x browse_time y spend color city interactive"))?
        .data["application/vnd.vegalite.v5+json"])
    let layer = try XCTUnwrap(spec["layer"]?.arrayValue?.first)
    let titles = layer["encoding"]?["tooltip"]?.arrayValue?.compactMap { $0["title"]?.stringValue }
    XCTAssertEqual(titles, ["browse_time", "spend", "city"])
    XCTAssertEqual(layer["params"]?.arrayValue?.first?["bind"], "scales")
  }

  func testSetChartsRejectsOtherWords() {
    var h = harness()
    let r = h.run("set charts interactiv")
    XCTAssertEqual(r.error?.name, "ValueError")
    XCTAssertTrue(
      r.plainTraceback?.contains("'set charts' takes static or interactive") == true, r.plainTraceback ?? "")
    XCTAssertTrue(r.plainTraceback?.contains("did you mean 'interactive'?") == true, r.plainTraceback ?? "")
  }

  // MARK: - set theme

  func testSetThemePaintsTheChartsCardAndAutoTakesItAway() {
    var h = harness()
    let plot = "plot hist users spend"
    let auto = bundle(h.run(plot))?.data["image/svg+xml"]?.stringValue ?? ""
    XCTAssertFalse(auto.contains("<rect x=\"0\" y=\"0\""), "auto: transparent")
    XCTAssertNil(h.run("set theme dark").error)
    let dark = bundle(h.run(plot))
    let darkSVG = dark?.data["image/svg+xml"]?.stringValue ?? ""
    XCTAssertTrue(darkSVG.contains("<rect x=\"0\" y=\"0\" width=\"640\" height=\"400\" fill=\"#111111\"/>"))
    XCTAssertEqual(
      bundle(h.run(plot + " interactive"))?.data["application/vnd.vegalite.v5+json"]?["config"]?["background"],
      "#111111")
    // The <img> shows the themed SVG.
    let html = dark?.data["text/html"]?.stringValue ?? ""
    let base64 = String(html.dropFirst("<img src=\"data:image/svg+xml;base64,".count).prefix { $0 != "\"" })
    XCTAssertEqual(Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }, darkSVG)
    // Model plots follow the theme too (they are redrawn by the verb).
    XCTAssertNil(h.run("t = tree users target city on browse_time, spend depth 2").error)
    let tree = bundle(h.run("plot tree t"))?.data["image/svg+xml"]?.stringValue ?? ""
    XCTAssertTrue(tree.contains("fill=\"#111111\"/>"), String(tree.prefix(800)))
    XCTAssertNil(h.run("set theme light").error)
    XCTAssertTrue(bundle(h.run(plot))?.data["image/svg+xml"]?.stringValue?.contains("fill=\"#ffffff\"/>") == true)
    XCTAssertNil(h.run("set theme auto").error)
    XCTAssertEqual(bundle(h.run(plot))?.data["image/svg+xml"]?.stringValue, auto)
  }

  func testSetThemeRejectsOtherWords() {
    var h = harness()
    let r = h.run("set theme dak")
    XCTAssertEqual(r.error?.name, "ValueError")
    XCTAssertTrue(r.plainTraceback?.contains("'set theme' takes auto, light, dark") == true, r.plainTraceback ?? "")
    XCTAssertTrue(r.plainTraceback?.contains("did you mean 'dark'?") == true, r.plainTraceback ?? "")
    let unknown = h.run("set colour dark")
    XCTAssertTrue(
      unknown.plainTraceback?.contains("settings: rows, precision, width, seed, theme, charts") == true,
      unknown.plainTraceback ?? "")
  }

  // MARK: - Colours that stay put

  func testACityKeepsItsColourAcrossTheSessionsCharts() {
    var h = harness()
    _ = h.run("set charts interactive")
    let scatter = colours(bundle(h.run("plot scatter users x browse_time y spend color city")))
    XCTAssertEqual(scatter.count, 10, "ten cities")
    XCTAssertEqual(Set(scatter.values).count, 10, "ten colours")
    // Another order (sorted by count) and another kind.
    let bars = colours(
      bundle(
        h.run(
          "plot bar (users | group by city aggregate n = count() | sort n desc) x city y n color city")))
    // A subset, in the order its rows bring.
    let subset = colours(bundle(h.run("plot scatter (users | where spend > 900) x browse_time y spend color city")))
    let lines = colours(bundle(h.run("plot line (users | sort browse_time) x browse_time y spend color city")))
    for other in [bars, subset, lines] {
      XCTAssertFalse(other.isEmpty)
      for (city, colour) in other { XCTAssertEqual(colour, scatter[city], city) }
    }
    XCTAssertLessThan(subset.count, 10 + 1)
  }

  func testAFailedPlotDoesNotTakeColours() {
    let scatter = "plot scatter users x browse_time y spend color city"
    let bars = "plot bar (users | group by city aggregate n = count() | sort n) x city y n color city"
    // In a fresh session the bars' cities take the palette in the bars' order; after the scatter they
    // keep the scatter's colours, which differ (so the check below can tell the two apart).
    var fresh = harness()
    _ = fresh.run("set charts interactive")
    let freshBars = colours(bundle(fresh.run(bars)))
    var afterScatter = harness()
    _ = afterScatter.run("set charts interactive")
    _ = afterScatter.run(scatter)
    XCTAssertNotEqual(colours(bundle(afterScatter.run(bars))), freshBars)
    // Facets fail after the colours are assigned (300 panels): the statement fails, and the session's
    // colour map is left as it was — the bars come out as in a fresh session.
    var h = harness()
    _ = h.run("set charts interactive")
    let failed = h.run(scatter + " facet user_id")
    XCTAssertEqual(failed.error?.name, "ValueError", failed.plainTraceback ?? "")
    XCTAssertEqual(colours(bundle(h.run(bars))), freshBars)
  }

  func testPastTwelveCategoriesOtherIsGreyAndNamedInTheLegend() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shopmine-colours-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var csv = "x,y,shop\n"
    for i in 0..<200 { csv += "\(i),\(i % 13),shop \(i % 20)\n" }
    try csv.write(to: dir.appendingPathComponent("shops.csv"), atomically: true, encoding: .utf8)
    var h = Harness()
    XCTAssertNil(h.run("t = load \"\(dir.path)/shops.csv\"").error)
    let b = bundle(h.run("plot scatter t x x y y color shop interactive"))
    let svg = b?.data["image/svg+xml"]?.stringValue ?? ""
    XCTAssertTrue(svg.contains(">other (8)</text>"), "the legend names the grey group")
    XCTAssertTrue(svg.contains("Grey “other” groups 8 values of shop"), "the caption lists it")
    let map = colours(b)
    let coloured = map.filter { $0.key != "other (8)" }
    XCTAssertEqual(coloured.count, 12)
    XCTAssertEqual(Set(coloured.values).count, 12, "no colour shown twice")
    XCTAssertEqual(map["other (8)"], Palette.neutral.hex)
  }
}
