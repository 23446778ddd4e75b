import RichOutput

/// A node of a tree diagram (a decision tree's split or leaf): text lines in a box, children below.
public struct TreeNode: Sendable, Hashable {
  public var lines: [String]
  /// Text on the edge from the parent (`yes`, `≤ 3.5`).
  public var edgeLabel: String?
  public var children: [TreeNode]
  /// Box tint (for example the majority class colour); drawn light so text stays readable.
  public var color: RGBColor?

  public init(lines: [String], edgeLabel: String? = nil, children: [TreeNode] = [], color: RGBColor? = nil) {
    self.lines = lines
    self.edgeLabel = edgeLabel
    self.children = children
    self.color = color
  }
}

/// Draws a tree top-down: leaves side by side in order, each parent centred over its children.
///
/// - Complexity: O(nodes). Callers limit depth (a depth-4 binary tree has 16 leaves, ~1,900 px wide).
public enum TreeDiagram {
  static let fontSize = 11.0
  static let lineHeight = 14.0
  static let padding = 6.0
  static let horizontalGap = 14.0
  static let verticalGap = 44.0

  struct Placed {
    var node: TreeNode
    var depth: Int
    var centerX: Double
    var width: Double
    var height: Double
    var parent: Int?
  }

  public static func render(
    _ root: TreeNode, title: String? = nil, description: String, theme: ChartTheme = .auto
  ) -> RenderedChart {
    var placed: [Placed] = []
    var nextLeftEdge = 20.0
    // Post-order placement: children first, then the parent over them.
    @discardableResult
    func place(_ node: TreeNode, depth: Int, parent: Int?) -> Int {
      let width = (node.lines.map { TextMetrics.width($0, fontSize: fontSize) }.max() ?? 20) + 2 * padding
      let height = Double(max(1, node.lines.count)) * lineHeight + 2 * padding
      let index = placed.count
      placed.append(Placed(node: node, depth: depth, centerX: 0, width: width, height: height, parent: parent))
      if node.children.isEmpty {
        placed[index].centerX = nextLeftEdge + width / 2
        nextLeftEdge += width + horizontalGap
      } else {
        let kids = node.children.map { place($0, depth: depth + 1, parent: index) }
        let centre = (placed[kids[0]].centerX + placed[kids[kids.count - 1]].centerX) / 2
        // A parent wider than its children's span pushes later subtrees right.
        let left = centre - width / 2
        if left < 20 { placed[index].centerX = 20 + width / 2 } else { placed[index].centerX = centre }
        nextLeftEdge = max(nextLeftEdge, placed[index].centerX + width / 2 + horizontalGap)
      }
      return index
    }
    place(root, depth: 0, parent: nil)
    let depthCount = (placed.map(\.depth).max() ?? 0) + 1
    var levelHeight = [Double](repeating: 0, count: depthCount)
    for p in placed { levelHeight[p.depth] = max(levelHeight[p.depth], p.height) }
    let titleHeight = title == nil ? 16.0 : 44
    var levelTop = [Double](repeating: titleHeight, count: depthCount)
    for d in 1..<max(1, depthCount) { levelTop[d] = levelTop[d - 1] + levelHeight[d - 1] + verticalGap }
    let width = max(200, nextLeftEdge - horizontalGap + 20)
    let height = (levelTop.last ?? titleHeight) + (levelHeight.last ?? 0) + 20

    var svg = SVGWriter()
    if let title {
      svg.text(
        TextMetrics.truncate(title, toWidth: width - 20, fontSize: 16), x: width / 2, y: 26, anchor: .middle,
        size: 16, weight: "bold")
    }
    let n = SVGWriter.number
    for p in placed {
      guard let parent = p.parent else { continue }
      let q = placed[parent]
      let (x1, y1) = (q.centerX, levelTop[q.depth] + q.height)
      let (x2, y2) = (p.centerX, levelTop[p.depth])
      let edge: [(String, String)] = [("stroke", Palette.neutral.hex), ("stroke-width", "1.2")]
      guard let label = p.node.edgeLabel else {
        svg.element("line", [("x1", n(x1)), ("y1", n(y1)), ("x2", n(x2)), ("y2", n(y2))] + edge)
        continue
      }
      // The edge stops short of its label, 9 px above and below the middle: a gap needs no background
      // colour to cut with, so the label reads the same on a transparent chart as on a card.
      let (mx, my) = ((x1 + x2) / 2, (y1 + y2) / 2)
      func at(_ y: Double) -> Double { x1 + (x2 - x1) * (y - y1) / (y2 - y1) }
      svg.element("line", [("x1", n(x1)), ("y1", n(y1)), ("x2", n(at(my - 9))), ("y2", n(my - 9))] + edge)
      svg.element("line", [("x1", n(at(my + 9))), ("y1", n(my + 9)), ("x2", n(x2)), ("y2", n(y2))] + edge)
      svg.text(label, x: mx, y: my, anchor: .middle, size: 10, fill: theme.mutedInk.hex, baseline: .middle)
    }
    for p in placed {
      let top = levelTop[p.depth]
      let tint = p.node.color ?? RGBColor(hex: 0xDDDDDD)
      svg.element(
        "rect",
        [
          ("x", n(p.centerX - p.width / 2)), ("y", n(top)), ("width", n(p.width)),
          ("height", n(p.height)), ("rx", "4"), ("fill", RGBColor.mix(tint, RGBColor(hex: 0xFFFFFF), 0.78).hex),
          ("stroke", tint.hex), ("stroke-width", "1.2"),
        ])
      // Node boxes are pale tints in every theme, so their text is always dark.
      for (i, line) in p.node.lines.enumerated() {
        svg.text(
          line, x: p.centerX, y: top + padding + lineHeight * (Double(i) + 0.5), anchor: .middle, size: fontSize,
          weight: i == 0 ? "bold" : nil, fill: nodeInk.hex, baseline: .middle)
      }
    }
    let doc = svg.document(
      width: width, height: height, title: title ?? description, description: description, theme: theme)
    return RenderedChart(
      svg: doc, description: description,
      vegaLite: VegaLite.themed(
        vegaLite(placed, levelTop: levelTop, title: title, width: width, height: height, description: description),
        theme),
      theme: theme.name, source: .tree(root, title: title, description: description))
  }

