/// Writes tables as RFC 4180 CSV: fields quoted only when they contain the separator, a quote, CR or LF
/// (quotes doubled), timestamps as ISO-8601, missing values as empty fields, LF line ends.
public enum CSVWriter {
  /// The CSV bytes of `table`.
  public static func encode(
    _ table: Table, options: CSVWriteOptions = CSVWriteOptions(), cancellation: Cancellation = .none
  ) throws(TableError) -> [UInt8] {
    let sep = options.separator
    var out: [UInt8] = []
    out.reserveCapacity(table.rowCount * max(1, table.columnCount) * 8 + 64)
    if options.header {
      for (j, c) in table.columns.enumerated() {
        if j > 0 { out.append(sep) }
        appendEscaped(Array(c.name.utf8), sep: sep, to: &out)
      }
      out.append(UInt8(ascii: "\n"))
    }
    // Strings are escaped once per dictionary entry, not once per row.
    let encodedDictionaries: [[[UInt8]]] = table.columns.map { c in
      guard case .string(_, let dictionary) = c.storage else { return [] }
      return dictionary.map { s in
        var bytes: [UInt8] = []
        appendEscaped(Array(s.utf8), sep: sep, to: &bytes)
        return bytes
      }
    }
    for r in 0..<table.rowCount {
      if r & 0xFFFF == 0 { try cancellation.check() }
      for (j, c) in table.columns.enumerated() {
        if j > 0 { out.append(sep) }
        guard c.isValid(r) else { continue }
        switch c.storage {
        case .int(let a): appendInt(a[r], to: &out)
        case .float(let a):
          let d = a[r]
          if d.isNaN { continue }
          if d == d.rounded(.towardZero) && abs(d) < 1e16 {
            // Integral floats keep a `.0` so the file reads back as float, as pandas writes them.
            appendInt(Int64(d), to: &out)
            out.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: "0")])
          } else {
            out.append(contentsOf: d.description.utf8)
          }
        case .bool(let a): out.append(contentsOf: a[r] ? Array("true".utf8) : Array("false".utf8))
        case .timestamp(let a): Timestamp.appendFormatted(a[r], to: &out)
        case .string(let codes, _): out.append(contentsOf: encodedDictionaries[j][Int(codes[r])])
        }
      }
      out.append(UInt8(ascii: "\n"))
    }
    return out
  }

  /// The CSV text of `table`.
  public static func string(_ table: Table, options: CSVWriteOptions = CSVWriteOptions()) throws(TableError) -> String {
    String(decoding: try encode(table, options: options), as: UTF8.self)
  }

  /// Writes `table` to `path` atomically (temporary file in the same directory, then rename), creating
  /// missing parent directories.
  public static func write(
    _ table: Table, to path: String, options: CSVWriteOptions = CSVWriteOptions(),
    cancellation: Cancellation = .none
  ) throws(TableError) {
    let bytes = try encode(table, options: options, cancellation: cancellation)
    try FileBytes.writeAtomically(bytes, to: path)
  }

  static func appendEscaped(_ bytes: [UInt8], sep: UInt8, to out: inout [UInt8]) {
    let needsQuotes = bytes.contains {
      $0 == sep || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
    }
    guard needsQuotes else {
      out.append(contentsOf: bytes)
      return
    }
    out.append(UInt8(ascii: "\""))
    for b in bytes {
      if b == UInt8(ascii: "\"") { out.append(b) }
      out.append(b)
    }
    out.append(UInt8(ascii: "\""))
  }

  @inline(__always)
  static func appendInt(_ value: Int64, to out: inout [UInt8]) {
    if value == 0 {
      out.append(UInt8(ascii: "0"))
      return
    }
    if value == Int64.min {
      out.append(contentsOf: String(value).utf8)
      return
    }
    var v = value
    if v < 0 {
      out.append(UInt8(ascii: "-"))
      v = -v
    }
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 19 digits
    var n = 0
    withUnsafeMutableBytes(of: &digits) { buf in
      while v > 0 {
        buf[n] = UInt8(ascii: "0") + UInt8(v % 10)
        v /= 10
        n += 1
      }
      for i in stride(from: n - 1, through: 0, by: -1) { out.append(buf[i]) }
    }
  }
}
