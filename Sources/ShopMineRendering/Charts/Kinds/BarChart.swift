import ShopMineData

/// `plot bar`: one bar per row, category `x` and value `y`, in table order (sort the table to reorder).
enum BarChart {
  static func figure(
    _ spec: ChartSpec, _ table: Table, colors: inout CategoryColors, cancellation: Cancellation = .none
  ) throws(ChartError) -> ChartFigure {
    guard let xName = spec.x else { throw .missingOption("x", kind: .bar, example: "plot bar t x city y n") }
    guard let yName = spec.y else { throw .missingOption("y", kind: .bar, example: "plot bar t x city y n") }
    let xColumn = try ChartData.column(table, xName)
    let values = try ChartData.numbers(table, yName, role: "bar heights")
    guard table.rowCount > 0 else { throw .noData("the table has no rows to draw as bars") }
    guard table.rowCount <= 500 else {
      throw .invalidOption(
        "plot bar draws at most 500 bars; the table has \(table.rowCount) rows (try head or group by)")
    }
    let labels = (0..<table.rowCount).map { xColumn[$0].isMissing ? "missing" : ValueRenderer.text(xColumn[$0]) }
    var colorOf: (Int) -> RGBColor = { _ in Palette.color(0) }
    var seriesOf: (Int) -> String? = { _ in nil }
    var legends: [Legend] = []
    var caption: String? = nil
    if let colorName = spec.color {
      let (groups, codes) = try ChartData.categories(table, colorName)
      let style = CategoryStyle(labels: groups, codes: codes, column: colorName, colors: &colors)
      colorOf = { style.color(codes[$0]) }
      seriesOf = { codes[$0].map { style.isOther($0) ? style.otherLabel : groups[$0] } ?? "missing" }
      legends.append(.categorical(title: colorName, entries: style.legendEntries(.swatch)))
      caption = style.note
    }
    let showValues = table.rowCount <= 30
    let bars = values.indices.map { i in
      BarMark(
        index: i, value: values[i].isFinite ? values[i] : 0, fill: colorOf(i), horizontal: spec.horizontal,
        showValue: showValues && values[i].isFinite, series: seriesOf(i))
    }
    let band = PositionScale.band(BandScale(categories: labels))
    var valueExtent = ChartData.extent(values) ?? 0...1
    // Room above the tallest bar for its value label.
    if showValues {
      valueExtent =
        valueExtent
        .lowerBound...(valueExtent.upperBound + 0.06 * abs(valueExtent.upperBound - min(0, valueExtent.lowerBound)))
    }
    let value = AxisScales.continuous(valueExtent, log: false, limits: spec.yLimits, includeZero: true)
    let panel =
      spec.horizontal
      ? PlotPanel(x: value, y: band, xTitle: yName, yTitle: xName, marks: [.bars(bars)])
      : PlotPanel(x: band, y: value, xTitle: xName, yTitle: yName, marks: [.bars(bars)])
    return ChartFigure(
      width: Double(spec.width), height: Double(spec.height), title: spec.title, caption: caption, panels: [panel],
      legends: legends, description: "bar chart of \(yName) by \(xName) (\(table.rowCount) bars)")
  }
}
