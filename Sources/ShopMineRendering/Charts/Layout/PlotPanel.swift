/// One plot area: x and y scales, mark layers drawn in order, axis titles and an optional panel title
/// (facets). Scales carry data domains; the layout assigns their pixel ranges.
public struct PlotPanel: Sendable, Hashable {
  public var x: PositionScale
  public var y: PositionScale
  public var xTitle: String?
  public var yTitle: String?
  public var marks: [Mark]
  /// Shown above the panel (a facet's category).
  public var title: String?
  /// Light gridlines at major ticks of continuous axes.
  public var grid: Bool

  public init(
    x: PositionScale, y: PositionScale, xTitle: String? = nil, yTitle: String? = nil, marks: [Mark] = [],
    title: String? = nil, grid: Bool = true
  ) {
    self.x = x
    self.y = y
    self.xTitle = xTitle
    self.yTitle = yTitle
    self.marks = marks
    self.title = title
    self.grid = grid
  }
}

/// A panel placed in its cell: the plot rectangle, scales mapped onto it, and the axis plans.
struct PanelGeometry {
  var plot: Rect
  var x: PositionScale
  var y: PositionScale
  var xPlan: AxisPlan
  var yPlan: AxisPlan

  /// Sizes margins to the labels: the y labels' width sets the left margin, the x labels' height
  /// (rotated or not) the bottom. Two passes, because tick counts depend on the plot size and the plot
  /// size on the labels.
  static func layout(_ panel: PlotPanel, in cell: Rect) -> PanelGeometry {
    let top = cell.y + (panel.title == nil ? 10 : 24)
    let yTitleWidth = panel.yTitle == nil ? 0.0 : 22
    let xTitleHeight = panel.xTitle == nil ? 0.0 : 22
    let axisSpace = AxisPlan.tickLength + AxisPlan.labelGap
    var bottomMargin = axisSpace + AxisPlan.fontSize + xTitleHeight + 8
    var leftMargin = 40.0
    var rightMargin = 12.0
    for _ in 0..<3 {
      let plotHeight = max(20, cell.maxY - bottomMargin - top)
      let y = mapY(panel.y, top: top, bottom: top + plotHeight)
      let yPlan = AxisPlan.vertical(y)
      leftMargin = max(leftMargin, yTitleWidth + yPlan.extent + axisSpace + 6)
      let plotWidth = max(20, cell.width - leftMargin - rightMargin)
      let x = panel.x.withRange(cell.x + leftMargin, cell.x + leftMargin + plotWidth)
      let xPlan = AxisPlan.horizontal(x)
      bottomMargin = axisSpace + xPlan.extent + xTitleHeight + 8
      // Labels hanging past either end of the x axis widen the margins on the next pass.
      leftMargin = max(leftMargin, xPlan.leadingOverhang + 4)
      rightMargin = max(12, xPlan.trailingOverhang + 4)
    }
    // Final pass with settled margins.
    let plotHeight = max(20, cell.maxY - bottomMargin - top)
    let plotWidth = max(20, cell.width - leftMargin - rightMargin)
    let plot = Rect(x: cell.x + leftMargin, y: top, width: plotWidth, height: plotHeight)
    let x = panel.x.withRange(plot.x, plot.maxX)
    let y = mapY(panel.y, top: plot.y, bottom: plot.maxY)
    return PanelGeometry(plot: plot, x: x, y: y, xPlan: AxisPlan.horizontal(x), yPlan: AxisPlan.vertical(y))
  }

  /// Continuous y grows upward; band y lists categories top to bottom.
  static func mapY(_ scale: PositionScale, top: Double, bottom: Double) -> PositionScale {
    scale.band == nil ? scale.withRange(bottom, top) : scale.withRange(top, bottom)
  }
}

/// Draws one panel: gridlines, marks in order, then axes on top.
enum PanelRenderer {
  static func draw(_ panel: PlotPanel, in cell: Rect, theme: ChartTheme, into svg: inout SVGWriter) {
    let g = PanelGeometry.layout(panel, in: cell)
    if let title = panel.title {
      svg.text(
        TextMetrics.truncate(title, toWidth: g.plot.width, fontSize: 12), x: g.plot.x + g.plot.width / 2,
        y: g.plot.y - 8, anchor: .middle, weight: "bold")
    }
    if panel.grid { AxisRenderer.drawGrid(g, theme: theme, into: &svg) }
    for mark in panel.marks { MarkRenderer.draw(mark, x: g.x, y: g.y, theme: theme, into: &svg) }
    AxisRenderer.drawAxes(g, xTitle: panel.xTitle, yTitle: panel.yTitle, theme: theme, into: &svg)
  }
}
