import Foundation
import ShopMineData
import ShopMineInsights
import ShopMineRendering

/// The charts of the profiling, pricing and risk family: the RF grid, segment bars, demand curves, score
/// histograms, precision–recall curves and profile heatmaps.
///
/// Every figure is built from ShopMineRendering's public parts, so it gets the same SVG, HTML and
/// Vega-Lite representations as `plot`.
enum InsightCharts {
  /// Points drawn per group on a demand scatter. The observations can be every order line (tens of
  /// thousands of overlapping points); a deterministic stride sample keeps the SVG small and the same
  /// on every run.
  static let pointsPerGroup = 400
  static let pointsSingleGroup = 2500

  // MARK: RFM

  /// Customers by recency score (rows, 5 at the top) and frequency score (columns), cells labelled with
  /// counts — the classic RF grid.
  static func rfGrid(_ result: RFMResult) -> RenderedChart {
    let scores = [5, 4, 3, 2, 1]
    let matrix = scores.map { r in (1...5).map { f in Double(count(result.grid, r, f)) } }
    let figure = ChartFigure.annotatedHeatmap(
      matrix, rowLabels: scores.map { "R \($0)" }, columnLabels: (1...5).map { "F \($0)" },
      xTitle: "frequency score", yTitle: "recency score", title: "Customers by recency and frequency score",
      colorTitle: "customers", integers: true, width: 520, height: 420)
    return RenderedChart(figure: figure)
  }

  private static func count(_ grid: [[Int]], _ r: Int, _ f: Int) -> Int {
    guard r - 1 < grid.count, f - 1 < grid[r - 1].count else { return 0 }
    return grid[r - 1][f - 1]
  }

  /// Customers per segment as horizontal bars, in the summary's segment order.
  static func segmentBars(_ summary: Table, title: String? = nil) -> RenderedChart {
    let labels = (summary.column(named: "segment").map { c in (0..<c.count).map { ValueFormatter.text(c[$0]) } }) ?? []
    let counts = (summary.column(named: "count")?.doubles() ?? []).map { $0 ?? 0 }
    let total = counts.reduce(0, +)
    let figure = ChartFigure.horizontalBars(
      labels: labels, values: counts, valueTitle: "customers", labelTitle: "segment",
      title: title ?? "Customers by RFM segment (\(NumberFormat.count(Int(total))) customers)")
    return RenderedChart(figure: figure)
  }

  // MARK: Demand

  /// Every `k`-th index so that at most `limit` of `n` remain (all when n ≤ limit).
  static func strideSample(_ n: Int, limit: Int) -> [Int] {
    guard n > limit, limit > 0 else { return Array(0..<n) }
    let step = Double(n) / Double(limit)
    return (0..<limit).map { min(n - 1, Int(Double($0) * step)) }
  }

  /// Price and quantity of one group's observations, NaN-free.
  static func observationPairs(_ table: Table) -> (prices: [Double], quantities: [Double]) {
    let p = table.column(named: "price")?.doubles() ?? []
    let q = table.column(named: "quantity")?.doubles() ?? []
    var prices: [Double] = []
    var quantities: [Double] = []
    for i in 0..<min(p.count, q.count) {
      if let x = p[i], let y = q[i], x > 0, y > 0 {
        prices.append(x)
        quantities.append(y)
      }
    }
    return (prices, quantities)
  }

  /// A log-log position scale over positive values, widened to whole decades.
  static func logScale(_ values: [Double]) -> PositionScale {
    let positive = values.filter { $0 > 0 && $0.isFinite }
    let lo = positive.min() ?? 1
    let hi = positive.max() ?? 10
    let pad = hi > lo ? pow(hi / lo, 0.03) : 1
    return .log(LogScale(domain: (lo / pad)...(hi * pad)).niced())
  }

