import RichOutput

/// A drawn chart in every representation a bundle needs.
public struct RenderedChart: Sendable, Hashable {
  /// Standalone SVG 1.1 document.
  public var svg: String
  /// One line for `text/plain` and alt text, e.g. `scatter of spend by browse_time (300 points), coloured by city`.
  public var description: String
  /// The same chart as a Vega-Lite v5 spec with its data inline.
  public var vegaLite: JSONValue
  /// The theme ``svg`` and ``vegaLite`` were drawn in.
  public private(set) var theme: ChartTheme.Name
  /// What the chart was drawn from, so ``themed(_:)`` can draw it again in another theme.
  private var source: Source?

  enum Source: Sendable, Hashable {
    case figure(ChartFigure)
    case tree(TreeNode, title: String?, description: String)
  }

  /// A chart from finished parts (it cannot be redrawn in another theme).
  public init(svg: String, description: String, vegaLite: JSONValue) {
    self.svg = svg
    self.description = description
    self.vegaLite = vegaLite
    self.theme = .auto
    self.source = nil
  }

  /// Renders `figure` in `theme`, deriving the Vega-Lite spec from its marks (see ``VegaLite/spec(for:theme:)``).
  public init(figure: ChartFigure, theme: ChartTheme = .auto) {
    self.init(
      svg: figure.svg(theme: theme), description: figure.description,
      vegaLite: VegaLite.spec(for: figure, theme: theme))
    self.theme = theme.name
    self.source = .figure(figure)
  }

  init(svg: String, description: String, vegaLite: JSONValue, theme: ChartTheme.Name, source: Source) {
    self.init(svg: svg, description: description, vegaLite: vegaLite)
    self.theme = theme
    self.source = source
  }

  /// The same chart drawn in `theme` (itself when it already is, or when it has no source to redraw).
  public func themed(_ theme: ChartTheme) -> RenderedChart {
    guard theme.name != self.theme, let source else { return self }
    switch source {
    case .figure(let figure): return RenderedChart(figure: figure, theme: theme)
    case .tree(let root, let title, let description):
      return TreeDiagram.render(root, title: title, description: description, theme: theme)
    }
  }
}
