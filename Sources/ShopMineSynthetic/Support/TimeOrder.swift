/// Sorting generated rows by time with a deterministic tie-break.
///
/// Rows carry whole seconds since the start of the activity year (< 2^32) and their generation index
/// (< 2^32), packed into one `UInt64` — `seconds << 32 | index` — so a plain integer sort orders by time
/// and then by generation order, with no comparison closure and no dependence on sort stability.
enum TimeOrder {
  /// The generation indices of `seconds.count` rows in time order.
  static func permutation(seconds: [Int64]) -> [Int] {
    var keys = [UInt64](repeating: 0, count: seconds.count)
    for i in seconds.indices {
      keys[i] = UInt64(UInt32(truncatingIfNeeded: seconds[i])) << 32 | UInt64(i)
    }
    keys.sort()
    return keys.map { Int($0 & 0xFFFF_FFFF) }
  }
}

/// Applies a permutation to a column's values.
@inline(__always)
func permuted<T>(_ values: [T], by order: [Int]) -> [T] {
  order.map { values[$0] }
}
