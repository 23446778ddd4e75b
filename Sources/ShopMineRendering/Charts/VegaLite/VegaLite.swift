import RichOutput

/// Converts a ``ChartFigure`` into an equivalent Vega-Lite v5 spec with inline data: the interactive
/// twin that JupyterLab and VS Code show for `set charts interactive` (see ``ChartBundle``).
///
/// Derived from the figure's marks rather than written per chart kind, so every chart — including model
/// plots composed by other modules — gets an interactive twin for free, with the SVG's marks, colours
/// and marker shapes: named series get a legend whose domain and range are the figure's palette slots,
/// other colours pass through literally (`"scale": null`). On top of the SVG it adds
///
/// - **tooltips** titled with the figure's own names — the axis titles (the real column names), the
///   legend title for a series, `count` for histogram bins — never the spec's internal field names
///   `x`, `y`, `series`;
/// - **zoom and pan** (mouse wheel and drag, double-click resets) on every panel with continuous x and y
///   axes that draws points or lines: an interval selection bound to the scales;
/// - the **theme**: ``ChartTheme/auto`` leaves text and axis colours to the front end (JupyterLab and
///   VS Code pass vega-embed `theme: "dark"` in their dark themes) and only makes the background
///   transparent — through `config`, since VS Code skips its dark theme when a spec sets a top-level
///   `background`; `light` and `dark` set background, text, axis and grid colours in `config`, which
///   outranks the front end's theme.
///
/// Each layer carries at most ``rowLimit`` rows (a fixed-seed uniform sample beyond that).
public enum VegaLite {
  public static let schema = "https://vega.github.io/schema/vega-lite/v5.json"
  public static let rowLimit = 5000
  /// d3-format of numbers in tooltips: six significant digits, thousands grouped, no trailing zeros.
  static let numberFormat = ",.6~r"

  public static func spec(for figure: ChartFigure, theme: ChartTheme = .auto) -> JSONValue {
    let cols = max(
      1, min(figure.panels.count, figure.columns ?? Int(Double(max(1, figure.panels.count)).squareRoot().rounded(.up))))
    var context = Context(theme: theme)
    for legend in figure.legends {
      switch legend {
      case .categorical(let t, let entries):
        if context.seriesTitle == nil { (context.seriesTitle, context.seriesEntries) = (t, entries) }
      case .continuous(let t, _): context.valueTitle = context.valueTitle ?? t
      case .size: break
      }
    }
    let panelWidth = max(80, (figure.width - (figure.legends.isEmpty ? 80 : 220)) / Double(cols))
    let rows = (figure.panels.count + cols - 1) / cols
    let panelHeight = max(60, (figure.height - 90) / Double(max(1, rows)))
    var zoomable = 0
    let panels = figure.panels.map { panel -> [String: JSONValue] in
      var layers = layers(panel, context)
      // Zoom and pan: an interval selection bound to the scales, on the first layer (the layers share
      // their scales, so all of them follow). Parameter names must be unique across a faceted spec.
      // Zoomed in, marks past the axes are clipped to the plot area instead of drawn over the margins.
      if isZoomable(panel), let i = layers.firstIndex(where: { $0["mark"] != nil }),
        case .object(var first) = layers[i]
      {
        zoomable += 1
        first["params"] = .array([
          .object([
            "name": .string(zoomable == 1 ? "grid" : "grid\(zoomable)"), "select": "interval", "bind": "scales",
          ])
        ])
        layers[i] = .object(first)
        layers = layers.map(clipped)
      }
      var spec: [String: JSONValue] = [
        "width": .int(Int(panelWidth)), "height": .int(Int(panelHeight)), "layer": .array(layers),
      ]
      if let title = panel.title { spec["title"] = .string(title) }
      return spec
    }
    var top: [String: JSONValue] = ["$schema": .string(schema), "description": .string(figure.description)]
    if let title = figure.title { top["title"] = .string(title) }
    if panels.count == 1, let only = panels.first {
      top.merge(only) { a, _ in a }
    } else {
      top["concat"] = .array(panels.map(JSONValue.object))
      top["columns"] = .int(cols)
    }
    return themed(.object(top), theme)
  }

