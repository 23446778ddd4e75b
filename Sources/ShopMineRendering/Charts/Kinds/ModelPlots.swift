/// One named line for ``ChartFigure/lines(_:xTitle:yTitle:title:diagonal:xDomain:yDomain:)``.
public struct LineSeries: Sendable, Hashable {
  public var name: String
  public var xs: [Double]
  public var ys: [Double]
  public var dashed: Bool
  /// Dots at the vertices (elbow curves); `nil` draws them for series of at most 40 points.
  public var markers: Bool?

  public init(name: String, xs: [Double], ys: [Double], dashed: Bool = false, markers: Bool? = nil) {
    self.name = name
    self.xs = xs
    self.ys = ys
    self.dashed = dashed
    self.markers = markers
  }
}

/// Ready-made figures for model plots (clusters, elbow and ROC curves, confusion matrices, rule scatters,
/// top-item bars, score histograms). Each is a few lines over the general parts; callers may add marks
/// to `panels[0].marks` before calling ``RenderedChart/init(figure:)``.
extension ChartFigure {
  /// Points coloured by cluster with centroid markers (black crosses) on top — `plot clusters`.
  public static func clusters(
    xs: [Double], ys: [Double], clusters: [Int], centroids: [(x: Double, y: Double)], xTitle: String,
    yTitle: String, title: String? = nil, clusterNames: [String]? = nil, width: Double = 640, height: Double = 420
  ) -> ChartFigure {
    let count = max((clusters.max() ?? -1) + 1, centroids.count)
    let names = (0..<count).map { k in clusterNames.flatMap { k < $0.count ? $0[k] : nil } ?? "cluster \(k)" }
    var layers: [Mark] = []
    for k in 0..<count {
      let points = clusters.indices.filter { clusters[$0] == k && $0 < xs.count && $0 < ys.count }.map {
        PointMark(x: xs[$0], y: ys[$0], radius: 3.5, fill: Palette.color(k), shape: Palette.shape(k))
      }
      if !points.isEmpty { layers.append(.points(points, opacity: 0.7, series: names[k])) }
    }
    // Noise (DBSCAN's -1) in grey underneath.
    let noise = clusters.indices.filter { clusters[$0] < 0 && $0 < xs.count && $0 < ys.count }.map {
      PointMark(x: xs[$0], y: ys[$0], radius: 2.5, fill: Palette.neutral)
    }
    if !noise.isEmpty { layers.insert(.points(noise, opacity: 0.6, series: "noise"), at: 0) }
    layers.append(
      .points(
        centroids.map { PointMark(x: $0.x, y: $0.y, radius: 6, fill: RGBColor(hex: 0x222222), shape: .cross) },
        opacity: 1, series: nil))
    let allX = xs + centroids.map(\.x)
    let allY = ys + centroids.map(\.y)
    var entries = names.enumerated().map {
      LegendEntry(label: $0.element, color: Palette.color($0.offset), key: .point(Palette.shape($0.offset)))
    }
    if !noise.isEmpty { entries.append(LegendEntry(label: "noise", color: Palette.neutral, key: .point(.circle))) }
    entries.append(LegendEntry(label: "centroid", color: RGBColor(hex: 0x222222), key: .point(.cross)))
    let panel = paddedPanel(xs: allX, ys: allY, xTitle: xTitle, yTitle: yTitle, marks: layers)
    return ChartFigure(
      width: width, height: height, title: title, panels: [panel],
      legends: [.categorical(title: "cluster", entries: entries)],
      description: "\(count) clusters of \(xs.count) points: \(yTitle) against \(xTitle), centroids marked")
  }

  /// Rows as points on two component axes, each feature's loading an arrow from the origin labelled with
  /// its name — `plot pca`. The arrows are stretched together so the longest reaches 90 % of the points'
  /// extent (their directions and relative lengths are what a biplot shows).
  public static func biplot(
    xs: [Double], ys: [Double], loadings: [(name: String, x: Double, y: Double)], xTitle: String, yTitle: String,
    title: String? = nil, width: Double = 640, height: Double = 460
  ) -> ChartFigure {
    func reach(_ values: [Double]) -> Double {
      ChartData.extent(values).map { max(abs($0.lowerBound), abs($0.upperBound)) } ?? 1
    }
    let longest = loadings.map { ($0.x * $0.x + $0.y * $0.y).squareRoot() }.max() ?? 0
    let stretch = longest > 0 ? 0.9 * max(min(reach(xs), reach(ys)), 1e-12) / longest : 1
    let points = zip(xs, ys).map { PointMark(x: $0, y: $1, radius: 3, fill: Palette.color(0)) }
    var marks: [Mark] = [.points(points, opacity: 0.5, series: "rows")]
    var labels: [TextMark] = []
    for loading in loadings {
      let (x, y) = (loading.x * stretch, loading.y * stretch)
      marks.append(.rule(RuleMark(.segment(x0: 0, y0: 0, x1: x, y1: y), color: Palette.color(1), width: 2, dash: [])))
      labels.append(
        TextMark(
          x: x, y: y, text: loading.name, anchor: x >= 0 ? .start : .end, color: Palette.color(1), dx: x >= 0 ? 4 : -4,
          avoidsOverlap: true))
    }
    marks.append(.texts(labels))
    let allX = xs + [0] + loadings.map { $0.x * stretch }
    let allY = ys + [0] + loadings.map { $0.y * stretch }
    let panel = paddedPanel(xs: allX, ys: allY, xTitle: xTitle, yTitle: yTitle, marks: marks)
    return ChartFigure(
      width: width, height: height, title: title, panels: [panel],
      legends: [
        .categorical(
          title: nil,
          entries: [
            LegendEntry(label: "rows", color: Palette.color(0), key: .point(.circle)),
            LegendEntry(label: "feature loadings", color: Palette.color(1), key: .line(dash: [])),
          ])
      ],
      description: "\(xs.count) rows on two principal components, with the loadings of "
        + loadings.map(\.name).joined(separator: ", ") + " as arrows")
  }

