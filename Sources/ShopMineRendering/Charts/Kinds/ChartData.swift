import ShopMineData

/// Column access for charts: typed extraction with errors that name the column and the role.
enum ChartData {
  /// Throws ``ChartError/interrupted`` once `cancellation` is set; charts call it between passes and every
  /// 64 Ki rows inside the long ones.
  @inline(__always)
  static func poll(_ cancellation: Cancellation) throws(ChartError) {
    if cancellation.isCancelled { throw .interrupted }
  }

  static func column(_ table: Table, _ name: String) throws(ChartError) -> Column {
    guard let column = table.column(named: name) else {
      throw ChartError.unknownColumn(name, available: table.columnNames)
    }
    return column
  }

  /// Numeric values (NaN for missing) of an int, float, bool or timestamp column.
  static func numbers(_ table: Table, _ name: String, role: String) throws(ChartError) -> [Double] {
    let column = try column(table, name)
    guard column.type != .string else { throw ChartError.notNumeric(name, type: "text", role: role) }
    var out = [Double](repeating: .nan, count: column.count)
    // Typed loops over the contiguous storage: no per-row Value boxing for large scatters.
    switch column.storage {
    case .float(let a):
      for i in a.indices where column.isValid(i) { out[i] = a[i] }
    case .int(let a), .timestamp(let a):
      for i in a.indices where column.isValid(i) { out[i] = Double(a[i]) }
    case .bool(let a):
      for i in a.indices where column.isValid(i) { out[i] = a[i] ? 1 : 0 }
    case .string:
      break
    }
    return out
  }

  /// Category labels in order of first appearance (numbers and booleans sorted ascending) and each
  /// row's category index (`nil` for missing).
  static func categories(_ table: Table, _ name: String) throws(ChartError) -> (labels: [String], codes: [Int?]) {
    let column = try column(table, name)
    var labels: [String] = []
    var codes = [Int?](repeating: nil, count: column.count)
    switch column.storage {
    case .string(let raw, let dictionary):
      // Map dictionary codes to first-appearance order without hashing strings per row.
      var remap = [Int](repeating: -1, count: dictionary.count)
      for i in raw.indices where column.isValid(i) {
        let code = Int(raw[i])
        guard code >= 0 && code < dictionary.count else { continue }
        if remap[code] < 0 {
          remap[code] = labels.count
          labels.append(dictionary[code])
        }
        codes[i] = remap[code]
      }
    default:
      var seen: [Double: Int] = [:]
      var values: [(Double, String)] = []
      for i in 0..<column.count {
        let v = column[i]
        guard let d = v.doubleValue else { continue }
        if seen[d] == nil {
          seen[d] = values.count
          values.append((d, ValueRenderer.text(v)))
        }
      }
      let order = values.indices.sorted { values[$0].0 < values[$1].0 }
      var rank = [Int](repeating: 0, count: values.count)
      for (r, i) in order.enumerated() { rank[i] = r }
      labels = order.map { values[$0].1 }
      for i in 0..<column.count {
        if let d = column[i].doubleValue, let k = seen[d] { codes[i] = rank[k] }
      }
    }
    return (labels, codes)
  }

  /// Whether a column should colour by category (text, booleans, few distinct integers) rather than a
  /// continuous scale.
  static func isCategorical(_ column: Column) -> Bool {
    switch column.type {
    case .string, .bool: return true
    case .int:
      var distinct = Set<Int64>()
      if case .int(let a) = column.storage {
        for v in a {
          distinct.insert(v)
          if distinct.count > 12 { return false }
        }
      }
      return true
    case .float, .timestamp: return false
    }
  }

  /// Finite extent of `values`, or `nil` when none is finite.
  static func extent(_ values: [Double]) -> ClosedRange<Double>? {
    var lo = Double.infinity
    var hi = -Double.infinity
    values.withUnsafeBufferPointer { buffer in
      for v in buffer where v.isFinite {
        if v < lo { lo = v }
        if v > hi { hi = v }
      }
    }
    return lo <= hi ? lo...hi : nil
  }
}

/// A deterministic, machine-independent pseudo-random stream (SplitMix64) for sampling.
struct SplitMix64 {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Indexes of a uniform sample of `k` out of `0..<n`, in increasing order (Algorithm S, one pass).
  static func sample(_ k: Int, of n: Int, seed: UInt64 = 0x5EED) -> [Int] {
    guard k < n else { return Array(0..<n) }
    var rng = SplitMix64(seed: seed)
    var chosen: [Int] = []
    chosen.reserveCapacity(k)
    var needed = k
    for i in 0..<n where needed > 0 {
      let u = Double(rng.next() >> 11) * 0x1.0p-53
      if u * Double(n - i) < Double(needed) {
        chosen.append(i)
        needed -= 1
      }
    }
    return chosen
  }
}
