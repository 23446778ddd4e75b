#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file reads and atomic writes through POSIX calls, with errors that name the path.
public enum FileBytes {
  /// Bytes read per `read(2)` call between cancellation checks: reading a large file from disk takes long
  /// enough that an interrupt must be able to stop it.
  static let readPiece = 8 << 20

  /// The contents of the file at `path`.
  ///
  /// - Throws: ``TableError`` (`.io`) naming the path; ``TableError/interrupted`` when `cancellation`
  ///   is set while reading.
  public static func read(_ path: String, cancellation: Cancellation = .none) throws(TableError) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw ioError("cannot open '\(path)'") }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw ioError("cannot read '\(path)'") }
    if (st.st_mode & S_IFMT) == S_IFDIR { throw TableError(code: .io, message: "'\(path)' is a directory") }
    let size = Int(st.st_size)
    var failed = false
    var interrupted = false
    let bytes = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, initialized in
      guard let base = buffer.baseAddress else {
        failed = size > 0
        initialized = 0
        return
      }
      var done = 0
      while done < size {
        if cancellation.isCancelled {
          interrupted = true
          break
        }
        let n = Glibc_read(fd, base + done, min(size - done, readPiece))
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        done += n
      }
      failed = done < size
      initialized = done
    }
    if interrupted { throw TableError.interrupted }
    if failed { throw ioError("cannot read '\(path)'") }
    return bytes
  }

  /// Writes `bytes` to `path` atomically: a temporary file in the same directory, then `rename(2)`, so
  /// readers see the old file or the new one, never half of one. Creates missing parent directories.
  public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(TableError) {
    let directory = parentDirectory(of: path)
    try makeDirectories(directory)
    let temp = "\(directory)/.\(baseName(of: path)).tmp-\(getpid())"
    let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw ioError("cannot write '\(path)'") }
    var ok = true
    bytes.withUnsafeBufferPointer { buffer in
      var done = 0
      while done < buffer.count, let base = buffer.baseAddress {
        let n = write(fd, base + done, buffer.count - done)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 {
          ok = false
          break
        }
        done += n
      }
    }
    if close(fd) != 0 { ok = false }
    guard ok, rename(temp, path) == 0 else {
      let error = ioError("cannot write '\(path)'")
      unlink(temp)
      throw error
    }
  }

  static func parentDirectory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let dir = String(path[..<slash])
    return dir.isEmpty ? "/" : dir
  }

  static func baseName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  /// `mkdir -p`.
  static func makeDirectories(_ path: String) throws(TableError) {
    var st = stat()
    if stat(path, &st) == 0 { return }
    let parent = parentDirectory(of: path)
    if parent != path && parent != "." && parent != "/" { try makeDirectories(parent) }
    if mkdir(path, 0o755) != 0 && errno != EEXIST { throw ioError("cannot create directory '\(path)'") }
  }

  private static func ioError(_ message: String) -> TableError {
    let reason = String(cString: strerror(errno))
    return TableError(code: .io, message: "\(message): \(reason)")
  }
}

/// `read(2)` under a name that does not clash with the enum's own `read`.
@inline(__always)
private func Glibc_read(_ fd: Int32, _ buf: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
  #if canImport(Darwin)
    return Darwin.read(fd, buf, count)
  #elseif canImport(Musl)
    return Musl.read(fd, buf, count)
  #else
    return Glibc.read(fd, buf, count)
  #endif
}
