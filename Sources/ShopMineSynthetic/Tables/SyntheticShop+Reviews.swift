import ShopMineData

extension SyntheticShop {
  /// Average rating before user, product and preference effects (see docs/DATA.md).
  static let ratingIntercept = 3.3
  /// How strongly a user's preference for a product moves the rating.
  static let ratingPreferenceWeight = 0.7
  /// Standard deviation of the rating noise before rounding.
  static let ratingNoiseSD = 0.5

  /// Reviews: `review_id`, `user_id`, `product_id`, `rating` (1–5), `text`, `ts`, exactly `count` rows.
  ///
  /// Each (user, product) pair is reviewed at most once. Users review in proportion to their
  /// `review_count`, choose products through their tastes, and rate
  /// `round(3.3 + user bias + product bias + 0.7 · preference + N(0, 0.5²))` clipped to 1…5; the text's
  /// words carry the rating. Numbered in time order.
  ///
  /// - Throws: when `count` exceeds `userCount × productCount` (no pair may repeat).
  public static func reviews(
    count: Int, seed: Int64, userCount: Int = defaultUserCount, productCount: Int = defaultProductCount,
    cancellation: Cancellation = .none
  ) throws(TableError) -> Table {
    try validate("reviews", count: count, userCount: userCount, productCount: productCount)
    guard count <= userCount * productCount else {
      throw TableError.invalidArgument(
        "generate reviews: \(count) reviews cannot all be distinct (user, product) pairs of \(userCount) users × \(productCount) products"
      )
    }
    let key = UInt64(bitPattern: seed)
    let world = ShopWorld.shared(seed: key, userCount: userCount, productCount: productCount)
    var rng = Xoshiro256StarStar(seed: key, stream: .reviews)
    let reviewers = AliasTable(weights: world.users.map { Double($0.reviewCount) + 1 })
    let hours = AliasTable(weights: ShopCalendar.hourWeights)

    var user = [Int32](repeating: 0, count: count)
    var product = [Int32](repeating: 0, count: count)
    var rating = [Int64](repeating: 0, count: count)
    var textKey = [Int](repeating: 0, count: count)
    var second = [Int64](repeating: 0, count: count)
    // Membership only (never iterated), so hash order cannot leak into the output.
    var seen = Set<Int>(minimumCapacity: count)
    var reviewed = [Int32](repeating: 0, count: userCount)

    for r in 0..<count {
      if r & 0x3FFF == 0 { try cancellation.check() }
      var u = reviewers.sample(&rng)
      if Int(reviewed[u]) >= productCount {
        // This user has reviewed everything: take the next user who has not.
        var next = (u + 1) % userCount
        while Int(reviewed[next]) >= productCount { next = (next + 1) % userCount }
        u = next
      }
      let profile = world.users[u]
      var p = -1
      for _ in 0..<32 {
        let candidate = world.tastes.chooseProduct(for: profile, &rng)
        if !seen.contains(u * productCount + candidate) {
          p = candidate
          break
        }
      }
      if p < 0 {
        // Nearly saturated user: the first unreviewed product from a random start.
        var candidate = rng.nextInt(below: productCount)
        while seen.contains(u * productCount + candidate) { candidate = (candidate + 1) % productCount }
        p = candidate
      }
      seen.insert(u * productCount + p)
      reviewed[u] += 1
      let item = world.products[p]
      let score =
        ratingIntercept + profile.ratingBias + item.ratingBias
        + ratingPreferenceWeight * world.tastes.preference(of: profile, for: p)
        + rng.nextNormal(mean: 0, sd: ratingNoiseSD)
      let stars = Int(clamp(score.rounded(), 1, 5))
      user[r] = Int32(u)
      product[r] = Int32(p)
      rating[r] = Int64(stars)
      textKey[r] = ReviewText.draw(rating: stars, &rng)
      second[r] = orderSecondOfYear(user: profile, hours: hours, &rng)
    }

    let order = TimeOrder.permutation(seconds: second)
    // Texts are built once per distinct key, in time order of first use: that is the dictionary order.
    var codeOfKey: [Int: Int32] = [:]
    var dictionary: [String] = []
    var codes = [Int32](repeating: 0, count: count)
    for (row, r) in order.enumerated() {
      let k = textKey[r]
      if let code = codeOfKey[k] {
        codes[row] = code
      } else {
        let code = Int32(dictionary.count)
        codeOfKey[k] = code
        dictionary.append(ReviewText.text(forKey: k))
        codes[row] = code
      }
    }
    return Table(
      uncheckedColumns: [
        Column(name: "review_id", ints: (0..<count).map { Int64($0 + 1) }),
        Column(name: "user_id", ints: order.map { Int64(user[$0]) + 1 }),
        Column(name: "product_id", ints: order.map { Int64(product[$0]) + 1 }),
        Column(name: "rating", ints: permuted(rating, by: order)),
        Column(name: "text", storage: .string(codes: codes, dictionary: dictionary)),
        Column(name: "ts", timestamps: order.map { ShopCalendar.yearStart + second[$0] * 1_000_000 }),
      ], rowCount: count)
  }
}
