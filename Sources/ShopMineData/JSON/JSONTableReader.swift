/// Reads JSON records into a table: JSON lines (one object per line, as event logs are written) or one
/// JSON array of objects (as APIs and `pandas.DataFrame.to_json(orient="records")` write).
///
/// Each record is a row and each key a column, in the order keys are first seen; a record without a key
/// is missing there, and `null` is missing. Nested objects are flattened to `a.b` columns (as
/// `pandas.json_normalize` names them); an array stays one value, its JSON text. Types are inferred as the
/// CSV reader infers them: whole numbers are int, with a decimal among them float, `true`/`false` bool,
/// strings that all read as ISO-8601 dates or times timestamp, any other mix string.
///
/// Written here rather than with `JSONSerialization`: that gives unordered dictionaries (the column order
/// would be lost) and on Linux cannot tell `true` from `1`.
public enum JSONTableReader {
  /// Loads the JSON records file at `path` (gzip-compressed files are read transparently).
  public static func read(path: String, cancellation: Cancellation = .none) throws(TableError) -> Table {
    let bytes = try FileBytes.readDecompressing(path, cancellation: cancellation)
    do {
      return try parse(bytes: bytes, cancellation: cancellation)
    } catch let error where error.code == .parse {
      throw TableError(code: .parse, message: "\(path): \(error.message)", line: error.line)
    }
  }

  /// Parses JSON lines or a JSON array of objects.
  public static func parse(bytes: [UInt8], cancellation: Cancellation = .none) throws(TableError) -> Table {
    try bytes.withUnsafeBufferPointer { buffer throws(TableError) in
      var parser = JSONRecordParser(bytes: buffer)
      var columns = ColumnsBuilder()
      try parser.records(into: &columns, cancellation: cancellation)
      return columns.table()
    }
  }
}

/// The values of every column so far, padded with missing for rows that lacked the key.
struct ColumnsBuilder {
  var names: [String] = []
  var index: [String: Int] = [:]
  var values: [[Value]] = []
  var rows = 0

  mutating func set(_ name: String, _ value: Value) {
    let c: Int
    if let known = index[name] {
      c = known
    } else {
      c = names.count
      index[name] = c
      names.append(name)
      values.append([])
    }
    if values[c].count == rows + 1 {
      // The same key twice in one record: the last one counts, as in JSON.parse.
      values[c][rows] = value
      return
    }
    if values[c].count < rows { values[c].append(contentsOf: repeatElement(.missing, count: rows - values[c].count)) }
    values[c].append(value)
  }

  mutating func endRecord() { rows += 1 }

  func table() -> Table {
    var columns: [Column] = []
    for (c, name) in names.enumerated() {
      var column = values[c]
      if column.count < rows { column.append(contentsOf: repeatElement(.missing, count: rows - column.count)) }
      columns.append(Self.typed(name, column))
    }
    return Table(uncheckedColumns: columns, rowCount: rows)
  }

  /// The column of `values` in the narrowest type that holds them all; strings that all read as
  /// timestamps become timestamps.
  static func typed(_ name: String, _ values: [Value]) -> Column {
    var stamps: [Value] = []
    stamps.reserveCapacity(values.count)
    var allStamps = true
    var sawString = false
    for v in values {
      switch v {
      case .missing: stamps.append(.missing)
      case .string(let s):
        sawString = true
        guard let t = Timestamp.parse(s) else {
          allStamps = false
          break
        }
        stamps.append(.timestamp(t))
      default: allStamps = false
      }
      if !allStamps { break }
    }
    if allStamps && sawString { return Column(name: name, values: stamps) }
    return Column(name: name, values: values)
  }
}

