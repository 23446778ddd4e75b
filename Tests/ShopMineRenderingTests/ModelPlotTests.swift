import RichOutput
import ShopMineData
import XCTest

@testable import ShopMineRendering

final class ModelPlotTests: XCTestCase {
  func check(_ chart: RenderedChart, golden: String, file: StaticString = #filePath, line: UInt = #line) {
    let parsed = parseXML(chart.svg)
    XCTAssertTrue(parsed.ok, "invalid SVG: \(parsed.error ?? "")", file: file, line: line)
    XCTAssertFalse(chart.svg.contains("NaN"), file: file, line: line)
    Golden.check(chart.svg, named: golden, file: file, line: line)
    galleryVegaLite(chart, named: golden.replacingOccurrences(of: ".svg", with: ".vl.json"))
  }

  func testClustersWithCentroids() {
    let users = TestData.users(150)
    let xs = (users.column(named: "browse_time")?.doubles() ?? []).map { $0 ?? .nan }
    let ys = (users.column(named: "review_count")?.doubles() ?? []).map { $0 ?? .nan }
    let clusters = (0..<150).map { $0 % 3 }
    let centroids = (0..<3).map { k -> (x: Double, y: Double) in
      let rows = clusters.indices.filter { clusters[$0] == k }
      return (
        rows.map { xs[$0] }.reduce(0, +) / Double(rows.count), rows.map { ys[$0] }.reduce(0, +) / Double(rows.count)
      )
    }
    let figure = ChartFigure.clusters(
      xs: xs, ys: ys, clusters: clusters, centroids: centroids, xTitle: "browse_time",
      yTitle: "review_count", title: "k-means, k = 3")
    let chart = RenderedChart(figure: figure)
    XCTAssertEqual(chart.description, "3 clusters of 150 points: review_count against browse_time, centroids marked")
    XCTAssertEqual(
      chart.svg.components(separatedBy: "stroke=\"\(ChartTheme.auto.ink.hex)\" stroke-width=\"2.5\"").count - 1, 3 + 1,
      "three centroid crosses and the legend key, stroked in the theme's ink")
    check(chart, golden: "model_clusters.svg")
  }

  func testElbowAndROCLines() {
    let ks = (1...10).map(Double.init)
    let elbow = ChartFigure.lines(
      [LineSeries(name: "inertia", xs: ks, ys: ks.map { 1000 / $0 + 20 * $0 })],
      xTitle: "k", yTitle: "inertia", title: "Elbow")
    check(RenderedChart(figure: elbow), golden: "model_elbow.svg")
    let fpr = [0, 0.05, 0.1, 0.2, 0.4, 0.7, 1.0]
    let roc = ChartFigure.lines(
      [
        LineSeries(name: "logistic (AUC 0.87)", xs: fpr, ys: [0, 0.4, 0.6, 0.78, 0.9, 0.97, 1]),
        LineSeries(name: "kNN (AUC 0.81)", xs: fpr, ys: [0, 0.3, 0.5, 0.68, 0.84, 0.95, 1], dashed: true),
      ],
      xTitle: "false positive rate", yTitle: "true positive rate", title: "ROC", diagonal: true, xDomain: 0...1,
      yDomain: 0...1, width: 520, height: 440)
    let chart = RenderedChart(figure: roc)
    XCTAssertTrue(chart.svg.contains(">chance</text>"))
    XCTAssertEqual(chart.vegaLite["layer"]?.arrayValue?.count, 2, "the diagonal rule and one layer for both series")
    check(chart, golden: "model_roc.svg")
  }

  func testConfusionMatrix() {
    let figure = ChartFigure.annotatedHeatmap(
      [[50, 3], [7, 40]], rowLabels: ["stayed", "churned"],
      columnLabels: ["stayed", "churned"], xTitle: "predicted",
      yTitle: "actual", title: "Confusion matrix", integers: true)
    let chart = RenderedChart(figure: figure)
    for n in ["50", "3", "7", "40"] { XCTAssertTrue(chart.svg.contains(">\(n)</text>"), n) }
    check(chart, golden: "model_confusion.svg")
  }

