import ShopMineData

/// `plot heatmap`: a matrix table — one text column naming the rows (`column` from `corr`, or `x`) and
/// numeric columns — as coloured cells with a colour bar and optional value labels.
enum HeatmapChart {
  static func figure(
    _ spec: ChartSpec, _ table: Table, cancellation: Cancellation = .none
  ) throws(ChartError) -> ChartFigure {
    let rowColumnName: String?
    if let x = spec.x {
      _ = try ChartData.column(table, x)
      rowColumnName = x
    } else {
      rowColumnName = table.columns.first { $0.type == .string }?.name
    }
    let valueColumns = table.columns.filter { $0.name != rowColumnName && $0.type.isNumeric }
    guard !valueColumns.isEmpty else { throw .noData("heatmap needs numeric columns besides the row names") }
    let rowLabels: [String] = (0..<table.rowCount).map { r in
      guard let name = rowColumnName, let column = table.column(named: name) else { return String(r) }
      return column[r].isMissing ? "missing" : ValueRenderer.text(column[r])
    }
    guard !rowLabels.isEmpty else { throw .noData("the table has no rows for a heatmap") }
    let matrix = try valueColumns.map { column throws(ChartError) in
      try ChartData.numbers(table, column.name, role: "heatmap cells")
    }
    return annotatedHeatmap(
      matrix: matrix, columnLabels: valueColumns.map(\.name), rowLabels: rowLabels, title: spec.title,
      width: Double(spec.width), height: Double(spec.height), cellLabels: spec.cellLabels,
      description: "heatmap of \(rowLabels.count) × \(valueColumns.count) values")
  }

  /// A heatmap figure from a column-major `matrix[column][row]`. Values of both signs get a diverging
  /// scale symmetric around 0 (correlations read as blue–white–red); one-signed values a sequential one.
  static func annotatedHeatmap(
    matrix: [[Double]], columnLabels: [String], rowLabels: [String], title: String?,
    width: Double, height: Double, cellLabels: Bool?, description: String,
    xTitle: String? = nil, yTitle: String? = nil, colorTitle: String? = nil,
    integerLabels: Bool = false
  ) -> ChartFigure {
    let all = matrix.flatMap { $0 }.filter(\.isFinite)
    let lo = all.min() ?? 0
    let hi = all.max() ?? 1
    // A square matrix with the same names on both axes and values in −1…1 is a correlation matrix: fix
    // the scale to −1…1 so 0.75 looks like a strong correlation, not like the weakest cell.
    let isCorrelation = columnLabels == rowLabels && lo >= -1 && hi <= 1
    let scale: ContinuousColorScale =
      isCorrelation
      ? .diverging(maxMagnitude: 1)
      : lo < 0 && hi > 0
        ? .diverging(maxMagnitude: max(abs(lo), abs(hi)))
        : ContinuousColorScale(domain: lo...(hi > lo ? hi : lo + 1), ramp: lo < 0 ? .viridis : .blues)
    var rects: [RectMark] = []
    var texts: [TextMark] = []
    let showLabels = cellLabels ?? (matrix.count <= 20 && rowLabels.count <= 20)
    for (c, column) in matrix.enumerated() {
      for (r, v) in column.enumerated() where r < rowLabels.count {
        let fill = v.isFinite ? scale.color(v) : RGBColor(hex: 0xDDDDDD)
        rects.append(
          RectMark(
            x0: Double(c) - 0.5, x1: Double(c) + 0.5, y0: Double(r) - 0.5, y1: Double(r) + 0.5,
            fill: fill, stroke: RGBColor(hex: 0xFFFFFF), value: v.isFinite ? v : nil))
        if showLabels {
          let text =
            v.isFinite
            ? (integerLabels ? NumberFormat.compact(v, significant: 9) : DecimalFormat.trimmed(v, maxDecimals: 2)) : "–"
          texts.append(
            TextMark(x: Double(c), y: Double(r), text: NumberFormat.signed(text), color: fill.contrastingText, size: 10)
          )
        }
      }
    }
    let panel = PlotPanel(
      x: .band(BandScale(categories: columnLabels, paddingInner: 0, paddingOuter: 0)),
      y: .band(BandScale(categories: rowLabels, paddingInner: 0, paddingOuter: 0)), xTitle: xTitle, yTitle: yTitle,
      marks: [.rects(rects), .texts(texts)], grid: false)
    return ChartFigure(
      width: width, height: height, title: title, panels: [panel],
      legends: [.continuous(title: colorTitle, scale: scale)], description: description)
  }
}
