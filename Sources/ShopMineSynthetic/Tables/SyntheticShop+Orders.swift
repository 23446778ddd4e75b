import Foundation
import ShopMineData

extension SyntheticShop {
  /// The payment methods and their shares of orders.
  public static let paymentMethods: [(name: String, share: Double)] = [
    ("alipay", 0.45), ("wechat", 0.35), ("card", 0.15), ("cod", 0.05),
  ]

  /// Order lines: `order_id`, `user_id`, `product_id`, `category`, `price`, `quantity`, `payment`, `ts`,
  /// `is_anomaly`, with exactly `count` lines.
  ///
  /// Orders reference users 1…`userCount` and products 1…`productCount` (the same users and products the
  /// users and products tables of this seed describe) and are numbered in time order. Planted: bundles,
  /// per-category constant elasticity, taste-driven choices, churned users going quiet, ~1 % anomalies
  /// (see docs/DATA.md).
  ///
  /// - Complexity: O(count + userCount + productCount · 8), plus sorting the orders by time.
  public static func orders(
    count: Int, seed: Int64, userCount: Int = defaultUserCount, productCount: Int = defaultProductCount,
    cancellation: Cancellation = .none
  ) throws(TableError) -> Table {
    try validate("orders", count: count, userCount: userCount, productCount: productCount)
    let key = UInt64(bitPattern: seed)
    let world = ShopWorld.shared(seed: key, userCount: userCount, productCount: productCount)
    let bundleIndices = bundles.filter { $0.productIDs.allSatisfy { $0 <= Int64(productCount) } }
      .map { $0.productIDs.map { Int($0) - 1 } }

    // Phase 1: order headers (who, when, how paid, how many lines) until they hold `count` lines.
    var rng = Xoshiro256StarStar(seed: key, stream: .orders)
    let buyers = AliasTable(weights: world.users.map(\.purchaseFreq))
    let hours = AliasTable(weights: ShopCalendar.hourWeights)
    let payments = AliasTable(weights: paymentMethods.map(\.share))
    var headers: [OrderHeader] = []
    headers.reserveCapacity(count / 2 + 1)
    var planned = 0
    while planned < count {
      if headers.count & 0x3FFF == 0 { try cancellation.check() }
      let u = buyers.sample(&rng)
      let second = orderSecondOfYear(user: world.users[u], hours: hours, &rng)
      let payment = payments.sample(&rng)
      let bundle = !bundleIndices.isEmpty && rng.chance(bundleOrderShare) ? rng.nextInt(below: bundleIndices.count) : -1
      let bundleSize = bundle >= 0 ? bundleIndices[bundle].count : 0
      // A basket holds a product once, so it can hold at most `productCount` lines.
      let tasteLines = Swift.min(1 + rng.nextPoisson(0.8), productCount - bundleSize)
      headers.append(
        OrderHeader(
          second: second, user: Int32(u), payment: Int32(payment), tasteLines: Int32(tasteLines),
          bundle: Int32(bundle)))
      planned += tasteLines + bundleSize
    }

    // Phase 2: time order. Sorting the small headers, not the lines, keeps phase 3 sequential: each line
    // is written once, in place, with no random gathers through a permutation (which cost more than
    // generating the line).
    let rank = TimeOrder.permutation(seconds: headers.map(\.second))
    headers = rank.map { headers[$0] }

    // Phase 3: the lines, in time order, from their own stream.
    var lineRng = Xoshiro256StarStar(seed: key, stream: .orderLines)
    let productCategory = world.products.map(\.category)
    let productPrice = world.products.map(\.price)
    let elasticity = categories.map(\.elasticity)
    let intercept = categories.map(\.logQuantityIntercept)
    let logReference = categories.map { log($0.referencePrice) }
    let logAnomalyLow = log(60.0)
    let logAnomalyHigh = log(300.0)
    var logPriceSum = [Double](repeating: 0, count: categories.count)
    var normalLines = [Int](repeating: 0, count: categories.count)

    var outOrderID = [Int64](repeating: 0, count: count)
    var outUser = [Int64](repeating: 0, count: count)
    var outProduct = [Int64](repeating: 0, count: count)
    var outCategory = [Int32](repeating: 0, count: count)
    var outPrice = [Double](repeating: 0, count: count)
    var outQuantity = [Int64](repeating: 0, count: count)
    var outPayment = [Int32](repeating: 0, count: count)
    var outTs = [Int64](repeating: 0, count: count)
    var outAnomaly = [Bool](repeating: false, count: count)
    var basket: [Int] = []
    basket.reserveCapacity(16)
    var row = 0
    for (index, header) in headers.enumerated() where row < count {
      if index & 0x3FFF == 0 { try cancellation.check() }
      let user = world.users[Int(header.user)]
      basket.removeAll(keepingCapacity: true)
      if header.bundle >= 0 { basket.append(contentsOf: bundleIndices[Int(header.bundle)]) }
      for _ in 0..<header.tasteLines {
        var p = world.tastes.chooseProduct(for: user, &lineRng)
        var tries = 1
        while basket.contains(p) {
          // Redraw a few times, then take the next product not yet in the basket (one always exists).
          p = tries < 8 ? world.tastes.chooseProduct(for: user, &lineRng) : (p + 1) % productCount
          tries += 1
        }
        basket.append(p)
      }
      let ts = ShopCalendar.yearStart + header.second * 1_000_000
      for p in basket where row < count {
        let c = productCategory[p]
        let anomalous = lineRng.chance(anomalyRate)
        if anomalous {
          // Bulk-buying fraud: a quantity far beyond normal demand (log-uniform 60…300); its price is set
          // after the loop (see below).
          outQuantity[row] = Int64(exp(lineRng.nextDouble(in: logAnomalyLow, logAnomalyHigh)).rounded())
        } else {
          let price = Swift.max(
            0.01, rounded(productPrice[p] * exp(lineRng.nextNormal(mean: 0, sd: PriceModel.lineDiscountSD)), places: 2))
          // Constant-elasticity demand on the recorded (rounded) price, so ln Q regresses on ln P exactly.
          let logPrice = log(price)
          let target =
            intercept[c] + elasticity[c] * (logPrice - logReference[c])
            + lineRng.nextNormal(mean: 0, sd: PriceModel.quantityNoiseSD)
          outPrice[row] = price
          outQuantity[row] = logUnbiasedRound(target, &lineRng)
          logPriceSum[c] += logPrice
          normalLines[c] += 1
        }
        outOrderID[row] = Int64(index + 1)
        outUser[row] = Int64(header.user) + 1
        outProduct[row] = Int64(p + 1)
        outCategory[row] = Int32(c)
        outPayment[row] = header.payment
        outTs[row] = ts
        outAnomaly[row] = anomalous
        row += 1
      }
    }

    // Anomalous lines sit at their category's mean log price (a little jitter hides the trick): at the
    // centre of the regressor they have no leverage, so their huge quantities cannot tilt the elasticity
    // fit of ln Q on ln P — they only raise its intercept.
    for r in 0..<count where outAnomaly[r] {
      let c = Int(outCategory[r])
      let center = normalLines[c] > 0 ? logPriceSum[c] / Double(normalLines[c]) : logReference[c]
      outPrice[r] = Swift.max(0.01, rounded(exp(center + lineRng.nextNormal(mean: 0, sd: 0.01)), places: 2))
    }

    return Table(
      uncheckedColumns: [
        Column(name: "order_id", ints: outOrderID),
        Column(name: "user_id", ints: outUser),
        Column(name: "product_id", ints: outProduct),
        StringColumns.make(name: "category", codes: outCategory, vocabulary: categories.map(\.name)),
        Column(name: "price", floats: outPrice),
        Column(name: "quantity", ints: outQuantity),
        StringColumns.make(name: "payment", codes: outPayment, vocabulary: paymentMethods.map(\.name)),
        Column(name: "ts", timestamps: outTs),
        Column(name: "is_anomaly", bools: outAnomaly),
      ], rowCount: count)
  }

