/// A planted user segment: a Gaussian cluster in the five behaviour features.
///
/// The three segments are far apart relative to their spread after z-scoring, so k-means with k = 3 on
/// the z-scored features recovers them (adjusted Rand index ≥ 0.9).
public struct UserSegment: Sendable, Hashable {
  /// The segment name in `users.segment`.
  public let name: String
  /// The probability that a user belongs to this segment.
  public let share: Double
  /// Mean of each behaviour feature, in ``SyntheticShop/behaviourFeatures`` order, before rounding and
  /// clipping.
  public let means: [Double]
  /// Standard deviation of each behaviour feature, in the same order.
  public let sds: [Double]
}

extension SyntheticShop {
  /// The five behaviour features of the seed article, in column order.
  public static let behaviourFeatures = ["browse_time", "purchase_freq", "spend", "review_count", "rating"]

  /// The planted segments, in a fixed order.
  public static let segments: [UserSegment] = [
    // browse_time (min/day), purchase_freq (orders/month), spend (yuan/month), review_count, rating (1–5)
    UserSegment(name: "loyal", share: 0.25, means: [42, 9, 1800, 24, 4.5], sds: [6, 1.5, 300, 5, 0.2]),
    UserSegment(name: "bargain", share: 0.35, means: [75, 4, 420, 9, 3.9], sds: [9, 1, 90, 3, 0.3]),
    UserSegment(name: "casual", share: 0.40, means: [18, 1.5, 160, 2, 3.2], sds: [5, 0.6, 60, 1.5, 0.45]),
  ]
}

/// The planted churn rule: `churned` is a pure function of three behaviour features.
public enum ChurnRule {
  /// Below this purchase frequency (orders per month) a user has churned.
  public static let purchaseFreqBelow = 1.2
  /// Users browsing less than this many minutes a day…
  public static let browseTimeBelow = 20.0
  /// …who also rate below this on average have churned too.
  public static let ratingBelow = 3.0

  /// The rule in words, as docs/DATA.md states it.
  public static let description =
    "churned = purchase_freq < 1.2 or (browse_time < 20 and rating < 3.0)"

  /// Applies the rule to the (rounded) feature values stored in the table.
  public static func isChurned(browseTime: Double, purchaseFreq: Double, rating: Double) -> Bool {
    purchaseFreq < purchaseFreqBelow || (browseTime < browseTimeBelow && rating < ratingBelow)
  }
}
