import Synchronization

extension ShopWorld {
  /// The world of `seed` with these counts, shared by every table generated from it.
  ///
  /// A notebook generates users, orders, reviews and events with one seed; each of the last three draws from
  /// the same world (profiles of all `userCount` users and the tastes over all `productCount` products), which
  /// was nearly all the time of a small table: `generate orders 10` took about 6 ms, building that world for
  /// ten rows (and once more for the memory estimate's sample, which is now measured once per process). The world is a pure function of its key, so sharing one changes no byte of any
  /// table. Only small worlds are kept (at most ``cachedWorlds`` of at most ``cachedUserLimit`` users and
  /// ``cachedProductLimit`` products: 112 bytes a user profile, about 300 a product with its tastes, so at most
  /// about 15 MB in all), so a big one-off world is never held after its table.
  static func shared(seed: UInt64, userCount: Int, productCount: Int) -> ShopWorld {
    let key = WorldKey(seed: seed, userCount: userCount, productCount: productCount)
    guard userCount <= cachedUserLimit, productCount <= cachedProductLimit else {
      return ShopWorld(seed: seed, userCount: userCount, productCount: productCount)
    }
    if let world = recentWorlds.withLock({ $0.world(for: key) }) { return world }
    // Built outside the lock: two threads that miss at once both build the same world, and either copy is
    // the right one.
    let world = ShopWorld(seed: seed, userCount: userCount, productCount: productCount)
    recentWorlds.withLock { $0.insert(world, for: key) }
    return world
  }

  /// How many worlds are kept, most recently used first.
  static let cachedWorlds = 4
  /// The largest user count of a kept world (the default world, 2,000 users and 500 products, is about 0.4 MB).
  static let cachedUserLimit = 20_000
  /// The largest product count of a kept world.
  static let cachedProductLimit = 5_000
}

private struct WorldKey: Hashable {
  var seed: UInt64
  var userCount: Int
  var productCount: Int
}

/// The most recently used worlds, newest first.
private struct RecentWorlds {
  var entries: [(key: WorldKey, world: ShopWorld)] = []

  mutating func world(for key: WorldKey) -> ShopWorld? {
    guard let index = entries.firstIndex(where: { $0.key == key }) else { return nil }
    let entry = entries.remove(at: index)
    entries.insert(entry, at: 0)
    return entry.world
  }

  mutating func insert(_ world: ShopWorld, for key: WorldKey) {
    entries.removeAll { $0.key == key }
    entries.insert((key, world), at: 0)
    if entries.count > ShopWorld.cachedWorlds { entries.removeLast(entries.count - ShopWorld.cachedWorlds) }
  }
}

private let recentWorlds = Mutex(RecentWorlds())
