/// Colour choices: a colour-blind-safe categorical palette and continuous ramps for heatmaps.
public enum Palette {
  /// Okabe & Ito's palette (distinguishable under the common colour-vision deficiencies), reordered so
  /// the first colours have the most contrast against white; yellow and black come last.
  public static let categorical: [RGBColor] = [
    RGBColor(hex: 0x0072B2),  // blue
    RGBColor(hex: 0xE69F00),  // orange
    RGBColor(hex: 0x009E73),  // bluish green
    RGBColor(hex: 0xD55E00),  // vermillion
    RGBColor(hex: 0xCC79A7),  // reddish purple
    RGBColor(hex: 0x56B4E9),  // sky blue
    RGBColor(hex: 0xF0E442),  // yellow
    RGBColor(hex: 0x000000),  // black
  ]

  /// Grey used for an "other" bucket, missing values and reference lines.
  public static let neutral = RGBColor(hex: 0x999999)

  /// The colour of category `index`; wraps after eight (charts switch marker shapes on the second lap).
  public static func color(_ index: Int) -> RGBColor {
    categorical[((index % categorical.count) + categorical.count) % categorical.count]
  }

  /// The marker shape of category `index`: circles for the first eight, then other shapes.
  public static func shape(_ index: Int) -> MarkerShape {
    let shapes: [MarkerShape] = [.circle, .square, .triangle, .diamond]
    return shapes[(max(0, index) / categorical.count) % shapes.count]
  }
}

/// A colour ramp: evenly spaced stops interpolated linearly in sRGB.
public struct ColorRamp: Sendable, Hashable {
  public var stops: [RGBColor]

  public init(stops: [RGBColor]) { self.stops = stops.isEmpty ? [RGBColor(hex: 0)] : stops }

  /// The colour at `t` in 0…1 (clamped; NaN gives the first stop).
  public func color(_ t: Double) -> RGBColor {
    guard stops.count > 1 else { return stops[0] }
    let t = t.isFinite ? max(0, min(1, t)) : 0
    let position = t * Double(stops.count - 1)
    let i = min(Int(position), stops.count - 2)
    return RGBColor.mix(stops[i], stops[i + 1], position - Double(i))
  }

  /// Viridis (perceptually uniform, colour-blind safe, readable in greyscale), sampled at 9 stops.
  public static let viridis = ColorRamp(stops: [
    RGBColor(hex: 0x440154), RGBColor(hex: 0x472D7B), RGBColor(hex: 0x3B528B), RGBColor(hex: 0x2C728E),
    RGBColor(hex: 0x21918C), RGBColor(hex: 0x28AE80), RGBColor(hex: 0x5EC962), RGBColor(hex: 0xADDC30),
    RGBColor(hex: 0xFDE725),
  ])

  /// A light-to-dark blue ramp for counts and densities (ColorBrewer Blues).
  public static let blues = ColorRamp(stops: [
    RGBColor(hex: 0xF7FBFF), RGBColor(hex: 0xDEEBF7), RGBColor(hex: 0xC6DBEF), RGBColor(hex: 0x9ECAE1),
    RGBColor(hex: 0x6BAED6), RGBColor(hex: 0x4292C6), RGBColor(hex: 0x2171B5), RGBColor(hex: 0x08519C),
    RGBColor(hex: 0x08306B),
  ])

  /// Blue–white–red for signed values such as correlations (ColorBrewer RdBu, reversed so that
  /// negative is blue); the colour-blind-safe diverging scheme.
  public static let diverging = ColorRamp(stops: [
    RGBColor(hex: 0x2166AC), RGBColor(hex: 0x4393C3), RGBColor(hex: 0x92C5DE), RGBColor(hex: 0xD1E5F0),
    RGBColor(hex: 0xF7F7F7), RGBColor(hex: 0xFDDBC7), RGBColor(hex: 0xF4A582), RGBColor(hex: 0xD6604D),
    RGBColor(hex: 0xB2182B),
  ])
}

/// Maps numbers to colours through a ramp: `domain.lowerBound` → 0, `upperBound` → 1.
public struct ContinuousColorScale: Sendable, Hashable {
  public var domain: ClosedRange<Double>
  public var ramp: ColorRamp

  public init(domain: ClosedRange<Double>, ramp: ColorRamp = .viridis) {
    self.domain = domain
    self.ramp = ramp
  }

  /// A diverging scale centred on zero and symmetric around it (|min| and |max| → the same intensity).
  public static func diverging(maxMagnitude: Double) -> ContinuousColorScale {
    let m = maxMagnitude > 0 && maxMagnitude.isFinite ? maxMagnitude : 1
    return ContinuousColorScale(domain: -m...m, ramp: .diverging)
  }

  /// The colour of `value` (values outside the domain get the end colours).
  public func color(_ value: Double) -> RGBColor {
    let span = domain.upperBound - domain.lowerBound
    return ramp.color(span > 0 ? (value - domain.lowerBound) / span : 0.5)
  }
}
