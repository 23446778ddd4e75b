/// Draws ``Mark`` layers into SVG through a panel's x and y scales.
enum MarkRenderer {
  typealias N = SVGWriter

  static func draw(_ mark: Mark, x: PositionScale, y: PositionScale, theme: ChartTheme, into svg: inout SVGWriter) {
    switch mark {
    case .points(let points, let opacity, _): drawPoints(points, opacity: opacity, x: x, y: y, theme: theme, into: &svg)
    case .line(let line): drawLine(line, x: x, y: y, theme: theme, into: &svg)
    case .rects(let rects): drawRects(rects, x: x, y: y, theme: theme, into: &svg)
    case .bars(let bars): drawBars(bars, x: x, y: y, into: &svg)
    case .texts(let texts):
      var placed: [LabelBox] = []
      for t in texts {
        var (dx, dy, anchor) = (t.dx, t.dy, t.anchor)
        if t.avoidsOverlap {
          guard let spot = LabelBox.freeSpot(for: t, at: (x.map(t.x), y.map(t.y)), avoiding: &placed) else { continue }
          (dx, dy, anchor) = spot
        }
        svg.text(
          t.text, x: x.map(t.x) + dx, y: y.map(t.y) + dy, anchor: anchor, size: t.size,
          fill: t.color?.hex, baseline: t.centredVertically ? .middle : .alphabetic)
      }
    case .rule(let rule): drawRule(rule, x: x, y: y, theme: theme, into: &svg)
    case .boxes(let boxes): drawBoxes(boxes, x: x, y: y, theme: theme, into: &svg)
    }
  }

  /// Points grouped into runs of equal fill so the colour is written once per run, not per point: a
  /// 10,000-point scatter then costs ~40 bytes a point. Built as one string per run (no per-point
  /// writer calls) because this is the one mark that scales with the data.
  static func drawPoints(
    _ points: [PointMark], opacity: Double, x: PositionScale, y: PositionScale, theme: ChartTheme,
    into svg: inout SVGWriter
  ) {
    var i = 0
    while i < points.count {
      let fill = points[i].fill
      var run = ""
      var j = i
      while j < points.count && points[j].fill == fill {
        let p = points[j]
        run += shape(p.shape, cx: x.map(p.x), cy: y.map(p.y), r: p.radius, theme: theme)
        j += 1
      }
      // Outlined in the background colour so overlapping points stay apart (none when transparent).
      svg.open(
        "g", [("fill", fill.hex), ("fill-opacity", N.number(opacity))] + theme.separatorAttributes(width: "0.5"))
      svg.raw(run)
      svg.close("g")
      i = j
    }
  }

  /// The markup of one marker centred at (cx, cy); a cross is stroked in the theme's ink.
  static func shape(_ shape: MarkerShape, cx: Double, cy: Double, r: Double, theme: ChartTheme) -> String {
    let (x, y) = (N.number(cx), N.number(cy))
    switch shape {
    case .circle:
      return "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"\(N.number(r))\"/>\n"
    case .square:
      let s = r * 1.8
      return
        "<rect x=\"\(N.number(cx - s / 2))\" y=\"\(N.number(cy - s / 2))\" width=\"\(N.number(s))\" height=\"\(N.number(s))\"/>\n"
    case .triangle:
      let h = r * 1.15
      return
        "<polygon points=\"\(x),\(N.number(cy - h * 1.15)) \(N.number(cx + h)),\(N.number(cy + h * 0.7)) \(N.number(cx - h)),\(N.number(cy + h * 0.7))\"/>\n"
    case .diamond:
      let d = r * 1.3
      return
        "<polygon points=\"\(x),\(N.number(cy - d)) \(N.number(cx + d)),\(y) \(x),\(N.number(cy + d)) \(N.number(cx - d)),\(y)\"/>\n"
    case .cross:
      let d = r * 1.2
      return
        "<path d=\"M\(N.number(cx - d)),\(N.number(cy - d))L\(N.number(cx + d)),\(N.number(cy + d))M\(N.number(cx - d)),\(N.number(cy + d))L\(N.number(cx + d)),\(N.number(cy - d))\" stroke=\"\(theme.ink.hex)\" stroke-width=\"2.5\"/>\n"
    }
  }

