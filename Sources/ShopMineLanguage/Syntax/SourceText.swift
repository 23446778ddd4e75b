/// A source text indexed by Unicode scalar, with a file name for diagnostics.
///
/// Jupyter counts cursor positions in Unicode scalars ("code points"), so every span in the language is
/// a scalar offset; this type converts between offsets, lines and columns.
public struct SourceText: Sendable, Hashable {
  /// The name shown in CLI diagnostics (`file.mine`, or `<cell>` in the kernel).
  public let fileName: String
  /// The text as Unicode scalars; tokens and spans index into this array.
  public let scalars: [Unicode.Scalar]
  /// Offsets of the first scalar of each line (line 1 starts at 0).
  public let lineStarts: [Int]

  public init(_ text: String, fileName: String = "<cell>") {
    self.init(scalars: Array(text.unicodeScalars), fileName: fileName)
  }

  private init(scalars: [Unicode.Scalar], fileName: String) {
    self.fileName = fileName
    self.scalars = scalars
    var starts = [0]
    for (i, s) in scalars.enumerated() where s == "\n" {
      starts.append(i + 1)
    }
    self.lineStarts = starts
  }

  /// The text before `offset` (clamped), as its own source; the same as `SourceText(text(0..<offset))`
  /// without the round trip through a `String`.
  public func prefix(upTo offset: Int) -> SourceText {
    SourceText(scalars: Array(scalars[..<max(0, min(offset, scalars.count))]), fileName: fileName)
  }

  /// The 1-based line and column of `offset` (clamped into the text).
  public func location(of offset: Int) -> (line: Int, column: Int) {
    let offset = max(0, min(offset, scalars.count))
    // Binary search for the last line start ≤ offset.
    var lo = 0
    var hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
    }
    return (lo + 1, offset - lineStarts[lo] + 1)
  }

  /// The text of 1-based `line`, without its newline (empty when out of range).
  public func lineText(_ line: Int) -> String {
    guard line >= 1, line <= lineStarts.count else { return "" }
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] - 1 : scalars.count
    if end > start, scalars[end - 1] == "\r" { end -= 1 }
    return Self.string(scalars[start..<max(start, end)])
  }

  /// The scalars in `range` (clamped) as a string.
  public func text(_ range: Range<Int>) -> String {
    let lo = max(0, min(range.lowerBound, scalars.count))
    let hi = max(lo, min(range.upperBound, scalars.count))
    return Self.string(scalars[lo..<hi])
  }

  /// `scalars` as a string, encoded straight into one buffer of the string's exact UTF-8 size.
  ///
  /// Written out because `String.UnicodeScalarView.append(contentsOf:)` goes scalar by scalar (about
  /// 0.15 µs a scalar in a release build, and allocations along the way), and the lexer, the completer
  /// and the diagnostics cut a token, a prefix or a line out of the source many times per keystroke.
  static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    var byteCount = 0
    for scalar in scalars { byteCount += UTF8.width(scalar) }
    return String(unsafeUninitializedCapacity: byteCount) { buffer in
      var i = 0
      for scalar in scalars {
        UTF8.encode(scalar) { byte in
          buffer[i] = byte
          i += 1
        }
      }
      return i
    }
  }
}

/// A half-open range of Unicode scalar offsets into a ``SourceText``.
public struct SourceSpan: Sendable, Hashable {
  public var start: Int
  public var length: Int
  public init(start: Int, length: Int) {
    self.start = start
    self.length = max(0, length)
  }
  public var end: Int { start + length }
  /// The smallest span covering both.
  public func union(_ other: SourceSpan) -> SourceSpan {
    let s = min(start, other.start)
    return SourceSpan(start: s, length: max(end, other.end) - s)
  }
}
