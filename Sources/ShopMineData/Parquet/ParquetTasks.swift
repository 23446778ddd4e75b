import Synchronization

/// Runs the independent pieces of a Parquet read or write (one per row group × column) on the cores.
enum ParquetTasks {
  /// `body(0) … body(count - 1)` in parallel, results in order.
  ///
  /// Workers take the next piece from a shared counter, the costliest first when `costs` (one per piece,
  /// such as a chunk's bytes) are given: a file's chunks differ by ten times and more in size (a timestamp
  /// column beside a category), and a fixed share per worker, or a core busy with another process, would
  /// leave one worker with the long tail while the other idles. A worker stops at its first failure or on
  /// cancellation.
  ///
  /// - Throws: the failure of the lowest-numbered failed piece; ``TableError/interrupted`` when cancelled.
  static func run<T: Sendable>(
    count: Int, costs: [Int]? = nil, cancellation: Cancellation, _ body: (Int) throws(TableError) -> T
  ) throws(TableError) -> [T] {
    let results = Mutex<[Result<T, TableError>?]>(Array(repeating: nil, count: count))
    let order = costs.map { c in (0..<count).sorted { c[$0] > c[$1] } } ?? Array(0..<count)
    let next = Atomic<Int>(0)
    let workers = max(1, min(SystemInfo.activeProcessorCount, count))
    ComputeThreads.perform(iterations: workers) { _ in
      while !cancellation.isCancelled {
        let taken = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard taken < count else { return }
        let k = order[taken]
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
