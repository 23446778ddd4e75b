import Foundation

/// Everything the generator knows about one user: the visible columns and the hidden preferences.
///
/// A pure function of (seed, user id), so the users table and the orders, reviews and events that
/// reference the user agree for any table sizes.
struct UserProfile: Sendable {
  var segment: Int
  var age: Int64
  var genderCode: Int32
  var cityCode: Int32
  var signupDate: Int64
  var browseTime: Double
  var purchaseFreq: Double
  var spend: Double
  var reviewCount: Int64
  var rating: Double
  var churned: Bool
  /// The user's main and secondary taste (indices into the world's tastes) and the main one's weight.
  var primaryTaste: Int
  var secondaryTaste: Int
  /// Added to every rating the user gives: generous raters rate higher.
  var ratingBias: Double
  /// Churned users are active only on days `0..<activeDays` of the activity year; others all year.
  var activeDays: Int

  /// The share of choices a user makes from the primary taste.
  static let primaryTasteWeight = 0.8
  static let genders = ["F", "M"]

  init(id: Int64, seed: UInt64) {
    var rng = Xoshiro256StarStar(seed: seed, stream: .userFeatures, index: UInt64(bitPattern: id))
    // Segment by inverse CDF over the fixed shares (three outcomes: a linear scan is clearer than a table).
    let u = rng.nextDouble()
    var cumulative = 0.0
    var segment = SyntheticShop.segments.count - 1
    for (k, s) in SyntheticShop.segments.enumerated() {
      cumulative += s.share
      if u < cumulative {
        segment = k
        break
      }
    }
    self.segment = segment
    age = Int64(clamp(rng.nextNormal(mean: 33, sd: 9), 18, 70).rounded())
    genderCode = rng.chance(0.55) ? 0 : 1
    var city = Cities.weights.count - 1
    let v = rng.nextDouble()
    cumulative = 0
    for (k, w) in Cities.weights.enumerated() {
      cumulative += w
      if v < cumulative {
        city = k
        break
      }
    }
    cityCode = Int32(city)
    signupDate =
      ShopCalendar.signupStart + Int64(rng.nextInt(below: ShopCalendar.signupDays)) * ShopCalendar.microsPerDay

    let profile = SyntheticShop.segments[segment]
    browseTime = rounded(clamp(rng.nextNormal(mean: profile.means[0], sd: profile.sds[0]), 1, 600), places: 1)
    purchaseFreq = rounded(clamp(rng.nextNormal(mean: profile.means[1], sd: profile.sds[1]), 0.1, 100), places: 1)
    spend = rounded(clamp(rng.nextNormal(mean: profile.means[2], sd: profile.sds[2]), 5, 1_000_000), places: 2)
    reviewCount = Int64(Swift.max(0, rng.nextNormal(mean: profile.means[3], sd: profile.sds[3])).rounded())
    rating = rounded(clamp(rng.nextNormal(mean: profile.means[4], sd: profile.sds[4]), 1, 5), places: 1)
    churned = ChurnRule.isChurned(browseTime: browseTime, purchaseFreq: purchaseFreq, rating: rating)

    // Hidden preferences come from their own stream, so adding a visible column never changes them.
    var latent = Xoshiro256StarStar(seed: seed, stream: .userLatent, index: UInt64(bitPattern: id))
    let tasteCount = Tastes.count
    primaryTaste = latent.nextInt(below: tasteCount)
    secondaryTaste = (primaryTaste + 1 + latent.nextInt(below: tasteCount - 1)) % tasteCount
    ratingBias = 0.8 * (rating - 3.8) + latent.nextNormal(mean: 0, sd: 0.15)
    activeDays = churned ? latent.nextInt(in: 45...240) : ShopCalendar.daysInYear
  }

  /// Picks the taste behind one choice: the primary taste 80 % of the time.
  @inline(__always)
  func taste(_ rng: inout Xoshiro256StarStar) -> Int {
    rng.chance(UserProfile.primaryTasteWeight) ? primaryTaste : secondaryTaste
  }
}