  /// The demand scatter of several groups (sampled) with each group's fitted curve Q = eᵃ·P^ε, log-log.
  static func demand(_ el: ElasticityResult, groups: [String]? = nil, title: String? = nil) -> RenderedChart {
    let chosen = groups ?? el.estimates.map(\.group)
    let single = chosen.count == 1
    var points: [Mark] = []
    var lines: [Mark] = []
    var entries: [LegendEntry] = []
    var allX: [Double] = []
    var allY: [Double] = []
    var shown = 0
    var total = 0
    for (i, group) in chosen.enumerated() {
      let color = Palette.color(i)
      let (prices, quantities) = observationPairs(el.observations(for: group))
      total += prices.count
      let rows = strideSample(prices.count, limit: single ? pointsSingleGroup : pointsPerGroup)
      shown += rows.count
      let marks = rows.map { PointMark(x: prices[$0], y: quantities[$0], radius: single ? 2.5 : 2, fill: color) }
      points.append(.points(marks, opacity: single ? 0.35 : 0.3, series: group))
      allX += rows.map { prices[$0] }
      allY += rows.map { quantities[$0] }
      if let curve = try? el.curve(for: group), let e = el.estimate(for: group) {
        let xs = (curve.column(named: "price")?.doubles() ?? []).map { $0 ?? .nan }
        let ys = (curve.column(named: "quantity")?.doubles() ?? []).map { $0 ?? .nan }
        allX += xs
        allY += ys
        lines.append(
          .line(
            LineMark(
              xs: xs, ys: ys, color: single ? Palette.color(1) : color, width: single ? 2.5 : 2,
              series: single ? "fit" : group)))
        let label = "\(group) (ε \(DecimalFormat.sentence(e.elasticity, decimals: 2)))"
        entries.append(LegendEntry(label: single ? group : label, color: color, key: .point(.circle)))
        if single {
          entries.append(
            LegendEntry(
              label:
                "fit: ε \(DecimalFormat.sentence(e.elasticity, decimals: 2)), R² \(DecimalFormat.sentence(e.rSquared, decimals: 2))",
              color: Palette.color(1),
              key: .line(dash: [])))
        }
      } else {
        entries.append(LegendEntry(label: group, color: color, key: .point(.circle)))
      }
    }
    let panel = PlotPanel(
      x: logScale(allX), y: logScale(allY), xTitle: "price (log)", yTitle: "quantity (log)",
      marks: points + lines)
    let caption =
      shown < total
      ? "\(NumberFormat.count(shown)) of \(NumberFormat.count(total)) observations drawn (every k-th, deterministic); lines are the fitted constant-elasticity curves."
      : "Lines are the fitted constant-elasticity curves ln Q = a + ε ln P."
    let figure = ChartFigure(
      width: single ? 640 : 720, height: 440,
      title: title ?? (single ? "Demand for \(chosen[0])" : "Demand by \(el.groupColumn ?? "group") (log-log)"),
      caption: caption, panels: [panel],
      legends: [.categorical(title: single ? nil : el.groupColumn, entries: entries)],
      description: "demand scatter of quantity against price (log-log) with fitted curves for "
        + chosen.joined(separator: ", "))
    return RenderedChart(figure: figure)
  }

  // MARK: Anomalies

  /// The score histogram with the flagging threshold as a vertical rule.
  static func scores(_ result: AnomalyResult) -> RenderedChart {
    let values = (result.table.column(named: "score")?.doubles() ?? []).compactMap { $0 }.filter(\.isFinite)
    let figure = ChartFigure.histogram(
      values, bins: 40, xTitle: "anomaly score (\(result.method.name))",
      title:
        "Anomaly scores: \(NumberFormat.count(result.flaggedCount)) of \(NumberFormat.count(values.count)) rows flagged",
      threshold: result.threshold, thresholdLabel: "threshold \(NumberFormat.compact(result.threshold))")
    return RenderedChart(figure: figure)
  }

  /// The precision–recall curve with the average precision in the title.
  static func precisionRecall(_ evaluation: AnomalyEvaluation) -> RenderedChart {
    let recall = (evaluation.curve.column(named: "recall")?.doubles() ?? []).map { $0 ?? .nan }
    let precision = (evaluation.curve.column(named: "precision")?.doubles() ?? []).map { $0 ?? .nan }
    let figure = ChartFigure.lines(
      [
        LineSeries(
          name: "AP \(DecimalFormat.sentence(evaluation.averagePrecision, decimals: 3))", xs: recall, ys: precision,
          markers: false)
      ],
      xTitle: "recall", yTitle: "precision",
      title:
        "Precision–recall curve (average precision \(DecimalFormat.sentence(evaluation.averagePrecision, decimals: 3)))",
      xDomain: 0...1, yDomain: 0...1.02)
    return RenderedChart(figure: figure)
  }

  // MARK: Profiles

  /// Standardised cluster means (clusters down, features across), diverging around 0.
  static func profile(_ p: ClusterProfile) -> RenderedChart {
    let zColumns = p.features.map { f in (p.standardized.column(named: f)?.doubles() ?? []).map { $0 ?? .nan } }
    let matrix = p.clusterLabels.indices.map { row in
      zColumns.map { row < $0.count ? $0[row] : .nan }
    }
    let rowLabels = zip(p.clusterLabels, p.sizes).map { "cluster \($0) (\($1))" }
    let figure = ChartFigure.annotatedHeatmap(
      matrix, rowLabels: rowLabels, columnLabels: p.features, xTitle: "feature", yTitle: nil,
      title: "Standardised cluster means (σ from the overall mean)", colorTitle: "z",
      width: max(520, 160 + Double(p.features.count) * 90), height: max(260, 140 + Double(rowLabels.count) * 48))
    return RenderedChart(figure: figure)
  }
}
