/// Colour choices: one categorical palette for every chart and theme, and continuous ramps for heatmaps.
///
/// **The categorical palette** has twelve colours, each with a WCAG contrast of at least 3:1 (the
/// threshold for graphical objects) against white *and* against JupyterLab's dark background `#111111`,
/// so marks stay legible in the light theme, the dark theme and the transparent ``ChartTheme/auto``
/// theme alike. That confines them to a relative luminance of 0.12…0.30 (CIE L* about 41…62). Okabe &
/// Ito's blue, vermillion and bluish green qualify and open the palette; their orange, sky blue and yellow
/// are too light for white and their black too dark for `#111111`.
///
/// Measured with CIEDE2000 under normal vision and under deuteranopia and protanopia simulated after
/// Machado et al. (2009, severity 1), the closest two of the first *k* colours differ by
///
/// | k                                           | 2    | 3    | 4    | 5    | 6    | 7    | 8    |
/// |---------------------------------------------|------|------|------|------|------|------|------|
/// | worst of the three visions                  | 49.6 | 18.2 | 13.1 | 12.6 | 9.0  | 8.5  | 8.5  |
/// | normal vision                               | 49.6 | 38.4 | 38.4 | 24.4 | 24.4 | 22.8 | 21.3 |
/// | Okabe-Ito (ShopMine's former order), worst  | 55.4 | 17.9 | 12.5 | 12.3 | 12.3 | 11.6 | 11.6 |
///
/// chosen (a beam search over the band, the first three fixed) to keep the first five — what most
/// charts use — as far apart for colour-blind readers as Okabe-Ito's, and all eight far apart in normal
/// vision; the narrow luminance band costs some separation under colour-vision deficiency from the
/// sixth on. The last four (squares in scatters, dashed lines) differ from every other colour by at least
/// 18.8 in normal vision only; their marker or dash keeps them apart without colour. `ChartThemeTests`
/// checks the contrast and these differences.
public enum Palette {
  public static let categorical: [RGBColor] = [
    RGBColor(hex: 0x0072B2),  // blue (Okabe-Ito)
    RGBColor(hex: 0xD55E00),  // vermillion (Okabe-Ito)
    RGBColor(hex: 0x009E73),  // bluish green (Okabe-Ito)
    RGBColor(hex: 0xA03A79),  // berry
    RGBColor(hex: 0x9778FC),  // lavender
    RGBColor(hex: 0x948649),  // khaki
    RGBColor(hex: 0xE16778),  // rose
    RGBColor(hex: 0xC11123),  // crimson
    RGBColor(hex: 0x307401),  // forest green  — squares / dashed from here on
    RGBColor(hex: 0x2E9BAB),  // teal
    RGBColor(hex: 0x675E96),  // slate violet
    RGBColor(hex: 0xDF5BC3),  // orchid
  ]

  /// How many leading colours stay apart under colour-vision deficiencies (circles, solid lines).
  public static let distinguishable = 8

  /// Grey for categories past the palette ("other"), missing values and reference lines: 3.5:1 on
  /// white and 5.3:1 on `#111111`, at least 19.5 (CIEDE2000) from every palette colour.
  public static let neutral = RGBColor(hex: 0x888888)

  /// The colour of palette slot `index`. Table charts never go past the palette (``CategoryColors``
  /// groups the rest as "other"); model plots with more groups (k-means with k > 12) wrap around and
  /// change marker shape on every lap, so no two groups share colour *and* shape.
  public static func color(_ index: Int) -> RGBColor {
    categorical[((index % categorical.count) + categorical.count) % categorical.count]
  }

  /// The marker shape of slot `index`: circles for the distinguishable colours, squares for the rest of
  /// the palette; later laps (model plots only) use triangles and crosses.
  public static func shape(_ index: Int) -> MarkerShape {
    let index = max(0, index)
    let lap = index / categorical.count
    let extra = index % categorical.count >= distinguishable
    let shapes: [MarkerShape] = [.circle, .square, .triangle, .cross]
    return shapes[(lap * 2 + (extra ? 1 : 0)) % shapes.count]
  }

  /// The dash pattern of a line in slot `index`: solid for the distinguishable colours, dashed after.
  public static func dash(_ index: Int) -> [Double] {
    max(0, index) % categorical.count >= distinguishable ? [6, 3] : []
  }

  /// The marker of the "other" group (``neutral`` grey), unlike every slot's of the first lap.
  public static let otherShape = MarkerShape.diamond
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
