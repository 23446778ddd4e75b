import Foundation
import ShopMineData

/// `plot scatter`: points of y against x, optionally coloured, sized, labelled and faceted.
///
/// Above ``ScatterChart/pointLimit`` rows the SVG would grow past a few megabytes: plain scatters become
/// a density grid (counts per cell), and coloured, sized or labelled ones draw a deterministic uniform
/// sample. The caption says which, so no reader mistakes a sample for the data.
enum ScatterChart {
  static let pointLimit = 10_000
  static let gridColumns = 90
  static let gridRows = 56

  static func figure(
    _ spec: ChartSpec, _ table: Table, colors: inout CategoryColors, cancellation: Cancellation = .none
  ) throws(ChartError) -> ChartFigure {
    guard let xName = spec.x else {
      throw .missingOption("x", kind: .scatter, example: "plot scatter users x age y spend")
    }
    guard let yName = spec.y else {
      throw .missingOption("y", kind: .scatter, example: "plot scatter users x age y spend")
    }
    let xColumn = try ChartData.column(table, xName)
    let xs = try ChartData.numbers(table, xName, role: "the x axis of a scatter")
    let ys = try ChartData.numbers(table, yName, role: "the y axis of a scatter")
    try ChartData.poll(cancellation)
    var notes: [String] = []

    // Rows that can be drawn: finite, positive on log axes, inside the limits.
    var keep: [Int] = []
    keep.reserveCapacity(xs.count)
    var dropped = 0
    for i in 0..<xs.count {
      if i & 0xFFFF == 0 { try ChartData.poll(cancellation) }
      let (x, y) = (xs[i], ys[i])
      guard x.isFinite, y.isFinite else { continue }
      if (spec.logX && x <= 0) || (spec.logY && y <= 0) { dropped += 1; continue }
      if let l = spec.xLimits, !l.contains(x) { dropped += 1; continue }
      if let l = spec.yLimits, !l.contains(y) { dropped += 1; continue }
      keep.append(i)
    }
    guard !keep.isEmpty else { throw .noData("no rows with numeric \(xName) and \(yName) to plot") }
    if dropped > 0 {
      notes.append(
        "\(NumberFormat.count(dropped)) points outside the limits or not positive on a log axis are not shown."
      )
    }
    let xScale = AxisScales.continuous(
      ChartData.extent(keep.map { xs[$0] }), log: spec.logX,
      time: xColumn.type == .timestamp, limits: spec.xLimits, padded: true, integral: xColumn.type == .int)
    let yScale = AxisScales.continuous(
      ChartData.extent(keep.map { ys[$0] }), log: spec.logY, limits: spec.yLimits,
      padded: true)

    // Colour: categories get the session's palette slots (``CategoryColors``) and a marker legend;
    // numbers a viridis ramp and a bar.
    var legends: [Legend] = []
    var colorOf: (Int) -> RGBColor = { _ in Palette.color(0) }
    var categoryOf: ((Int) -> Int?)? = nil
    var style: CategoryStyle? = nil
    if let colorName = spec.color {
      let column = try ChartData.column(table, colorName)
      if ChartData.isCategorical(column) {
        let (labels, codes) = try ChartData.categories(table, colorName)
        let categories = CategoryStyle(labels: labels, codes: codes, column: colorName, colors: &colors)
        style = categories
        categoryOf = { codes[$0] }
        colorOf = { i in categories.color(codes[i]) }
        legends.append(.categorical(title: colorName, entries: categories.legendEntries(.point)))
        if let note = categories.note { notes.append(note) }
      } else {
        let values = try ChartData.numbers(table, colorName, role: "a continuous colour")
        let scale = ContinuousColorScale(domain: ChartData.extent(values) ?? 0...1)
        colorOf = { i in values[i].isFinite ? scale.color(values[i]) : Palette.neutral }
        legends.append(.continuous(title: colorName, scale: scale))
      }
    }
    var radiusOf: (Int) -> Double = { _ in 3.5 }
    if let sizeName = spec.size {
      let values = try ChartData.numbers(table, sizeName, role: "point sizes")
      let extent = ChartData.extent(values) ?? 0...1
      let span = extent.upperBound - extent.lowerBound
      // Area, not radius, grows with the value (radius ∝ √value), from 2 to 12 pixels.
      radiusOf = { i in
        let t = span > 0 && values[i].isFinite ? (values[i] - extent.lowerBound) / span : 0.5
        return 2 + 10 * t.squareRoot()
      }
      let mid = extent.lowerBound + span / 2
      legends.append(
        .size(
          title: sizeName,
          entries: [extent.lowerBound, mid, extent.upperBound].map { v in
            Legend.SizeEntry(
              label: NumberFormat.compact(v),
              radius: 2 + 10 * (span > 0 ? (v - extent.lowerBound) / span : 0.5).squareRoot())
          }))
    }
    let labels: [String?]? = try spec.label.map { name throws(ChartError) in
      let column = try ChartData.column(table, name)
      return (0..<column.count).map { column[$0].isMissing ? nil : ValueRenderer.text(column[$0]) }
    }

    try ChartData.poll(cancellation)
    // Facets split the kept rows by category; every panel shares the scales so they compare.
    var groups: [(title: String?, rows: [Int])] = [(nil, keep)]
    if let facetName = spec.facet {
      let (facetLabels, codes) = try ChartData.categories(table, facetName)
      guard facetLabels.count <= 24 else {
        throw .invalidOption("facet by '\(facetName)' would make \(facetLabels.count) panels; at most 24 are drawn")
      }
      var buckets = [[Int]](repeating: [], count: facetLabels.count)
      for i in keep { if let c = codes[i] { buckets[c].append(i) } }
      groups = facetLabels.indices.map { ("\(facetName) = \(facetLabels[$0])", buckets[$0]) }
    }

    let plain = spec.color == nil && spec.size == nil && spec.label == nil && spec.facet == nil
    var panels: [PlotPanel] = []
    var drawnTotal = 0
    try ChartData.poll(cancellation)
    if plain && keep.count > pointLimit {
      let (marks, legend) = densityGrid(rows: keep, xs: xs, ys: ys, x: xScale, y: yScale)
      panels.append(PlotPanel(x: xScale, y: yScale, xTitle: xName, yTitle: yName, marks: marks, grid: false))
      legends.append(legend)
      notes.append(
        "\(NumberFormat.count(keep.count)) points binned into a \(gridColumns)×\(gridRows) density grid."
      )
    } else {
      for group in groups {
        var rows = group.rows
        let limit = pointLimit / max(1, groups.count)
        if rows.count > limit {
          rows = SplitMix64.sample(limit, of: rows.count).map { rows[$0] }
        }
        drawnTotal += rows.count
        var marks: [Mark] = []
        if let categoryOf, let style {
          // One layer per coloured category, in legend order, so every category is a named series; then
          // one for the "other" group and one for missing values.
          let count = style.labels.count
          var byCategory = [[PointMark]](repeating: [], count: count + 2)
          for i in rows {
            let c = categoryOf(i)
            let layer = c.map { style.isOther($0) ? count : $0 } ?? count + 1
            byCategory[layer].append(
              PointMark(x: xs[i], y: ys[i], radius: radiusOf(i), fill: colorOf(i), shape: style.shape(c)))
          }
          for (c, points) in byCategory.enumerated() where !points.isEmpty {
            let series = c < count ? style.labels[c] : c == count ? style.otherLabel : "missing"
            marks.append(.points(points, opacity: 0.75, series: series))
          }
        } else {
          let points = rows.map { i in PointMark(x: xs[i], y: ys[i], radius: radiusOf(i), fill: colorOf(i)) }
          marks.append(.points(points, opacity: spec.size == nil ? 0.7 : 0.55, series: nil))
        }
        if let labels {
          if rows.count <= 300 {
            marks.append(
              .texts(
                rows.compactMap { i in
                  labels[i].map {
                    TextMark(
                      x: xs[i], y: ys[i], text: $0, anchor: .start, size: 10, dx: radiusOf(i) + 2, avoidsOverlap: true)
                  }
                }))
          } else if group.title == groups.first?.title {
            notes.append("Labels are drawn for at most 300 points.")
          }
        }
        panels.append(PlotPanel(x: xScale, y: yScale, xTitle: xName, yTitle: yName, marks: marks, title: group.title))
      }
      if drawnTotal < keep.count {
        notes.append(
          "A uniform sample of \(NumberFormat.count(drawnTotal)) of \(NumberFormat.count(keep.count)) points is drawn (fixed seed)."
        )
      }
    }
    var description = "scatter of \(yName) against \(xName) (\(keep.count) \(keep.count == 1 ? "point" : "points"))"
    if let c = spec.color { description += ", coloured by \(c)" }
    if let s = spec.size { description += ", sized by \(s)" }
    if let f = spec.facet { description += ", faceted by \(f) (\(groups.count) panels)" }
    return ChartFigure(
      width: Double(spec.width), height: Double(spec.height), title: spec.title,
      caption: notes.isEmpty ? nil : notes.joined(separator: " "), panels: panels, legends: legends,
      description: description)
  }

