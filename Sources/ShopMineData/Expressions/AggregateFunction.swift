import Synchronization

/// The aggregate functions of `group by … aggregate` (pandas semantics: missing values are skipped;
/// `std`/`var` are sample statistics with ddof 1; `quantile` interpolates linearly; `first`/`last` are
/// the first/last present value; `distinct` counts distinct present values).
public enum AggregateFunction: String, Sendable, CaseIterable {
  case count, sum, mean, median, min, max, std, `var`, distinct, first, last, quantile

  /// The aggregate names, sorted.
  public static var names: [String] { allCases.map(\.rawValue).sorted() }

  /// How the aggregate is written and what it gives, for help and completion.
  public var signature: FunctionSignature {
    switch self {
    case .count:
      return FunctionSignature("count", 0...1, "count() / count(x)", "rows of the group / present values of x")
    case .sum: return FunctionSignature("sum", 1...1, "sum(x)", "sum of the present values")
    case .mean: return FunctionSignature("mean", 1...1, "mean(x)", "mean of the present values")
    case .median: return FunctionSignature("median", 1...1, "median(x)", "median of the present values")
    case .min: return FunctionSignature("min", 1...1, "min(x)", "smallest present value")
    case .max: return FunctionSignature("max", 1...1, "max(x)", "largest present value")
    case .std: return FunctionSignature("std", 1...1, "std(x)", "sample standard deviation (ddof 1)")
    case .var: return FunctionSignature("var", 1...1, "var(x)", "sample variance (ddof 1)")
    case .distinct: return FunctionSignature("distinct", 1...1, "distinct(x)", "number of distinct present values")
    case .first: return FunctionSignature("first", 1...1, "first(x)", "first present value in row order")
    case .last: return FunctionSignature("last", 1...1, "last(x)", "last present value in row order")
    case .quantile:
      return FunctionSignature("quantile", 2...2, "quantile(x, q)", "the q-quantile, interpolated linearly (0 ≤ q ≤ 1)")
    }
  }

  /// Whether a call `name(…)` with `arity` arguments is an aggregate (`count()` and `count(x)`,
  /// `quantile(x, q)`, the rest with one argument; `min`/`max` with two or more are scalar).
  public static func isAggregateCall(name: String, arity: Int) -> Bool {
    guard let f = AggregateFunction(rawValue: name) else { return false }
    switch f {
    case .count: return arity <= 1
    case .quantile: return arity == 2
    default: return arity == 1
    }
  }
}

/// Rows partitioned into groups: `groupOf[row]` is the group index, groups numbered `0..<count`.
public struct Grouping: Sendable {
  public let groupOf: [Int32]
  public let count: Int
  /// Rows per group.
  public let sizes: [Int]
  /// The row lists, built by the first aggregate that needs them and shared by the rest.
  private let rowListCache = RowListCache()

  public init(groupOf: [Int32], count: Int) {
    var sizes = [Int](repeating: 0, count: count)
    for g in groupOf { sizes[Int(g)] += 1 }
    self.init(groupOf: groupOf, count: count, sizes: sizes)
  }

  /// A grouping whose sizes the caller already counted (they must match `groupOf`).
  init(groupOf: [Int32], count: Int, sizes: [Int]) {
    self.groupOf = groupOf
    self.count = count
    self.sizes = sizes
  }

  /// Each group's rows in row order, as CSR (`rows[offsets[g]..<offsets[g+1]]`), built by a stable
  /// counting sort in polled blocks. Only the aggregates that need whole groups (median, std, first…)
  /// ask for it, so `sum`/`count`/`mean` stay single passes without this O(n) extra buffer; the first
  /// one builds it and later aggregates of the same `group by` reuse it.
  public func rowLists(cancellation: Cancellation = .none) throws(TableError) -> (offsets: [Int], rows: [Int]) {
    if let cached = rowListCache.lists.withLock({ $0 }) { return cached }
    var offsets = [Int](repeating: 0, count: count + 1)
    for g in 0..<count { offsets[g + 1] = offsets[g] + sizes[g] }
    var cursor = offsets
    var rows = [Int](repeating: 0, count: groupOf.count)
    try cancellation.forEachBlock(groupOf.count) { block in
      groupOf.withUnsafeBufferPointer { gb in
        rows.withUnsafeMutableBufferPointer { rb in
          cursor.withUnsafeMutableBufferPointer { cb in
            for r in block {
              let g = Int(gb[r])
              rb[cb[g]] = r
              cb[g] += 1
            }
          }
        }
      }
    }
    rowListCache.lists.withLock { $0 = (offsets, rows) }
    return (offsets, rows)
  }

  /// Every row in one group (an `aggregate` without `group by`).
  public static func single(rowCount: Int) -> Grouping {
    Grouping(groupOf: [Int32](repeating: 0, count: rowCount), count: 1, sizes: [rowCount])
  }
}

/// Holds a grouping's row lists once built (a class, so copies of the grouping share it).
private final class RowListCache: Sendable {
  let lists = Mutex<(offsets: [Int], rows: [Int])?>(nil)
}