  /// Seconds since the start of the year for one order (or review, or session) of `user`: a sales-day
  /// spike or a uniform day, never after a churned user's last active day, at an hour of the daily profile.
  static func orderSecondOfYear(
    user: UserProfile, hours: AliasTable, _ rng: inout Xoshiro256StarStar
  ) -> Int64 {
    let r = rng.nextDouble()
    var day = -1
    var cumulative = 0.0
    for sale in ShopCalendar.salesDays {
      cumulative += sale.share
      if r < cumulative {
        day = sale.dayOfYear
        break
      }
    }
    if day < 0 || day >= user.activeDays {
      day = rng.nextInt(below: user.activeDays)
    }
    return ShopWorld.secondOfYear(day: day, hours: hours, &rng)
  }

  /// An integer quantity ≥ 1 whose logarithm is `t` on average: `⌊e^t⌋` or one more, with the
  /// probability that makes `E[ln Q] = t` (so OLS on ln Q is unbiased). `t ≤ 0` gives 1.
  @inline(__always)
  static func logUnbiasedRound(_ t: Double, _ rng: inout Xoshiro256StarStar) -> Int64 {
    guard t > 0 else { return 1 }
    let k = exp(Swift.min(t, 30)).rounded(.down)
    let low = log(k)
    let high = log(k + 1)
    let p = (t - low) / (high - low)
    return Int64(k) + (rng.nextDouble() < p ? 1 : 0)
  }
}

/// One order before its lines exist: phase 1 of order generation, sorted by time in phase 2.
struct OrderHeader {
  var second: Int64
  var user: Int32
  var payment: Int32
  var tasteLines: Int32
  /// Index into the usable bundles, or −1.
  var bundle: Int32
}