  /// `spec` with its `config` set for `theme` (replacing any earlier theme's).
  public static func themed(_ spec: JSONValue, _ theme: ChartTheme) -> JSONValue {
    guard case .object(var top) = spec else { return spec }
    top["config"] = config(theme)
    return .object(top)
  }

  /// The `config` of `theme`. Every theme: no frame around the plot (the SVG has none) and the theme's
  /// gridlines (auto: the SVG's translucent grey, faint on white and on black alike; the front end's dark
  /// theme would draw them in solid `#888`). Auto: a transparent background, and text, axis and title
  /// colours left to the front end. Light and dark: every colour a front end's theme would set —
  /// background, titles, guide labels and titles, axis lines and ticks — so theirs win.
  static func config(_ theme: ChartTheme) -> JSONValue {
    let grid: [String: JSONValue] = ["gridColor": .string(theme.grid.hex), "gridOpacity": number(theme.gridOpacity)]
    guard let background = theme.background else {
      return .object(["background": "transparent", "view": .object(["stroke": nil]), "axis": .object(grid)])
    }
    let ink = JSONValue.string(theme.ink.hex)
    return .object([
      "background": .string(background.hex),
      "view": .object(["stroke": nil]),
      "title": .object(["color": ink, "subtitleColor": ink]),
      "style": .object(["guide-label": .object(["fill": ink]), "guide-title": .object(["fill": ink])]),
      "axis": .object(
        grid.merging(["domainColor": .string(theme.axis.hex), "tickColor": .string(theme.axis.hex)]) { a, _ in a }),
    ])
  }

  /// Names and colours every layer of a figure shares.
  struct Context {
    var theme: ChartTheme
    /// The categorical legend's title: the name of the `series` field in tooltips.
    var seriesTitle: String?
    /// The categorical legend's entries: bars and histogram groups colour their `series` through them,
    /// so the Vega-Lite view has the SVG's legend.
    var seriesEntries: [LegendEntry] = []
    /// The continuous legend's title: the name of a rect's `value` (heatmap cell, density count).
    var valueTitle: String?
  }

  /// `layer` with `"clip": true` on its mark.
  static func clipped(_ layer: JSONValue) -> JSONValue {
    guard case .object(var spec) = layer, case .object(var mark)? = spec["mark"] else { return layer }
    mark["clip"] = true
    spec["mark"] = .object(mark)
    return .object(spec)
  }

  /// Points and lines on continuous axes can be zoomed; bars, heatmaps and histograms cannot.
  static func isZoomable(_ panel: PlotPanel) -> Bool {
    guard panel.x.band == nil, panel.y.band == nil else { return false }
    return panel.marks.contains {
      switch $0 {
      case .points, .line: return true
      default: return false
      }
    }
  }

  // MARK: - Layers