  /// A polyline, split where a coordinate is missing (NaN) so gaps stay gaps.
  static func drawLine(
    _ line: LineMark, x: PositionScale, y: PositionScale, theme: ChartTheme, into svg: inout SVGWriter
  ) {
    var segments: [[String]] = [[]]
    var vertices: [(Double, Double)] = []
    for (vx, vy) in zip(line.xs, line.ys) {
      guard vx.isFinite, vy.isFinite else {
        if !(segments.last?.isEmpty ?? true) { segments.append([]) }
        continue
      }
      let px = x.map(vx)
      let py = y.map(vy)
      segments[segments.count - 1].append("\(N.number(px)),\(N.number(py))")
      vertices.append((px, py))
    }
    var attrs: [(String, String)] = [
      ("fill", "none"), ("stroke", line.color.hex),
      ("stroke-width", N.number(line.width)), ("stroke-linejoin", "round"),
      ("stroke-linecap", "round"),
    ]
    if !line.dash.isEmpty { attrs.append(("stroke-dasharray", line.dash.map(N.number).joined(separator: " "))) }
    for segment in segments where segment.count > 1 {
      svg.element("polyline", [("points", segment.joined(separator: " "))] + attrs)
    }
    if line.markers {
      svg.open("g", [("fill", line.color.hex)] + theme.separatorAttributes(width: "1"))
      var dots = ""
      for (px, py) in vertices { dots += shape(.circle, cx: px, cy: py, r: line.width + 1.5, theme: theme) }
      svg.raw(dots)
      svg.close("g")
    }
  }

  /// Rects; a rect's `stroke` is drawn only where the theme paints a background (it cuts gaps in the
  /// background colour between bins and cells), so the given colour is ignored in favour of the theme's.
  static func drawRects(
    _ rects: [RectMark], x: PositionScale, y: PositionScale, theme: ChartTheme, into svg: inout SVGWriter
  ) {
    var out = ""
    for r in rects {
      let (ax, bx) = (x.map(r.x0), x.map(r.x1))
      let (ay, by) = (y.map(r.y0), y.map(r.y1))
      var attrs: [(String, String)] = [
        ("x", N.number(min(ax, bx))), ("y", N.number(min(ay, by))), ("width", N.number(abs(bx - ax))),
        ("height", N.number(abs(by - ay))), ("fill", r.fill.hex),
      ]
      if r.stroke != nil { attrs += theme.separatorAttributes(width: "0.5") }
      out += "<rect\(SVGWriter.attributes(attrs))/>\n"
    }
    svg.raw(out)
  }

  static func drawBars(_ bars: [BarMark], x: PositionScale, y: PositionScale, into svg: inout SVGWriter) {
    for bar in bars {
      let band = bar.horizontal ? y.band : x.band
      guard let band else { continue }
      let bandStart = band.start(bar.index)
      let bandEnd = bandStart + band.bandwidth
      let value = bar.horizontal ? x : y
      let (v0, v1) = (value.map(bar.base), value.map(bar.value))
      let rect: Rect
      if bar.horizontal {
        rect = Rect(x: min(v0, v1), y: min(bandStart, bandEnd), width: abs(v1 - v0), height: abs(bandEnd - bandStart))
      } else {
        rect = Rect(x: min(bandStart, bandEnd), y: min(v0, v1), width: abs(bandEnd - bandStart), height: abs(v1 - v0))
      }
      svg.element(
        "rect",
        [
          ("x", N.number(rect.x)), ("y", N.number(rect.y)), ("width", N.number(rect.width)),
          ("height", N.number(rect.height)), ("fill", bar.fill.hex),
        ])
      if bar.showValue {
        let label = NumberFormat.compact(bar.value)
        if bar.horizontal {
          let positive = bar.value >= bar.base
          svg.text(
            label, x: v1 + (positive ? 4 : -4), y: (bandStart + bandEnd) / 2, anchor: positive ? .start : .end,
            size: 10, baseline: .middle)
        } else {
          svg.text(label, x: (bandStart + bandEnd) / 2, y: min(v0, v1) - 4, anchor: .middle, size: 10)
        }
      }
    }
  }

  static func drawRule(
    _ rule: RuleMark, x: PositionScale, y: PositionScale, theme: ChartTheme, into svg: inout SVGWriter
  ) {
    let color = (rule.color ?? theme.ink).hex
    let xr = pixelRange(x)
    let yr = pixelRange(y)
    let (x0, y0, x1, y1): (Double, Double, Double, Double)
    switch rule.kind {
    case .horizontal(let v): (x0, y0, x1, y1) = (xr.lowerBound, y.map(v), xr.upperBound, y.map(v))
    case .vertical(let v): (x0, y0, x1, y1) = (x.map(v), yr.upperBound, x.map(v), yr.lowerBound)
    case .segment(let a, let b, let c, let d): (x0, y0, x1, y1) = (x.map(a), y.map(b), x.map(c), y.map(d))
    }
    var attrs: [(String, String)] = [
      ("x1", N.number(x0)), ("y1", N.number(y0)), ("x2", N.number(x1)),
      ("y2", N.number(y1)), ("stroke", color),
      ("stroke-width", N.number(rule.width)),
    ]
    if !rule.dash.isEmpty { attrs.append(("stroke-dasharray", rule.dash.map(N.number).joined(separator: " "))) }
    svg.element("line", attrs)
    if let label = rule.label {
      switch rule.kind {
      case .vertical:
        svg.text(label, x: x1 + 4, y: y1 + 12, anchor: .start, size: 10, fill: color)
      case .segment:
        // Midway along, just below-right of the line, clear of curves that end in the corners.
        svg.text(label, x: (x0 + x1) / 2 + 6, y: (y0 + y1) / 2 + 14, anchor: .start, size: 10, fill: color)
      case .horizontal:
        svg.text(label, x: x1 - 2, y: y1 - 4, anchor: .end, size: 10, fill: color)
      }
    }
  }

