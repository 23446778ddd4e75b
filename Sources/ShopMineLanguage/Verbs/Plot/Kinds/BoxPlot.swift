import ShopMineRendering

extension PlotKind {
  /// `plot box users spend by city`: quartiles and Tukey whiskers, one box per group.
  static let box = PlotKind(
    "box", summary: "box plots of a numeric column, one per category of 'by'",
    options: [PlotOptions.y, PlotOptions.by, PlotOptions.log, PlotOptions.limits, PlotOptions.ylim] + PlotOptions.frame,
    takesColumn: true, example: "plot box users spend by city"
  ) { inv throws(Diagnostic) in try ChartArguments.draw(.box, inv) }
}