  static func layers(_ panel: PlotPanel, _ context: Context) -> [JSONValue] {
    var out: [JSONValue] = []
    // Named series of one mark type share a layer so Vega-Lite draws one legend for them.
    var seriesPoints: [(String, [PointMark], Double)] = []
    var seriesLines: [LineMark] = []
    for mark in panel.marks {
      switch mark {
      case .points(let points, let opacity, let series?):
        seriesPoints.append((series, points, opacity))
      case .line(let line) where line.series != nil:
        seriesLines.append(line)
      default:
        if let layer = layer(mark, panel, context) { out.append(layer) }
      }
    }
    let title = context.seriesTitle
    if !seriesPoints.isEmpty {
      var rows: [JSONValue] = []
      for (series, points, _) in seriesPoints {
        for p in points {
          rows.append(
            .object([
              "x": value(p.x, panel.x), "y": value(p.y, panel.y), "series": .string(series),
              "size": number(p.radius * p.radius * 3.14),
            ]))
        }
      }
      let names = seriesPoints.map { JSONValue.string($0.0) }
      let colors = seriesPoints.map { JSONValue.string(($0.1.first?.fill ?? Palette.color(0)).hex) }
      let shapes = seriesPoints.map { JSONValue.string(shapeName($0.1.first?.shape ?? .circle)) }
      out.insert(
        .object([
          "data": data(rows),
          "mark": .object(["type": "point", "filled": true, "opacity": number(seriesPoints.first?.2 ?? 0.75)]),
          "encoding": .object(
            axes(panel).merging([
              "color": seriesScale(names, colors, title: title),
              "shape": seriesScale(names, shapes, title: title),
              "size": .object(["field": "size", "type": "quantitative", "scale": nil, "legend": nil]),
              "tooltip": .array(positionTips(panel) + [tip("series", title ?? "series")]),
            ]) { a, _ in a }),
        ]), at: 0)
    }
    if !seriesLines.isEmpty {
      var rows: [JSONValue] = []
      for line in seriesLines {
        for (x, y) in zip(line.xs, line.ys) {
          rows.append(.object(["x": value(x, panel.x), "y": value(y, panel.y), "series": .string(line.series ?? "")]))
        }
      }
      var encoding = axes(panel)
      let names = seriesLines.map { JSONValue.string($0.series ?? "") }
      encoding["color"] = seriesScale(names, seriesLines.map { .string($0.color.hex) }, title: title)
      if seriesLines.contains(where: { !$0.dash.isEmpty }) {
        encoding["strokeDash"] = seriesScale(names, seriesLines.map { .array($0.dash.map(number)) }, title: title)
      }
      encoding["tooltip"] = .array(positionTips(panel) + [tip("series", title ?? "series")])
      out.append(
        .object([
          "data": data(rows),
          "mark": .object(["type": "line", "point": linePoints(seriesLines.contains { $0.markers })]),
          "encoding": .object(encoding),
        ]))
    }
    return out
  }

