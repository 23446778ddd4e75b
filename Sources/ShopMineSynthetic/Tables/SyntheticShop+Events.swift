import Foundation
import ShopMineData

extension SyntheticShop {
  /// The funnel steps in `events.event`, in funnel order.
  public static let eventKinds = ["view", "favorite", "cart", "purchase"]

  /// Behaviour events: `event_id`, `user_id`, `product_id`, `event`, `ts`, exactly `count` rows.
  ///
  /// Sessions of users (chosen in proportion to `browse_time`) view 1…12 products (Zipf, exponent 1.3)
  /// chosen through their tastes; each view may be followed by a favorite (8 %), a cart (10–32 %, higher
  /// for products the user prefers) and, after a cart, a purchase (45 %), each a little later. Numbered
  /// in time order.
  public static func events(
    count: Int, seed: Int64, userCount: Int = defaultUserCount, productCount: Int = defaultProductCount,
    cancellation: Cancellation = .none
  ) throws(TableError) -> Table {
    try validate("events", count: count, userCount: userCount, productCount: productCount)
    let key = UInt64(bitPattern: seed)
    let world = ShopWorld.shared(seed: key, userCount: userCount, productCount: productCount)
    var rng = Xoshiro256StarStar(seed: key, stream: .events)
    let browsers = AliasTable(weights: world.users.map(\.browseTime))
    let hours = AliasTable(weights: ShopCalendar.hourWeights)
    let sessionLength = ZipfSampler(n: 12, exponent: 1.3)
    let lastSecond = Int64(ShopCalendar.daysInYear) * 86_400 - 1

    var user = [Int32](repeating: 0, count: count)
    var product = [Int32](repeating: 0, count: count)
    var kind = [Int32](repeating: 0, count: count)
    var second = [Int64](repeating: 0, count: count)
    var n = 0

    /// Records one event unless the table is full.
    func emit(_ u: Int, _ p: Int, _ k: Int32, _ s: Int64) {
      guard n < count else { return }
      user[n] = Int32(u)
      product[n] = Int32(p)
      kind[n] = k
      second[n] = Swift.min(s, lastSecond)
      n += 1
    }

    var sessions = 0
    while n < count {
      if sessions & 0x3FFF == 0 { try cancellation.check() }
      sessions += 1
      let u = browsers.sample(&rng)
      let profile = world.users[u]
      var t = orderSecondOfYear(user: profile, hours: hours, &rng)
      for _ in 0..<sessionLength.sample(&rng) {
        let p = world.tastes.chooseProduct(for: profile, &rng)
        emit(u, p, 0, t)
        if rng.chance(0.08) { emit(u, p, 1, t + Int64(5 + rng.nextInt(below: 55))) }
        let pref = world.tastes.preference(of: profile, for: p)
        let cartChance = 0.10 + 0.22 / (1 + exp(-pref))
        if rng.chance(cartChance) {
          let cartAt = t + Int64(10 + rng.nextInt(below: 290))
          emit(u, p, 2, cartAt)
          if rng.chance(0.45) { emit(u, p, 3, cartAt + Int64(30 + rng.nextInt(below: 870))) }
        }
        t += Int64(20 + rng.nextInt(below: 220))
      }
    }

    let order = TimeOrder.permutation(seconds: second)
    return Table(
      uncheckedColumns: [
        Column(name: "event_id", ints: (0..<count).map { Int64($0 + 1) }),
        Column(name: "user_id", ints: order.map { Int64(user[$0]) + 1 }),
        Column(name: "product_id", ints: order.map { Int64(product[$0]) + 1 }),
        StringColumns.make(name: "event", codes: permuted(kind, by: order), vocabulary: eventKinds),
        Column(name: "ts", timestamps: order.map { ShopCalendar.yearStart + second[$0] * 1_000_000 }),
      ], rowCount: count)
  }
}
