import Foundation
import ShopMineData

/// Price elasticity of demand by ordinary least squares on ln Q = a + ε ln P, per group.
///
/// Cross-checked against `numpy.linalg.lstsq` (fixtures in the tests). The same observations also get a
/// linear demand fit Q = a − b·P, which ``PriceOptimizer`` uses for `model linear`.
public enum Elasticity {
  /// Fits one demand model per group of `table`.
  ///
  /// - Throws: ``TableError`` naming a missing or non-numeric column, a confidence level outside (0, 1),
  ///   or ``TableError/interrupted``.
  /// - Complexity: O(n) for `.none`; aggregation adds O(n) hashing and O(m log m) sorting of the m
  ///   aggregated observations.
  public static func estimate(
    _ table: Table, options: ElasticityOptions, cancellation: Cancellation = .none,
    progress: ProgressCallback? = nil
  ) throws(TableError) -> ElasticityResult {
    guard options.confidence > 0, options.confidence < 1 else {
      throw TableError.invalidArgument(
        "elasticity: the confidence level must be between 0 and 1, got \(options.confidence)")
    }
    let n = table.rowCount
    let prices = try ColumnReading.doubles(table, options.price, role: "price column")
    let quantities = try ColumnReading.doubles(table, options.quantity, role: "quantity column")
    let groups: GroupKeys
    if let g = options.group {
      groups = try GroupKeys(table.requireColumn(g), cancellation: cancellation)
    } else {
      groups = GroupKeys(allRows: n, name: "group", label: "all")
    }
    progress?(1, 3, "collecting observations")
    try cancellation.check()

    let perGroup = try DemandObservations.collect(
      table, prices: prices, quantities: quantities, groups: groups, aggregation: options.aggregation,
      cancellation: cancellation)
    progress?(2, 3, "fitting")
    try cancellation.check()

    let labels = groups.labels
    let estimates = labels.indices.map {
      DemandFit.fit(group: labels[$0], perGroup[$0], confidence: options.confidence)
    }
    let resultTable = Table(
      uncheckedColumns: [
        groups.keys,
        Columns.floats("elasticity", estimates.map(\.elasticity)),
        Columns.floats("std_error", estimates.map(\.standardError)),
        Columns.floats("ci_low", estimates.map(\.ciLow)),
        Columns.floats("ci_high", estimates.map(\.ciHigh)),
        Columns.floats("r2", estimates.map(\.rSquared)),
        Column(name: "n", ints: estimates.map { Int64($0.n) }),
        Columns.floats("intercept", estimates.map(\.intercept)),
        Columns.floats("price_min", estimates.map(\.priceMin)),
        Columns.floats("price_max", estimates.map(\.priceMax)),
        Columns.floats("linear_a", estimates.map(\.linearA)),
        Columns.floats("linear_b", estimates.map(\.linearB)),
        Column(name: "note", strings: estimates.map(\.note)),
      ], rowCount: estimates.count)

    // The observation table repeats each group's key for its observations, for the demand scatter.
    var keyRows: [Int] = []
    var obsPrice: [Double] = []
    var obsQuantity: [Double] = []
    for (g, o) in perGroup.enumerated() {
      keyRows.append(contentsOf: repeatElement(g, count: o.prices.count))
      obsPrice.append(contentsOf: o.prices)
      obsQuantity.append(contentsOf: o.quantities)
    }
    let observationTable = Table(
      uncheckedColumns: [
        Columns.select(groups.keys, rows: keyRows), Column(name: "price", floats: obsPrice),
        Column(name: "quantity", floats: obsQuantity),
      ], rowCount: keyRows.count)
    progress?(3, 3, "done")
    return ElasticityResult(
      groupColumn: options.group, estimates: estimates, table: resultTable,
      observations: observationTable, confidence: options.confidence)
  }
}

/// The (price, quantity) observations of one group, all strictly positive.
struct DemandObservations {
  var prices: [Double] = []
  var quantities: [Double] = []
  /// Rows or aggregated points left out for a missing or non-positive price or quantity.
  var dropped = 0

