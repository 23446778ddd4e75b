/// Receives the fields of CSV records from ``CSVScanner``.
///
/// A generic parameter rather than closures so the compiler specialises the scanner loop for each sink
/// (header, type inference, typed loading) and inlines the per-field call.
protocol CSVRecordSink {
  /// A record starts at byte `offset` of the file.
  mutating func beginRecord(at offset: Int)
  /// Field `index` of the current record; the bytes are valid only during the call.
  mutating func field(_ index: Int, _ p: UnsafePointer<UInt8>, _ n: Int) throws(TableError)
  /// The record ended with `fieldCount` fields; return `false` to stop scanning.
  mutating func endRecord(fieldCount: Int) throws(TableError) -> Bool
}

/// The RFC 4180 record scanner: quotes, doubled quotes, CRLF or LF, newlines inside quotes, blank lines
/// skipped. Works on a byte range so chunks of one file can be scanned on different cores.
enum CSVScanner {
  /// Scans records in `base[start..<end]`, returning the offset where scanning stopped.
  static func scan<S: CSVRecordSink>(
    _ base: UnsafePointer<UInt8>, from start: Int, to end: Int, separator: UInt8, sink: inout S,
    cancellation: Cancellation, onProgress: ((Int) -> Void)? = nil
  ) throws(TableError) -> Int {
    let quote = UInt8(ascii: "\"")
    let lf = UInt8(ascii: "\n")
    let cr = UInt8(ascii: "\r")
    // Quoted fields with doubled quotes are unescaped into this reusable buffer, so no field allocates.
    var scratchCapacity = 256
    var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchCapacity)
    defer { scratch.deallocate() }
    var pos = start
    var records = 0
    while pos < end {
      // Blank lines between records are skipped, as pandas does.
      if base[pos] == lf || base[pos] == cr {
        pos += 1
        continue
      }
      records += 1
      // Poll every 4,096 records (a relaxed atomic load, cheap next to parsing them) so that an interrupt
      // waits little even where parsing is slow (wide rows, debug builds); report progress less often.
      if records & 0xFFF == 0 {
        try cancellation.check()
        if records & 0xFFFF == 0 { onProgress?(pos - start) }
      }
      let recordStart = pos
      sink.beginRecord(at: pos)
      var fieldIndex = 0
      var recordDone = false
      while !recordDone {
        if pos < end && base[pos] == quote {
          // Quoted field: copy into scratch, turning "" into ".
          pos += 1
          var len = 0
          var closed = false
          while pos < end {
            // Copy the run up to the next quote in one go.
            var runEnd = pos
            while runEnd < end && base[runEnd] != quote { runEnd += 1 }
            let run = runEnd - pos
            if len + run + 1 > scratchCapacity {
              while len + run + 1 > scratchCapacity { scratchCapacity *= 2 }
              let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchCapacity)
              bigger.update(from: scratch, count: len)
              scratch.deallocate()
              scratch = bigger
            }
            (scratch + len).update(from: base + pos, count: run)
            len += run
            pos = runEnd
            guard pos < end else { break }
            // At a quote: doubled means a literal quote, single means the field's end.
            if pos + 1 < end && base[pos + 1] == quote {
              scratch[len] = quote
              len += 1
              pos += 2
            } else {
              pos += 1
              closed = true
              break
            }
          }
          guard closed else {
            let line = lineNumber(of: recordStart, in: base)
            throw TableError(code: .parse, message: "line \(line): unterminated quoted field", line: line)
          }
          // Text after the closing quote (`"ab"c`) is kept, as lenient readers do.
          while pos < end && base[pos] != separator && base[pos] != lf && base[pos] != cr {
            if len + 1 > scratchCapacity {
              scratchCapacity *= 2
              let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchCapacity)
              bigger.update(from: scratch, count: len)
              scratch.deallocate()
              scratch = bigger
            }
            scratch[len] = base[pos]
            len += 1
            pos += 1
          }
          try sink.field(fieldIndex, UnsafePointer(scratch), len)
        } else {
          let fieldStart = pos
          while pos < end {
            let c = base[pos]
            if c == separator || c == lf || c == cr { break }
            pos += 1
          }
          try sink.field(fieldIndex, base + fieldStart, pos - fieldStart)
        }
        fieldIndex += 1
        if pos < end && base[pos] == separator {
          pos += 1
          // A separator right before the end of input still opens one more (empty) field.
          if pos == end {
            try sink.field(fieldIndex, base + pos, 0)
            fieldIndex += 1
            recordDone = true
          }
        } else {
          if pos < end && base[pos] == cr { pos += 1 }
          if pos < end && base[pos] == lf { pos += 1 }
          recordDone = true
        }
      }
      if try !sink.endRecord(fieldCount: fieldIndex) { return pos }
    }
    onProgress?(end - start)
    return pos
  }

  /// 1-based line number of byte `offset` (counts the newlines before it; used only to report errors).
  static func lineNumber(of offset: Int, in base: UnsafePointer<UInt8>) -> Int {
    var line = 1
    for i in 0..<offset where base[i] == UInt8(ascii: "\n") { line += 1 }
    return line
  }

  /// Splits `base[start..<end]` into about `parts` ranges that each begin at a record start.
  ///
  /// A newline is a record boundary exactly when an even number of quote bytes precede it (RFC 4180
  /// escapes quotes by doubling, which keeps the parity), so one counting pass finds safe split points
  /// without parsing.
  ///
  /// The counting pass covers most of the file, so it polls `cancellation` every mebibyte.
  static func chunkBoundaries(
    _ base: UnsafePointer<UInt8>, from start: Int, to end: Int, parts: Int, cancellation: Cancellation = .none
  ) throws(TableError) -> [Int] {
    guard parts > 1, end - start > parts else { return [start, end] }
    var bounds = [start]
    var quotes = 0
    var pos = start
    for k in 1..<parts {
      let target = start + (end - start) * k / parts
      if target <= pos { continue }
      while pos < target {
        try cancellation.check()
        let stretchEnd = Swift.min(target, pos + (1 << 20))
        while pos < stretchEnd {
          if base[pos] == UInt8(ascii: "\"") { quotes += 1 }
          pos += 1
        }
      }
      while pos < end {
        let c = base[pos]
        pos += 1
        if c == UInt8(ascii: "\"") {
          quotes += 1
        } else if c == UInt8(ascii: "\n") && quotes % 2 == 0 {
          break
        }
      }
      if pos < end { bounds.append(pos) }
    }
    bounds.append(end)
    return bounds
  }
}