  static func layer(_ mark: Mark, _ panel: PlotPanel, _ context: Context) -> JSONValue? {
    let x = panel.x
    let y = panel.y
    let ink = context.theme.ink
    switch mark {
    case .points(let points, let opacity, _):
      let rows = points.map { p -> JSONValue in
        .object([
          "x": value(p.x, x), "y": value(p.y, y),
          // A cross is drawn in ink, as in the SVG (its fill colour is not shown there).
          "color": .string((p.shape == .cross ? ink : p.fill).hex), "shape": .string(shapeName(p.shape)),
          "size": number(p.radius * p.radius * 3.14),
        ])
      }
      return .object([
        "data": data(rows), "mark": .object(["type": "point", "filled": true, "opacity": number(opacity)]),
        "encoding": .object(
          axes(panel).merging([
            "color": literal("color"), "shape": literal("shape"),
            "size": .object(["field": "size", "type": "quantitative", "scale": nil, "legend": nil]),
            "tooltip": .array(positionTips(panel)),
          ]) { a, _ in a }),
      ])
    case .line(let line):
      let rows = zip(line.xs, line.ys).map { JSONValue.object(["x": value($0, x), "y": value($1, y)]) }
      var markSpec: [String: JSONValue] = [
        "type": "line", "color": .string(line.color.hex), "point": linePoints(line.markers),
        "strokeWidth": number(line.width),
      ]
      if !line.dash.isEmpty { markSpec["strokeDash"] = .array(line.dash.map(number)) }
      var encoding = axes(panel)
      encoding["tooltip"] = .array(positionTips(panel))
      return .object(["data": data(rows), "mark": .object(markSpec), "encoding": .object(encoding)])
    case .rects(let rects):
      let banded = x.band != nil && y.band != nil
      let density = context.valueTitle != nil
      let rows = rects.map { r -> JSONValue in
        var row: [String: JSONValue] = ["color": .string(r.fill.hex)]
        if banded {
          row["x"] = value((r.x0 + r.x1) / 2, x)
          row["y"] = value((r.y0 + r.y1) / 2, y)
        } else {
          (row["x"], row["x2"], row["y"], row["y2"]) = (value(r.x0, x), value(r.x1, x), value(r.y0, y), value(r.y1, y))
        }
        if let series = r.series { row["series"] = .string(series) }
        if let v = r.value { row["value"] = number(v) }
        return .object(row)
      }
      var encoding = axes(panel)
      var tips: [JSONValue]
      if banded {
        tips = positionTips(panel)
      } else {
        encoding["x2"] = .object(["field": "x2"])
        encoding["y2"] = .object(["field": "y2"])
        // A bin from … to …; a density cell also spans y.
        tips = rangeTips(x, "x", panel.xTitle)
        if density { tips += rangeTips(y, "y", panel.yTitle) }
      }
      if rects.contains(where: { $0.series != nil }) { tips.append(tip("series", context.seriesTitle ?? "group")) }
      if rects.contains(where: { $0.value != nil }) {
        let title = banded || density ? context.valueTitle ?? "value" : panel.yTitle ?? "count"
        tips.append(tip("value", title, format: numberFormat))
      }
      encoding["color"] = colorEncoding(rects.map { ($0.series, $0.fill) }, context)
      encoding["tooltip"] = .array(tips)
      return .object(["data": data(rows), "mark": .object(["type": "rect"]), "encoding": .object(encoding)])
    case .bars(let bars):
      let horizontal = bars.first?.horizontal ?? false
      let rows = bars.map { b -> JSONValue in
        var row: [String: JSONValue] =
          horizontal
          ? ["x": number(b.value), "y": value(Double(b.index), y), "color": .string(b.fill.hex)]
          : ["x": value(Double(b.index), x), "y": number(b.value), "color": .string(b.fill.hex)]
        if let series = b.series { row["series"] = .string(series) }
        return .object(row)
      }
      var encoding = axes(panel)
      encoding["color"] = colorEncoding(bars.map { ($0.series, $0.fill) }, context)
      var tips = positionTips(panel)
      if bars.contains(where: { $0.series != nil }) { tips.append(tip("series", context.seriesTitle ?? "group")) }
      encoding["tooltip"] = .array(tips)
      return .object(["data": data(rows), "mark": .object(["type": "bar"]), "encoding": .object(encoding)])
    case .texts(let texts):
      guard let first = texts.first else { return nil }
      let rows = texts.map { t in
        JSONValue.object([
          "x": value(t.x, x), "y": value(t.y, y), "text": .string(t.text), "color": .string((t.color ?? ink).hex),
        ])
      }
      var encoding = axes(panel)
      encoding["text"] = .object(["field": "text", "type": "nominal"])
      encoding["color"] = literal("color")
      return .object([
        "data": data(rows),
        "mark": .object([
          "type": "text", "dx": number(first.dx), "dy": number(first.dy),
          "align": .string(first.anchor == .start ? "left" : first.anchor == .end ? "right" : "center"),
          "fontSize": number(first.size),
        ]),
        "encoding": .object(encoding),
      ])
    case .rule(let rule):
      var markSpec: [String: JSONValue] = [
        "type": "rule", "color": .string((rule.color ?? ink).hex),
        "strokeWidth": number(rule.width),
      ]
      if !rule.dash.isEmpty { markSpec["strokeDash"] = .array(rule.dash.map(number)) }
      switch rule.kind {
      case .horizontal(let v):
        return .object(["mark": .object(markSpec), "encoding": .object(["y": .object(["datum": value(v, y)])])])
      case .vertical(let v):
        return .object(["mark": .object(markSpec), "encoding": .object(["x": .object(["datum": value(v, x)])])])
      case .segment(let x0, let y0, let x1, let y1):
        var encoding = axes(panel)
        encoding["x2"] = .object(["field": "x2"])
        encoding["y2"] = .object(["field": "y2"])
        return .object([
          "data": data([.object(["x": value(x0, x), "y": value(y0, y), "x2": value(x1, x), "y2": value(y1, y)])]),
          "mark": .object(markSpec), "encoding": .object(encoding),
        ])
      }
    case .boxes(let boxes):
      let rows = boxes.map { b in
        JSONValue.object([
          "x": value(Double(b.index), x), "lo": number(b.whiskerLow), "q1": number(b.q1),
          "median": number(b.median), "q3": number(b.q3), "hi": number(b.whiskerHigh),
          "color": .string(b.fill.hex),
        ])
      }
      let xEnc = axisEncoding(x, field: "x", title: panel.xTitle)
      let yEnc = { (field: String) in axisEncoding(y, field: field, title: panel.yTitle) }
      let name = panel.yTitle ?? "value"
      let tips: [JSONValue] = [
        tip("x", panel.xTitle ?? "group"), tip("hi", "\(name): upper whisker", format: numberFormat),
        tip("q3", "\(name): Q3", format: numberFormat), tip("median", "\(name): median", format: numberFormat),
        tip("q1", "\(name): Q1", format: numberFormat), tip("lo", "\(name): lower whisker", format: numberFormat),
      ]
      return .object([
        "data": data(rows),
        "layer": .array([
          .object([
            "mark": .object(["type": "rule", "color": .string(ink.hex)]),
            "encoding": .object(["x": xEnc, "y": yEnc("lo"), "y2": .object(["field": "hi"])]),
          ]),
          .object([
            "mark": .object([
              "type": "bar", "opacity": 0.55, "stroke": .string(ink.hex), "width": .object(["band": 0.6]),
            ]),
            "encoding": .object([
              "x": xEnc, "y": yEnc("q1"), "y2": .object(["field": "q3"]), "color": literal("color"),
              "tooltip": .array(tips),
            ]),
          ]),
          .object([
            "mark": .object([
              "type": "tick", "color": .string(ink.hex), "thickness": 2, "width": .object(["band": 0.6]),
            ]),
            "encoding": .object(["x": xEnc, "y": yEnc("median")]),
          ]),
        ]),
      ])
    }
  }

