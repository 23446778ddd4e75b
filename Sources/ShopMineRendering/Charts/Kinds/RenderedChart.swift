import JupyterProtocol

/// A drawn chart in every representation a bundle needs.
public struct RenderedChart: Sendable, Hashable {
  /// Standalone SVG 1.1 document.
  public var svg: String
  /// One line for `text/plain` and alt text, e.g. `scatter of spend by browse_time (300 points), coloured by city`.
  public var description: String
  /// The same chart as a Vega-Lite v5 spec with its data inline.
  public var vegaLite: JSONValue

  public init(svg: String, description: String, vegaLite: JSONValue) {
    self.svg = svg
    self.description = description
    self.vegaLite = vegaLite
  }

  /// Renders `figure`, deriving the Vega-Lite spec from its marks (see ``VegaLite/spec(for:)``).
  public init(figure: ChartFigure) {
    self.init(svg: figure.svg(), description: figure.description, vegaLite: VegaLite.spec(for: figure))
  }
}
