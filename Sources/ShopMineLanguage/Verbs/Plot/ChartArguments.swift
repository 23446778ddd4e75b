import ShopMineData
import ShopMineRendering

/// Reads a table chart's arguments into a ``ChartSpec`` and turns chart errors into diagnostics.
enum ChartArguments {
  /// The words naming columns, checked against the table before drawing (did-you-mean at the word).
  static let columnOptions = ["x", "y", "color", "size", "labels", "facet", "by"]

  /// `plot KIND TABLE [column] options…` for the six table kinds: reads the options and draws in the
  /// session's theme, colouring categories through the session's colour map (a category keeps its
  /// colour from chart to chart; the map is kept only if the statement succeeds).
  static func draw(_ kind: ChartSpec.Kind, _ inv: VerbInvocation) throws(Diagnostic) -> RenderedChart {
    let table = try inv.table()
    let spec = try spec(kind, inv, table)
    do {
      return try Chart.render(
        spec, table, colors: &inv.session.chartColors, theme: .named(inv.session.chartTheme),
        cancellation: inv.cancellation)
    } catch {
      throw diagnostic(error, inv)
    }
  }

  /// The ``ChartSpec`` for `kind` from the call's arguments; every column is checked against `table`.
  static func spec(_ kind: ChartSpec.Kind, _ inv: VerbInvocation, _ table: Table) throws(Diagnostic) -> ChartSpec {
    func column(_ name: String) throws(Diagnostic) -> String? {
      guard inv.has(name) else { return nil }
      return try inv.columns(name, in: table).first
    }
    var spec = ChartSpec(kind: kind)
    spec.x = try column("x")
    spec.y = try column("y")
    spec.color = try column("color")
    spec.size = try column("size")
    spec.label = try column("labels")
    spec.facet = try column("facet")
    spec.by = try column("by")
    // The column after the subject is the value: hist's x, box's y (`plot box users spend by city`).
    if let written = try column("column") {
      switch kind {
      case .hist:
        guard spec.x == nil else { throw inv.error(at: "column", "give the histogram's column once, here or as 'x'") }
        spec.x = written
      case .box:
        guard spec.y == nil else { throw inv.error(at: "column", "give the box plot's column once, here or as 'y'") }
        spec.y = written
      default:
        throw inv.error(
          at: "column", "plot \(kind.rawValue) takes its columns as options",
          suggestions: [PlotKinds.kind(kind.rawValue)?.example ?? "plot \(kind.rawValue) TABLE x A y B"])
      }
    }
    spec.bins = try inv.int("bins")
    spec.title = try inv.string("title")
    spec.width = try inv.integer("width")
    spec.height = try inv.integer("height")
    switch inv.word("log") {
    case "x": spec.logX = true
    case "y": spec.logY = true
    case "xy":
      spec.logX = true
      spec.logY = true
    default: break
    }
    // Histogram counts and box values only stretch along y; a log x there would be silently ignored.
    if spec.logX, kind == .hist || kind == .box {
      throw inv.error(at: "log", "plot \(kind.rawValue) can only use a log y axis", suggestions: ["log y"])
    }
    (spec.xLimits, spec.yLimits) = try axisLimits(kind, inv)
    spec.horizontal = inv.has("horizontal")
    return spec
  }

