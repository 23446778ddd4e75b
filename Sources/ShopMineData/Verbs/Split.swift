/// How `split` holds rows out for testing.
public struct SplitOptions: Sendable, Hashable {
  /// Fraction of rows (or of each group's rows) in the test table, in (0, 1).
  public var testFraction: Double
  public var seed: UInt64
  /// Keep each value of this column in the same proportion in train and test.
  public var stratify: String?
  /// Hold out a fraction of each group of this column (for example each user); groups with one row stay
  /// in train.
  public var by: String?
  /// With `by`: instead of a random fraction, hold out each group's last row by this time column.
  public var lastBy: String?

  public init(
    testFraction: Double = 0.2, seed: UInt64 = 0, stratify: String? = nil, by: String? = nil, lastBy: String? = nil
  ) {
    self.testFraction = testFraction
    self.seed = seed
    self.stratify = stratify
    self.by = by
    self.lastBy = lastBy
  }
}

extension Table {
  /// Splits rows into train and test tables (each keeps the original row order).
  ///
  /// Plain: ⌈fraction·n⌉ rows chosen by a seeded shuffle (scikit-learn's count). Stratified: each class
  /// contributes round(fraction·size) rows. `by`: each group of size ≥ 2 contributes
  /// max(1, round(fraction·size)) rows, leaving at least one in train. `lastBy`: each group's latest row.
  public func split(_ options: SplitOptions, cancellation: Cancellation = .none) throws(TableError) -> (
    train: Table, test: Table
  ) {
    let f = options.testFraction
    if options.lastBy == nil {
      guard f > 0 && f < 1 else { throw TableError.invalidArgument("test fraction must be between 0 and 1, got \(f)") }
    }
    var rng = SplitMix64(seed: options.seed)
    var isTest = [Bool](repeating: false, count: rowCount)
    if let groupColumn = options.by ?? options.stratify {
      let g = try requireColumn(groupColumn)
      let (codes, count) = try KeyEncoding.groupCodes([g], cancellation: cancellation)
      let (offsets, groupRows) = try Grouping(groupOf: codes, count: count).rowLists(cancellation: cancellation)
      var time: Column? = nil
      if let t = options.lastBy {
        guard options.by != nil else { throw TableError.invalidArgument("'last by' needs 'by' (the group column)") }
        time = try requireColumn(t)
      }
      let timeKeys = time.map { c in c.numericDoubles()?.values ?? [] }
      for gi in 0..<count {
        var rows = Array(groupRows[offsets[gi]..<offsets[gi + 1]])
        let size = rows.count
        if let tk = timeKeys {
          guard size >= 2 else { continue }
          // Latest time; ties go to the later row.
          var best = rows[0]
          for r in rows where tk[r] >= tk[best] && (time?.hasValue(r) ?? true) { best = r }
          isTest[best] = true
          continue
        }
        rng.shuffle(&rows)
        let take: Int
        if options.by != nil {
          guard size >= 2 else { continue }
          take = Swift.min(size - 1, Swift.max(1, Int((f * Double(size)).rounded())))
        } else {
          take = Int((f * Double(size)).rounded())
        }
        for r in rows.prefix(take) { isTest[r] = true }
      }
    } else {
      var rows = Array(0..<rowCount)
      rng.shuffle(&rows)
      let take = Swift.min(rowCount, Int((f * Double(rowCount)).rounded(.up)))
      for r in rows.prefix(take) { isTest[r] = true }
    }
    return (filtered(isTest.map { !$0 }), filtered(isTest))
  }

  /// `n` rows chosen without replacement by a seeded shuffle, in their original order (all rows when
  /// `n` ≥ the row count).
  public func sample(_ n: Int, seed: UInt64) throws(TableError) -> Table {
    guard n >= 0 else { throw TableError.invalidArgument("sample size must not be negative, got \(n)") }
    var rng = SplitMix64(seed: seed)
    var rows = Array(0..<rowCount)
    rng.shuffle(&rows)
    return gatheringRows(rows.prefix(n).sorted())
  }
}
