import ShopMineRendering

extension PlotKind {
  /// `plot bar (users | group by city aggregate n = count()) x city y n`: one bar per row.
  static let bar = PlotKind(
    "bar", summary: "one bar per row: x names it, y is its height (horizontal, colour)",
    options: [
      PlotOptions.x, PlotOptions.y, PlotOptions.color, PlotOptions.horizontal, PlotOptions.limits, PlotOptions.ylim,
    ] + PlotOptions.frame,
    example: "plot bar (users | group by city aggregate n = count()) x city y n"
  ) { inv throws(Diagnostic) in try ChartArguments.draw(.bar, inv) }
}
