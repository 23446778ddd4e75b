/// Typed views and small builders used by the expression evaluator and the verbs.
extension Column {
  /// Ints of an int or bool column (bools as 0/1); `nil` for other types.
  func intLikeValues() -> [Int64]? {
    switch storage {
    case .int(let a): return a
    case .bool(let a): return a.map { $0 ? 1 : 0 }
    default: return nil
    }
  }

  /// A float column with NaN results marked missing (sqrt(-1), 0/0 … never show as NaN).
  static func floats(_ name: String, _ values: [Double], validity: ValidityMask?) -> Column {
    var mask = validity
    var hasNaN = false
    values.withUnsafeBufferPointer { v in
      for x in v where x.isNaN {
        hasNaN = true
        break
      }
    }
    if hasNaN {
      var m = mask ?? ValidityMask(count: values.count)
      for i in 0..<values.count where values[i].isNaN { m.set(i, valid: false) }
      mask = m
    }
    return Column(name: name, storage: .float(values), validity: mask)
  }

  /// Whether this column holds no value at all (for example the broadcast literal `missing`).
  var isAllMissing: Bool { count > 0 && missingCount == count }

  /// Lexicographic rank of every dictionary entry (equal strings share a rank) for ordering strings.
  static func dictionaryRanks(_ dictionary: [String]) -> [Int64] {
    let order = dictionary.indices.sorted {
      dictionary[$0] < dictionary[$1] || (dictionary[$0] == dictionary[$1] && $0 < $1)
    }
    var ranks = [Int64](repeating: 0, count: dictionary.count)
    var rank: Int64 = 0
    for (k, i) in order.enumerated() {
      if k > 0 && dictionary[order[k - 1]] != dictionary[i] { rank += 1 }
      ranks[i] = rank
    }
    return ranks
  }
}

/// Combines validity masks: a row is valid only where every input is (`nil` means all valid).
func combinedValidity(_ masks: ValidityMask?...) -> ValidityMask? {
  let present = masks.compactMap { $0 }
  guard let first = present.first else { return nil }
  if present.count == 1 { return first }
  return ValidityMask((0..<first.count).lazy.map { i in present.allSatisfy { $0.isValid(i) } })
}

/// One dictionary for several string columns, with each column's code → merged code map.
func unifyDictionaries(_ dictionaries: [[String]]) -> (dictionary: [String], maps: [[Int32]]) {
  var merged: [String] = []
  var index: [String: Int32] = [:]
  var maps: [[Int32]] = []
  for d in dictionaries {
    var map = [Int32](repeating: 0, count: d.count)
    for (c, s) in d.enumerated() {
      if let code = index[s] {
        map[c] = code
      } else {
        let code = Int32(merged.count)
        index[s] = code
        merged.append(s)
        map[c] = code
      }
    }
    maps.append(map)
  }
  return (merged, maps)
}

/// Re-encodes a string column whose dictionary may hold duplicates (after `lower`, …) so equal strings
/// share one code again — grouping and joining rely on that.
func compactStrings(name: String, codes: [Int32], dictionary: [String], validity: ValidityMask?) -> Column {
  let (merged, maps) = unifyDictionaries([dictionary])
  if merged.count == dictionary.count {
    return Column(name: name, storage: .string(codes: codes, dictionary: dictionary), validity: validity)
  }
  let map = maps[0]
  return Column(name: name, storage: .string(codes: codes.map { map[Int($0)] }, dictionary: merged), validity: validity)
}
