import ShopMineData
import ShopMineRendering

extension PlotKind {
  /// `plot segments r`: customers per RFM segment as bars.
  static let segments = PlotKind(
    "segments", summary: "customers per RFM segment (from rfm)",
    options: [PlotOptions.title],
    example: "plot segments r"
  ) { inv throws(Diagnostic) in
    guard let r = inv.subject(RFMAnalysis.self) else {
      throw Diagnostic(
        "plot segments needs an RFM analysis, not \(inv.input?.describeForError ?? "nothing")",
        at: inv.call.subject?.span ?? inv.call.verbSpan, name: "TypeError",
        suggestions: ["r = rfm orders customer user_id time ts value price * quantity"])
    }
    let title = try inv.string("title")
    return InsightCharts.segmentBars(r.result.summary, title: title)
  }

  /// `plot demand el category "books"`: one group's observations with its fitted curve, log-log.
  static let demand = PlotKind(
    "demand", summary: "demand scatter with the fitted constant-elasticity curve, log-log (from elasticity)",
    options: [
      ParameterSpec("category", .value, "demand: the group to draw (its key), e.g. \"books\""),
      ParameterSpec("group", .value, "demand: the group to draw, for models grouped by another column"),
      PlotOptions.title,
    ],
    example: "plot demand el category \"books\""
  ) { inv throws(Diagnostic) in
    let model = try InsightVerbs.elasticityModel(inv, verb: "plot demand")
    let groups = model.result.estimates.map(\.group)
    var chosen: [String]? = nil
    for word in ["category", "group"] {
      guard let e = inv.expression(word) else { continue }
      guard chosen == nil else { throw inv.error(at: word, "give the group once ('category' or 'group')") }
      guard case .scalar(let v) = try inv.evaluate(e), v != .missing else {
        throw Diagnostic("'\(word)' must be one group key such as \"books\"", at: e.span, name: "TypeError")
      }
      let key = ElasticityModel.label(v)
      guard groups.contains(key) else {
        throw Diagnostic(
          "the model has no group '\(key)'", at: e.span, name: "ValueError",
          notes: ["groups: \(groups.joined(separator: ", "))"]
        )
        .suggesting(key, from: groups)
      }
      chosen = [key]
    }
    let title: String?
    if let t = try inv.string("title") {
      title = t
    } else if let g = chosen?.first, let e = model.result.estimate(for: g) {
      let level = Int((model.result.confidence * 100).rounded())
      title =
        "Demand for \(g): ε = \(DecimalFormat.sentence(e.elasticity, decimals: 2)) "
        + "(\(level)% CI \(DecimalFormat.sentence(e.ciLow, decimals: 2)) to \(DecimalFormat.sentence(e.ciHigh, decimals: 2))), n = \(e.n)"
    } else {
      title = nil
    }
    return InsightCharts.demand(model.result, groups: chosen, title: title)
  }
}
