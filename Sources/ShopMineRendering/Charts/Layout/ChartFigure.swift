import Foundation

/// A whole chart: title, one or more panels in a grid (small multiples), legends on the right and a
/// caption underneath. This is the composable unit model plots build; ``svg()`` renders it.
///
/// ```swift
/// let panel = PlotPanel(x: .linear(LinearScale(domain: 0...10)), y: .linear(LinearScale(domain: 0...1)),
///                       xTitle: "k", yTitle: "inertia", marks: [.line(LineMark(xs: ks, ys: inertia, markers: true))])
/// let svg = ChartFigure(title: "Elbow", panels: [panel], description: "inertia by k").svg()
/// ```
public struct ChartFigure: Sendable, Hashable {
  public var width: Double
  public var height: Double
  public var title: String?
  /// A note under the plot (sampling, binning, omitted rows).
  public var caption: String?
  public var panels: [PlotPanel]
  /// Panels per row; `nil` picks ⌈√n⌉.
  public var columns: Int?
  public var legends: [Legend]
  /// One line saying what is plotted: the SVG `<desc>` and the bundle's `text/plain`.
  public var description: String

  public init(
    width: Double = 640, height: Double = 400, title: String? = nil, caption: String? = nil,
    panels: [PlotPanel], columns: Int? = nil, legends: [Legend] = [], description: String
  ) {
    self.width = max(160, min(width, 4000))
    self.height = max(120, min(height, 4000))
    self.title = title
    self.caption = caption
    self.panels = panels
    self.columns = columns
    self.legends = legends
    self.description = description
  }

  static let titleSize = 16.0

  /// The standalone SVG document, in `theme`'s background and ink (data colours do not change).
  public func svg(theme: ChartTheme = .auto) -> String {
    var svg = SVGWriter()
    let titleHeight = title == nil ? 6.0 : 34
    if let title {
      svg.text(
        TextMetrics.truncate(title, toWidth: width - 24, fontSize: Self.titleSize), x: width / 2, y: 23,
        anchor: .middle, size: Self.titleSize, weight: "bold")
    }
    let captionLines = caption.map { wrap($0, width: width - 24, fontSize: 11) } ?? []
    let captionHeight = captionLines.isEmpty ? 0 : Double(captionLines.count) * 14 + 6
    let gridHeight = height - titleHeight - captionHeight
    // Legends stack in a right-hand column as wide as the widest of them.
    let legendSizes = legends.map { LegendRenderer.size($0, maxHeight: gridHeight - 16) }
    let legendWidth = legendSizes.isEmpty ? 0 : (legendSizes.map(\.width).max() ?? 0) + 34
    let grid = Rect(x: 0, y: titleHeight, width: width - legendWidth, height: gridHeight)
    let n = max(1, panels.count)
    let cols = max(1, min(n, columns ?? Int(Double(n).squareRoot().rounded(.up))))
    let rows = (n + cols - 1) / cols
    let cellWidth = grid.width / Double(cols)
    let cellHeight = grid.height / Double(rows)
    for (i, panel) in panels.enumerated() {
      let cell = Rect(
        x: grid.x + Double(i % cols) * cellWidth, y: grid.y + Double(i / cols) * cellHeight,
        width: cellWidth, height: cellHeight)
      PanelRenderer.draw(panel, in: cell, theme: theme, into: &svg)
    }
    var legendY = titleHeight + 10
    for (legend, size) in zip(legends, legendSizes) {
      LegendRenderer.draw(
        legend, x: width - legendWidth + 16, y: legendY, maxHeight: gridHeight - 16, theme: theme, into: &svg)
      legendY += size.height + 14
    }
    for (i, line) in captionLines.enumerated() {
      svg.text(line, x: 12, y: height - captionHeight + 14 + Double(i) * 14, size: 11, fill: theme.mutedInk.hex)
    }
    return svg.document(
      width: width, height: height, title: title ?? description, description: description, theme: theme)
  }

  /// Greedy word wrap by estimated width (at most three lines; the last ends in `…` if cut).
  func wrap(_ text: String, width: Double, fontSize: Double) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      let candidate = current.isEmpty ? String(word) : current + " " + word
      if TextMetrics.width(candidate, fontSize: fontSize) > width && !current.isEmpty {
        lines.append(current)
        current = String(word)
      } else {
        current = candidate
      }
    }
    if !current.isEmpty { lines.append(current) }
    if lines.count > 3 {
      lines = Array(lines.prefix(3))
      lines[2] = TextMetrics.truncate(lines[2] + " …", toWidth: width, fontSize: fontSize)
    }
    return lines.map { TextMetrics.truncate($0, toWidth: width, fontSize: fontSize) }
  }
}