  func testRuleBubblesTopBarsAndThresholdHistogram() {
    let support = [0.02, 0.05, 0.08, 0.03, 0.11, 0.04]
    let confidence = [0.4, 0.62, 0.55, 0.8, 0.35, 0.71]
    let lift = [1.2, 2.5, 1.8, 3.9, 1.1, 2.9]
    let bubbles = ChartFigure.bubbles(
      xs: support, ys: confidence, sizes: lift, colors: lift, xTitle: "support",
      yTitle: "confidence", sizeTitle: "lift", colorTitle: "lift", title: "Rules")
    check(RenderedChart(figure: bubbles), golden: "model_rules.svg")
    let bars = ChartFigure.horizontalBars(
      labels: ["coffee beans", "milk frother", "mug", "filter papers", "grinder"],
      values: [412, 388, 251, 199, 87], valueTitle: "baskets",
      labelTitle: "product", title: "Top items")
    check(RenderedChart(figure: bars), golden: "model_top_items.svg")
    var rng = TestData.Rng(state: 5)
    let scores = (0..<500).map { _ in abs(rng.normal()) }
    let hist = ChartFigure.histogram(scores, bins: 25, xTitle: "anomaly score", title: "Scores", threshold: 2.5)
    let chart = RenderedChart(figure: hist)
    XCTAssertTrue(chart.description.hasSuffix(", threshold at 2.5"))
    XCTAssertTrue(chart.svg.contains(">threshold 2.5</text>"))
    check(chart, golden: "model_threshold.svg")
  }

  func testTreeDiagram() {
    let tree = TreeNode(
      lines: ["spend ≤ 300", "n = 300", "gini 0.667"],
      children: [
        TreeNode(
          lines: ["browse_time ≤ 20", "n = 100"], edgeLabel: "yes",
          children: [
            TreeNode(lines: ["segment 0", "n = 92"], edgeLabel: "yes", color: Palette.color(0)),
            TreeNode(lines: ["segment 1", "n = 8"], edgeLabel: "no", color: Palette.color(1)),
          ], color: Palette.color(0)),
        TreeNode(lines: ["segment 2", "n = 200"], edgeLabel: "no", color: Palette.color(2)),
      ])
    let chart = TreeDiagram.render(tree, title: "Decision tree", description: "decision tree, depth 2, 3 leaves")
    XCTAssertTrue(chart.svg.contains(">spend ≤ 300</text>"))
    XCTAssertEqual(chart.vegaLite["layer"]?[1]?["data"]?["values"]?.arrayValue?.count, 5)
    check(chart, golden: "model_tree.svg")
  }
}

final class ProgressAndSummaryTests: XCTestCase {
  func testProgressTextBar() {
    XCTAssertEqual(
      ProgressRenderer.text(label: "k-means", done: 40, total: 50, elapsed: 0.4, phase: .running),
      "k-means ████████░░ 80% 40/50 · 0.4 s, about 0.1 s left")
    // Too early for an estimate (under 5 % done, or under 0.2 s in).
    XCTAssertEqual(
      ProgressRenderer.text(label: "als", done: 1, total: 50, elapsed: 3, phase: .running),
      "als ░░░░░░░░░░ 2% 1/50 · 3.0 s")
    // Nothing counted yet, or an unknown total: the running time, then the count; never "0%".
    XCTAssertEqual(
      ProgressRenderer.text(label: "k-means", done: 0, total: 50, elapsed: 0.6, phase: .running), "k-means … 0.6 s")
    XCTAssertEqual(ProgressRenderer.text(label: "load", done: 0, total: 0, elapsed: 0, phase: .running), "load … 0.0 s")
    XCTAssertEqual(
      ProgressRenderer.text(label: "itemcf", done: 0, total: 0, elapsed: 1.24, phase: .running), "itemcf … 1.2 s")
    XCTAssertEqual(
      ProgressRenderer.text(label: "scan", done: 1200, total: 0, elapsed: 3, phase: .running), "scan … 1200")
    XCTAssertEqual(
      ProgressRenderer.text(
        label: "k-means", done: 42, total: 300, elapsed: 0.84, phase: .finished(note: "42 iterations")),
      "k-means: 42 iterations, 0.8 s")
    XCTAssertEqual(
      ProgressRenderer.text(
        label: "k-means", done: 40, total: 50, elapsed: 0.4, phase: .stopped(reason: "interrupted")),
      "k-means: interrupted at 80% (40/50) after 0.4 s")
    XCTAssertEqual(
      ProgressRenderer.text(label: "itemcf", done: 0, total: 0, elapsed: 12.2, phase: .stopped(reason: "failed")),
      "itemcf: failed after 12 s")
    XCTAssertEqual(ProgressRenderer.seconds(125), "2 min 5 s")
  }

