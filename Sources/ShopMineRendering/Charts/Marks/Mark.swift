/// Marker shapes for point marks.
public enum MarkerShape: String, Sendable, Hashable {
  case circle, square, triangle, diamond, cross
}

/// A point (scatter dot, centroid marker) in data space.
public struct PointMark: Sendable, Hashable {
  public var x: Double
  public var y: Double
  /// Radius in pixels.
  public var radius: Double
  public var fill: RGBColor
  public var shape: MarkerShape

  public init(x: Double, y: Double, radius: Double = 3, fill: RGBColor = Palette.color(0), shape: MarkerShape = .circle)
  {
    self.x = x
    self.y = y
    self.radius = radius
    self.fill = fill
    self.shape = shape
  }
}

/// A polyline through data-space points (one series of a line chart, an ROC curve).
public struct LineMark: Sendable, Hashable {
  public var xs: [Double]
  public var ys: [Double]
  public var color: RGBColor
  public var width: Double
  /// Dash pattern in pixels (`[4, 3]`), empty for solid.
  public var dash: [Double]
  /// Draw a small dot at every vertex (for short series such as an elbow curve).
  public var markers: Bool
  /// Series name for the Vega-Lite spec and the legend.
  public var series: String?

  public init(
    xs: [Double], ys: [Double], color: RGBColor = Palette.color(0), width: Double = 2, dash: [Double] = [],
    markers: Bool = false, series: String? = nil
  ) {
    self.xs = xs
    self.ys = ys
    self.color = color
    self.width = width
    self.dash = dash
    self.markers = markers
    self.series = series
  }
}

/// A filled rectangle between data-space corners (histogram bins, heatmap cells, density cells).
///
/// On a band axis, `x0 = i - 0.5, x1 = i + 0.5` covers band i's whole step; bars use ``BarMark``.
public struct RectMark: Sendable, Hashable {
  public var x0: Double
  public var x1: Double
  public var y0: Double
  public var y1: Double
  public var fill: RGBColor
  public var stroke: RGBColor?
  /// The group the rect belongs to (a stacked histogram's category), for tooltips.
  public var series: String?
  /// What the rect stands for (a bin's count, a cell's value), for tooltips.
  public var value: Double?

  public init(
    x0: Double, x1: Double, y0: Double, y1: Double, fill: RGBColor, stroke: RGBColor? = nil,
    series: String? = nil, value: Double? = nil
  ) {
    self.x0 = x0
    self.x1 = x1
    self.y0 = y0
    self.y1 = y1
    self.fill = fill
    self.stroke = stroke
    self.series = series
    self.value = value
  }
}

/// A bar on a band axis: category `index`, from `base` to `value` on the other axis.
public struct BarMark: Sendable, Hashable {
  public var index: Int
  public var value: Double
  public var base: Double
  public var fill: RGBColor
  /// `true` when categories run along y and bars grow to the right.
  public var horizontal: Bool
  /// Draw the value at the bar's end.
  public var showValue: Bool
  /// The colour group of the bar (`plot bar … color region`), for tooltips.
  public var series: String?

  public init(
    index: Int, value: Double, base: Double = 0, fill: RGBColor = Palette.color(0), horizontal: Bool = false,
    showValue: Bool = false, series: String? = nil
  ) {
    self.index = index
    self.value = value
    self.base = base
    self.fill = fill
    self.horizontal = horizontal
    self.showValue = showValue
    self.series = series
  }
}

/// Text placed at a data-space position (point labels, heatmap cell values, annotations).
public struct TextMark: Sendable, Hashable {
  public var x: Double
  public var y: Double
  public var text: String
  public var anchor: TextAnchor
  /// `nil`: the theme's ink (point labels, annotations), so the text follows a light or dark theme.
  public var color: RGBColor?
  public var size: Double
  /// Pixel offsets from the data position.
  public var dx: Double
  public var dy: Double
  public var centredVertically: Bool
  /// A label beside a point (`dx` away from it): when it would overlap a label drawn before it, it moves to
  /// the left, above or below the point, and is left out when no side is free (see `MarkRenderer`).
  public var avoidsOverlap: Bool

  public init(
    x: Double, y: Double, text: String, anchor: TextAnchor = .middle, color: RGBColor? = nil,
    size: Double = 11, dx: Double = 0, dy: Double = 0, centredVertically: Bool = true, avoidsOverlap: Bool = false
  ) {
    self.avoidsOverlap = avoidsOverlap
    self.x = x
    self.y = y
    self.text = text
    self.anchor = anchor
    self.color = color
    self.size = size
    self.dx = dx
    self.dy = dy
    self.centredVertically = centredVertically
  }
}

/// A reference line: horizontal at `y`, vertical at `x`, or a segment between two data points.
public struct RuleMark: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case horizontal(y: Double)
    case vertical(x: Double)
    case segment(x0: Double, y0: Double, x1: Double, y1: Double)
  }
  public var kind: Kind
  /// `nil`: the theme's ink.
  public var color: RGBColor?
  public var width: Double
  public var dash: [Double]
  /// Text drawn at the rule's end (a threshold's value, "chance").
  public var label: String?

  public init(
    _ kind: Kind, color: RGBColor? = nil, width: Double = 1.5, dash: [Double] = [5, 4],
    label: String? = nil
  ) {
    self.kind = kind
    self.color = color
    self.width = width
    self.dash = dash
    self.label = label
  }
}

/// A box-and-whisker glyph on band `index`: quartiles, median, whiskers and outliers.
public struct BoxMark: Sendable, Hashable {
  public var index: Int
  public var q1: Double
  public var median: Double
  public var q3: Double
  public var whiskerLow: Double
  public var whiskerHigh: Double
  public var outliers: [Double]
  public var fill: RGBColor

  public init(
    index: Int, q1: Double, median: Double, q3: Double, whiskerLow: Double, whiskerHigh: Double,
    outliers: [Double] = [], fill: RGBColor = Palette.color(0)
  ) {
    self.index = index
    self.q1 = q1
    self.median = median
    self.q3 = q3
    self.whiskerLow = whiskerLow
    self.whiskerHigh = whiskerHigh
    self.outliers = outliers
    self.fill = fill
  }
}

/// One layer of a plot panel. Layers draw in order, so later layers sit on top (centroids over points).
public enum Mark: Sendable, Hashable {
  /// Points with a shared opacity (0…1) and optional series name.
  case points([PointMark], opacity: Double, series: String?)
  case line(LineMark)
  case rects([RectMark])
  case bars([BarMark])
  case texts([TextMark])
  case rule(RuleMark)
  case boxes([BoxMark])
}
