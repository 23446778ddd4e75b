/// The field texts a CSV reader takes for a missing value: the empty field always, and by default the
/// markers that R, Excel, databases and pandas write (pandas' `read_csv` default `na_values`, so a file
/// reads to the same missing cells in both).
///
/// Matching is on the field's exact bytes (no trimming, case as written). It runs for every field, so it is
/// a bit test on the length and on the first byte before any comparison.
public struct MissingMarkers: Sendable, Hashable {
  /// pandas' default `na_values` (pandas 2.x `STR_NA_VALUES`).
  public static let pandasDefaults = [
    "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA",
    "NULL", "NaN", "None", "n/a", "nan", "null",
  ]

  /// The default set: the empty field and ``pandasDefaults``.
  public static let standard = MissingMarkers(pandasDefaults)
  /// Only the empty field is missing.
  public static let emptyOnly = MissingMarkers([])

  /// The markers besides the empty field, as given.
  public let texts: [String]
  private let markers: [[UInt8]]
  /// Bit `n` is set when some marker has `n` bytes (markers are at most 63 bytes long).
  private let lengths: UInt64
  /// Bit `b % 64` of word `b / 64` is set when some marker starts with byte `b`. Plain stored words, not an
  /// array: the test runs for every field of a file and must not pay for bounds checks.
  private let first0: UInt64, first1: UInt64, first2: UInt64, first3: UInt64
  /// The same for the last byte, tested first: numbers end in digits, which no default marker does.
  private let last0: UInt64, last1: UInt64, last2: UInt64, last3: UInt64

  /// Markers `texts` besides the empty field (an empty text among them changes nothing; a text longer
  /// than 63 bytes is never a field's whole text in practice and is left out).
  public init(_ texts: [String]) {
    self.texts = texts
    markers = texts.map { Array($0.utf8) }.filter { !$0.isEmpty && $0.count < 64 }
    var lengths: UInt64 = 0
    var first = [UInt64](repeating: 0, count: 4)
    var last = first
    for m in markers {
      lengths |= 1 << UInt64(m.count)
      first[Int(m[0]) / 64] |= 1 << UInt64(m[0] % 64)
      last[Int(m[m.count - 1]) / 64] |= 1 << UInt64(m[m.count - 1] % 64)
    }
    self.lengths = lengths
    (first0, first1, first2, first3) = (first[0], first[1], first[2], first[3])
    (last0, last1, last2, last3) = (last[0], last[1], last[2], last[3])
  }

  /// Whether the field `p[0..<n]` is missing.
  @inline(__always)
  public func matches(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    if n == 0 { return true }
    guard n < 64, lengths & (1 << UInt64(n)) != 0 else { return false }
    guard Self.has(p[n - 1], last0, last1, last2, last3), Self.has(p[0], first0, first1, first2, first3) else {
      return false
    }
    return matchesSlowly(p, n)
  }

  @inline(__always)
  private static func has(_ b: UInt8, _ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) -> Bool {
    let word: UInt64
    switch b >> 6 {
    case 0: word = w0
    case 1: word = w1
    case 2: word = w2
    default: word = w3
    }
    return word & (1 << UInt64(b & 63)) != 0
  }

  private func matchesSlowly(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    for m in markers where m.count == n {
      var i = 0
      while i < n && m[i] == p[i] { i += 1 }
      if i == n { return true }
    }
    return false
  }

  public static func == (a: MissingMarkers, b: MissingMarkers) -> Bool { a.texts == b.texts }
  public func hash(into hasher: inout Hasher) { hasher.combine(texts) }
}
