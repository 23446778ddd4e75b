/// The ten customer segments of the usual RF map, named from recency (R) and frequency (F) scores.
///
/// The map is the widely copied regex dictionary applied to the two-digit string "RF"
/// (`rfm['segment'] = rfm['RF_SCORE'].replace(seg_map, regex=True)`):
///
/// | pattern        | segment              |
/// |----------------|----------------------|
/// | `[1-2][1-2]`   | hibernating          |
/// | `[1-2][3-4]`   | at risk              |
/// | `[1-2]5`       | can't lose           |
/// | `3[1-2]`       | about to sleep       |
/// | `33`           | need attention       |
/// | `[3-4][4-5]`   | loyal customers      |
/// | `41`           | promising            |
/// | `51`           | new customers        |
/// | `[4-5][2-3]`   | potential loyalists  |
/// | `5[4-5]`       | champions            |
///
/// The patterns cover each of the 25 (R, F) cells exactly once. Cases are declared in this table's order,
/// which is also the order of the segment summary.
public enum RFMSegment: String, Sendable, Hashable, CaseIterable {
  case hibernating = "hibernating"
  case atRisk = "at risk"
  case cantLose = "can't lose"
  case aboutToSleep = "about to sleep"
  case needAttention = "need attention"
  case loyalCustomers = "loyal customers"
  case promising = "promising"
  case newCustomers = "new customers"
  case potentialLoyalists = "potential loyalists"
  case champions = "champions"

  /// The segment of recency score `r` and frequency score `f` (both 1…5); `nil` outside that range.
  public init?(recencyScore r: Int, frequencyScore f: Int) {
    guard (1...5).contains(r), (1...5).contains(f) else { return nil }
    switch (r, f) {
    case (1...2, 1...2): self = .hibernating
    case (1...2, 3...4): self = .atRisk
    case (1...2, 5): self = .cantLose
    case (3, 1...2): self = .aboutToSleep
    case (3, 3): self = .needAttention
    case (3...4, 4...5): self = .loyalCustomers
    case (4, 1): self = .promising
    case (5, 1): self = .newCustomers
    case (4...5, 2...3): self = .potentialLoyalists
    case (5, 4...5): self = .champions
    default: return nil
    }
  }

  /// The regex pattern on the "RF" string that selects this segment (for documentation and help).
  public var pattern: String {
    switch self {
    case .hibernating: return "[1-2][1-2]"
    case .atRisk: return "[1-2][3-4]"
    case .cantLose: return "[1-2]5"
    case .aboutToSleep: return "3[1-2]"
    case .needAttention: return "33"
    case .loyalCustomers: return "[3-4][4-5]"
    case .promising: return "41"
    case .newCustomers: return "51"
    case .potentialLoyalists: return "[4-5][2-3]"
    case .champions: return "5[4-5]"
    }
  }
}
