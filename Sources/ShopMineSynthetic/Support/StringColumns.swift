import ShopMineData

/// Builds dictionary-encoded string columns straight from codes into a fixed vocabulary.
enum StringColumns {
  /// A column whose codes index `vocabulary`, re-coded to first-appearance order with unused entries
  /// dropped — exactly what `Column(name:strings:)` would build from the same strings, without creating
  /// a `String` per row.
  static func make(name: String, codes: [Int32], vocabulary: [String]) -> Column {
    var remap = [Int32](repeating: -1, count: vocabulary.count)
    var dictionary: [String] = []
    var out = [Int32](repeating: 0, count: codes.count)
    for i in codes.indices {
      let c = Int(codes[i])
      if remap[c] < 0 {
        remap[c] = Int32(dictionary.count)
        dictionary.append(vocabulary[c])
      }
      out[i] = remap[c]
    }
    return Column(name: name, storage: .string(codes: out, dictionary: dictionary))
  }
}
