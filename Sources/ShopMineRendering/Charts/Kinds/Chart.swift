import ShopMineData

/// The `plot` verb's entry point: a ``ChartSpec`` and a table in, a ``RenderedChart`` out.
public enum Chart {
  /// Draws `spec` from `table`.
  ///
  /// Throws ``ChartError`` naming the column or option at fault (unknown column with candidates,
  /// text where numbers are needed, a missing `x`/`y`, no drawable rows).
  ///
  /// - Complexity: O(rows) to extract and bin (O(rows log rows) to sort a line or box); scatter output is
  ///   bounded by ``ScatterChart`` limits, a line's by ``LineDecimation``. Long passes poll `cancellation`
  ///   and throw ``ChartError/interrupted``.
  ///
  /// `colors` is the session's category → palette slot map: categories of the colouring column (and of
  /// a box plot's `by`) keep the slots they got in earlier charts, new ones take free slots, and the
  /// map comes back updated (see ``CategoryColors``). `theme` sets background and ink (``ChartTheme``).
  public static func render(
    _ spec: ChartSpec, _ table: Table, colors: inout CategoryColors, theme: ChartTheme = .auto,
    cancellation: Cancellation = .none
  ) throws(ChartError) -> RenderedChart {
    let figure = try figure(spec, table, colors: &colors, cancellation: cancellation)
    try ChartData.poll(cancellation)
    return RenderedChart(figure: figure, theme: theme)
  }

  /// Draws `spec` with a fresh colour map (the first chart of a session), in the ``ChartTheme/auto`` theme.
  public static func render(
    _ spec: ChartSpec, _ table: Table, cancellation: Cancellation = .none
  ) throws(ChartError) -> RenderedChart {
    var colors = CategoryColors()
    return try render(spec, table, colors: &colors, cancellation: cancellation)
  }

  /// The figure without rendering, for callers that add layers (centroids, rules) before drawing.
  public static func figure(
    _ spec: ChartSpec, _ table: Table, cancellation: Cancellation = .none
  ) throws(ChartError) -> ChartFigure {
    var colors = CategoryColors()
    return try figure(spec, table, colors: &colors, cancellation: cancellation)
  }

  /// The figure, with categories coloured through the session's `colors`.
  public static func figure(
    _ spec: ChartSpec, _ table: Table, colors: inout CategoryColors, cancellation: Cancellation = .none
  ) throws(ChartError) -> ChartFigure {
    guard spec.width >= 160 && spec.width <= 4000 && spec.height >= 120 && spec.height <= 4000 else {
      throw .invalidOption("width must be 160…4000 and height 120…4000 pixels, got \(spec.width) × \(spec.height)")
    }
    if spec.logX && spec.xLimits.map({ $0.lowerBound <= 0 }) == true {
      throw .invalidOption("limits on a log x axis must be positive")
    }
    if spec.logY && spec.yLimits.map({ $0.lowerBound <= 0 }) == true {
      throw .invalidOption("limits on a log y axis must be positive")
    }
    switch spec.kind {
    case .scatter: return try ScatterChart.figure(spec, table, colors: &colors, cancellation: cancellation)
    case .hist: return try HistogramChart.figure(spec, table, colors: &colors, cancellation: cancellation)
    case .bar: return try BarChart.figure(spec, table, colors: &colors, cancellation: cancellation)
    case .line: return try LineChart.figure(spec, table, colors: &colors, cancellation: cancellation)
    case .box: return try BoxChart.figure(spec, table, colors: &colors, cancellation: cancellation)
    case .heatmap: return try HeatmapChart.figure(spec, table, cancellation: cancellation)
    }
  }
}
