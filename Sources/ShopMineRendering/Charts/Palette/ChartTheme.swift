/// The colours of a chart that are not data: background, text, axes, gridlines and the thin outlines
/// that separate touching marks. Data colours come from ``Palette`` and are the same in every theme.
///
/// A chart reaches JupyterLab as an `<img>` of an SVG (see ``ChartBundle``), and an image cannot read the
/// page's CSS, so the SVG cannot follow JupyterLab's light or dark theme by itself. Hence:
///
/// - ``auto`` (the default) draws **no background** and one mid-grey ink, `#797979`, whose contrast is
///   4.35:1 on white and 4.34:1 on JupyterLab's dark `#111111` — the largest contrast one colour can
///   have against both (it peaks where the two ratios meet). Marks keep ≥ 3:1 on both (``Palette``), and
///   gridlines are a translucent grey that reads as light grey on white and dark grey on black. The
///   chart sits on whatever the front end paints: no white card in a dark notebook.
/// - ``light`` and ``dark`` (`set theme light|dark`) paint their own background and use full-contrast ink
///   (15.9:1 and 15.1:1): legible anywhere, for a reader who knows the notebook's theme, prints, or wants
///   WCAG AA text contrast (4.5:1), which no single ink can reach on both backgrounds.
public struct ChartTheme: Sendable, Hashable {
  /// The names `set theme` accepts.
  public enum Name: String, Sendable, Hashable, CaseIterable {
    case auto, light, dark
  }

  public var name: Name
  /// The card behind the chart; `nil` draws none (transparent).
  public var background: RGBColor?
  /// Titles, tick labels, legend labels, captions, point labels, box outlines.
  public var ink: RGBColor
  /// Captions and notes ("+3 more"): dimmer than ``ink`` where the background allows it.
  public var mutedInk: RGBColor
  /// Axis lines and ticks.
  public var axis: RGBColor
  /// Gridlines, drawn with ``gridOpacity``.
  public var grid: RGBColor
  public var gridOpacity: Double
  /// The outline drawn around points and between touching bars and cells, in the background colour so
  /// it reads as a gap; `nil` draws none (a transparent chart has no colour to cut gaps with).
  public var separator: RGBColor?

  public init(
    name: Name, background: RGBColor?, ink: RGBColor, mutedInk: RGBColor, axis: RGBColor, grid: RGBColor,
    gridOpacity: Double, separator: RGBColor?
  ) {
    self.name = name
    self.background = background
    self.ink = ink
    self.mutedInk = mutedInk
    self.axis = axis
    self.grid = grid
    self.gridOpacity = gridOpacity
    self.separator = separator
  }

  /// JupyterLab's dark background (`--jp-layout-color0` of its dark theme): the dark reference for
  /// contrast measurements and the ``dark`` theme's card.
  public static let darkReference = RGBColor(hex: 0x111111)
  /// White: the light reference and the ``light`` theme's card.
  public static let lightReference = RGBColor(hex: 0xFFFFFF)

  /// Transparent, mid-grey ink legible on both references (the default).
  public static let auto = ChartTheme(
    name: .auto, background: nil, ink: RGBColor(hex: 0x797979), mutedInk: RGBColor(hex: 0x797979),
    axis: RGBColor(hex: 0x797979), grid: RGBColor(hex: 0x808080), gridOpacity: 0.3, separator: nil)

  /// A white card with dark ink.
  public static let light = ChartTheme(
    name: .light, background: lightReference, ink: RGBColor(hex: 0x222222), mutedInk: RGBColor(hex: 0x555555),
    axis: RGBColor(hex: 0x444444), grid: RGBColor(hex: 0xE6E6E6), gridOpacity: 1, separator: lightReference)

  /// A `#111111` card with light ink.
  public static let dark = ChartTheme(
    name: .dark, background: darkReference, ink: RGBColor(hex: 0xE6E6E6), mutedInk: RGBColor(hex: 0xAAAAAA),
    axis: RGBColor(hex: 0xBBBBBB), grid: RGBColor(hex: 0x333333), gridOpacity: 1, separator: darkReference)

  /// The theme called `name`.
  public static func named(_ name: Name) -> ChartTheme {
    switch name {
    case .auto: return .auto
    case .light: return .light
    case .dark: return .dark
    }
  }

  /// The backgrounds the chart must be legible on: its own card, or both references when transparent.
  public var backgrounds: [RGBColor] { background.map { [$0] } ?? [Self.lightReference, Self.darkReference] }

  /// `stroke`/`stroke-width` attributes of a separator outline, or none.
  func separatorAttributes(width: String) -> [(String, String)] {
    separator.map { [("stroke", $0.hex), ("stroke-width", width)] } ?? []
  }
}
