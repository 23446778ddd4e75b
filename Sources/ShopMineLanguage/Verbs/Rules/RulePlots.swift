import ShopMineData
import ShopMineRendering
import ShopMineRules

// The `plot` verb itself lives in Verbs/Plot/ (PlotVerb.swift); `rules` and `items` are registered as
// kinds in Verbs/Plot/Kinds/RulePlotKinds.swift and drawn here.

/// The charts of the association-rules family.
enum RulePlots {
  /// Support against confidence, one bubble per rule, coloured and sized by lift.
  static func rules(_ inv: VerbInvocation) throws(Diagnostic) -> RenderedChart {
    let table = try inv.table()
    func numbers(_ name: String) throws(Diagnostic) -> [Double] {
      guard let column = table.column(named: name) else {
        throw Diagnostic(
          "'plot rules' needs a rules table with column '\(name)'", at: inv.call.subject?.span ?? inv.call.verbSpan,
          name: "ColumnError", notes: [Errors.columnsNote(table.columnNames)],
          suggestions: ["rules = fpgrowth orders basket order_id item product_id support 0.01 confidence 0.3"])
      }
      return column.doubles().map { $0 ?? .nan }
    }
    let support = try numbers("support")
    let confidence = try numbers("confidence")
    let lift = try numbers("lift")
    guard table.rowCount > 0 else {
      throw inv.error("there are no rules to plot (lower 'support' or 'confidence')")
    }
    let title = try inv.string("title") ?? "\(table.rowCount) rules: confidence against support, by lift"
    let figure = ChartFigure.bubbles(
      xs: support, ys: confidence, sizes: lift, colors: lift, xTitle: "support", yTitle: "confidence",
      sizeTitle: "lift", colorTitle: "lift", title: title)
    return RenderedChart(figure: figure)
  }

  /// The `top` most frequent items as horizontal bars (baskets containing each item).
  static func items(_ inv: VerbInvocation) throws(Diagnostic) -> RenderedChart {
    let table = try inv.table()
    let baskets = try BasketArguments.baskets(inv, table)
    let top = try inv.integer("top")
    var catalog: ProductCatalog? = nil
    if let e = inv.expression("with") {
      let (_, item) = try BasketArguments.columns(inv, table)
      guard case .table(let products) = try inv.evaluate(e), let c = ProductCatalog(products, itemColumn: item) else {
        throw Diagnostic("'with' needs a products table with a 'name' column", at: e.span, name: "TypeError")
      }
      catalog = c
    }
    let n = min(top, baskets.itemCount)
    guard n > 0 else { throw inv.error("there are no items to plot") }
    // Items are coded by descending basket count (ties by natural id), so the first n codes are the top n.
    let labels = (0..<n).map { code in
      catalog?.describe(baskets.itemLabels[code]) ?? ValueFormatter.text(baskets.itemLabels[code])
    }
    let values = (0..<n).map { Double(baskets.itemCounts[$0]) }
    let (_, itemName) = try BasketArguments.columns(inv, table)
    let title = try inv.string("title") ?? "Top \(n) items by baskets (of \(baskets.basketCount))"
    let figure = ChartFigure.horizontalBars(
      labels: labels, values: values, valueTitle: "baskets containing the item", labelTitle: itemName, title: title)
    return RenderedChart(figure: figure)
  }
}
