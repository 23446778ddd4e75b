/// Draws axes, gridlines and axis titles for a laid-out panel.
enum AxisRenderer {
  /// Light gridlines behind the marks at the major ticks of continuous axes (the theme's grid colour).
  static func drawGrid(_ geometry: PanelGeometry, theme: ChartTheme, into svg: inout SVGWriter) {
    let plot = geometry.plot
    var lines = ""
    if geometry.y.band == nil {
      for tick in geometry.yPlan.ticks where tick.major {
        let y = SVGWriter.number(geometry.y.map(tick.value))
        lines +=
          "<line x1=\"\(SVGWriter.number(plot.x))\" y1=\"\(y)\" x2=\"\(SVGWriter.number(plot.maxX))\" y2=\"\(y)\"/>\n"
      }
    }
    if geometry.x.band == nil {
      for tick in geometry.xPlan.ticks where tick.major {
        let x = SVGWriter.number(geometry.x.map(tick.value))
        lines +=
          "<line x1=\"\(x)\" y1=\"\(SVGWriter.number(plot.y))\" x2=\"\(x)\" y2=\"\(SVGWriter.number(plot.maxY))\"/>\n"
      }
    }
    guard !lines.isEmpty else { return }
    var attributes = [("stroke", theme.grid.hex), ("stroke-width", "1")]
    if theme.gridOpacity < 1 { attributes.append(("stroke-opacity", SVGWriter.number(theme.gridOpacity))) }
    svg.open("g", attributes)
    svg.raw(lines)
    svg.close("g")
  }

  /// The x axis along the bottom and the y axis along the left, with tick labels and titles.
  static func drawAxes(
    _ geometry: PanelGeometry, xTitle: String?, yTitle: String?, theme: ChartTheme, into svg: inout SVGWriter
  ) {
    let plot = geometry.plot
    let n = SVGWriter.number
    let font = AxisPlan.fontSize
    svg.open("g", [("stroke", theme.axis.hex), ("stroke-width", "1")])
    var marks = "<line x1=\"\(n(plot.x))\" y1=\"\(n(plot.maxY))\" x2=\"\(n(plot.maxX))\" y2=\"\(n(plot.maxY))\"/>\n"
    marks += "<line x1=\"\(n(plot.x))\" y1=\"\(n(plot.y))\" x2=\"\(n(plot.x))\" y2=\"\(n(plot.maxY))\"/>\n"
    for tick in geometry.xPlan.ticks {
      let x = n(geometry.x.map(tick.value))
      let len = tick.major ? AxisPlan.tickLength : AxisPlan.tickLength / 2
      marks += "<line x1=\"\(x)\" y1=\"\(n(plot.maxY))\" x2=\"\(x)\" y2=\"\(n(plot.maxY + len))\"/>\n"
    }
    for tick in geometry.yPlan.ticks {
      let y = n(geometry.y.map(tick.value))
      let len = tick.major ? AxisPlan.tickLength : AxisPlan.tickLength / 2
      marks += "<line x1=\"\(n(plot.x - len))\" y1=\"\(y)\" x2=\"\(n(plot.x))\" y2=\"\(y)\"/>\n"
    }
    svg.raw(marks)
    svg.close("g")

    svg.open("g", [("font-size", n(font))])
    let labelTop = plot.maxY + AxisPlan.tickLength + AxisPlan.labelGap
    for tick in geometry.xPlan.ticks where !tick.label.isEmpty {
      let x = geometry.x.map(tick.value)
      if geometry.xPlan.rotated {
        svg.text(tick.label, x: x, y: labelTop + 4, anchor: .end, rotate: -45)
      } else {
        svg.text(tick.label, x: x, y: labelTop + font * 0.8, anchor: .middle)
      }
    }
    for tick in geometry.yPlan.ticks where !tick.label.isEmpty {
      svg.text(
        tick.label, x: plot.x - AxisPlan.tickLength - AxisPlan.labelGap, y: geometry.y.map(tick.value),
        anchor: .end, baseline: .middle)
    }
    svg.close("g")

    if let xTitle {
      let y = labelTop + geometry.xPlan.extent + 16
      svg.text(
        TextMetrics.truncate(xTitle, toWidth: plot.width, fontSize: 12), x: plot.x + plot.width / 2, y: y,
        anchor: .middle, weight: "bold")
    }
    if let yTitle {
      let x = plot.x - AxisPlan.tickLength - AxisPlan.labelGap - geometry.yPlan.extent - 8
      let y = plot.y + plot.height / 2
      svg.text(
        TextMetrics.truncate(yTitle, toWidth: plot.height, fontSize: 12), x: x, y: y, anchor: .middle,
        weight: "bold", rotate: -90)
    }
  }
}
