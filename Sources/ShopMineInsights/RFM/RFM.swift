import ShopMineData

/// Recency–frequency–monetary profiling of customers from order lines.
///
/// Equal, on the same data, to this pandas recipe (see docs/MODELS.md):
/// ```python
/// day = df.ts.dt.floor('D')                              # calendar day, UTC
/// today = day.max() + pd.Timedelta(days=1)                # the day after the last order
/// rfm = df.assign(day=day).groupby('user_id').agg(
///     recency=('day', lambda d: (today - d.max()).days),
///     frequency=('order_id', 'nunique'),
///     monetary=('value', 'sum'))
/// rfm['r_score'] = pd.qcut(rfm.recency, 5, labels=[5, 4, 3, 2, 1])
/// rfm['f_score'] = pd.qcut(rfm.frequency.rank(method='first'), 5, labels=[1, 2, 3, 4, 5])
/// rfm['m_score'] = pd.qcut(rfm.monetary, 5, labels=[1, 2, 3, 4, 5])
/// rfm['segment'] = (rfm.r_score.astype(str) + rfm.f_score.astype(str)).replace(seg_map, regex=True)
/// ```
/// Where ties make `qcut`'s edges non-unique for recency or monetary (pandas raises "Bin edges must be
/// unique"), that score is taken on `rank(method='first')` instead, as the recipe does for frequency.
public enum RFM {
  /// Scores every customer of `orders` and summarises the segments.
  ///
  /// - Throws: ``TableError`` naming the column when one is missing or of the wrong type, when
  ///   `.values` has the wrong length, when no row is complete, or ``TableError/interrupted``.
  /// - Complexity: O(n) over order lines plus O(c log c) for the c customers.
  public static func analyze(
    _ orders: Table, options: RFMOptions, cancellation: Cancellation = .none,
    progress: ProgressCallback? = nil
  ) throws(TableError) -> RFMResult {
    let n = orders.rowCount
    // Every step below is one pass over the rows; the token is polled between them.
    let customerKeys = try GroupKeys(orders.requireColumn(options.customer), cancellation: cancellation)
    try cancellation.check()
    let days = try ColumnReading.days(orders, options.time, role: "time column", cancellation: cancellation)
    try cancellation.check()
    let values: [Double]
    switch options.value {
    case .column(let name):
      values = try ColumnReading.doubles(orders, name, role: "value column")
    case .values(let v):
      guard v.count == n else {
        throw TableError.invalidArgument("rfm: the value has \(v.count) entries but the table has \(n) rows")
      }
      values = v
    }
    try cancellation.check()
    var orderCodes: [Int32]? = nil
    if let order = options.order {
      orderCodes = try GroupKeys(orders.requireColumn(order), cancellation: cancellation).codes
    }
    progress?(1, 4, "grouping customers")
    try cancellation.check()

    let c = customerKeys.groupCount
    var lastDay = [Int64](repeating: .min, count: c)
    var frequency = [Int](repeating: 0, count: c)
    var monetary = [Double](repeating: 0, count: c)
    var compensation = [Double](repeating: 0, count: c)  // Kahan terms: pandas' groupby sum compensates too
    var maxDay = Int64.min
    var skipped = 0
    // Distinct (customer, order) pairs in O(n): nearly every order belongs to one customer, so an order's
    // first customer is remembered in a flat array and only the rare order shared by several customers
    // falls back to a hash set.
    var owner = [Int32](repeating: -1, count: orderCodes == nil ? 0 : n)
    var shared = Set<UInt64>()
    let codes = customerKeys.codes
    for row in 0..<n {
      if row & 0xFFFF == 0 { try cancellation.check() }
      let cust = codes[row]
      guard cust >= 0, let day = days[row], !values[row].isNaN else {
        skipped += 1
        continue
      }
      let ci = Int(cust)
      if day > lastDay[ci] { lastDay[ci] = day }
      if day > maxDay { maxDay = day }
      let y = values[row] - compensation[ci]
      let t = monetary[ci] + y
      compensation[ci] = (t - monetary[ci]) - y
      monetary[ci] = t
      if let orderCodes {
        let o = orderCodes[row]
        if o < 0 {
          // A missing order id still is a purchase; count it as its own order.
          frequency[ci] += 1
        } else if owner[Int(o)] < 0 {
          owner[Int(o)] = cust
          frequency[ci] += 1
        } else if owner[Int(o)] != cust {
          if shared.insert(UInt64(UInt32(bitPattern: cust)) << 32 | UInt64(UInt32(bitPattern: o))).inserted {
            frequency[ci] += 1
          }
        }
      } else {
        frequency[ci] += 1
      }
    }
    guard maxDay > Int64.min else {
      throw TableError(code: .emptyTable, message: "rfm: no order line has a customer, a time and a value")
    }
    progress?(2, 4, "scoring")
    try cancellation.check()

    // Customers whose every row was skipped have no recency; drop them (pandas would drop them too, as
    // their group would be all-NaN rows that `dropna` in the recipe's `qcut` leaves unscored).
    let kept = (0..<c).filter { lastDay[$0] > Int64.min }
    let referenceDay = maxDay + 1
    let recency = kept.map { Double(referenceDay - lastDay[$0]) }
    let freq = kept.map { Double(frequency[$0]) }
    let money = kept.map { monetary[$0] }
    let (rBins, rRanked) = Quantiles.scores(recency, k: 5, rankFirst: false)
    let (fBins, _) = Quantiles.scores(freq, k: 5, rankFirst: true)
    let (mBins, mRanked) = Quantiles.scores(money, k: 5, rankFirst: false)
    let rScores = rBins.map { 6 - $0 }  // labels [5, 4, 3, 2, 1]: recent customers score high

    var grid = [[Int]](repeating: [Int](repeating: 0, count: 5), count: 5)
    var segments: [RFMSegment] = []
    segments.reserveCapacity(kept.count)
    for i in kept.indices {
      let r = rScores[i]
      let f = fBins[i]
      grid[r - 1][f - 1] += 1
      segments.append(RFMSegment(recencyScore: r, frequencyScore: f) ?? .hibernating)
    }
    progress?(3, 4, "summarising")

    let keyColumn = Columns.select(customerKeys.keys, rows: kept)
    let customers = Table(
      uncheckedColumns: [
        keyColumn,
        Column(name: "recency", ints: recency.map { Int64($0) }),
        Column(name: "frequency", ints: freq.map { Int64($0) }),
        Column(name: "monetary", floats: money),
        Column(name: "r_score", ints: rScores.map { Int64($0) }),
        Column(name: "f_score", ints: fBins.map { Int64($0) }),
        Column(name: "m_score", ints: mBins.map { Int64($0) }),
        Column(name: "rf_score", strings: kept.indices.map { "\(rScores[$0])\(fBins[$0])" }),
        Column(name: "rfm_score", strings: kept.indices.map { "\(rScores[$0])\(fBins[$0])\(mBins[$0])" }),
        Column(name: "segment", strings: segments.map { $0.rawValue }),
      ], rowCount: kept.count)

    let summary = Self.summary(segments: segments, recency: recency, frequency: freq, monetary: money)
    var gr: [Int64] = []
    var gf: [Int64] = []
    var gc: [Int64] = []
    var gs: [String?] = []
    for r in 1...5 {
      for f in 1...5 {
        gr.append(Int64(r))
        gf.append(Int64(f))
        gc.append(Int64(grid[r - 1][f - 1]))
        gs.append(RFMSegment(recencyScore: r, frequencyScore: f)?.rawValue)
      }
    }
    let gridTable = Table(
      uncheckedColumns: [
        Column(name: "r_score", ints: gr), Column(name: "f_score", ints: gf),
        Column(name: "count", ints: gc), Column(name: "segment", strings: gs),
      ], rowCount: 25)
    progress?(4, 4, "done")
    return RFMResult(
      customers: customers, summary: summary, grid: grid, gridTable: gridTable, referenceDay: referenceDay,
      skippedRows: skipped, recencyScoredByRank: rRanked, monetaryScoredByRank: mRanked)
  }