  // MARK: - Encodings and values

  /// Uses each row's `field` as the colour (or shape) itself, without a legend.
  static func literal(_ field: String) -> JSONValue {
    .object(["field": .string(field), "type": "nominal", "scale": nil, "legend": nil])
  }

  /// Colours of bars or rects: through the figure's categorical legend when they name their series
  /// (a legend like the SVG's; series the legend lacks, such as "missing", keep their own colour), else
  /// each row's literal colour.
  static func colorEncoding(_ marks: [(series: String?, fill: RGBColor)], _ context: Context) -> JSONValue {
    guard !context.seriesEntries.isEmpty, marks.contains(where: { $0.series != nil }) else { return literal("color") }
    var domain = context.seriesEntries.map(\.label)
    var range = context.seriesEntries.map(\.color.hex)
    for mark in marks {
      if let series = mark.series, !domain.contains(series) {
        domain.append(series)
        range.append(mark.fill.hex)
      }
    }
    return seriesScale(domain.map(JSONValue.string), range.map(JSONValue.string), title: context.seriesTitle)
  }

  /// A series field mapped to the figure's own colours, shapes or dashes (same domain, so one legend).
  static func seriesScale(_ domain: [JSONValue], _ range: [JSONValue], title: String?) -> JSONValue {
    .object([
      "field": "series", "type": "nominal", "title": title.map(JSONValue.string) ?? .null,
      "scale": .object(["domain": .array(domain), "range": .array(range)]),
    ])
  }

  /// Points on a line: visible dots, or transparent ones that only catch the pointer for tooltips.
  static func linePoints(_ visible: Bool) -> JSONValue { visible ? true : "transparent" }