/// A byte-level JSON parser that hands each record's scalar fields to a ``ColumnsBuilder``.
struct JSONRecordParser {
  let bytes: UnsafeBufferPointer<UInt8>
  var i = 0

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    // A UTF-8 byte order mark is not part of the data.
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
  }

  /// Objects nested deeper than this are refused (the parser recurses once per level).
  static let maximumDepth = 200

  mutating func records(into columns: inout ColumnsBuilder, cancellation: Cancellation) throws(TableError) {
    skipSpace()
    if i < bytes.count && bytes[i] == UInt8(ascii: "[") {
      i += 1
      skipSpace()
      if peek == UInt8(ascii: "]") {
        i += 1
      } else {
        while true {
          try record(into: &columns)
          if columns.rows & 0xFFF == 0 { try cancellation.check() }
          skipSpace()
          guard let b = peek else { throw failure("the array of records is not closed with ']'") }
          i += 1
          if b == UInt8(ascii: "]") { break }
          guard b == UInt8(ascii: ",") else { throw failure("expected ',' or ']' after a record", at: i - 1) }
          skipSpace()
        }
      }
      skipSpace()
      guard i == bytes.count else { throw failure("unexpected text after the array of records") }
      return
    }
    // JSON lines: one object per line; blank lines are skipped.
    while true {
      skipSpace()
      guard i < bytes.count else { return }
      try record(into: &columns)
      if columns.rows & 0xFFF == 0 { try cancellation.check() }
      while let b = peek, b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") { i += 1 }
      if let b = peek, b != UInt8(ascii: "\n") {
        throw failure("expected one JSON object per line; more text follows the object")
      }
    }
  }

  var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

  mutating func skipSpace() {
    while i < bytes.count {
      switch bytes[i] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): i += 1
      default: return
      }
    }
  }

  /// One record: a JSON object, flattened into `columns`.
  mutating func record(into columns: inout ColumnsBuilder) throws(TableError) {
    guard peek == UInt8(ascii: "{") else {
      throw failure("a record must be a JSON object ({…}), not \(describeNext())")
    }
    try object(prefix: "", depth: 0, into: &columns)
    columns.endRecord()
  }

  mutating func object(prefix: String, depth: Int, into columns: inout ColumnsBuilder) throws(TableError) {
    guard depth < Self.maximumDepth else { throw failure("objects nested more than \(Self.maximumDepth) deep") }
    i += 1  // {
    skipSpace()
    if peek == UInt8(ascii: "}") {
      i += 1
      return
    }
    while true {
      skipSpace()
      guard peek == UInt8(ascii: "\"") else { throw failure("expected a key in quotes, found \(describeNext())") }
      let key = prefix + (try string())
      skipSpace()
      guard peek == UInt8(ascii: ":") else { throw failure("expected ':' after the key \"\(key)\"") }
      i += 1
      skipSpace()
      if peek == UInt8(ascii: "{") {
        try object(prefix: key + ".", depth: depth + 1, into: &columns)
      } else {
        columns.set(key, try scalar())
      }
      skipSpace()
      guard let b = peek else { throw failure("the object is not closed with '}'") }
      i += 1
      if b == UInt8(ascii: "}") { return }
      guard b == UInt8(ascii: ",") else { throw failure("expected ',' or '}' in an object", at: i - 1) }
    }
  }

  /// A value that is not an object: a string, number, boolean, null, or an array (kept as its JSON text).
  mutating func scalar() throws(TableError) -> Value {
    guard let b = peek else { throw failure("a value is missing at the end of the file") }
    switch b {
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try word("true", .bool(true))
    case UInt8(ascii: "f"): return try word("false", .bool(false))
    case UInt8(ascii: "n"): return try word("null", .missing)
    case UInt8(ascii: "["):
      let start = i
      try skipArray()
      return .string(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw failure("expected a value, found \(describeNext())")
    }
  }

  mutating func word(_ text: StaticString, _ value: Value) throws(TableError) -> Value {
    let n = text.utf8CodeUnitCount
    guard i + n <= bytes.count else { throw failure("expected \(text), found \(describeNext())") }
    for k in 0..<n where bytes[i + k] != text.utf8Start[k] {
      throw failure("expected \(text), found \(describeNext())")
    }
    i += n
    return value
  }

  mutating func number() throws(TableError) -> Value {
    let start = i
    var isFloat = false
    while let b = peek {
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"): i += 1
      case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
        isFloat = true
        i += 1
      default:
        return try numberValue(start, isFloat)
      }
    }
    return try numberValue(start, isFloat)
  }

  private func numberValue(_ start: Int, _ isFloat: Bool) throws(TableError) -> Value {
    guard let base = bytes.baseAddress else { throw failure("a number is missing", at: start) }
    let p = base + start
    let n = i - start
    if !isFloat, let v = FieldParsers.parseInt(p, n) { return .int(v) }
    // Whole numbers beyond 64 bits read as floats, as pandas reads them.
    if let d = FieldParsers.parseDouble(p, n), d.isFinite { return .float(d) }
    throw failure(
      "'\(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))' is not a number", at: start)
  }

  /// Skips a JSON array (strings inside may hold brackets).
  mutating func skipArray() throws(TableError) {
    let start = i
    var depth = 0
    while let b = peek {
      switch b {
      case UInt8(ascii: "\""):
        _ = try string()
        continue
      case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        depth -= 1
        if depth == 0 {
          i += 1
          return
        }
      default: break
      }
      i += 1
    }
    throw failure("the array is not closed with ']'", at: start)
  }

  /// A JSON string at `i` (which is at its opening quote), escapes decoded.
  mutating func string() throws(TableError) -> String {
    let start = i
    i += 1
    var plainStart = i
    var out: [UInt8] = []
    var escaped = false
    while let b = peek {
      if b == UInt8(ascii: "\"") {
        let text: String
        if escaped {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<i]))
          text = String(decoding: out, as: UTF8.self)
        } else {
          text = String(decoding: UnsafeBufferPointer(rebasing: bytes[plainStart..<i]), as: UTF8.self)
        }
        i += 1
        return text
      }
      if b == UInt8(ascii: "\\") {
        escaped = true
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<i]))
        i += 1
        guard let e = peek else { break }
        i += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(8)
        case UInt8(ascii: "f"): out.append(12)
        case UInt8(ascii: "n"): out.append(10)
        case UInt8(ascii: "r"): out.append(13)
        case UInt8(ascii: "t"): out.append(9)
        case UInt8(ascii: "u"):
          var scalar = try hex4()
          if (0xD800..<0xDC00).contains(scalar), peek == UInt8(ascii: "\\"), i + 1 < bytes.count,
            bytes[i + 1] == UInt8(ascii: "u")
          {
            i += 2
            let low = try hex4()
            if (0xDC00..<0xE000).contains(low) {
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
          }
          // A lone surrogate becomes U+FFFD, as browsers decode it.
          out.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
        default: throw failure("unknown escape '\\\(Character(Unicode.Scalar(e)))' in a string", at: i - 2)
        }
        plainStart = i
        continue
      }
      i += 1
    }
    throw failure("a string is not closed with '\"'", at: start)
  }

  mutating func hex4() throws(TableError) -> UInt32 {
    guard i + 4 <= bytes.count else { throw failure("a \\u escape needs four hex digits") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[i]
      let d: UInt8
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - 48
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - 87
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - 55
      default: throw failure("a \\u escape needs four hex digits")
      }
      v = v << 4 | UInt32(d)
      i += 1
    }
    return v
  }

  func describeNext() -> String {
    guard let b = peek else { return "the end of the file" }
    if b >= 32 && b < 127 { return "'\(Character(Unicode.Scalar(b)))'" }
    return "byte \(b)"
  }

  /// A parse error at `offset` (default: here), with its 1-based line.
  func failure(_ message: String, at offset: Int? = nil) -> TableError {
    let at = min(offset ?? i, bytes.count)
    var line = 1
    for k in 0..<at where bytes[k] == UInt8(ascii: "\n") { line += 1 }
    return TableError(code: .parse, message: "line \(line): \(message)", line: line)
  }
}
