import JupyterProtocol
import ShopMineData
import ShopMineLearning
import ShopMineRendering

extension VerbSpec {
  /// `t = tree train target churned on browse_time, … depth 4`: a CART decision tree; `trace` shows each
  /// split chosen and the impurity it removed.
  static let tree = VerbSpec(
    "tree", summary: "decision tree classifier (CART, gini or entropy)",
    options: [
      LearningArguments.target, LearningArguments.features,
      ParameterSpec.integer("depth", in: 0...1_000, "longest root-to-leaf path in splits; unlimited when left out"),
      ParameterSpec.integer("minleaf", default: 1, in: 1...Int.max, "fewest training rows in a leaf"),
      ParameterSpec.integer("minsplit", default: 2, in: 2...Int.max, "fewest rows in a node to try a split"),
      ParameterSpec(
        "criterion", .word(DecisionTreeOptions.Criterion.allCases.map(\.rawValue)), "gini (default) or entropy"),
      ParameterSpec("trace", .flag, "show each split chosen and the impurity it removed"),
    ],
    schema: { _ in nil },
    evaluate: { inv throws(Diagnostic) in
      var options = DecisionTreeOptions()
      options.maxDepth = try inv.int("depth")
      options.minLeaf = try inv.integer("minleaf")
      options.minSplit = try inv.integer("minsplit")
      if let c = inv.word("criterion").flatMap(DecisionTreeOptions.Criterion.init(rawValue:)) { options.criterion = c }
      let settings = options
      let (object, _) = try ClassifierFit.run(inv, label: "tree") { data, cancellation, progress throws(TableError) in
        .tree(try DecisionTreeModel.fit(data, options: settings, cancellation: cancellation, progress: progress))
      }
      if inv.has("trace"), case .tree(let model) = object.model {
        inv.sink.display(TreeTrace.bundle(model, options: inv.session.displayOptions), displayID: nil)
      }
      return .object(object)
    })
}

/// The walk-through of `tree … trace`: every split in the order it was made.
enum TreeTrace {
  static func bundle(_ model: DecisionTreeModel, options: DisplayOptions) -> MIMEBundle {
    let criterion = model.options.criterion.rawValue
    let sentences = TreeText.splitSentences(model)
    var blocks: [SummaryDocument.Block] = [
      .text(
        "At each node the tree tries every feature and every threshold halfway between neighbouring values, and keeps the split whose two children have the lowest weighted \(criterion) (ties: the earlier feature, then the smaller threshold). A node stops splitting when it is pure, at the depth limit, or too small."
      )
    ]
    blocks +=
      sentences.isEmpty ? [.text("No split was made: the root is already a leaf.")] : sentences.map { .text($0) }
    var tableOptions = options
    tableOptions.rows = max(options.rows, min(model.splits.count, 60))
    blocks.append(.table(model.splitTable(), title: "splits in the order they were made"))
    let document = SummaryDocument(
      title: "Decision tree walk-through: \(model.splits.count) split\(model.splits.count == 1 ? "" : "s")",
      sections: [SummaryDocument.Section(blocks: blocks)])
    return SummaryRenderer.bundle(document, options: ModelDisplay.tableOptions(tableOptions))
  }
}
