import ShopMineRendering

extension PlotKind {
  /// `plot line daily x day y revenue`: y against a numeric or time x, one line per colour group.
  static let line = PlotKind(
    "line", summary: "lines of y against a number or time x, one per colour group",
    options: [
      PlotOptions.x, PlotOptions.y, PlotOptions.color, PlotOptions.log, PlotOptions.limits, PlotOptions.xlim,
      PlotOptions.ylim,
    ] + PlotOptions.frame,
    example: "plot line daily x day y revenue"
  ) { inv throws(Diagnostic) in try ChartArguments.draw(.line, inv) }
}
