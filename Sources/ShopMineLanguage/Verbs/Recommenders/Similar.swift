import ShopMineData
import ShopMineRecommenders

extension VerbSpec {
  /// `similar icf to item 42 top 5 with products`: the items most similar to one item.
  static let similar = VerbSpec(
    "similar", summary: "items most similar to an item (kNN neighbours or factor cosine)",
    options: [
      ParameterSpec("to", .tagged(["item"], .value), "the item id"),
      ParameterSpec.integer("top", default: 10, in: 1...100_000, "how many items"),
      ParameterSpec("with", .value, "a products table whose name and category join in"),
    ],
    schema: { _ in ["rank", "item", "score"] },
    evaluate: { inv throws(Diagnostic) in
      let model = try TrainingArguments.model(inv)
      guard let e = inv.expression("to") else {
        throw inv.error("'similar' needs an item: similar MODEL to item 42 top 5")
      }
      guard case .scalar(let item) = try inv.evaluate(e), !item.isMissing else {
        throw Diagnostic("'to item' needs an item id", at: e.span, name: "TypeError")
      }
      let k = try inv.integer("top")
      let catalog = try productCatalog(inv, model)
      let recommender = model.model
      var table: Table
      do throws(TableError) {
        table = try Recommendations.similarTable(recommender, item: item, k: k)
      } catch {
        let labels = recommender.data.itemLabels
        var d = Diagnostic(error.message, at: e.span, name: "ValueError")
        if let first = labels.first, let last = labels.last {
          d.notes.append(
            "the model knows \(labels.count) items, from \(ValueFormatter.text(first)) to \(ValueFormatter.text(last))")
        }
        throw d
      }
      if let catalog { table = catalog.annotate(table, itemColumn: "item") }
      let about = catalog?.describe(item) ?? ValueFormatter.text(item)
      return .object(
        TitledTable(kind: "similar items", table: table, title: "Items like \(about) · \(recommender.kind.rawValue)"))
    })
}