  /// Segment counts, shares and mean R/F/M, in ``RFMSegment`` declaration order, empty segments left out.
  static func summary(segments: [RFMSegment], recency: [Double], frequency: [Double], monetary: [Double])
    -> Table
  {
    let all = RFMSegment.allCases
    var count = [Int](repeating: 0, count: all.count)
    var sums = [[Double]](repeating: [0, 0, 0], count: all.count)
    let position = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1, $0) })
    for (i, s) in segments.enumerated() {
      guard let p = position[s] else { continue }
      count[p] += 1
      sums[p][0] += recency[i]
      sums[p][1] += frequency[i]
      sums[p][2] += monetary[i]
    }
    let present = all.indices.filter { count[$0] > 0 }
    let total = Double(segments.count)
    func mean(_ k: Int) -> [Double] { present.map { sums[$0][k] / Double(count[$0]) } }
    return Table(
      uncheckedColumns: [
        Column(name: "segment", strings: present.map { all[$0].rawValue }),
        Column(name: "count", ints: present.map { Int64(count[$0]) }),
        Column(name: "share", floats: present.map { Double(count[$0]) / total }, meaning: .share),
        Column(name: "recency_mean", floats: mean(0)),
        Column(name: "frequency_mean", floats: mean(1)),
        Column(name: "monetary_mean", floats: mean(2)),
      ], rowCount: present.count)
  }
}