/// Counts rows handled by a group-at-a-time loop and polls the token every ``Cancellation/rowBlock`` rows,
/// however the rows are spread over groups (three million groups of one row, or one group of all).
struct GroupPoll {
  let cancellation: Cancellation
  private var handled = 0

  init(_ cancellation: Cancellation) { self.cancellation = cancellation }

  @inline(__always)
  mutating func after(rows: Int) throws(TableError) {
    handled += rows + 1
    if handled >= Cancellation.rowBlock {
      handled = 0
      try cancellation.check()
    }
  }
}

/// Computes one aggregate per group over an already evaluated argument column.
enum AggregateKernels {
  static func apply(
    _ f: AggregateFunction, _ c: Column?, q: Double, grouping g: Grouping, name: String,
    cancellation: Cancellation = .none
  ) throws(TableError) -> Column {
    let ng = g.count
    guard let c else {
      // count(): rows per group.
      return Column(name: name, ints: g.sizes.map { Int64($0) })
    }
    if case .float(let a) = c.storage, f == .sum || f == .mean || f == .count {
      return floatSums(f, a, validity: c.validity, grouping: g, name: name)
    }
    let mask = c.effectiveValidity()
    @inline(__always) func present(_ r: Int) -> Bool { mask?.isValid(r) ?? true }
    switch f {
    case .count:
      var counts = [Int64](repeating: 0, count: ng)
      g.groupOf.withUnsafeBufferPointer { gb in
        for r in 0..<gb.count where present(r) { counts[Int(gb[r])] += 1 }
      }
      return Column(name: name, ints: counts)
    case .distinct:
      let (offsets, rows) = try g.rowLists(cancellation: cancellation)
      var out = [Int64](repeating: 0, count: ng)
      let keys = hashKeys(c)
      var poll = GroupPoll(cancellation)
      var buffer: [Int64] = []
      for gi in 0..<ng {
        // Distinct values by sorting the group's keys and counting runs: no hashing and no set per group.
        buffer.removeAll(keepingCapacity: true)
        for k in offsets[gi]..<offsets[gi + 1] where present(rows[k]) { buffer.append(keys[rows[k]]) }
        try cancellation.sortAscending(&buffer)
        var runs = buffer.isEmpty ? 0 : 1
        for i in buffer.indices.dropFirst() where buffer[i] != buffer[i - 1] { runs += 1 }
        out[gi] = Int64(runs)
        try poll.after(rows: buffer.count)
      }
      return Column(name: name, ints: out)
    case .first, .last:
      let (offsets, rows) = try g.rowLists(cancellation: cancellation)
      var pick = [Int](repeating: -1, count: ng)
      var poll = GroupPoll(cancellation)
      for gi in 0..<ng {
        let range = offsets[gi]..<offsets[gi + 1]
        try poll.after(rows: range.count)
        let ordered = f == .first ? Array(range) : range.reversed()
        for k in ordered where present(rows[k]) {
          pick[gi] = rows[k]
          break
        }
      }
      return c.gathering(pick).renamed(name)
    case .min, .max:
      if c.type == .string || c.type == .bool {
        // Strings by lexicographic rank; the winning row is gathered to keep the type.
        let ranks: [Int64]
        if case .string(let codes, let d) = c.storage {
          let r = Column.dictionaryRanks(d)
          ranks = codes.map { r[Int($0)] }
        } else {
          ranks = c.intLikeValues() ?? []
        }
        var pick = [Int](repeating: -1, count: ng)
        for r in 0..<ranks.count where present(r) {
          let gi = Int(g.groupOf[r])
          let p = pick[gi]
          if p < 0 || (f == .min ? ranks[r] < ranks[p] : ranks[r] > ranks[p]) { pick[gi] = r }
        }
        return c.gathering(pick).renamed(name)
      }
      if case .int(let a) = c.storage {
        return extremum(a, f, g, present, name: name, empty: 0, storage: { .int($0) })
      }
      if case .timestamp(let a) = c.storage {
        return extremum(a, f, g, present, name: name, empty: 0, storage: { .timestamp($0) })
      }
      guard case .float(let a) = c.storage else { return c }
      return extremum(a, f, g, present, name: name, empty: .nan, storage: { .float($0) })
    case .sum:
      if let a = c.intLikeValues() {
        var sums = [Int64](repeating: 0, count: ng)
        var overflow = false
        a.withUnsafeBufferPointer { ab in
          g.groupOf.withUnsafeBufferPointer { gb in
            for r in 0..<ab.count where present(r) {
              let (s, o) = sums[Int(gb[r])].addingReportingOverflow(ab[r])
              sums[Int(gb[r])] = s
              overflow = overflow || o
            }
          }
        }
        if overflow { throw TableError.overflow(in: "sum of '\(c.name)'") }
        return Column(name: name, ints: sums)
      }
      let a = try numeric(c, f)
      var sums = [Double](repeating: 0, count: ng)
      a.withUnsafeBufferPointer { ab in
        g.groupOf.withUnsafeBufferPointer { gb in
          for r in 0..<ab.count where present(r) { sums[Int(gb[r])] += ab[r] }
        }
      }
      return Column(name: name, floats: sums)
    case .mean:
      let a = try numeric(c, f)
      var sums = [Double](repeating: 0, count: ng)
      var counts = [Int](repeating: 0, count: ng)
      // One pass over contiguous buffers: the group-by hot loop.
      a.withUnsafeBufferPointer { ab in
        g.groupOf.withUnsafeBufferPointer { gb in
          for r in 0..<ab.count where present(r) {
            let gi = Int(gb[r])
            sums[gi] += ab[r]
            counts[gi] += 1
          }
        }
      }
      let means = (0..<ng).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : .nan }
      return Column.floats(name, means, validity: nil)
    case .std, .var, .median, .quantile:
      let a = try numeric(c, f)
      let (offsets, rows) = try g.rowLists(cancellation: cancellation)
      var out = [Double](repeating: .nan, count: ng)
      var buffer: [Double] = []
      var poll = GroupPoll(cancellation)
      for gi in 0..<ng {
        buffer.removeAll(keepingCapacity: true)
        for k in offsets[gi]..<offsets[gi + 1] where present(rows[k]) { buffer.append(a[rows[k]]) }
        let v: Double?
        switch f {
        case .std: v = Descriptive.std(buffer)
        case .var: v = Descriptive.variance(buffer)
        default:
          // NaN is missing here (effectiveValidity folds it into the mask), so `<` is a total order.
          try cancellation.sortAscending(&buffer)
          v = Descriptive.quantile(sorted: buffer, f == .median ? 0.5 : q)
        }
        out[gi] = v ?? .nan
        try poll.after(rows: buffer.count)
      }
      return Column.floats(name, out, validity: nil)
    }
  }

  /// `sum`, `mean` and `count` of a float column in one pass over raw buffers, NaN read as missing on
  /// the fly (no NaN-folded mask is built first): the common `group by … aggregate total = sum(price)`.
  /// Each group adds its values in row order, so the result is the same as the general path's.
  static func floatSums(
    _ f: AggregateFunction, _ a: [Double], validity: ValidityMask?, grouping g: Grouping, name: String
  ) -> Column {
    var sums = [Double](repeating: 0, count: g.count)
    var counts = [Int64](repeating: 0, count: g.count)
    a.withUnsafeBufferPointer { ab in
      g.groupOf.withUnsafeBufferPointer { gb in
        sums.withUnsafeMutableBufferPointer { s in
          counts.withUnsafeMutableBufferPointer { k in
            if let validity {
              for r in 0..<ab.count where validity.isValid(r) && !ab[r].isNaN {
                s[Int(gb[r])] += ab[r]
                k[Int(gb[r])] += 1
              }
            } else {
              for r in 0..<ab.count where !ab[r].isNaN {
                s[Int(gb[r])] += ab[r]
                k[Int(gb[r])] += 1
              }
            }
          }
        }
      }
    }
    switch f {
    case .count: return Column(name: name, ints: counts)
    case .mean:
      let means = (0..<g.count).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : .nan }
      return Column.floats(name, means, validity: nil)
    default: return Column(name: name, floats: sums)
    }
  }

  static func numeric(_ c: Column, _ f: AggregateFunction) throws(TableError) -> [Double] {
    guard c.type != .string, c.type != .timestamp || f == .median || f == .quantile || f == .mean,
      let v = c.numericDoubles()
    else {
      throw TableError.typeMismatch(
        "cannot take '\(f.rawValue)' of \(c.type.rawValue) column '\(c.name)'", column: c.name)
    }
    return v.values
  }

  /// The smallest or largest present value per group, in the argument's own type (a group with none is
  /// missing, and a column of such groups keeps its type).
  static func extremum<T: Comparable>(
    _ a: [T], _ f: AggregateFunction, _ g: Grouping, _ present: (Int) -> Bool, name: String, empty: T,
    storage: ([T]) -> ColumnStorage
  ) -> Column {
    var best = [T](repeating: empty, count: g.count)
    var seen = [Bool](repeating: false, count: g.count)
    for r in 0..<a.count where present(r) {
      let gi = Int(g.groupOf[r])
      if !seen[gi] || (f == .min ? a[r] < best[gi] : a[r] > best[gi]) {
        best[gi] = a[r]
        seen[gi] = true
      }
    }
    return Column(name: name, storage: storage(best), validity: seen.allSatisfy { $0 } ? nil : ValidityMask(seen))
  }

  /// A 64-bit key per row that is equal exactly when values are equal (for `distinct`).
  static func hashKeys(_ c: Column) -> [Int64] {
    switch c.storage {
    case .int(let a), .timestamp(let a): return a
    case .float(let a): return a.map { Int64(bitPattern: ($0 == 0 ? 0.0 : $0).bitPattern) }
    case .bool(let a): return a.map { $0 ? 1 : 0 }
    case .string(let codes, _): return codes.map { Int64($0) }
    }
  }
}
