/// Which palette slot each category of a colouring column has — kept by the session and passed to every
/// table chart, so a category keeps its colour across the charts of a session (and of a notebook run).
///
/// Slots are per column name: `city = "Paris"` keeps its slot in every chart coloured (or boxed) by
/// `city`, whatever order or subset of cities that chart's rows bring. A column's categories get slots
/// in order of first appearance, chart after chart, until the ``Palette`` (12 colours) is used up.
/// Categories that find no free slot are drawn in ``Palette/neutral`` grey as one "other" group, which
/// the legend and the caption name — a colour is never silently given to two categories. When one chart
/// brings more new categories than there are free slots, the most frequent of them get the slots (ties
/// in order of first appearance), so "other" holds the rarest.
public struct CategoryColors: Sendable, Hashable {
  /// Column name → category label → slot.
  private var slotsByColumn: [String: [String: Int]] = [:]

  public init() {}

  /// The slot `label` of `column` has, if any.
  public func slot(of label: String, in column: String) -> Int? { slotsByColumn[column]?[label] }

  /// How many slots `column` uses.
  public func usedSlots(in column: String) -> Int { slotsByColumn[column]?.count ?? 0 }

  /// The slot of each of `labels` (one chart's categories of `column`; `counts[i]` rows have `labels[i]`),
  /// giving free slots to categories seen for the first time; `nil` means "other".
  public mutating func assign(_ labels: [String], counts: [Int], in column: String) -> [Int?] {
    var known = slotsByColumn[column] ?? [:]
    let new = labels.indices.filter { known[labels[$0]] == nil }
    let free = max(0, Palette.categorical.count - known.count)
    var chosen = new
    if new.count > free {
      // The most frequent new categories win the free slots, which they then take in chart order.
      let ranked = new.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
      chosen = ranked.prefix(free).sorted()
    }
    for i in chosen {
      known[labels[i]] = known.count
    }
    slotsByColumn[column] = known
    return labels.map { known[$0] }
  }
}

/// One chart's categories styled through the session's ``CategoryColors``: colour, marker and dash per
/// category, the legend entries, and the caption note naming the "other" group.
struct CategoryStyle {
  /// Category labels in chart order.
  let labels: [String]
  /// Palette slot per category; `nil` for the "other" group.
  let slots: [Int?]
  let column: String

  /// Styles `labels` of `column`, with `codes` (a category index per row, `nil` for missing) giving the
  /// counts that decide who gets the last free slots.
  init(labels: [String], codes: [Int?], column: String, colors: inout CategoryColors) {
    var counts = [Int](repeating: 0, count: labels.count)
    for code in codes { if let c = code, c >= 0 && c < counts.count { counts[c] += 1 } }
    self.labels = labels
    self.column = column
    self.slots = colors.assign(labels, counts: counts, in: column)
  }

  /// Categories with slots already assigned (a subset of another style's).
  init(labels: [String], slots: [Int?], column: String) {
    self.labels = labels
    self.slots = slots
    self.column = column
  }

  /// Categories drawn as "other", in chart order.
  var grouped: [String] { labels.indices.filter { slots[$0] == nil }.map { labels[$0] } }

  /// The "other" group's name in legends and series: `other (8)`.
  var otherLabel: String { "other (\(grouped.count))" }

  func isOther(_ category: Int) -> Bool { slots[category] == nil }

  /// Colour of category `c`; ``Palette/neutral`` for the "other" group and for missing values (`nil`).
  func color(_ c: Int?) -> RGBColor { c.flatMap { slots[$0] }.map(Palette.color) ?? Palette.neutral }

  func shape(_ c: Int?) -> MarkerShape {
    guard let c else { return .circle }
    return slots[c].map(Palette.shape) ?? Palette.otherShape
  }

  func dash(_ c: Int) -> [Double] { slots[c].map(Palette.dash) ?? [] }

  /// How legend keys are drawn: swatches (bars, histograms), markers (scatter) or line samples.
  enum KeyStyle { case swatch, point, line }

  /// One entry per coloured category in chart order, then one for the "other" group if there is one.
  func legendEntries(_ style: KeyStyle) -> [LegendEntry] {
    func key(_ c: Int?) -> LegendEntry.Key {
      switch style {
      case .swatch: return .swatch
      case .point: return .point(c.map(shape) ?? Palette.otherShape)
      case .line: return .line(dash: c.map(dash) ?? [])
      }
    }
    var entries = labels.indices.compactMap { c -> LegendEntry? in
      slots[c] == nil ? nil : LegendEntry(label: labels[c], color: color(c), key: key(c))
    }
    if !grouped.isEmpty { entries.append(LegendEntry(label: otherLabel, color: Palette.neutral, key: key(nil))) }
    return entries
  }

  /// The caption line naming what "other" holds, or `nil` when every category has its colour.
  var note: String? {
    let names = grouped
    guard !names.isEmpty else { return nil }
    let shown = names.prefix(12).joined(separator: ", ") + (names.count > 12 ? ", …" : "")
    return "Grey “other” groups \(names.count) values of \(column) past the palette's "
      + "\(Palette.categorical.count) colours: \(shown)."
  }
}
