/// One entry of a categorical legend.
public struct LegendEntry: Sendable, Hashable {
  /// How the entry's key is drawn.
  public enum Key: Sendable, Hashable {
    case swatch
    case point(MarkerShape)
    case line(dash: [Double])
  }
  public var label: String
  public var color: RGBColor
  public var key: Key

  public init(label: String, color: RGBColor, key: Key = .swatch) {
    self.label = label
    self.color = color
    self.key = key
  }
}

/// A legend: categorical swatches, a continuous colour bar, or marker sizes.
public enum Legend: Sendable, Hashable {
  case categorical(title: String?, entries: [LegendEntry])
  /// A vertical colour bar for `scale` with a few labelled ticks.
  case continuous(title: String?, scale: ContinuousColorScale)
  /// Circles of the given radii (pixels) with labels.
  case size(title: String?, entries: [SizeEntry])

  /// A labelled marker size.
  public struct SizeEntry: Sendable, Hashable {
    public var label: String
    public var radius: Double
    public init(label: String, radius: Double) {
      self.label = label
      self.radius = radius
    }
  }
}

/// Measures and draws legends in the right-hand column of a figure.
enum LegendRenderer {
  static let fontSize = 11.0
  static let titleSize = 12.0
  static let rowHeight = 18.0
  static let barHeight = 120.0
  /// Longest label drawn; longer ones end in `…`.
  static let maxLabelWidth = 130.0

  /// Pixel size of `legend`, given at most `maxHeight` (categorical entries beyond it are summarised).
  static func size(_ legend: Legend, maxHeight: Double) -> (width: Double, height: Double) {
    let titleHeight = title(of: legend) == nil ? 0 : 18.0
    let titleWidth = title(of: legend).map { min(TextMetrics.width($0, fontSize: titleSize), maxLabelWidth + 20) } ?? 0
    switch legend {
    case .categorical(_, let entries):
      let shown = shownCount(entries.count, maxHeight: maxHeight - titleHeight)
      let labels = entries.prefix(shown).map { min(maxLabelWidth, TextMetrics.width($0.label, fontSize: fontSize)) }
      let width = max(titleWidth, 22 + (labels.max() ?? 0))
      let rows = Double(shown + (shown < entries.count ? 1 : 0))
      return (width, titleHeight + rows * rowHeight)
    case .continuous(_, let scale):
      let labels = continuousTicks(scale).map { TextMetrics.width($0.label, fontSize: fontSize) }
      return (max(titleWidth, 20 + (labels.max() ?? 0)), titleHeight + barHeight + 8)
    case .size(_, let entries):
      let maxR = entries.map(\.radius).max() ?? 0
      let labels = entries.map { TextMetrics.width($0.label, fontSize: fontSize) }
      let height = entries.reduce(0) { $0 + max(rowHeight, $1.radius * 2 + 4) }
      return (max(titleWidth, maxR * 2 + 8 + (labels.max() ?? 0)), titleHeight + height)
    }
  }

  static func title(of legend: Legend) -> String? {
    switch legend {
    case .categorical(let t, _), .continuous(let t, _), .size(let t, _): return t
    }
  }

  /// How many categorical rows fit; the rest collapse into one "+N more" row.
  static func shownCount(_ count: Int, maxHeight: Double) -> Int {
    let fit = max(1, Int(maxHeight / rowHeight))
    return count <= fit ? count : max(0, fit - 1)
  }

  static func continuousTicks(_ scale: ContinuousColorScale) -> [Tick] {
    let values = NiceTicks.values(scale.domain.lowerBound, scale.domain.upperBound, count: 4)
    let step = values.count > 1 ? values[1] - values[0] : 1
    return zip(values, NumberFormat.tickLabels(values, step: step)).map { Tick(value: $0, label: $1) }
  }

