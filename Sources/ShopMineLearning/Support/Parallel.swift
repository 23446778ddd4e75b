import Dispatch
import ShopMineData

/// Deterministic data-parallel helpers: work is cut into fixed-size chunks independent of the core count,
/// and partial results are combined in chunk order, so the same input gives the same bytes on any machine.
enum Parallel {
  /// Rows per chunk for streaming kernels: large enough that Dispatch overhead is noise, small enough that
  /// two cores stay balanced and a cancellation check happens every few milliseconds.
  static let defaultChunkRows = 32_768

  /// The chunk ranges covering `0..<count`.
  static func chunks(count: Int, chunkRows: Int = defaultChunkRows) -> [Range<Int>] {
    guard count > 0 else { return [] }
    let size = max(1, chunkRows)
    return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
  }

  /// Runs `body(chunkIndex, range)` for each chunk, on all cores when there is more than one chunk.
  static func forEachChunk(_ ranges: [Range<Int>], _ body: (Int, Range<Int>) -> Void) {
    if ranges.count <= 1 {
      for (i, r) in ranges.enumerated() { body(i, r) }
      return
    }
    // Every chunk writes only its own disjoint slice, and the call returns only after all iterations
    // finished, so nothing escapes or races; the workers run at the compute priority.
    ComputeThreads.perform(iterations: ranges.count) { i in body(i, ranges[i]) }
  }
}

/// A cheap clock for throttling progress reports (nanoseconds since an arbitrary origin).
@inline(__always)
func monotonicNanos() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