  /// One panel with linear axes padded around every x and y given (points and what is drawn beside them).
  private static func paddedPanel(xs: [Double], ys: [Double], xTitle: String, yTitle: String, marks: [Mark])
    -> PlotPanel
  {
    PlotPanel(
      x: AxisScales.continuous(ChartData.extent(xs), log: false, padded: true),
      y: AxisScales.continuous(ChartData.extent(ys), log: false, padded: true), xTitle: xTitle, yTitle: yTitle,
      marks: marks)
  }

  /// Several named lines; `diagonal` adds the dashed y = x "chance" line of an ROC plot.
  public static func lines(
    _ series: [LineSeries], xTitle: String, yTitle: String, title: String? = nil, diagonal: Bool = false,
    xDomain: ClosedRange<Double>? = nil, yDomain: ClosedRange<Double>? = nil, width: Double = 640, height: Double = 420
  ) -> ChartFigure {
    var marks: [Mark] = []
    if diagonal {
      let d = xDomain ?? 0...1
      marks.append(
        .rule(
          RuleMark(
            .segment(x0: d.lowerBound, y0: d.lowerBound, x1: d.upperBound, y1: d.upperBound),
            color: Palette.neutral, width: 1.2, label: "chance")))
    }
    for (i, s) in series.enumerated() {
      marks.append(
        .line(
          LineMark(
            xs: s.xs, ys: s.ys, color: Palette.color(i), dash: s.dashed ? [6, 4] : [],
            markers: s.markers ?? (s.xs.count <= 40), series: s.name)))
    }
    let xs = series.flatMap(\.xs)
    let ys = series.flatMap(\.ys)
    let panel = PlotPanel(
      x: AxisScales.continuous(ChartData.extent(xs), log: false, limits: xDomain),
      y: AxisScales.continuous(ChartData.extent(ys), log: false, limits: yDomain),
      xTitle: xTitle, yTitle: yTitle, marks: marks)
    let legend: [Legend] =
      series.count > 1 || diagonal
      ? [
        .categorical(
          title: nil,
          entries: series.enumerated().map {
            LegendEntry(
              label: $0.element.name, color: Palette.color($0.offset),
              key: .line(dash: $0.element.dashed ? [6, 4] : []))
          })
      ]
      : []
    return ChartFigure(
      width: width, height: height, title: title, panels: [panel], legends: legend,
      description: "\(yTitle) against \(xTitle): " + series.map(\.name).joined(separator: ", "))
  }

  /// A matrix of numbers with a value in every cell — a confusion matrix (`matrix[row][column]`, rows
  /// are actual classes, columns predicted) or a profile heatmap.
  public static func annotatedHeatmap(
    _ matrix: [[Double]], rowLabels: [String], columnLabels: [String], xTitle: String? = nil, yTitle: String? = nil,
    title: String? = nil, colorTitle: String? = nil, integers: Bool = false, width: Double = 560, height: Double = 460
  ) -> ChartFigure {
    // The heatmap renderer takes columns; transpose the row-major input.
    let columns = columnLabels.indices.map { c in
      rowLabels.indices.map { r in r < matrix.count && c < matrix[r].count ? matrix[r][c] : .nan }
    }
    return HeatmapChart.annotatedHeatmap(
      matrix: columns, columnLabels: columnLabels, rowLabels: rowLabels, title: title, width: width, height: height,
      cellLabels: true,
      description: "\(rowLabels.count) × \(columnLabels.count) matrix" + (title.map { ": \($0)" } ?? ""),
      xTitle: xTitle, yTitle: yTitle, colorTitle: colorTitle, integerLabels: integers)
  }

