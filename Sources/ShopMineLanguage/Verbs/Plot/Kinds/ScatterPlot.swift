import ShopMineRendering

extension PlotKind {
  /// `plot scatter users x browse_time y spend color city size review_count`.
  static let scatter = PlotKind(
    "scatter", summary: "points of y against x; colour, size, labels, facets, log axes, limits",
    options: [
      PlotOptions.x, PlotOptions.y, PlotOptions.color, PlotOptions.size, PlotOptions.labels,
      PlotOptions.facet, PlotOptions.log, PlotOptions.limits, PlotOptions.xlim, PlotOptions.ylim,
    ] + PlotOptions.frame,
    example: "plot scatter users x browse_time y spend color city"
  ) { inv throws(Diagnostic) in try ChartArguments.draw(.scatter, inv) }
}
