import ShopMineData

/// `plot line`: y against a numeric or time x, one line per `color` group, each sorted by x.
enum LineChart {
  static func figure(
    _ spec: ChartSpec, _ table: Table, colors: inout CategoryColors, cancellation: Cancellation = .none
  ) throws(ChartError) -> ChartFigure {
    guard let xName = spec.x else { throw .missingOption("x", kind: .line, example: "plot line t x day y revenue") }
    guard let yName = spec.y else { throw .missingOption("y", kind: .line, example: "plot line t x day y revenue") }
    let xColumn = try ChartData.column(table, xName)
    let xs = try ChartData.numbers(table, xName, role: "the x axis of a line chart")
    let ys = try ChartData.numbers(table, yName, role: "the y axis of a line chart")
    try ChartData.poll(cancellation)
    var groupLabels: [String?] = [nil]
    var groupOf: (Int) -> Int? = { _ in 0 }
    var style: CategoryStyle? = nil
    if let colorName = spec.color {
      let (labels, codes) = try ChartData.categories(table, colorName)
      groupLabels = labels
      groupOf = { codes[$0] }
      style = CategoryStyle(labels: labels, codes: codes, column: colorName, colors: &colors)
    }
    var rowsByGroup = [[Int]](repeating: [], count: groupLabels.count)
    for i in 0..<xs.count
    where xs[i].isFinite && ys[i].isFinite && !(spec.logY && ys[i] <= 0) && !(spec.logX && xs[i] <= 0) {
      if i & 0xFFFF == 0 { try ChartData.poll(cancellation) }
      if let l = spec.xLimits, !l.contains(xs[i]) { continue }
      if let g = groupOf(i) { rowsByGroup[g].append(i) }
    }
    let all = rowsByGroup.flatMap { $0 }
    guard !all.isEmpty else { throw .noData("no rows with numeric \(xName) and \(yName) to draw") }
    var lines: [Mark] = []
    var others: [Mark] = []
    var drawn = 0
    var seriesCount = 0
    for (g, rows) in rowsByGroup.enumerated() where !rows.isEmpty {
      let sorted = try sortedByX(rows, xs, cancellation)
      let kept = try LineDecimation.keep(
        order: sorted, xs: xs, ys: ys, columns: spec.width, logX: spec.logX, cancellation: cancellation)
      drawn += kept.count
      seriesCount += 1
      let line = LineMark(
        xs: kept.map { xs[sorted[$0]] }, ys: kept.map { ys[sorted[$0]] }, color: style?.color(g) ?? Palette.color(0),
        width: style?.isOther(g) == true ? 1.2 : 2, dash: style?.dash(g) ?? [], markers: sorted.count <= 40,
        series: groupLabels[g])
      // Grey "other" lines go underneath, so the coloured ones stay on top.
      if style?.isOther(g) == true { others.append(.line(line)) } else { lines.append(.line(line)) }
    }
    lines = others + lines
    // Only categories that have drawable rows appear in the legend.
    let present = Set(rowsByGroup.indices.filter { !rowsByGroup[$0].isEmpty })
    let entries =
      style.map { s in
        CategoryStyle(
          labels: s.labels.indices.filter(present.contains).map { s.labels[$0] },
          slots: s.labels.indices.filter(present.contains).map { s.slots[$0] }, column: s.column
        )
        .legendEntries(.line)
      } ?? []
    let x = AxisScales.continuous(
      ChartData.extent(all.map { xs[$0] }), log: spec.logX,
      time: xColumn.type == .timestamp, limits: spec.xLimits, integral: xColumn.type == .int)
    let y = AxisScales.continuous(ChartData.extent(all.map { ys[$0] }), log: spec.logY, limits: spec.yLimits)
    let panel = PlotPanel(x: x, y: y, xTitle: xName, yTitle: yName, marks: lines)
    var description = "line chart of \(yName) by \(xName) (\(all.count) points"
    description += style == nil ? "" : " in \(seriesCount) series by \(spec.color ?? "")"
    // Say when the drawing holds fewer points than the data, as the binned scatter does.
    description +=
      drawn < all.count ? "; drawn through \(drawn), the first, lowest, highest and last of each pixel column)" : ")"
    return ChartFigure(
      width: Double(spec.width), height: Double(spec.height), title: spec.title, caption: style?.note, panels: [panel],
      legends: entries.isEmpty ? [] : [.categorical(title: spec.color, entries: entries)],
      description: description)
  }

  /// `rows` (ascending row indices) sorted by x; equal x values keep table order. The sort polls
  /// `cancellation`, so sorting millions of points stays interruptible.
  static func sortedByX(_ rows: [Int], _ xs: [Double], _ cancellation: Cancellation) throws(ChartError) -> [Int] {
    var sorted = rows
    do throws(TableError) {
      try cancellation.sort(&sorted) { a, b in xs[a] < xs[b] || (xs[a] == xs[b] && a < b) }
    } catch {
      throw .interrupted
    }
    return sorted
  }
}
