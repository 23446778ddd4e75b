/// Splits review text into terms: lower-cased words for alphabetic scripts, character bigrams for CJK.
///
/// Words are maximal runs of letters and digits of at least two characters (scikit-learn's default
/// `token_pattern`, `(?u)\b\w\w+\b`). Chinese, Japanese kana and Korean Hangul have no spaces between words,
/// so each run of those characters yields its overlapping character bigrams (a lone character yields
/// itself) — the standard language-independent approach for CJK text classification.
public struct Tokenizer: Sendable, Hashable, Codable {
  /// Shortest word kept from alphabetic scripts.
  public var minWordLength: Int

  public init(minWordLength: Int = 2) { self.minWordLength = minWordLength }

  /// Whether a scalar belongs to the CJK scripts handled with bigrams.
  static func isCJK(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x3040...0x30FF,  // Hiragana, Katakana
      0x3400...0x4DBF,  // CJK Extension A
      0x4E00...0x9FFF,  // CJK Unified Ideographs
      0xAC00...0xD7AF,  // Hangul syllables
      0xF900...0xFAFF,  // CJK Compatibility Ideographs
      0x20000...0x2A6DF:  // CJK Extension B
      return true
    default:
      return false
    }
  }

  /// The terms of `text`, in order of appearance.
  public func tokens(_ text: String) -> [String] {
    var out: [String] = []
    var word = String.UnicodeScalarView()
    var wordLength = 0
    var cjk: [Unicode.Scalar] = []
    func flushWord() {
      if wordLength >= minWordLength { out.append(String(word)) }
      word = String.UnicodeScalarView()
      wordLength = 0
    }
    func flushCJK() {
      if cjk.count == 1 {
        out.append(String(Character(cjk[0])))
      } else if cjk.count > 1 {
        for i in 0..<(cjk.count - 1) {
          var s = String.UnicodeScalarView()
          s.append(cjk[i])
          s.append(cjk[i + 1])
          out.append(String(s))
        }
      }
      cjk.removeAll(keepingCapacity: true)
    }
    for scalar in text.lowercased().unicodeScalars {
      if Tokenizer.isCJK(scalar) {
        flushWord()
        cjk.append(scalar)
      } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_" {
        flushCJK()
        word.append(scalar)
        wordLength += 1
      } else if scalar.properties.generalCategory == .nonspacingMark && wordLength > 0 {
        // Combining accents stay inside their word.
        word.append(scalar)
      } else {
        flushWord()
        flushCJK()
      }
    }
    flushWord()
    flushCJK()
    return out
  }
}