  /// Counts per cell of a fixed grid over the plot domain, as rects shaded by √count (so sparse cells
  /// stay visible next to dense ones). Bounded output: at most gridColumns × gridRows rects.
  static func densityGrid(rows: [Int], xs: [Double], ys: [Double], x: PositionScale, y: PositionScale)
    -> ([Mark], Legend)
  {
    // Bin in pixel-normalised space so log and time axes get square-looking cells too.
    let xr = x.withRange(0, 1)
    let yr = y.withRange(0, 1)
    var counts = [Int](repeating: 0, count: gridColumns * gridRows)
    for i in rows {
      let (px, py) = (xr.map(xs[i]), yr.map(ys[i]))
      // Int(NaN) traps; a value the scale cannot place is left out rather than crash the kernel.
      guard px.isFinite, py.isFinite else { continue }
      let u = min(max(px, 0), 0.999_999)
      let v = min(max(py, 0), 0.999_999)
      counts[Int(v * Double(gridRows)) * gridColumns + Int(u * Double(gridColumns))] += 1
    }
    let maxCount = Double(counts.max() ?? 1)
    let shade = ContinuousColorScale(domain: 0...1, ramp: .viridis)
    var rects: [RectMark] = []
    for r in 0..<gridRows {
      for c in 0..<gridColumns where counts[r * gridColumns + c] > 0 {
        let n = Double(counts[r * gridColumns + c])
        let color = shade.color((n / maxCount).squareRoot())
        rects.append(
          RectMark(
            x0: invert(x, Double(c) / Double(gridColumns)), x1: invert(x, Double(c + 1) / Double(gridColumns)),
            y0: invert(y, Double(r) / Double(gridRows)), y1: invert(y, Double(r + 1) / Double(gridRows)), fill: color))
      }
    }
    // The legend's ramp is viridis reparametrised by √t, so the bar reads in plain counts.
    let legendRamp = ColorRamp(stops: (0...16).map { ColorRamp.viridis.color((Double($0) / 16).squareRoot()) })
    let legend = Legend.continuous(
      title: "points per cell", scale: ContinuousColorScale(domain: 0...maxCount, ramp: legendRamp))
    return ([.rects(rects)], legend)
  }

  /// The data value at normalised position `t` (0…1) of a continuous scale.
  static func invert(_ scale: PositionScale, _ t: Double) -> Double {
    switch scale {
    case .linear(let s): return s.domain.lowerBound + t * (s.domain.upperBound - s.domain.lowerBound)
    case .time(let s): return s.linear.domain.lowerBound + t * (s.linear.domain.upperBound - s.linear.domain.lowerBound)
    case .log(let s):
      let lo = log10(s.domain.lowerBound)
      return pow(10, lo + t * (log10(s.domain.upperBound) - lo))
    case .band: return t
    }
  }
}
