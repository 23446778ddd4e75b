import ShopMineRendering

extension VerbSpec {
  /// `plot KIND SUBJECT [column] options…`: draws a chart of the kind named first
  /// (`plot scatter users x browse_time y spend color city`, `plot box users spend by city`).
  ///
  /// The kinds live in ``PlotKinds``; each reads its own options from the union declared here, and an
  /// option that exists for another kind is refused with the kind's own list.
  static let plot = VerbSpec(
    "plot", summary: "draw a chart: scatter, hist, bar, line, box, heatmap, and model plots",
    subjectIndex: 1,
    positionals: [
      ParameterSpec("kind", .word(PlotKinds.names), "the chart kind: \(PlotKinds.names.joined(separator: ", "))"),
      ParameterSpec("column", .column, optional: true, "hist and box: the value column (plot box users spend)"),
    ],
    options: PlotKinds.options + [PlotOptions.interactive],
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      let name = inv.word("kind") ?? ""
      guard let kind = PlotKinds.kind(name) else {
        throw inv.error(
          at: "kind", "unknown chart kind '\(name)'", notes: ["kinds: \(PlotKinds.names.joined(separator: ", "))"]
        )
        .suggesting(name, from: PlotKinds.names)
      }
      if inv.has("column"), !kind.takesColumn {
        throw inv.error(
          at: "column", "plot \(kind.name) takes its columns as options",
          notes: ["example: \(kind.example)"])
      }
      // The parser accepts every kind's options; refuse the ones this kind would ignore. `interactive`
      // is the verb's own: every kind has a Vega-Lite view.
      for word in inv.call.arguments.keys.sorted()
      where word != "kind" && word != "column" && word != PlotOptions.interactive.name && !kind.reads(word) {
        let own = kind.options.map(\.name)
        throw inv.error(
          at: word, "plot \(kind.name) has no option '\(word)'",
          notes: [
            own.isEmpty
              ? "plot \(kind.name) takes no options" : "options of plot \(kind.name): \(own.joined(separator: ", "))"
          ]
        )
        .suggesting(word, from: own)
      }
      // Every kind's chart is redrawn in the session's theme (a no-op when drawn in it already) and
      // packed static (with the <img> JupyterLab shows) or interactive (without it, so the Vega-Lite
      // view wins): `set charts interactive` for the session, `interactive` for one plot.
      let chart = try kind.draw(inv).themed(.named(inv.session.chartTheme))
      let interactive = inv.session.interactiveCharts || inv.has(PlotOptions.interactive.name)
      return .display(ChartBundle.make(chart, interactive: interactive))
    })
}
