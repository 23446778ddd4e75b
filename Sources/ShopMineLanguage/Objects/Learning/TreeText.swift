import ShopMineData
import ShopMineLearning
import ShopMineRendering

/// A decision tree in words and pictures: its rules as indented text (scikit-learn's `export_text`
/// layout), its feature importances, its split trace, and the diagram `plot tree` draws.
enum TreeText {
  /// Lines of rules shown at most; deeper trees end with a pointer to the full node table.
  static let ruleLineLimit = 120

  /// ```
  /// |--- purchase_freq <= 1.15
  /// |   |--- class: true (12 rows)
  /// |--- purchase_freq >  1.15
  /// ```
  static func rules(_ model: DecisionTreeModel) -> String {
    let names = model.encoding.featureNames
    var lines: [String] = []
    var omitted = 0
    // Iterative pre-order walk (no recursion on user-sized trees).
    var stack: [(node: Int, prefix: String, test: String?)] = [(0, "", nil)]
    while let (id, prefix, test) = stack.popLast() {
      guard id >= 0, id < model.nodes.count else { continue }
      let node = model.nodes[id]
      var indent = prefix
      if let test {
        if lines.count >= ruleLineLimit {
          omitted += 1
        } else {
          lines.append(prefix + "|--- " + test)
        }
        indent += "|   "
      }
      if let f = node.feature, let t = node.threshold, let left = node.left, let right = node.right {
        let name = f < names.count ? names[f] : "feature \(f)"
        let value = ModelDisplay.number(t)
        // Pushed right first so the left (≤) branch prints first.
        stack.append((right, indent, "\(name) >  \(value)"))
        stack.append((left, indent, "\(name) <= \(value)"))
      } else {
        if lines.count >= ruleLineLimit {
          omitted += 1
        } else {
          lines.append(
            indent + "|--- class: \(className(model, node.prediction)) (\(node.samples) rows\(purity(model, node)))")
        }
      }
    }
    if omitted > 0 {
      lines.append("… \(omitted) more lines (the node table in the JSON output, or `plot tree`, has them all)")
    }
    return lines.joined(separator: "\n")
  }

  static func className(_ model: DecisionTreeModel, _ index: Int) -> String {
    index >= 0 && index < model.classes.count ? model.classes[index].description : "?"
  }

  /// `, 92 % true`: the share of the leaf's predicted class, unless the leaf is pure.
  static func purity(_ model: DecisionTreeModel, _ node: DecisionTreeNode) -> String {
    guard node.samples > 0, node.prediction < node.classCounts.count else { return "" }
    let share = node.classCounts[node.prediction]
    return share == node.samples
      ? "" : ", \(ModelDisplay.percent(share, of: node.samples)) \(className(model, node.prediction))"
  }

  /// `feature`, `importance` (mean decrease in impurity, summing to 1), largest first; unused features last.
  static func importanceTable(_ model: DecisionTreeModel) -> Table {
    let names = model.encoding.featureNames
    let importances = model.featureImportances
    let order = names.indices.sorted {
      let a = $0 < importances.count ? importances[$0] : 0
      let b = $1 < importances.count ? importances[$1] : 0
      return a != b ? a > b : $0 < $1
    }
    return Table(
      uncheckedColumns: [
        Column(name: "feature", strings: order.map { names[$0] }),
        Column(name: "importance", floats: order.map { $0 < importances.count ? importances[$0] : 0 }),
      ], rowCount: order.count)
  }

  /// One sentence per split, in the order they were made: the teaching trace of `tree … trace`.
  static func splitSentences(_ model: DecisionTreeModel) -> [String] {
    let criterion = model.options.criterion.rawValue
    return model.splits.enumerated().map { i, s in
      "\(i + 1). node \(s.node) (depth \(s.depth), \(s.samples) rows, \(criterion) \(ModelDisplay.number(s.impurity))): "
        + "split on \(s.feature) ≤ \(ModelDisplay.number(s.threshold)) → \(s.leftSamples) left, \(s.rightSamples) right; "
        + "\(criterion) of the children \(ModelDisplay.number(s.childImpurity)), a decrease of \(ModelDisplay.number(s.decrease))"
    }
  }

  /// The tree diagram's nodes, down to `levels` levels (deeper subtrees become a "…" box).
  static func diagram(_ model: DecisionTreeModel, levels: Int) -> ShopMineRendering.TreeNode? {
    let names = model.encoding.featureNames
    let criterion = model.options.criterion.rawValue
    func build(_ id: Int, level: Int, edge: String?) -> ShopMineRendering.TreeNode? {
      guard id >= 0, id < model.nodes.count else { return nil }
      let node = model.nodes[id]
      let counts = node.classCounts.map(String.init).joined(separator: ", ")
      var lines: [String] = []
      let isSplit = node.feature != nil && node.left != nil && node.right != nil
      if let f = node.feature, let t = node.threshold {
        lines.append("\(f < names.count ? names[f] : "feature \(f)") ≤ \(ModelDisplay.number(t))")
      }
      lines += [
        "\(criterion) \(ModelDisplay.number(node.impurity, digits: 3))", "rows \(node.samples)", "[\(counts)]",
        "class \(className(model, node.prediction))",
      ]
      let color = Palette.color(node.prediction)
      guard isSplit, let left = node.left, let right = node.right else {
        return ShopMineRendering.TreeNode(lines: lines, edgeLabel: edge, color: color)
      }
      guard level < levels else {
        return ShopMineRendering.TreeNode(
          lines: lines, edgeLabel: edge,
          children: [ShopMineRendering.TreeNode(lines: ["…"], edgeLabel: nil, color: nil)], color: color)
      }
      let children = [build(left, level: level + 1, edge: "yes"), build(right, level: level + 1, edge: "no")]
        .compactMap { $0 }
      return ShopMineRendering.TreeNode(lines: lines, edgeLabel: edge, children: children, color: color)
    }
    return build(0, level: 0, edge: nil)
  }
}
