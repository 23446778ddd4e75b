/// Allocation-free parsers for CSV fields given as raw UTF-8 bytes.
///
/// Written by hand rather than through `Int64(String)` / `Double(String)` because building a `String` per
/// field is the single largest cost of naive CSV loading (an allocation and UTF-8 validation per cell).
enum FieldParsers {
  /// A decimal integer with an optional sign; `nil` on any other byte or on overflow.
  @inline(__always)
  static func parseInt(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
    guard n > 0 else { return nil }
    var i = 0
    var negative = false
    if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
      negative = p[0] == UInt8(ascii: "-")
      i = 1
      guard n > 1 else { return nil }
    }
    var value: Int64 = 0
    while i < n {
      let d = Int64(p[i]) &- 48
      guard d >= 0 && d <= 9 else { return nil }
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
      guard !o1 && !o2 else { return nil }
      value = s
      i += 1
    }
    return value
  }

  /// Exact powers of ten representable as doubles (Clinger's fast path).
  private static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22,
  ]

  /// A decimal floating-point number (`-1.5`, `.5`, `2.`, `1e-3`, `nan`, `inf`); `nil` otherwise.
  ///
  /// Correctly rounded: the fast path is taken only when the decimal mantissa fits in 53 bits and the
  /// power of ten is exact (Clinger 1990), so one multiplication or division rounds once; every other
  /// input goes through the standard library's correctly rounded `Double(String)`.
  @inline(__always)
  static func parseDouble(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
    guard n > 0 else { return nil }
    var i = 0
    var negative = false
    if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
      negative = p[0] == UInt8(ascii: "-")
      i = 1
    }
    var mantissa: UInt64 = 0
    var exponent = 0
    var sawDigit = false
    var overflowDigits = false
    while i < n, p[i] &- 48 < 10 {
      if mantissa < 1_000_000_000_000_000_000 {
        mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
      } else {
        exponent += 1
        overflowDigits = true
      }
      sawDigit = true
      i += 1
    }
    if i < n, p[i] == UInt8(ascii: ".") {
      i += 1
      while i < n, p[i] &- 48 < 10 {
        if mantissa < 1_000_000_000_000_000_000 {
          mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
          exponent -= 1
        } else {
          overflowDigits = true
        }
        sawDigit = true
        i += 1
      }
    }
    if !sawDigit { return slowParse(p, n) }
    if i < n, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
      i += 1
      var expNegative = false
      if i < n, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
        expNegative = p[i] == UInt8(ascii: "-")
        i += 1
      }
      var e = 0
      var any = false
      while i < n, p[i] &- 48 < 10 {
        if e < 100_000 { e = e * 10 + Int(p[i] &- 48) }
        any = true
        i += 1
      }
      guard any else { return nil }
      exponent += expNegative ? -e : e
    }
    guard i == n else { return nil }
    if !overflowDigits && mantissa < (1 << 53) && exponent >= -22 && exponent <= 22 {
      var d = Double(mantissa)
      if exponent < 0 { d /= powersOfTen[-exponent] } else { d *= powersOfTen[exponent] }
      return negative ? -d : d
    }
    return slowParse(p, n)
  }

  /// A decimal number written with `decimal` as its decimal mark (`1,5` with `,`, as European exports
  /// write): the field with the mark read as `.`; a field holding a `.` is no number in that notation.
  static func parseDouble(_ p: UnsafePointer<UInt8>, _ n: Int, decimal: UInt8) -> Double? {
    if decimal == UInt8(ascii: ".") { return parseDouble(p, n) }
    guard n > 0, n <= 400 else { return nil }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { copy -> Double? in
      for k in 0..<n {
        let b = p[k]
        if b == UInt8(ascii: ".") { return nil }
        copy[k] = b == decimal ? UInt8(ascii: ".") : b
      }
      guard let base = copy.baseAddress else { return nil }
      return parseDouble(base, n)
    }
  }

  /// The standard library's parser for the rare inputs the fast path does not handle exactly.
  private static func slowParse(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
    let s = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    // Swift accepts hex floats ("0x1p3"); CSV users mean decimal text, so reject them.
    if s.contains("x") || s.contains("X") { return nil }
    return Double(s)
  }

  /// `true`/`false` in any letter case; `nil` otherwise.
  @inline(__always)
  static func parseBool(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool? {
    // ASCII letters fold to lower case with `| 0x20`.
    if n == 4, p[0] | 0x20 == UInt8(ascii: "t"), p[1] | 0x20 == UInt8(ascii: "r"), p[2] | 0x20 == UInt8(ascii: "u"),
      p[3] | 0x20 == UInt8(ascii: "e")
    {
      return true
    }
    if n == 5, p[0] | 0x20 == UInt8(ascii: "f"), p[1] | 0x20 == UInt8(ascii: "a"), p[2] | 0x20 == UInt8(ascii: "l"),
      p[3] | 0x20 == UInt8(ascii: "s"), p[4] | 0x20 == UInt8(ascii: "e")
    {
      return false
    }
    return nil
  }
}
