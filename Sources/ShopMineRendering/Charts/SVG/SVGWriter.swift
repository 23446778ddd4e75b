import RichOutput
import ShopMineData

/// Builds SVG markup with fixed number formatting and ordered attributes, so bytes are deterministic.
///
/// Attributes are written in the order given (never from a dictionary); coordinates use at most two
/// decimals (``SVGWriter/number(_:)``); all text goes through ``Escaping/xml(_:)``. No element gets an
/// `id`: several charts can share one HTML page without id clashes, and nothing random enters the bytes.
public struct SVGWriter: Sendable {
  /// The markup written so far (the document body, without the `<svg>` wrapper).
  public private(set) var body: String = ""

  public init() {}

  /// A coordinate or length: two decimals at most, trailing zeros trimmed, `-0` as `0`.
  public static func number(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    return DecimalFormat.trimmed(value, maxDecimals: 2)
  }

  /// An attribute list rendered as ` name="value"…` (values escaped).
  public static func attributes(_ attributes: [(String, String)]) -> String {
    var out = ""
    for (name, value) in attributes { out += " \(name)=\"\(Escaping.xml(value))\"" }
    return out
  }

  /// Appends a self-closing element: `<name a="…"/>`.
  public mutating func element(_ name: String, _ attributes: [(String, String)]) {
    body += "<\(name)\(Self.attributes(attributes))/>\n"
  }

  /// Appends an opening tag; pair with ``close(_:)``.
  public mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
    body += "<\(name)\(Self.attributes(attributes))>\n"
  }

  /// Appends a closing tag.
  public mutating func close(_ name: String) {
    body += "</\(name)>\n"
  }

  /// Appends an element with escaped text content: `<name …>text</name>`.
  public mutating func textElement(_ name: String, _ attributes: [(String, String)], _ text: String) {
    body += "<\(name)\(Self.attributes(attributes))>\(Escaping.xml(text))</\(name)>\n"
  }

  /// Appends pre-built markup (used for hot paths that format many small elements at once).
  public mutating func raw(_ markup: String) {
    body += markup
  }

  /// Appends a `<text>` at (x, y).
  public mutating func text(
    _ content: String, x: Double, y: Double, anchor: TextAnchor = .start, size: Double? = nil,
    weight: String? = nil, fill: String? = nil, rotate: Double? = nil, baseline: TextBaseline = .alphabetic
  ) {
    // Vertical centring by a fixed 0.35em shift rather than `dominant-baseline`, which some renderers
    // (librsvg, older browsers) ignore.
    let y = baseline == .middle ? y + (size ?? 12) * 0.35 : y
    var attrs: [(String, String)] = [("x", Self.number(x)), ("y", Self.number(y))]
    if anchor != .start { attrs.append(("text-anchor", anchor.rawValue)) }
    if let size { attrs.append(("font-size", Self.number(size))) }
    if let weight { attrs.append(("font-weight", weight)) }
    if let fill { attrs.append(("fill", fill)) }
    if let rotate {
      attrs.append(("transform", "rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))"))
    }
    textElement("text", attrs, content)
  }

  /// A complete standalone SVG 1.1 document around ``body``.
  ///
  /// The font stack ends in the generic `sans-serif` and names CJK families before it, so Chinese,
  /// Japanese and Korean labels render wherever such a font exists. Text inherits the theme's ink from
  /// the root; the theme's background, if it has one, is a rectangle under everything (``ChartTheme/auto``
  /// has none, so the chart shows on whatever the notebook paints, light or dark).
  public func document(
    width: Double, height: Double, title: String, description: String, theme: ChartTheme = .auto
  ) -> String {
    let w = Self.number(width)
    let h = Self.number(height)
    var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(w)\" height=\"\(h)\""
    out += " viewBox=\"0 0 \(w) \(h)\" font-family=\"\(Self.fontStack)\" font-size=\"12\" fill=\"\(theme.ink.hex)\">\n"
    out += "<title>\(Escaping.xml(title))</title>\n"
    out += "<desc>\(Escaping.xml(description))</desc>\n"
    if let background = theme.background {
      out += "<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"\(background.hex)\"/>\n"
    }
    out += body
    out += "</svg>\n"
    return out
  }

  /// Generic font families: Latin UI fonts, then CJK families, then the generic `sans-serif`.
  public static let fontStack =
    "'Helvetica Neue', Helvetica, Arial, 'Noto Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', "
    + "'PingFang SC', 'Microsoft YaHei', 'Hiragino Sans', sans-serif"
}

/// `text-anchor` values.
public enum TextAnchor: String, Sendable, Hashable {
  case start
  case middle
  case end
}

/// Vertical placement of text relative to its y coordinate.
public enum TextBaseline: String, Sendable, Hashable {
  /// y is the baseline.
  case alphabetic
  /// y is the visual middle of the text.
  case middle
}
