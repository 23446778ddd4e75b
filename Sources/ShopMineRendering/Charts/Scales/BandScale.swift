/// Places categories in equal bands along a pixel range (bars, box plots, heatmap cells).
///
/// Follows d3's band scale: `step` is the distance between band starts, `bandwidth` the drawn part,
/// `paddingInner` the fraction of a step between bands, `paddingOuter` the fraction of a step before the
/// first and after the last band.
public struct BandScale: Sendable, Hashable {
  public var categories: [String]
  public var range: (Double, Double)
  public var paddingInner: Double
  public var paddingOuter: Double

  public init(
    categories: [String], range: (Double, Double) = (0, 1), paddingInner: Double = 0.2, paddingOuter: Double = 0.1
  ) {
    self.categories = categories
    self.range = range
    self.paddingInner = max(0, min(0.95, paddingInner))
    self.paddingOuter = max(0, paddingOuter)
  }

  public static func == (a: BandScale, b: BandScale) -> Bool {
    a.categories == b.categories && a.range.0 == b.range.0 && a.range.1 == b.range.1
      && a.paddingInner == b.paddingInner && a.paddingOuter == b.paddingOuter
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(categories)
    hasher.combine(range.0)
    hasher.combine(range.1)
  }

  /// Distance between the starts of consecutive bands (signed: negative for top-to-bottom y ranges).
  public var step: Double {
    let n = Double(max(1, categories.count))
    return (range.1 - range.0) / max(1e-9, n - paddingInner + 2 * paddingOuter)
  }

  /// Drawn width of one band (signed like ``step``).
  public var bandwidth: Double { step * (1 - paddingInner) }

  /// Start of band `index`.
  public func start(_ index: Int) -> Double {
    range.0 + step * paddingOuter + Double(index) * step
  }

  /// Centre of band `index`.
  public func center(_ index: Int) -> Double { start(index) + bandwidth / 2 }

  /// Continuous position: `v = i` is the centre of band i, `i ± 0.5` the midpoints between bands.
  @inline(__always)
  public func map(_ v: Double) -> Double { center(0) + v * step }
}