  /// Draws `legend` with its top-left corner at (x, y).
  static func draw(
    _ legend: Legend, x: Double, y: Double, maxHeight: Double, theme: ChartTheme, into svg: inout SVGWriter
  ) {
    var top = y
    if let t = title(of: legend) {
      svg.text(
        TextMetrics.truncate(t, toWidth: maxLabelWidth + 20, fontSize: titleSize), x: x, y: top + 12,
        size: titleSize, weight: "bold")
      top += 18
    }
    switch legend {
    case .categorical(_, let entries):
      let shown = shownCount(entries.count, maxHeight: maxHeight - (top - y))
      for (i, entry) in entries.prefix(shown).enumerated() {
        let cy = top + Double(i) * rowHeight + rowHeight / 2
        switch entry.key {
        case .swatch:
          svg.element(
            "rect",
            [
              ("x", SVGWriter.number(x)), ("y", SVGWriter.number(cy - 6)), ("width", "12"),
              ("height", "12"), ("fill", entry.color.hex),
            ])
        case .point(let shape):
          svg.open("g", [("fill", entry.color.hex)])
          svg.raw(MarkRenderer.shape(shape, cx: x + 6, cy: cy, r: 4.5, theme: theme))
          svg.close("g")
        case .line(let dash):
          var attrs: [(String, String)] = [
            ("x1", SVGWriter.number(x)), ("y1", SVGWriter.number(cy)),
            ("x2", SVGWriter.number(x + 14)), ("y2", SVGWriter.number(cy)),
            ("stroke", entry.color.hex), ("stroke-width", "2.5"),
          ]
          if !dash.isEmpty { attrs.append(("stroke-dasharray", dash.map(SVGWriter.number).joined(separator: " "))) }
          svg.element("line", attrs)
        }
        svg.text(
          TextMetrics.truncate(entry.label, toWidth: maxLabelWidth, fontSize: fontSize), x: x + 20, y: cy,
          size: fontSize, baseline: .middle)
      }
      if shown < entries.count {
        svg.text(
          "+\(entries.count - shown) more", x: x + 20, y: top + Double(shown) * rowHeight + rowHeight / 2,
          size: fontSize, fill: theme.mutedInk.hex, baseline: .middle)
      }
    case .continuous(_, let scale):
      // The bar is drawn as thin stacked rects instead of a <linearGradient>: gradients need ids, and
      // ids clash when several charts share one HTML page.
      let steps = 40
      let h = barHeight / Double(steps)
      var bar = ""
      for s in 0..<steps {
        let t = 1 - (Double(s) + 0.5) / Double(steps)
        let color = scale.ramp.color(t)
        bar +=
          "<rect x=\"\(SVGWriter.number(x))\" y=\"\(SVGWriter.number(top + Double(s) * h))\" width=\"12\" height=\"\(SVGWriter.number(h + 0.3))\" fill=\"\(color.hex)\"/>\n"
      }
      svg.raw(bar)
      svg.element(
        "rect",
        [
          ("x", SVGWriter.number(x)), ("y", SVGWriter.number(top)), ("width", "12"),
          ("height", SVGWriter.number(barHeight)), ("fill", "none"), ("stroke", theme.axis.hex),
          ("stroke-width", "0.5"),
        ])
      let span = scale.domain.upperBound - scale.domain.lowerBound
      for tick in continuousTicks(scale) {
        let t = span > 0 ? (tick.value - scale.domain.lowerBound) / span : 0.5
        let ty = top + barHeight * (1 - t)
        svg.element(
          "line",
          [
            ("x1", SVGWriter.number(x + 12)), ("y1", SVGWriter.number(ty)),
            ("x2", SVGWriter.number(x + 15)), ("y2", SVGWriter.number(ty)), ("stroke", theme.axis.hex),
          ])
        svg.text(tick.label, x: x + 18, y: ty, size: fontSize, baseline: .middle)
      }
    case .size(_, let entries):
      let maxR = entries.map(\.radius).max() ?? 0
      var cy = top
      for entry in entries {
        let rowH = max(rowHeight, entry.radius * 2 + 4)
        svg.element(
          "circle",
          [
            ("cx", SVGWriter.number(x + maxR)), ("cy", SVGWriter.number(cy + rowH / 2)),
            ("r", SVGWriter.number(entry.radius)), ("fill", Palette.neutral.hex), ("fill-opacity", "0.5"),
            ("stroke", theme.axis.hex), ("stroke-width", "0.5"),
          ])
        svg.text(entry.label, x: x + maxR * 2 + 8, y: cy + rowH / 2, size: fontSize, baseline: .middle)
        cy += rowH
      }
    }
  }
}