  /// Splits rows by group and applies the aggregation; output order is deterministic (row order for
  /// `.none`, ascending price or day otherwise).
  static func collect(
    _ table: Table, prices: [Double], quantities: [Double], groups: GroupKeys,
    aggregation: ElasticityAggregation, cancellation: Cancellation
  ) throws(TableError) -> [DemandObservations] {
    var out = [DemandObservations](repeating: DemandObservations(), count: groups.groupCount)
    let n = prices.count
    switch aggregation {
    case .none:
      for row in 0..<n {
        let g = Int(groups.codes[row])
        guard g >= 0 else { continue }
        out[g].add(price: prices[row], quantity: quantities[row])
      }
    case .pricePoint, .day:
      var days: [Int64?] = []
      if case .day(let time) = aggregation {
        days = try ColumnReading.days(table, time, role: "time column", cancellation: cancellation)
      }
      // Key: (group, price bits or day). Sums per key; the price of a day is the mean over its rows.
      struct Key: Hashable {
        var group: Int32
        var point: Int64
      }
      var sums: [Key: (price: Double, quantity: Double, rows: Int)] = [:]
      var dropped = [Int](repeating: 0, count: groups.groupCount)
      for row in 0..<n {
        if row & 0xFFFF == 0 { try cancellation.check() }
        let g = groups.codes[row]
        guard g >= 0 else { continue }
        let p = prices[row]
        let q = quantities[row]
        guard !p.isNaN, !q.isNaN else {
          dropped[Int(g)] += 1
          continue
        }
        let point: Int64
        if days.isEmpty {
          point = Int64(bitPattern: (p == 0 ? 0 : p).bitPattern)  // -0.0 and 0.0 are one price point
        } else {
          guard let d = days[row] else {
            dropped[Int(g)] += 1
            continue
          }
          point = d
        }
        sums[Key(group: g, point: point), default: (0, 0, 0)].price += p
        sums[Key(group: g, point: point), default: (0, 0, 0)].quantity += q
        sums[Key(group: g, point: point), default: (0, 0, 0)].rows += 1
      }
      for (g, d) in dropped.enumerated() { out[g].dropped = d }
      // Dictionary order is arbitrary; sort the points so the fit sums in the same order on every run.
      let byDay = !days.isEmpty
      let keys = sums.keys.sorted { a, b in
        if a.group != b.group { return a.group < b.group }
        if byDay { return a.point < b.point }
        return Double(bitPattern: UInt64(bitPattern: a.point)) < Double(bitPattern: UInt64(bitPattern: b.point))
      }
      for key in keys {
        guard let s = sums[key] else { continue }
        let rows = Double(s.rows)
        if byDay {
          out[Int(key.group)].add(price: s.price / rows, quantity: s.quantity)
        } else {
          out[Int(key.group)].add(price: s.price / rows, quantity: s.quantity / rows)
        }
      }
    }
    return out
  }

  private mutating func add(price: Double, quantity: Double) {
    guard price > 0, quantity > 0, price.isFinite, quantity.isFinite else {
      dropped += 1
      return
    }
    prices.append(price)
    quantities.append(quantity)
  }
}

/// Ordinary least squares fits of one group's demand.
enum DemandFit {
  /// Fits ln Q on ln P (and Q on P) with centred sums, which keeps the slope accurate when ln P varies
  /// little around a large mean (the normal equations in raw sums would cancel catastrophically).
  static func fit(group: String, _ o: DemandObservations, confidence: Double) -> ElasticityEstimate {
    let n = o.prices.count
    var e = ElasticityEstimate(
      group: group, elasticity: .nan, intercept: .nan, standardError: .nan, ciLow: .nan, ciHigh: .nan,
      rSquared: .nan, n: n, dropped: o.dropped, priceMin: o.prices.min() ?? .nan,
      priceMax: o.prices.max() ?? .nan, linearA: .nan, linearB: .nan, note: "")
    guard n >= 2 else {
      e.note = "needs at least 2 observations with positive price and quantity, has \(n)"
      return e
    }
    let x = o.prices.map { log($0) }
    let y = o.quantities.map { log($0) }
    guard let line = leastSquares(x, y) else {
      e.note = "every observation has the same price; the slope is undefined"
      return e
    }
    e.elasticity = line.slope
    e.intercept = line.intercept
    e.rSquared = line.syy > 0 ? 1 - line.sse / line.syy : .nan
    if n >= 3 {
      let df = Double(n - 2)
      e.standardError = (line.sse / df / line.sxx).squareRoot()
      let t = StudentT.quantile((1 + confidence) / 2, degreesOfFreedom: df)
      e.ciLow = line.slope - t * e.standardError
      e.ciHigh = line.slope + t * e.standardError
    } else {
      e.note = "2 observations: no standard error or interval"
    }
    if let linear = leastSquares(o.prices, o.quantities) {
      e.linearA = linear.intercept
      e.linearB = -linear.slope
    }
    return e
  }

  struct Line {
    var slope: Double
    var intercept: Double
    var sxx: Double
    var syy: Double
    var sse: Double
  }

  /// Simple linear regression y = intercept + slope·x; `nil` when x is constant.
  static func leastSquares(_ x: [Double], _ y: [Double]) -> Line? {
    let n = Double(x.count)
    guard n > 0 else { return nil }
    var mx = 0.0
    var my = 0.0
    for i in x.indices {
      mx += x[i]
      my += y[i]
    }
    mx /= n
    my /= n
    var sxx = 0.0
    var sxy = 0.0
    var syy = 0.0
    for i in x.indices {
      let dx = x[i] - mx
      let dy = y[i] - my
      sxx += dx * dx
      sxy += dx * dy
      syy += dy * dy
    }
    guard sxx > 0 else { return nil }
    let slope = sxy / sxx
    let intercept = my - slope * mx
    // Residuals computed directly rather than as syy − slope·sxy, which loses digits when R² ≈ 1.
    var sse = 0.0
    for i in x.indices {
      let r = y[i] - intercept - slope * x[i]
      sse += r * r
    }
    return Line(slope: slope, intercept: intercept, sxx: sxx, syy: syy, sse: sse)
  }
}
