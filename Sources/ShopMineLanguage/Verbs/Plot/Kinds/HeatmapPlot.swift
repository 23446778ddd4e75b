import ShopMineRendering

extension PlotKind {
  /// `plot heatmap (users | corr on browse_time, spend)`: a matrix table as coloured cells.
  static let heatmap = PlotKind(
    "heatmap", summary: "a matrix table (e.g. from corr) as coloured cells; x names the row-label column",
    options: [PlotOptions.x] + PlotOptions.frame,
    example: "plot heatmap (users | corr on browse_time, purchase_freq, spend)"
  ) { inv throws(Diagnostic) in try ChartArguments.draw(.heatmap, inv) }
}
