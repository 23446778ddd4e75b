import CZlib
import CZstd

extension FileBytes {
  /// The contents of the file at `path`, decompressed when it is gzip- or zstd-compressed (recognised by
  /// their magic bytes, whatever the name). Concatenated gzip members (as `cat a.gz b.gz` makes) or zstd
  /// frames are read as one.
  ///
  /// - Throws: ``TableError`` (`.io`) naming the path; (`.parse`) for a corrupt or truncated gzip or zstd
  ///   file; ``TableError/interrupted`` when cancelled.
  public static func readDecompressing(_ path: String, cancellation: Cancellation = .none) throws(TableError)
    -> [UInt8]
  {
    let bytes = try read(path, cancellation: cancellation)
    if bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B {
      do {
        return try gunzip(bytes, cancellation: cancellation)
      } catch let error where error.code == .parse {
        throw TableError(code: .parse, message: "'\(path)': \(error.message)")
      }
    }
    if isZstd(bytes) {
      do {
        return try unzstd(bytes, cancellation: cancellation)
      } catch let error where error.code == .parse {
        throw TableError(code: .parse, message: "'\(path)': \(error.message)")
      }
    }
    return bytes
  }

  /// Whether `bytes` start with zstd's frame magic number.
  static func isZstd(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 4 && bytes[0] == 0x28 && bytes[1] == 0xB5 && bytes[2] == 0x2F && bytes[3] == 0xFD
  }

  /// Decompresses zstd data of unknown size with libzstd's streaming API, frame after frame.
  static func unzstd(_ input: [UInt8], cancellation: Cancellation = .none) throws(TableError) -> [UInt8] {
    guard let stream = ZSTD_createDStream() else { throw TableError(code: .io, message: "zstd could not start") }
    defer { ZSTD_freeDStream(stream) }
    var output = [UInt8](repeating: 0, count: max(64 << 10, input.count * 4))
    var produced = 0
    var consumed = 0
    var lastHint = 0
    while true {
      try cancellation.check()
      if produced == output.count { output.append(contentsOf: repeatElement(0, count: output.count)) }
      var failed = false
      var limit = 0
      input.withUnsafeBufferPointer { inBuffer in
        output.withUnsafeMutableBufferPointer { outBuffer in
          limit = min(outBuffer.count, produced + (16 << 20))
          var inb = ZSTD_inBuffer(src: inBuffer.baseAddress, size: inBuffer.count, pos: consumed)
          var outb = ZSTD_outBuffer(dst: outBuffer.baseAddress, size: limit, pos: produced)
          let hint = ZSTD_decompressStream(stream, &outb, &inb)
          failed = ZSTD_isError(hint) != 0
          lastHint = hint
          consumed = inb.pos
          produced = outb.pos
        }
      }
      if failed { throw TableError(code: .parse, message: "corrupt zstd data") }
      // Done when all input is taken and the output had room left (nothing is held back).
      if consumed >= input.count && produced < limit { break }
    }
    // A hint above zero after all input means the last frame is incomplete.
    if lastHint != 0 { throw TableError(code: .parse, message: "the zstd data ends too early (truncated file?)") }
    output.removeSubrange(produced...)
    return output
  }

  /// Inflates gzip data with zlib (window bits 15 + 16: gzip framing only).
  static func gunzip(_ input: [UInt8], cancellation: Cancellation = .none) throws(TableError) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: max(64 << 10, input.count * 4))
    var produced = 0
    var stream = z_stream()
    guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      throw TableError(code: .io, message: "zlib could not start")
    }
    defer { inflateEnd(&stream) }
    var status: Int32 = Z_OK
    var consumed = 0
    while true {
      try cancellation.check()
      if produced == output.count { output.append(contentsOf: repeatElement(0, count: output.count)) }
      status = input.withUnsafeBufferPointer { inBuffer in
        output.withUnsafeMutableBufferPointer { outBuffer in
          // Both buffers are non-empty here (gzip data has a header; the output starts at 64 KiB).
          guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return Z_DATA_ERROR }
          stream.next_in = UnsafeMutablePointer(mutating: inBase + consumed)
          stream.avail_in = UInt32(min(input.count - consumed, Int(UInt32.max)))
          stream.next_out = outBase + produced
          stream.avail_out = UInt32(min(outBuffer.count - produced, 16 << 20))
          let before = (stream.avail_in, stream.avail_out)
          let result = inflate(&stream, Z_NO_FLUSH)
          consumed += Int(before.0 - stream.avail_in)
          produced += Int(before.1 - stream.avail_out)
          return result
        }
      }
      if status == Z_STREAM_END {
        // Another gzip member may follow.
        guard consumed < input.count, input[consumed] == 0x1F else { break }
        guard inflateReset(&stream) == Z_OK else { throw TableError(code: .parse, message: "corrupt gzip data") }
        continue
      }
      guard status == Z_OK || status == Z_BUF_ERROR else {
        throw TableError(code: .parse, message: "corrupt gzip data (zlib status \(status))")
      }
      if status == Z_BUF_ERROR && consumed >= input.count {
        throw TableError(code: .parse, message: "the gzip data ends too early (truncated file?)")
      }
    }
    output.removeSubrange(produced...)
    return output
  }
}
