import JupyterProtocol

/// Converts a ``ChartFigure`` into an equivalent Vega-Lite v5 spec with inline data.
///
/// Derived from the figure's marks rather than written per chart kind, so every chart — including model
/// plots composed by other modules — gets an interactive twin for free. Colours are passed through as
/// literal values (`"scale": null`) except for named series, which get a legend with the figure's palette.
/// Each layer carries at most ``rowLimit`` rows (a fixed-seed uniform sample beyond that).
public enum VegaLite {
  public static let schema = "https://vega.github.io/schema/vega-lite/v5.json"
  public static let rowLimit = 5000

  public static func spec(for figure: ChartFigure) -> JSONValue {
    let cols = max(
      1, min(figure.panels.count, figure.columns ?? Int(Double(max(1, figure.panels.count)).squareRoot().rounded(.up))))
    let legendTitle = figure.legends.compactMap { legend -> String? in
      if case .categorical(let t, _) = legend { return t }
      return nil
    }.first
    let panelWidth = max(80, (figure.width - (figure.legends.isEmpty ? 80 : 220)) / Double(cols))
    let rows = (figure.panels.count + cols - 1) / cols
    let panelHeight = max(60, (figure.height - 90) / Double(max(1, rows)))
    let panels = figure.panels.map { panel -> [String: JSONValue] in
      var spec: [String: JSONValue] = [
        "width": .int(Int(panelWidth)), "height": .int(Int(panelHeight)),
        "layer": .array(layers(panel, legendTitle: legendTitle)),
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
    return .object(top)
  }

  // MARK: - Layers

  static func layers(_ panel: PlotPanel, legendTitle: String?) -> [JSONValue] {
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
        if let layer = layer(mark, panel) { out.append(layer) }
      }
    }
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
      let colors = seriesPoints.map { JSONValue.string(($0.1.first?.fill ?? Palette.color(0)).hex) }
      out.insert(
        .object([
          "data": data(rows),
          "mark": .object(["type": "point", "filled": true, "opacity": number(seriesPoints.first?.2 ?? 0.75)]),
          "encoding": .object(
            axes(panel).merging([
              "color": seriesColor(seriesPoints.map { .string($0.0) }, colors, title: legendTitle),
              "size": .object(["field": "size", "type": "quantitative", "scale": nil, "legend": nil]),
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
      encoding["color"] = seriesColor(names, seriesLines.map { .string($0.color.hex) }, title: legendTitle)
      if seriesLines.contains(where: { !$0.dash.isEmpty }) {
        encoding["strokeDash"] = .object([
          "field": "series", "type": "nominal",
          "scale": .object(["domain": .array(names), "range": .array(seriesLines.map { .array($0.dash.map(number)) })]),
        ])
      }
      out.append(
        .object([
          "data": data(rows),
          "mark": .object(["type": "line", "point": .bool(seriesLines.contains { $0.markers })]),
          "encoding": .object(encoding),
        ]))
    }
    return out
  }

  static func layer(_ mark: Mark, _ panel: PlotPanel) -> JSONValue? {
    let x = panel.x
    let y = panel.y
    switch mark {
    case .points(let points, let opacity, _):
      let rows = points.map { p -> JSONValue in
        .object([
          "x": value(p.x, x), "y": value(p.y, y), "color": .string(p.fill.hex),
          "size": number(p.radius * p.radius * 3.14),
        ])
      }
      return .object([
        "data": data(rows), "mark": .object(["type": "point", "filled": true, "opacity": number(opacity)]),
        "encoding": .object(
          axes(panel).merging([
            "color": literalColor,
            "size": .object(["field": "size", "type": "quantitative", "scale": nil, "legend": nil]),
          ]) { a, _ in a }),
      ])
    case .line(let line):
      let rows = zip(line.xs, line.ys).map { JSONValue.object(["x": value($0, x), "y": value($1, y)]) }
      var markSpec: [String: JSONValue] = [
        "type": "line", "color": .string(line.color.hex), "point": .bool(line.markers),
        "strokeWidth": number(line.width),
      ]
      if !line.dash.isEmpty { markSpec["strokeDash"] = .array(line.dash.map(number)) }
      return .object(["data": data(rows), "mark": .object(markSpec), "encoding": .object(axes(panel))])
    case .rects(let rects):
      let banded = x.band != nil && y.band != nil
      let rows = rects.map { r -> JSONValue in
        if banded {
          return .object([
            "x": value((r.x0 + r.x1) / 2, x), "y": value((r.y0 + r.y1) / 2, y), "color": .string(r.fill.hex),
          ])
        }
        return .object([
          "x": value(r.x0, x), "x2": value(r.x1, x), "y": value(r.y0, y), "y2": value(r.y1, y),
          "color": .string(r.fill.hex),
        ])
      }
      var encoding = axes(panel)
      if !banded {
        encoding["x2"] = .object(["field": "x2"])
        encoding["y2"] = .object(["field": "y2"])
      }
      encoding["color"] = literalColor
      return .object(["data": data(rows), "mark": .object(["type": "rect"]), "encoding": .object(encoding)])
    case .bars(let bars):
      let horizontal = bars.first?.horizontal ?? false
      let rows = bars.map { b -> JSONValue in
        horizontal
          ? .object(["x": number(b.value), "y": value(Double(b.index), y), "color": .string(b.fill.hex)])
          : .object(["x": value(Double(b.index), x), "y": number(b.value), "color": .string(b.fill.hex)])
      }
      var encoding = axes(panel)
      encoding["color"] = literalColor
      return .object(["data": data(rows), "mark": .object(["type": "bar"]), "encoding": .object(encoding)])
    case .texts(let texts):
      guard let first = texts.first else { return nil }
      let rows = texts.map { t in
        JSONValue.object([
          "x": value(t.x, x), "y": value(t.y, y), "text": .string(t.text), "color": .string(t.color.hex),
        ])
      }
      var encoding = axes(panel)
      encoding["text"] = .object(["field": "text", "type": "nominal"])
      encoding["color"] = literalColor
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
        "type": "rule", "color": .string(rule.color.hex),
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
      return .object([
        "data": data(rows),
        "layer": .array([
          .object([
            "mark": .object(["type": "rule"]),
            "encoding": .object(["x": xEnc, "y": yEnc("lo"), "y2": .object(["field": "hi"])]),
          ]),
          .object([
            "mark": .object(["type": "bar", "opacity": 0.55, "stroke": "#333333", "width": .object(["band": 0.6])]),
            "encoding": .object(["x": xEnc, "y": yEnc("q1"), "y2": .object(["field": "q3"]), "color": literalColor]),
          ]),
          .object([
            "mark": .object(["type": "tick", "color": "#111111", "thickness": 2, "width": .object(["band": 0.6])]),
            "encoding": .object(["x": xEnc, "y": yEnc("median")]),
          ]),
        ]),
      ])
    }
  }

  // MARK: - Encodings and values

  /// Uses each row's `color` field as the colour itself, without a legend.
  static let literalColor: JSONValue = .object(["field": "color", "type": "nominal", "scale": nil, "legend": nil])

  static func seriesColor(_ domain: [JSONValue], _ range: [JSONValue], title: String?) -> JSONValue {
    .object([
      "field": "series", "type": "nominal", "title": title.map(JSONValue.string) ?? .null,
      "scale": .object(["domain": .array(domain), "range": .array(range)]),
    ])
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