  func testProgressHTMLShowsOneBarAndEscapes() {
    let bundle = ProgressRenderer.bundle(label: "<fit>", done: 3, total: 4, elapsed: 1, phase: .running)
    // One bar: the <progress> element, and the words without the text bar.
    XCTAssertEqual(
      bundle.data["text/html"]?.stringValue,
      "<div><progress value=\"3\" max=\"4\"></progress> <span>&lt;fit&gt; 75% 3/4 · 1.0 s, about 0.3 s left</span></div>"
    )
    XCTAssertEqual(bundle.plainText, "<fit> ███████░░░ 75% 3/4 · 1.0 s, about 0.3 s left")
    // Before anything is counted the element is indeterminate (no value), not a bar at 0 %.
    XCTAssertEqual(
      ProgressRenderer.html(label: "als", done: 0, total: 15, elapsed: 0.5, phase: .running),
      "<div><progress></progress> <span>als … 0.5 s</span></div>")
    // Finished: full; interrupted: left where it stopped, or no bar when nothing was counted.
    XCTAssertEqual(
      ProgressRenderer.html(label: "als", done: 15, total: 15, elapsed: 2, phase: .finished(note: nil)),
      "<div><progress value=\"1\" max=\"1\"></progress> <span>als: 15/15, 2.0 s</span></div>")
    XCTAssertEqual(
      ProgressRenderer.html(label: "als", done: 6, total: 15, elapsed: 2, phase: .stopped(reason: "interrupted")),
      "<div><progress value=\"6\" max=\"15\"></progress> <span>als: interrupted at 40% (6/15) after 2.0 s</span></div>")
    XCTAssertEqual(
      ProgressRenderer.html(label: "als", done: 0, total: 15, elapsed: 2, phase: .stopped(reason: "interrupted")),
      "<div><span>als: interrupted after 2.0 s</span></div>")
  }

  func testThrottleAllowsTenPerSecondAndAlwaysTheFinalState() {
    var throttle = ProgressThrottle(maxPerSecond: 10)
    let emitted = stride(from: 0.0, to: 1.0, by: 0.01).filter { throttle.shouldEmit(at: $0) }.count
    XCTAssertEqual(emitted, 10)
    XCTAssertTrue(throttle.shouldEmit(at: 0.991, finished: true))
  }

  func testSummaryBundle() throws {
    let table = Table(
      uncheckedColumns: [Column(name: "cluster", ints: [0, 1]), Column(name: "size", ints: [120, 180])],
      rowCount: 2)
    let document = SummaryDocument(
      title: "KMeans model",
      sections: [
        .init(blocks: [.keyValues([("k", .int(2)), ("inertia", .float(1234.56789)), ("converged", .bool(true))])]),
        .init(heading: "Clusters", blocks: [.table(table, title: nil), .text("Sizes are balanced.")]),
      ])
    let bundle = SummaryRenderer.bundle(document)
    XCTAssertEqual(
      bundle.plainText,
      """
      KMeans model
      ============

      k:         2
      inertia:   1,234.6
      converged: true

      Clusters
      --------
         cluster  size
      0        0   120
      1        1   180

      2 rows × 2 columns
      Sizes are balanced.
      """)
    let html = try XCTUnwrap(bundle.data["text/html"]?.stringValue)
    XCTAssertTrue(html.contains("<tr><th align=\"left\">inertia</th><td align=\"right\">1,234.6</td></tr>"))
    XCTAssertTrue(parseXML(html).ok)
    XCTAssertEqual(
      bundle.data[ShopMineMIME.summary]?["sections"]?[0]?["blocks"]?[0]?["pairs"]?[1],
      .array(["inertia", .double(1234.56789)]))
  }
}
