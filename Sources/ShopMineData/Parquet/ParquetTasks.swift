import Synchronization

/// Runs the independent pieces of a Parquet read or write (one per row group × column) on the cores.
enum ParquetTasks {
  /// `body(0) … body(count - 1)` in parallel, results in order.
  ///
  /// Worker k takes pieces k, k + workers, …: pieces are of similar sizes, so striding balances well
  /// enough without a shared counter. A worker stops at its first failure or on cancellation.
  ///
  /// - Throws: the failure of the lowest-numbered failed piece; ``TableError/interrupted`` when cancelled.
  static func run<T: Sendable>(
    count: Int, cancellation: Cancellation, _ body: (Int) throws(TableError) -> T
  ) throws(TableError) -> [T] {
    let results = Mutex<[Result<T, TableError>?]>(Array(repeating: nil, count: count))
    let workers = max(1, min(SystemInfo.activeProcessorCount, count))
    ComputeThreads.perform(iterations: workers) { worker in
      for k in stride(from: worker, to: count, by: workers) {
        if cancellation.isCancelled { return }
        let result = Result { () throws(TableError) in try body(k) }
        results.withLock { $0[k] = result }
        if case .failure = result { return }
      }
    }
    try cancellation.check()
    let all = results.withLock { $0 }
    for case .failure(let error)? in all { throw error }
    return all.compactMap { try? $0?.get() }
  }
}