  /// Vega-Lite's name for a marker shape.
  static func shapeName(_ shape: MarkerShape) -> String {
    switch shape {
    case .circle: return "circle"
    case .square: return "square"
    case .triangle: return "triangle-up"
    case .diamond: return "diamond"
    case .cross: return "cross"
    }
  }

  /// One tooltip line: the value of `field` under `title`.
  static func tip(_ field: String, _ title: String, type: String = "nominal", format: String? = nil) -> JSONValue {
    var out: [String: JSONValue] = ["field": .string(field), "type": .string(type), "title": .string(title)]
    if let format { out["format"] = .string(format) }
    return .object(out)
  }

  /// The tooltip line of a position field, typed and formatted like its axis.
  static func positionTip(_ scale: PositionScale, _ field: String, _ title: String) -> JSONValue {
    switch scale {
    case .band: return tip(field, title)
    case .time: return tip(field, title, type: "temporal", format: "%Y-%m-%d %H:%M:%S")
    case .linear, .log: return tip(field, title, type: "quantitative", format: numberFormat)
    }
  }

  /// x and y under the axis titles (the column names).
  static func positionTips(_ panel: PlotPanel) -> [JSONValue] {
    [positionTip(panel.x, "x", panel.xTitle ?? "x"), positionTip(panel.y, "y", panel.yTitle ?? "y")]
  }

  /// A rect's extent along one axis: `spend from`, `spend to`.
  static func rangeTips(_ scale: PositionScale, _ field: String, _ title: String?) -> [JSONValue] {
    let name = title ?? field
    return [positionTip(scale, field, "\(name) from"), positionTip(scale, field + "2", "\(name) to")]
  }

  static func axes(_ panel: PlotPanel) -> [String: JSONValue] {
    [
      "x": axisEncoding(panel.x, field: "x", title: panel.xTitle),
      "y": axisEncoding(panel.y, field: "y", title: panel.yTitle),
    ]
  }

  static func axisEncoding(_ scale: PositionScale, field: String, title: String?) -> JSONValue {
    var enc: [String: JSONValue] = ["field": .string(field), "title": title.map(JSONValue.string) ?? .null]
    switch scale {
    case .linear(let s):
      enc["type"] = "quantitative"
      enc["scale"] = .object([
        "domain": .array([number(s.domain.lowerBound), number(s.domain.upperBound)]), "zero": false,
      ])
    case .log(let s):
      enc["type"] = "quantitative"
      enc["scale"] = .object([
        "type": "log", "domain": .array([number(s.domain.lowerBound), number(s.domain.upperBound)]),
      ])
    case .time:
      enc["type"] = "temporal"
    case .band(let s):
      enc["type"] = "nominal"
      enc["sort"] = .array(s.categories.map(JSONValue.string))
    }
    return .object(enc)
  }

  /// A data-space value as Vega-Lite data: band indexes become their category, microseconds become
  /// epoch milliseconds, non-finite numbers become null (JSON has no NaN).
  static func value(_ v: Double, _ scale: PositionScale) -> JSONValue {
    switch scale {
    case .band(let s):
      let i = Int((v.isFinite ? v : -1).rounded())
      return i >= 0 && i < s.categories.count ? .string(s.categories[i]) : .null
    case .time:
      return v.isFinite ? .double((v / 1000).rounded()) : .null
    default:
      return number(v)
    }
  }

  static func number(_ v: Double) -> JSONValue {
    guard v.isFinite else { return .null }
    if v == v.rounded() && abs(v) < 1e15 { return .int(Int(v)) }
    return .double(v)
  }

  /// Inline data, sampled to ``rowLimit`` rows with a fixed seed.
  static func data(_ rows: [JSONValue]) -> JSONValue {
    let kept = rows.count > rowLimit ? SplitMix64.sample(rowLimit, of: rows.count).map { rows[$0] } : rows
    return .object(["values": .array(kept)])
  }
}
