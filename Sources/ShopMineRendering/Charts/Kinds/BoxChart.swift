import ShopMineData

/// Five-number summary of a sample, Tukey style.
public struct BoxStatistics: Sendable, Hashable {
  public var q1: Double
  public var median: Double
  public var q3: Double
  /// Most extreme values within 1.5 × IQR of the quartiles.
  public var whiskerLow: Double
  public var whiskerHigh: Double
  public var outliers: [Double]
  public var count: Int

  /// Statistics of the finite values; quartiles by linear interpolation (numpy's default), `nil` if empty.
  public init?(_ values: [Double]) {
    let sorted = values.filter(\.isFinite).sorted()
    guard !sorted.isEmpty else { return nil }
    func quantile(_ q: Double) -> Double {
      let position = q * Double(sorted.count - 1)
      let lo = Int(position)
      let hi = min(lo + 1, sorted.count - 1)
      return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - Double(lo))
    }
    q1 = quantile(0.25)
    median = quantile(0.5)
    q3 = quantile(0.75)
    let iqr = q3 - q1
    let lowFence = q1 - 1.5 * iqr
    let highFence = q3 + 1.5 * iqr
    whiskerLow = sorted.first { $0 >= lowFence } ?? q1
    whiskerHigh = sorted.last { $0 <= highFence } ?? q3
    outliers = sorted.filter { $0 < lowFence || $0 > highFence }
    count = sorted.count
  }
}

/// `plot box`: the distribution of `y` per category of `by` (or one box without `by`).
enum BoxChart {
  /// Outliers drawn per box; beyond this the most extreme ones are kept (the caption says so).
  static let outlierLimit = 200

  static func figure(
    _ spec: ChartSpec, _ table: Table, colors: inout CategoryColors, cancellation: Cancellation = .none
  ) throws(ChartError) -> ChartFigure {
    guard let valueName = spec.y ?? spec.x else {
      throw .missingOption("a value column", kind: .box, example: "plot box users spend by city")
    }
    let values = try ChartData.numbers(table, valueName, role: "a box plot")
    var labels = [valueName]
    var groupOf: (Int) -> Int? = { _ in 0 }
    // Boxes are named on the x axis; their fill is the category's session colour (grey past the
    // palette), so a city looks the same here as in a scatter coloured by city.
    var fillOf: (Int) -> RGBColor = { _ in Palette.color(0) }
    if let byName = spec.by ?? (spec.y != nil ? spec.x : nil) {
      let (l, codes) = try ChartData.categories(table, byName)
      labels = l
      groupOf = { codes[$0] }
      let style = CategoryStyle(labels: l, codes: codes, column: byName, colors: &colors)
      fillOf = { style.color($0) }
    }
    try ChartData.poll(cancellation)
    var groups = [[Double]](repeating: [], count: labels.count)
    for i in values.indices where values[i].isFinite { if let g = groupOf(i) { groups[g].append(values[i]) } }
    try ChartData.poll(cancellation)
    var boxes: [BoxMark] = []
    var trimmed = false
    var lo = Double.infinity
    var hi = -Double.infinity
    for (g, sample) in groups.enumerated() {
      // Each group's sort is one uninterruptible step: a million values sort in about 100 ms.
      try ChartData.poll(cancellation)
      guard let s = BoxStatistics(sample) else { continue }
      var outliers = s.outliers
      if outliers.count > outlierLimit {
        // Keep the most extreme on both sides: they set the axis and are what readers look for.
        outliers = Array(outliers.prefix(outlierLimit / 2) + outliers.suffix(outlierLimit / 2))
        trimmed = true
      }
      lo = min(lo, s.whiskerLow, outliers.first ?? s.whiskerLow)
      hi = max(hi, s.whiskerHigh, outliers.last ?? s.whiskerHigh)
      boxes.append(
        BoxMark(
          index: g, q1: s.q1, median: s.median, q3: s.q3, whiskerLow: s.whiskerLow,
          whiskerHigh: s.whiskerHigh, outliers: outliers, fill: fillOf(g)))
    }
    guard !boxes.isEmpty else { throw .noData("column '\(valueName)' has no numeric values for a box plot") }
    let x = PositionScale.band(BandScale(categories: labels, paddingInner: 0.35, paddingOuter: 0.2))
    let y = AxisScales.continuous(lo...hi, log: spec.logY, limits: spec.yLimits)
    let byName = spec.by ?? (spec.y != nil ? spec.x : nil)
    let panel = PlotPanel(x: x, y: y, xTitle: byName, yTitle: valueName, marks: [.boxes(boxes)])
    let total = groups.reduce(0) { $0 + $1.count }
    var description = "box plot of \(valueName)"
    if let byName {
      description += " by \(byName) (\(labels.count) groups, \(total) values)"
    } else {
      description += " (\(total) values)"
    }
    return ChartFigure(
      width: Double(spec.width), height: Double(spec.height), title: spec.title,
      caption: trimmed ? "Only the \(outlierLimit) most extreme outliers per box are drawn." : nil,
      panels: [panel], description: description)
  }
}
