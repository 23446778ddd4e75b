import Foundation

/// What an axis draws: its ticks (labels already truncated or thinned) and how much room they need.
///
/// Planning happens before drawing so the layout can size margins to the labels: nothing is clipped,
/// and labels that would overlap are rotated (band axes) or thinned (every k-th label kept).
struct AxisPlan: Sendable, Hashable {
  var ticks: [Tick]
  /// Band labels rotated by −45°.
  var rotated: Bool
  /// Pixels the labels need perpendicular to the axis, beyond the tick marks.
  var extent: Double
  /// Pixels the first label reaches before the axis start (rotated labels lean left).
  var leadingOverhang: Double
  /// Pixels the last label reaches past the axis end.
  var trailingOverhang: Double

  static let fontSize = 11.0
  static let tickLength = 5.0
  static let labelGap = 3.0
  /// Band labels longer than this end in `…`.
  static let maxBandLabelWidth = 120.0

  /// Plans a horizontal axis for `scale`, already mapped onto its pixel range.
  static func horizontal(_ scale: PositionScale) -> AxisPlan {
    let range = MarkRenderer.pixelRange(scale)
    let length = range.upperBound - range.lowerBound
    if let band = scale.band {
      var ticks = scale.ticks(count: 0).map {
        Tick(value: $0.value, label: TextMetrics.truncate($0.label, toWidth: maxBandLabelWidth, fontSize: fontSize))
      }
      let widths = ticks.map { TextMetrics.width($0.label, fontSize: fontSize) }
      let maxWidth = widths.max() ?? 0
      let step = abs(band.step)
      if maxWidth + 6 <= step {
        let overhang = max(0, (widths.last ?? 0) / 2 - step / 2)
        return AxisPlan(
          ticks: ticks, rotated: false, extent: fontSize, leadingOverhang: overhang,
          trailingOverhang: overhang)
      }
      // Rotated labels are parallel lines step·sin45° apart; keep every k-th so lines stay a font apart.
      let every = max(1, Int((fontSize * 1.15 / (step * 0.7071)).rounded(.up)))
      ticks = thin(ticks, every: every)
      let firstWidth = widths.first ?? 0
      return AxisPlan(
        ticks: ticks, rotated: true, extent: maxWidth * 0.7071 + fontSize * 0.7071 + 2,
        leadingOverhang: max(0, firstWidth * 0.7071 - abs(band.center(0) - band.range.0)),
        trailingOverhang: 0)
    }
    var count = max(2, Int(length / 60))
    while true {
      let ticks = scale.ticks(count: count)
      if !overlaps(ticks, scale: scale, gap: 10) || count <= 2 {
        var shown = ticks
        var every = 1
        while overlaps(shown, scale: scale, gap: 10) && every < 10 {
          every += 1
          shown = thin(ticks, every: every)
        }
        let labelled = shown.filter { !$0.label.isEmpty }
        let lastOverhang =
          labelled.last.map {
            TextMetrics.width($0.label, fontSize: fontSize) / 2 - (range.upperBound - scale.map($0.value))
          } ?? 0
        let firstOverhang =
          labelled.first.map {
            TextMetrics.width($0.label, fontSize: fontSize) / 2 - (scale.map($0.value) - range.lowerBound)
          } ?? 0
        return AxisPlan(
          ticks: shown, rotated: false, extent: fontSize, leadingOverhang: max(0, firstOverhang),
          trailingOverhang: max(0, lastOverhang))
      }
      count -= 1
    }
  }

  /// Plans a vertical axis for `scale`, already mapped onto its pixel range.
  static func vertical(_ scale: PositionScale) -> AxisPlan {
    let range = MarkRenderer.pixelRange(scale)
    let length = range.upperBound - range.lowerBound
    var ticks: [Tick]
    if let band = scale.band {
      ticks = scale.ticks(count: 0).map {
        Tick(value: $0.value, label: TextMetrics.truncate($0.label, toWidth: maxBandLabelWidth, fontSize: fontSize))
      }
      let every = max(1, Int((fontSize * 1.1 / max(0.1, abs(band.step))).rounded(.up)))
      ticks = thin(ticks, every: every)
    } else {
      ticks = scale.ticks(count: max(2, Int(length / 45)))
      var every = 1
      let all = ticks
      // Log axes can carry many labelled ticks; keep labels at least a line and a half apart.
      while labelSpacing(ticks, scale: scale) < fontSize * 1.5 && every < 10 {
        every += 1
        ticks = thin(all, every: every)
      }
    }
    let widths = ticks.map { TextMetrics.width($0.label, fontSize: fontSize) }
    return AxisPlan(
      ticks: ticks, rotated: false, extent: widths.max() ?? 0, leadingOverhang: fontSize / 2,
      trailingOverhang: fontSize / 2)
  }

  /// Keeps the label of every `every`-th labelled tick (the ticks themselves stay).
  static func thin(_ ticks: [Tick], every: Int) -> [Tick] {
    guard every > 1 else { return ticks }
    var k = 0
    return ticks.map { tick in
      guard !tick.label.isEmpty else { return tick }
      defer { k += 1 }
      return k % every == 0 ? tick : Tick(value: tick.value, label: "", major: tick.major)
    }
  }

  /// Whether neighbouring horizontal labels would come closer than `gap` pixels.
  static func overlaps(_ ticks: [Tick], scale: PositionScale, gap: Double) -> Bool {
    let labelled = ticks.filter { !$0.label.isEmpty }
    guard labelled.count > 1 else { return false }
    for i in 1..<labelled.count {
      let a = labelled[i - 1]
      let b = labelled[i]
      let distance = abs(scale.map(b.value) - scale.map(a.value))
      let needed = (TextMetrics.width(a.label, fontSize: fontSize) + TextMetrics.width(b.label, fontSize: fontSize)) / 2
      if distance < needed + gap { return true }
    }
    return false
  }

  /// Smallest pixel distance between labelled ticks.
  static func labelSpacing(_ ticks: [Tick], scale: PositionScale) -> Double {
    let positions = ticks.filter { !$0.label.isEmpty }.map { scale.map($0.value) }.sorted()
    guard positions.count > 1 else { return .infinity }
    return zip(positions.dropFirst(), positions).map { $0 - $1 }.min() ?? .infinity
  }
}
