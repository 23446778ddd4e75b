/// Dense integer ids for the distinct values of an id column, with the original values kept as labels.
///
/// Ids of any column type work (ints, strings, bools, timestamps, floats). Ids are assigned in order of
/// first appearance; ``labels`` holds the value behind each id. Missing rows get id `-1`.
///
/// Baskets (ShopMineRules) and interaction matrices (ShopMineRecommenders) both index users, items and
/// baskets this way, so the one implementation lives here, below both.
///
/// - Complexity: O(n) expected (one hash lookup per row; strings reuse their dictionary codes).
public struct ColumnKeys: Sendable {
  /// Per row: dense id, or -1 when the row is missing.
  public var ids: [Int32]
  /// Per dense id: the original value.
  public var labels: [Value]

  /// Assigns dense ids to the values of `column`.
  ///
  /// - Throws: ``TableError`` when a string code lies outside the column's dictionary, or the column has
  ///   more distinct values than `Int32` can number; `.interrupted` once `cancellation` is set (polled every
  ///   64 Ki rows: hashing millions of ids takes a noticeable fraction of a second).
  public init(_ column: Column, cancellation: Cancellation = .none) throws(TableError) {
    let n = column.count
    var ids = [Int32](repeating: -1, count: n)
    var labels: [Value] = []
    switch column.storage {
    case .string(let codes, let dictionary):
      // Codes are already dense; map dictionary entries (canonicalised by text) to ids on first use.
      var byText: [String: Int32] = [:]
      var codeToId = [Int32](repeating: -1, count: dictionary.count)
      for row in 0..<n where column.isValid(row) {
        if row & 0xFFFF == 0 { try cancellation.check() }
        let code = Int(codes[row])
        guard code >= 0, code < dictionary.count else {
          throw TableError.invalidArgument("column '\(column.name)' has a string code outside its dictionary")
        }
        var id = codeToId[code]
        if id < 0 {
          let text = dictionary[code]
          if let existing = byText[text] {
            id = existing
          } else {
            id = Int32(labels.count)
            byText[text] = id
            labels.append(.string(text))
          }
          codeToId[code] = id
        }
        ids[row] = id
      }
    case .int(let values), .timestamp(let values):
      let isTime = column.type == .timestamp
      if let dense = try Self.denseInts(values, column: column, isTime: isTime, cancellation: cancellation) {
        self.ids = dense.ids
        self.labels = dense.labels
        return
      }
      var map: [Int64: Int32] = [:]
      map.reserveCapacity(1024)
      for row in 0..<n where column.isValid(row) {
        if row & 0xFFFF == 0 { try cancellation.check() }
        let v = values[row]
        if let id = map[v] {
          ids[row] = id
        } else {
          let id = Int32(labels.count)
          map[v] = id
          labels.append(isTime ? .timestamp(v) : .int(v))
          ids[row] = id
        }
      }
    case .float(let values):
      var map: [UInt64: Int32] = [:]
      for row in 0..<n where column.isValid(row) {
        if row & 0xFFFF == 0 { try cancellation.check() }
        let v = values[row]
        if v.isNaN { continue }
        // -0.0 and 0.0 are the same id.
        let key = (v == 0 ? 0.0 : v).bitPattern
        if let id = map[key] {
          ids[row] = id
        } else {
          let id = Int32(labels.count)
          map[key] = id
          labels.append(.float(v == 0 ? 0.0 : v))
          ids[row] = id
        }
      }
    case .bool(let values):
      var idOf: [Int32] = [-1, -1]
      for row in 0..<n where column.isValid(row) {
        if row & 0xFFFF == 0 { try cancellation.check() }
        let b = values[row] ? 1 : 0
        if idOf[b] < 0 {
          idOf[b] = Int32(labels.count)
          labels.append(.bool(b == 1))
        }
        ids[row] = idOf[b]
      }
    }
    guard labels.count < Int(Int32.max) else {
      throw TableError.invalidArgument("column '\(column.name)' has too many distinct values")
    }
    self.ids = ids
    self.labels = labels
  }
}

/// Orders two id values naturally: numbers numerically, strings by Unicode scalars, missing first.
///
/// Used so that itemsets, ties and listings come out in the order a reader expects (item 2 before item 10),
/// identically on every machine.
public func naturalLess(_ a: Value, _ b: Value) -> Bool {
  switch (a, b) {
  case (.string(let x), .string(let y)):
    return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
  case (.int(let x), .int(let y)), (.timestamp(let x), .timestamp(let y)):
    return x < y
  default:
    if let x = a.doubleValue, let y = b.doubleValue, a.columnType != .string, b.columnType != .string {
      return x < y
    }
    return rankOfKind(a) < rankOfKind(b)
  }
}

private func rankOfKind(_ v: Value) -> Int {
  switch v {
  case .missing: return 0
  case .bool: return 1
  case .int, .float: return 2
  case .timestamp: return 3
  case .string: return 4
  }
}

/// The text of an id as it appears inside an itemset string ("12", "milk").
///
/// Whole floats print without a fraction (`3.0` as "3") so that an id read as a float from CSV reads the
/// same as the integer id it stands for.
public func labelText(_ v: Value) -> String {
  switch v {
  case .missing: return "missing"
  case .int(let i): return String(i)
  case .float(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
  case .bool(let b): return b ? "true" : "false"
  case .string(let s): return s
  case .timestamp(let t): return String(t)
  }
}

extension ColumnKeys {
  /// Ids for integers that span a range at most a few times the row count (user, item and basket ids are
  /// usually 1…N): an array indexed by value − min instead of a hash map, the same ids in the same
  /// first-appearance order, several times faster. `nil` when the range is wider (or empty).
  static func denseInts(_ values: [Int64], column: Column, isTime: Bool, cancellation: Cancellation)
    throws(TableError) -> (ids: [Int32], labels: [Value])?
  {
    let n = values.count
    var lo = Int64.max, hi = Int64.min
    for row in 0..<n where column.isValid(row) {
      if row & 0xFFFF == 0 { try cancellation.check() }
      lo = min(lo, values[row])
      hi = max(hi, values[row])
    }
    guard lo <= hi else { return nil }
    let width = hi.subtractingReportingOverflow(lo)
    guard !width.overflow, width.partialValue < Int64(4 * n + 1024) else { return nil }
    var idOf = [Int32](repeating: -1, count: Int(width.partialValue) + 1)
    var ids = [Int32](repeating: -1, count: n)
    var labels: [Value] = []
    for row in 0..<n where column.isValid(row) {
      if row & 0xFFFF == 0 { try cancellation.check() }
      let v = values[row]
      let slot = Int(v &- lo)
      var id = idOf[slot]
      if id < 0 {
        id = Int32(labels.count)
        idOf[slot] = id
        labels.append(isTime ? .timestamp(v) : .int(v))
      }
      ids[row] = id
    }
    return (ids, labels)
  }
}