  /// Text on node boxes (pale tints of the node colour): 12:1 or more on every tint.
  static let nodeInk = RGBColor(hex: 0x222222)

  /// Node boxes as text marks and edges as rules at the same pixel positions, axes hidden.
  static func vegaLite(
    _ placed: [Placed], levelTop: [Double], title: String?, width: Double, height: Double,
    description: String
  ) -> JSONValue {
    let hidden: JSONValue = .null
    let x: JSONValue = .object([
      "field": "x", "type": "quantitative", "axis": hidden,
      "scale": .object(["domain": .array([0, VegaLite.number(width)])]),
    ])
    let y: JSONValue = .object([
      "field": "y", "type": "quantitative", "axis": hidden,
      "scale": .object(["domain": .array([VegaLite.number(height), 0])]),
    ])
    let edges = placed.compactMap { p -> JSONValue? in
      guard let parent = p.parent else { return nil }
      let q = placed[parent]
      return .object([
        "x": VegaLite.number(q.centerX), "y": VegaLite.number(levelTop[q.depth] + q.height),
        "x2": VegaLite.number(p.centerX), "y2": VegaLite.number(levelTop[p.depth]),
        "label": p.node.edgeLabel.map(JSONValue.string) ?? .null,
      ])
    }
    let nodes = placed.map { p -> JSONValue in
      .object([
        "x": VegaLite.number(p.centerX), "y": VegaLite.number(levelTop[p.depth] + p.height / 2),
        "text": .string(p.node.lines.joined(separator: "\n")),
      ])
    }
    var spec: [String: JSONValue] = [
      "$schema": .string(VegaLite.schema), "description": .string(description),
      "width": VegaLite.number(width), "height": VegaLite.number(height),
      "layer": .array([
        .object([
          "data": .object(["values": .array(edges)]),
          "mark": .object(["type": "rule", "color": .string(Palette.neutral.hex)]),
          "encoding": .object(["x": x, "y": y, "x2": .object(["field": "x2"]), "y2": .object(["field": "y2"])]),
        ]),
        .object([
          "data": .object(["values": .array(nodes)]),
          "mark": .object(["type": "text", "lineBreak": "\n", "fontSize": 11]),
          "encoding": .object(["x": x, "y": y, "text": .object(["field": "text", "type": "nominal"])]),
        ]),
      ]),
    ]
    if let title { spec["title"] = .string(title) }
    return .object(spec)
  }
}