  /// Points sized by one value and coloured by another on a continuous scale — `plot rules` (support
  /// against confidence, size and colour by lift).
  public static func bubbles(
    xs: [Double], ys: [Double], sizes: [Double], colors: [Double], xTitle: String, yTitle: String, sizeTitle: String,
    colorTitle: String, title: String? = nil, width: Double = 640, height: Double = 420
  ) -> ChartFigure {
    let sizeExtent = ChartData.extent(sizes) ?? 0...1
    let span = sizeExtent.upperBound - sizeExtent.lowerBound
    let radius = { (v: Double) in
      2.5 + 9 * (span > 0 && v.isFinite ? (v - sizeExtent.lowerBound) / span : 0.5).squareRoot()
    }
    let colorScale = ContinuousColorScale(domain: ChartData.extent(colors) ?? 0...1)
    let n = min(xs.count, ys.count, sizes.count, colors.count)
    // Largest first so small bubbles stay visible on top.
    let order = (0..<n).sorted { (sizes[$0], $1) > (sizes[$1], $0) }
    let points = order.map { i in
      PointMark(
        x: xs[i], y: ys[i], radius: radius(sizes[i]),
        fill: colors[i].isFinite ? colorScale.color(colors[i]) : Palette.neutral)
    }
    let panel = PlotPanel(
      x: AxisScales.continuous(ChartData.extent(xs), log: false, padded: true),
      y: AxisScales.continuous(ChartData.extent(ys), log: false, padded: true), xTitle: xTitle,
      yTitle: yTitle, marks: [.points(points, opacity: 0.75, series: nil)])
    let mid = sizeExtent.lowerBound + span / 2
    return ChartFigure(
      width: width, height: height, title: title, panels: [panel],
      legends: [
        .continuous(title: colorTitle, scale: colorScale),
        .size(
          title: sizeTitle,
          entries: [sizeExtent.lowerBound, mid, sizeExtent.upperBound].map {
            Legend.SizeEntry(label: NumberFormat.compact($0), radius: radius($0))
          }),
      ],
      description: "\(n) points: \(yTitle) against \(xTitle), sized by \(sizeTitle), coloured by \(colorTitle)")
  }

  /// Horizontal bars, first label at the top — top items, feature importances, per-model scores.
  public static func horizontalBars(
    labels: [String], values: [Double], valueTitle: String, labelTitle: String? = nil, title: String? = nil,
    width: Double = 640, height: Double? = nil
  ) -> ChartFigure {
    let n = min(labels.count, values.count)
    let bars = (0..<n).map {
      BarMark(index: $0, value: values[$0].isFinite ? values[$0] : 0, horizontal: true, showValue: n <= 40)
    }
    var extent = ChartData.extent(Array(values.prefix(n))) ?? 0...1
    extent = extent.lowerBound...(extent.upperBound * 1.08)
    let panel = PlotPanel(
      x: AxisScales.continuous(extent, log: false, includeZero: true),
      y: .band(BandScale(categories: Array(labels.prefix(n)))), xTitle: valueTitle,
      yTitle: labelTitle, marks: [.bars(bars)])
    return ChartFigure(
      width: width, height: height ?? max(200, min(1600, 70 + Double(n) * 22)), title: title,
      panels: [panel], description: "\(n) bars of \(valueTitle)" + (labelTitle.map { " by \($0)" } ?? ""))
  }

  /// A histogram of `values` with an optional vertical threshold rule — anomaly scores and cut-offs.
  public static func histogram(
    _ values: [Double], bins: Int = 30, xTitle: String, title: String? = nil, threshold: Double? = nil,
    thresholdLabel: String? = nil, width: Double = 640, height: Double = 400
  ) -> ChartFigure {
    let bins = max(1, min(bins, 1000))
    var extent = ChartData.extent(values) ?? 0...1
    if let threshold, threshold.isFinite {
      extent = min(extent.lowerBound, threshold)...max(extent.upperBound, threshold)
    }
    let (edges, counts) = HistogramChart.bin(values, bins: bins, extent: extent)
    var marks: [Mark] = [
      .rects(
        counts.indices.compactMap { i in
          counts[i] == 0
            ? nil
            : RectMark(
              x0: edges[i], x1: edges[i + 1], y0: 0, y1: Double(counts[i]), fill: Palette.color(0),
              stroke: RGBColor(hex: 0xFFFFFF), value: Double(counts[i]))
        })
    ]
    if let threshold, threshold.isFinite {
      marks.append(
        .rule(
          RuleMark(
            .vertical(x: threshold), color: Palette.color(3), width: 2,
            label: thresholdLabel ?? "threshold \(NumberFormat.compact(threshold))")))
    }
    let panel = PlotPanel(
      x: AxisScales.continuous(extent, log: false),
      y: .linear(LinearScale(domain: 0...Double(max(1, counts.max() ?? 1))).niced(count: 5)),
      xTitle: xTitle, yTitle: "count", marks: marks)
    return ChartFigure(
      width: width, height: height, title: title, panels: [panel],
      description: "histogram of \(xTitle) (\(counts.reduce(0, +)) values in \(bins) bins)"
        + (threshold.map { ", threshold at \(NumberFormat.compact($0))" } ?? ""))
  }
}
