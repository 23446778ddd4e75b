import ShopMineRendering

extension PlotKind {
  /// `plot hist users spend bins 30`: counts of a numeric column in equal-width bins.
  static let hist = PlotKind(
    "hist", summary: "a histogram of one numeric column (bins, stacked by colour)",
    options: [
      PlotOptions.x, PlotOptions.bins, PlotOptions.color, PlotOptions.log, PlotOptions.limits, PlotOptions.xlim,
    ] + PlotOptions.frame,
    takesColumn: true, example: "plot hist users spend bins 30"
  ) { inv throws(Diagnostic) in try ChartArguments.draw(.hist, inv) }
}
