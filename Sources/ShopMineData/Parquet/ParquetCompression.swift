import CSnappy
import CZlib
import CZstd

/// Page compression for Parquet through Debian's libsnappy, libzstd and zlib.
enum ParquetCompression {
  /// The `size` bytes that `input` decompresses to with `codec`.
  ///
  /// - Throws: ``TableError`` (`.parse`) for corrupt data or an unsupported codec, naming the codec.
  static func decompress(_ input: ArraySlice<UInt8>, codec: Int32, size: Int) throws(TableError) -> [UInt8] {
    guard let known = ParquetCodec(rawValue: codec) else {
      throw TableError(
        code: .parse,
        message:
          "uses the \(ParquetCodec.name(codec)) codec, which ShopMine does not read (UNCOMPRESSED, SNAPPY, GZIP and ZSTD are)"
      )
    }
    switch known {
    case .uncompressed:
      guard input.count == size else { throw corrupt("an uncompressed page has the wrong size") }
      return Array(input)
    case .gzip:
      let out = try FileBytes.gunzip(Array(input))
      guard out.count == size else { throw corrupt("a GZIP page has the wrong size") }
      return out
    case .snappy:
      return try decode(input, size: size, name: "SNAPPY") { src, n, dst, capacity in
        var length = 0
        guard snappy_uncompressed_length(src, n, &length) == SNAPPY_OK, length == capacity else { return -1 }
        guard snappy_uncompress(src, n, dst, &length) == SNAPPY_OK else { return -1 }
        return length
      }
    case .zstd:
      return try decode(input, size: size, name: "ZSTD") { src, n, dst, capacity in
        let r = ZSTD_decompress(dst, capacity, src, n)
        return ZSTD_isError(r) != 0 ? -1 : r
      }
    }
  }

  /// Runs a one-shot C decompressor from `input` into `size` bytes.
  private static func decode(
    _ input: ArraySlice<UInt8>, size: Int, name: String,
    _ body: (UnsafePointer<CChar>, Int, UnsafeMutablePointer<CChar>, Int) -> Int
  ) throws(TableError) -> [UInt8] {
    guard let output = callC(input, capacity: size, body), output.count == size else {
      throw corrupt("a \(name) page does not decompress to its stated size")
    }
    return output
  }

  /// Calls a one-shot C (de)compressor `body(source, count, destination, capacity)`, which returns the
  /// bytes it wrote or a negative number on failure; `nil` on failure.
  private static func callC(
    _ input: ArraySlice<UInt8>, capacity: Int,
    _ body: (UnsafePointer<CChar>, Int, UnsafeMutablePointer<CChar>, Int) -> Int
  ) -> [UInt8]? {
    var written = -1
    // An empty array may have no buffer; the C libraries want a pointer even for zero bytes.
    let source = input.isEmpty ? [0][...] : input
    let output = [UInt8](unsafeUninitializedCapacity: max(capacity, 1)) { out, initialized in
      source.withUnsafeBufferPointer { src in
        guard let s = src.baseAddress, let d = out.baseAddress else { return }
        written = s.withMemoryRebound(to: CChar.self, capacity: src.count) { s in
          d.withMemoryRebound(to: CChar.self, capacity: max(capacity, 1)) { d in body(s, input.count, d, capacity) }
        }
      }
      initialized = max(0, min(written, capacity))
    }
    return written >= 0 ? output : nil
  }

  /// `input` compressed with `codec`.
  static func compress(_ input: [UInt8], codec: ParquetCodec) throws(TableError) -> [UInt8] {
    switch codec {
    case .uncompressed: return input
    case .snappy:
      let bound = snappy_max_compressed_length(input.count)
      return try encode(input, bound: bound, name: "snappy") { src, n, dst, capacity in
        var length = capacity
        return snappy_compress(src, n, dst, &length) == SNAPPY_OK ? length : -1
      }
    case .zstd:
      return try encode(input, bound: ZSTD_compressBound(input.count), name: "zstd") { src, n, dst, capacity in
        let r = ZSTD_compress(dst, capacity, src, n, 3)
        return ZSTD_isError(r) != 0 ? -1 : r
      }
    case .gzip:
      return try gzip(input)
    }
  }

  private static func encode(
    _ input: [UInt8], bound: Int, name: String,
    _ body: (UnsafePointer<CChar>, Int, UnsafeMutablePointer<CChar>, Int) -> Int
  ) throws(TableError) -> [UInt8] {
    guard let output = callC(input[...], capacity: bound, body) else {
      throw TableError(code: .io, message: "\(name) compression failed")
    }
    return output
  }

  /// Deflate with gzip framing (window bits 15 + 16); zlib writes a zero modification time, so the same
  /// input always gives the same bytes.
  static func gzip(_ input: [UInt8]) throws(TableError) -> [UInt8] {
    var stream = z_stream()
    guard
      deflateInit2_(
        &stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        == Z_OK
    else { throw TableError(code: .io, message: "zlib could not start") }
    defer { deflateEnd(&stream) }
    let bound = Int(deflateBound(&stream, UInt(input.count))) + 32
    var input = input
    var status: Int32 = Z_STREAM_ERROR
    var produced = 0
    let output = [UInt8](unsafeUninitializedCapacity: bound) { out, initialized in
      input.withUnsafeMutableBufferPointer { src in
        stream.next_in = src.baseAddress
        stream.avail_in = UInt32(src.count)
        stream.next_out = out.baseAddress
        stream.avail_out = UInt32(bound)
        status = deflate(&stream, Z_FINISH)
        produced = bound - Int(stream.avail_out)
      }
      initialized = produced
    }
    guard status == Z_STREAM_END else { throw TableError(code: .io, message: "gzip compression failed") }
    return output
  }

  static func corrupt(_ what: String) -> TableError {
    TableError(code: .parse, message: what)
  }
}