  static func drawBoxes(
    _ boxes: [BoxMark], x: PositionScale, y: PositionScale, theme: ChartTheme, into svg: inout SVGWriter
  ) {
    guard let band = x.band else { return }
    for box in boxes {
      let left = band.start(box.index)
      let width = band.bandwidth
      let mid = left + width / 2
      let (q1, q3, med) = (y.map(box.q1), y.map(box.q3), y.map(box.median))
      let (lo, hi) = (y.map(box.whiskerLow), y.map(box.whiskerHigh))
      let cap = width * 0.25
      let stroke: [(String, String)] = [("stroke", theme.ink.hex), ("stroke-width", "1.2")]
      svg.element(
        "line", [("x1", N.number(mid)), ("y1", N.number(lo)), ("x2", N.number(mid)), ("y2", N.number(q1))] + stroke)
      svg.element(
        "line", [("x1", N.number(mid)), ("y1", N.number(q3)), ("x2", N.number(mid)), ("y2", N.number(hi))] + stroke)
      svg.element(
        "line",
        [("x1", N.number(mid - cap)), ("y1", N.number(lo)), ("x2", N.number(mid + cap)), ("y2", N.number(lo))] + stroke)
      svg.element(
        "line",
        [("x1", N.number(mid - cap)), ("y1", N.number(hi)), ("x2", N.number(mid + cap)), ("y2", N.number(hi))] + stroke)
      svg.element(
        "rect",
        [
          ("x", N.number(left)), ("y", N.number(min(q1, q3))), ("width", N.number(width)),
          ("height", N.number(abs(q1 - q3))), ("fill", box.fill.hex), ("fill-opacity", "0.55"),
        ] + stroke)
      svg.element(
        "line",
        [
          ("x1", N.number(left)), ("y1", N.number(med)), ("x2", N.number(left + width)),
          ("y2", N.number(med)), ("stroke", theme.ink.hex), ("stroke-width", "2"),
        ])
      if !box.outliers.isEmpty {
        var dots = ""
        for o in box.outliers { dots += shape(.circle, cx: mid, cy: y.map(o), r: 2.5, theme: theme) }
        svg.open("g", [("fill", "none"), ("stroke", box.fill.hex), ("stroke-width", "1")])
        svg.raw(dots)
        svg.close("g")
      }
    }
  }

  /// The pixel extent a scale covers, low to high.
  static func pixelRange(_ scale: PositionScale) -> ClosedRange<Double> {
    let (a, b): (Double, Double)
    switch scale {
    case .linear(let s): (a, b) = s.range
    case .log(let s): (a, b) = s.range
    case .band(let s): (a, b) = s.range
    case .time(let s): (a, b) = s.linear.range
    }
    return min(a, b)...max(a, b)
  }
}

/// The pixel box of a point label, for greedy placement without overlaps: each label tries the right of its
/// point, then the left, above and below, and takes the first place that overlaps no label drawn before it.
/// Labels are placed in row order, so the output stays deterministic.
struct LabelBox {
  var x0, y0, x1, y1: Double

  func overlaps(_ o: LabelBox) -> Bool { x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1 }

  /// Offsets and anchor of the first free place for `t` at pixel `p`, recording its box; nil when none is free.
  static func freeSpot(for t: TextMark, at p: (Double, Double), avoiding placed: inout [LabelBox])
    -> (dx: Double, dy: Double, anchor: TextAnchor)?
  {
    let w = TextMetrics.width(t.text, fontSize: t.size)
    let h = t.size * 1.2
    let gap = max(t.dx, 2)
    let candidates: [(dx: Double, dy: Double, anchor: TextAnchor, box: LabelBox)] = [
      (gap, 0, .start, LabelBox(x0: p.0 + gap, y0: p.1 - h / 2, x1: p.0 + gap + w, y1: p.1 + h / 2)),
      (-gap, 0, .end, LabelBox(x0: p.0 - gap - w, y0: p.1 - h / 2, x1: p.0 - gap, y1: p.1 + h / 2)),
      // Above and below sit a whole line away, clear of the side labels' boxes.
      (0, -h, .middle, LabelBox(x0: p.0 - w / 2, y0: p.1 - 1.5 * h, x1: p.0 + w / 2, y1: p.1 - h / 2)),
      (0, h, .middle, LabelBox(x0: p.0 - w / 2, y0: p.1 + h / 2, x1: p.0 + w / 2, y1: p.1 + 1.5 * h)),
    ]
    for c in candidates where !placed.contains(where: { $0.overlaps(c.box) }) {
      placed.append(c.box)
      return (c.dx, c.dy, c.anchor)
    }
    return nil
  }
}