  /// The x and y limits from `limits x|y|xy …` and the older `xlim` / `ylim`.
  ///
  /// `limits xy A` uses one range for both axes, `limits xy A, B` gives x then y. An axis may be limited
  /// once: `limits x …` with `xlim …` is refused rather than letting one silently win.
  static func axisLimits(_ kind: ChartSpec.Kind, _ inv: VerbInvocation) throws(Diagnostic)
    -> (x: ClosedRange<Double>?, y: ClosedRange<Double>?)
  {
    var x = try limits("xlim", inv)
    var y = try limits("ylim", inv)
    guard let axes = inv.word("limits") else { return (x, y) }
    let expressions = inv.expressions("limits")
    let wanted = axes == "xy" ? 1...2 : 1...1
    guard wanted.contains(expressions.count) else {
      throw inv.error(
        at: "limits",
        axes == "xy"
          ? "'limits xy' takes one range for both axes or two (x, then y), not \(expressions.count)"
          : "'limits \(axes)' takes one range, not \(expressions.count)",
        suggestions: [axes == "xy" ? "limits xy 0..100, 0..50" : "limits \(axes) 0..100"])
    }
    var ranges: [ClosedRange<Double>] = []
    for e in expressions {
      ranges.append(try bounds(try inv.evaluate(e), name: "limits \(axes)", inv, at: "limits"))
    }
    // Histograms and bars have one value axis each; the other is bins or categories.
    let allowed: String
    switch kind {
    case .hist: allowed = "x"
    case .bar, .box: allowed = "y"
    default: allowed = "xy"
    }
    guard allowed == "xy" || axes == allowed else {
      throw inv.error(
        at: "limits", "plot \(kind.rawValue) can only limit its \(allowed) axis",
        suggestions: ["limits \(allowed) 0..100"])
    }
    if axes.contains("x") {
      guard x == nil else {
        throw inv.error(
          at: "limits", "the x axis is limited twice, by 'limits' and by 'xlim'",
          suggestions: ["keep one of them"])
      }
      x = ranges[0]
    }
    if axes.contains("y") {
      guard y == nil else {
        throw inv.error(
          at: "limits", "the y axis is limited twice, by 'limits' and by 'ylim'",
          suggestions: ["keep one of them"])
      }
      y = ranges[ranges.count - 1]
    }
    return (x, y)
  }

  /// `xlim [0, 100]` or `xlim 0..100`: a low and a high bound, low < high.
  static func limits(_ name: String, _ inv: VerbInvocation) throws(Diagnostic) -> ClosedRange<Double>? {
    guard let value = try inv.value(name) else { return nil }
    return try bounds(value, name: name, inv, at: name)
  }

  /// A range or a two-number list as a closed range, naming `name` (as the user wrote it) in errors.
  static func bounds(_ value: RuntimeValue, name: String, _ inv: VerbInvocation, at option: String)
    throws(Diagnostic) -> ClosedRange<Double>
  {
    var bounds: [Double] = []
    switch value {
    case .range(let a, let b): bounds = [Double(a), Double(b)]
    case .list(let items):
      for item in items {
        guard case .scalar(let s) = item, s.columnType != .bool, let d = s.doubleValue, d.isFinite else {
          bounds = []
          break
        }
        bounds.append(d)
      }
    default: break
    }
    guard bounds.count == 2 else {
      throw inv.error(
        at: option, "'\(name)' must be two numbers, not \(value.describeForError)",
        suggestions: ["\(name) [0, 100]"])
    }
    guard bounds[0] < bounds[1] else {
      throw inv.error(
        at: option, "'\(name)' needs its low bound first and below the high one",
        suggestions: ["\(name) [\(ValueFormatter.number(bounds[1])), \(ValueFormatter.number(bounds[0]))]"])
    }
    return bounds[0]...bounds[1]
  }

  /// A ``ChartError`` as a diagnostic, pointing at the option that named the column when there is one.
  static func diagnostic(_ error: ChartError, _ inv: VerbInvocation) -> Diagnostic {
    var span = inv.call.verbSpan
    if let column = error.column {
      for name in columnOptions + ["column"] where inv.expressions(name).first?.nameValue == column {
        if let argument = inv.argument(name) { span = argument.span }
        break
      }
    }
    switch error.code {
    case .interrupted:
      return Diagnostic("interrupted", at: inv.call.verbSpan, name: "KeyboardInterrupt")
    case .unknownColumn:
      return Errors.unknownColumn(error.column ?? "", at: span, in: error.candidates)
    case .notNumeric:
      return Diagnostic(error.message, at: span, name: "TypeError")
    default:
      return Diagnostic(error.message, at: span, name: "ValueError")
    }
  }
}
