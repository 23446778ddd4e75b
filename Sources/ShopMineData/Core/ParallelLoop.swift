import Dispatch

/// Splits a loop over `0..<count` into contiguous chunks run on all cores, for the few whole-column loops
/// whose cost is memory traffic (gathering rows into new columns) rather than arithmetic.
enum ParallelLoop {
  /// Below this many iterations a loop runs on the calling thread: waking the pool costs more than it saves.
  static let minimumParallelCount = 1 << 17

  /// Runs `body` over disjoint ranges covering `0..<count`, in parallel when `count` is large and there
  /// is more than one core. `body` must only write to its own range.
  static func chunks(count: Int, _ body: (Range<Int>) -> Void) {
    let cores = SystemInfo.activeProcessorCount
    guard count >= minimumParallelCount, cores > 1 else {
      body(0..<count)
      return
    }
    let parts = min(cores, count / (minimumParallelCount / 2))
    ComputeThreads.perform(iterations: parts) { k in
      let lower = count * k / parts
      let upper = count * (k + 1) / parts
      body(lower..<upper)
    }
  }
}

/// Carries a value into the workers of ``ParallelLoop``; safe because each worker touches only its own
/// range of the buffers behind it and the loop joins before the caller continues.
struct UncheckedSendable<T>: @unchecked Sendable {
  var value: T
}

/// Source, index and output buffers of a gather, shared with the workers of ``ParallelLoop``.
struct UncheckedPointers<T>: @unchecked Sendable {
  var source: UnsafePointer<T>
  var indices: UnsafePointer<Int>
  var output: UnsafeMutablePointer<T>
}
