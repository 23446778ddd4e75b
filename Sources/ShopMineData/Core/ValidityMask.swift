/// Which rows of a column hold a value (bit set) and which are missing (bit clear).
///
/// A bitmap of 64-bit words rather than `[Bool]`: an eighth of the memory, and "any missing?" checks
/// whole words at a time. A column with no missing values carries no mask at all (`Column.validity == nil`).
public struct ValidityMask: Sendable, Hashable {
  public private(set) var words: [UInt64]
  public let count: Int

  /// A mask with every row valid (`true`) or every row missing (`false`).
  public init(count: Int, allValid: Bool = true) {
    self.count = count
    let wordCount = (count + 63) / 64
    var words = [UInt64](repeating: allValid ? ~0 : 0, count: wordCount)
    if allValid, count % 64 != 0, wordCount > 0 {
      words[wordCount - 1] = (UInt64(1) << UInt64(count % 64)) - 1
    }
    self.words = words
  }

  /// A mask of `count` rows from its words (bits from `count` on clear), as ``words`` holds them.
  init(words: [UInt64], count: Int) {
    precondition(words.count == (count + 63) / 64, "a validity mask needs one word per 64 rows")
    self.words = words
    self.count = count
  }

  public init<S: Sequence>(_ valid: S) where S.Element == Bool {
    var words: [UInt64] = []
    var n = 0
    var current: UInt64 = 0
    for v in valid {
      if v { current |= UInt64(1) << UInt64(n % 64) }
      n += 1
      if n % 64 == 0 {
        words.append(current)
        current = 0
      }
    }
    if n % 64 != 0 { words.append(current) }
    self.words = words
    self.count = n
  }

  @inline(__always)
  public func isValid(_ row: Int) -> Bool {
    words[row >> 6] & (UInt64(1) << UInt64(row & 63)) != 0
  }

  @inline(__always)
  public mutating func set(_ row: Int, valid: Bool) {
    if valid {
      words[row >> 6] |= UInt64(1) << UInt64(row & 63)
    } else {
      words[row >> 6] &= ~(UInt64(1) << UInt64(row & 63))
    }
  }

  /// Number of valid rows.
  public var validCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }
  /// Number of missing rows.
  public var missingCount: Int { count - validCount }
}
