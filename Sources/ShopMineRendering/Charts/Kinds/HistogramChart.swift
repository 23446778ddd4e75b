import Foundation
import ShopMineData

/// `plot hist`: counts of a numeric column in equal-width bins; `color` stacks one colour per group.
enum HistogramChart {
  static let defaultBins = 20

  /// Equal-width bin edges over `extent` and the count per bin (the last bin includes its right edge,
  /// as numpy.histogram does).
  static func bin(_ values: [Double], bins: Int, extent: ClosedRange<Double>) -> (edges: [Double], counts: [Int]) {
    let lo = extent.lowerBound
    var hi = extent.upperBound
    if hi == lo { hi = lo + 1 }
    let width = (hi - lo) / Double(bins)
    let edges = (0...bins).map { lo + Double($0) * width }
    var counts = [Int](repeating: 0, count: bins)
    values.withUnsafeBufferPointer { buffer in
      for v in buffer where v.isFinite && v >= lo && v <= hi {
        // (v - lo) / (hi - lo) is in 0…1 whenever it is a number; a span that overflows or a width that
        // underflows makes it NaN or infinite, and such values count in the nearest end bin.
        let share = (v - lo) / (hi - lo)
        let bin = share.isFinite ? Int(max(0, min(1, share)) * Double(bins)) : (v - lo > hi - v ? bins - 1 : 0)
        counts[min(bins - 1, bin)] += 1
      }
    }
    return (edges, counts)
  }

  static func figure(
    _ spec: ChartSpec, _ table: Table, colors: inout CategoryColors, cancellation: Cancellation = .none
  ) throws(ChartError) -> ChartFigure {
    guard let name = spec.x ?? spec.y else {
      throw .missingOption("a column", kind: .hist, example: "plot hist users spend bins 30")
    }
    let values = try ChartData.numbers(table, name, role: "a histogram")
    try ChartData.poll(cancellation)
    let bins = spec.bins ?? defaultBins
    guard bins >= 1 && bins <= 1000 else { throw .invalidOption("bins must be between 1 and 1000, got \(bins)") }
    guard let dataExtent = ChartData.extent(values) else {
      throw .noData("column '\(name)' has no numeric values to count")
    }
    let extent = spec.xLimits ?? dataExtent
    var marks: [Mark] = []
    var legends: [Legend] = []
    var maxCount = 0
    var total = 0
    var caption: String? = nil
    if let colorName = spec.color {
      // Groups share the bin edges and stack, so every group stays visible and bar tops are the totals
      // (overlaid translucent bars hide each other past two groups). Categories past the palette stack
      // last, as one grey "other" group.
      let (labels, codes) = try ChartData.categories(table, colorName)
      let style = CategoryStyle(labels: labels, codes: codes, column: colorName, colors: &colors)
      let coloured = labels.indices.filter { !style.isOther($0) }
      let groups: [(name: String, members: Set<Int>, color: RGBColor)] =
        coloured.map { (labels[$0], [$0], style.color($0)) }
        + (style.grouped.isEmpty
          ? [] : [(style.otherLabel, Set(labels.indices.filter(style.isOther)), Palette.neutral)])
      var base = [Int](repeating: 0, count: bins)
      for group in groups {
        let groupValues = values.indices.filter { codes[$0].map(group.members.contains) == true }.map { values[$0] }
        let (edges, counts) = bin(groupValues, bins: bins, extent: extent)
        total += counts.reduce(0, +)
        marks.append(
          .rects(
            counts.indices.compactMap { i in
              guard counts[i] > 0 else { return nil }
              defer { base[i] += counts[i] }
              return RectMark(
                x0: edges[i], x1: edges[i + 1], y0: Double(base[i]), y1: Double(base[i] + counts[i]),
                fill: group.color, stroke: RGBColor(hex: 0xFFFFFF), series: group.name,
                value: Double(counts[i]))
            }))
      }
      maxCount = base.max() ?? 0
      legends.append(.categorical(title: colorName, entries: style.legendEntries(.swatch)))
      caption = style.note
    } else {
      let (edges, counts) = bin(values, bins: bins, extent: extent)
      maxCount = counts.max() ?? 0
      total = counts.reduce(0, +)
      marks.append(
        .rects(
          counts.indices.compactMap { i in
            counts[i] == 0
              ? nil
              : RectMark(
                x0: edges[i], x1: edges[i + 1], y0: 0, y1: Double(counts[i]), fill: Palette.color(0),
                stroke: .init(hex: 0xFFFFFF), value: Double(counts[i]))
          }))
    }
    let x = AxisScales.continuous(extent, log: false, limits: spec.xLimits == nil ? nil : extent)
    let y: PositionScale =
      spec.logY
      ? .log(LogScale(domain: 0.8...max(1, Double(maxCount))).niced())
      : .linear(LinearScale(domain: 0...max(1, Double(maxCount))).niced(count: 5))
    let panel = PlotPanel(x: x, y: y, xTitle: name, yTitle: "count", marks: marks)
    return ChartFigure(
      width: Double(spec.width), height: Double(spec.height), title: spec.title, caption: caption, panels: [panel],
      legends: legends, description: "histogram of \(name) (\(total) values in \(bins) bins)")
  }
}
