import Foundation

/// The latent tastes that drive which products users choose and how they rate them.
///
/// Each taste favours two categories and a direction in a 4-D product space. A taste's preference for a
/// product is `pref = 0.5 · (taste · product vector) + category bonus`; users choose products with
/// probability ∝ popularity · e^pref (bundle products damped) and rate them higher when `pref` is high.
/// Users mix a primary (80 %) and a secondary taste, so a user's history predicts their next choices far
/// better than global popularity does.
struct Tastes: Sendable {
  /// Number of tastes.
  static let count = 8
  /// Log-preference bonus for a taste's favourite, second and other categories
  /// (ln of 0.5, 0.3 and 0.2/6 over the uniform 1/8).
  static let primaryCategoryBonus = log(0.5 * 8)
  static let secondaryCategoryBonus = log(0.3 * 8)
  static let otherCategoryBonus = log(0.2 / 6 * 8)
  /// Bundle products are chosen individually at this fraction of their appeal (they mostly sell in bundles).
  static let bundleDamping = 0.15

  /// `preference[k * productCount + p]` for taste k and product index p (id − 1).
  let preference: [Double]
  /// One alias table per taste over product indices.
  let choice: [AliasTable]
  let productCount: Int

  init(seed: UInt64, products: [ProductProfile]) {
    productCount = products.count
    var preference = [Double](repeating: 0, count: Tastes.count * products.count)
    var choice: [AliasTable] = []
    choice.reserveCapacity(Tastes.count)
    let categoryCount = SyntheticShop.categories.count
    for k in 0..<Tastes.count {
      var rng = Xoshiro256StarStar(seed: seed, stream: .tastes, index: UInt64(k))
      let favourite = k % categoryCount
      let second = (favourite + 1 + rng.nextInt(below: categoryCount - 1)) % categoryCount
      let direction = (0..<ProductProfile.dimensions).map { _ in rng.nextNormal() }
      var weights = [Double](repeating: 0, count: products.count)
      for (p, product) in products.enumerated() {
        var dot = 0.0
        for d in 0..<ProductProfile.dimensions { dot += direction[d] * product.vector[d] }
        let bonus =
          product.category == favourite
          ? Tastes.primaryCategoryBonus
          : (product.category == second ? Tastes.secondaryCategoryBonus : Tastes.otherCategoryBonus)
        let pref = 0.5 * dot + bonus
        preference[k * products.count + p] = pref
        weights[p] = product.popularity * exp(pref) * (product.isBundled ? Tastes.bundleDamping : 1)
      }
      choice.append(AliasTable(weights: weights))
    }
    self.preference = preference
    self.choice = choice
  }

  /// A product index (id − 1) chosen by `user`.
  @inline(__always)
  func chooseProduct(for user: UserProfile, _ rng: inout Xoshiro256StarStar) -> Int {
    choice[user.taste(&rng)].sample(&rng)
  }

  /// The user's preference for product index `p`: the taste-weighted mix.
  @inline(__always)
  func preference(of user: UserProfile, for p: Int) -> Double {
    let w = UserProfile.primaryTasteWeight
    return w * preference[user.primaryTaste * productCount + p]
      + (1 - w) * preference[user.secondaryTaste * productCount + p]
  }
}

/// The users, products and tastes behind one seed: what orders, reviews and events draw from.
struct ShopWorld: Sendable {
  let users: [UserProfile]
  let products: [ProductProfile]
  let tastes: Tastes

  init(seed: UInt64, userCount: Int, productCount: Int) {
    users = (0..<userCount).map { UserProfile(id: Int64($0 + 1), seed: seed) }
    products = (0..<productCount).map { ProductProfile(id: Int64($0 + 1), seed: seed) }
    tastes = Tastes(seed: seed, products: products)
  }

  /// A timestamp (microseconds) on `day` of the activity year at an hour drawn from the daily profile.
  /// Whole seconds, so a timestamp packs into the sort keys of ``SortKey``.
  @inline(__always)
  static func secondOfYear(day: Int, hours: AliasTable, _ rng: inout Xoshiro256StarStar) -> Int64 {
    Int64(day) * 86_400 + Int64(hours.sample(&rng)) * 3600 + Int64(rng.nextInt(below: 3600))
  }
}
