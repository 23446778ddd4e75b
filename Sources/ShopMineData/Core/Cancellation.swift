import Dispatch
import Synchronization

/// A flag that long-running work polls to stop early (the kernel's interrupt flips it).
///
/// Shared by reference between the control thread that sets it and the shell thread that checks it.
public final class Cancellation: Sendable {
  private let flag = Atomic<Bool>(false)

  public init() {}

  /// Requests cancellation; thread-safe.
  public func cancel() { flag.store(true, ordering: .relaxed) }
  /// Clears the request before the next statement runs.
  public func reset() { flag.store(false, ordering: .relaxed) }
  public var isCancelled: Bool { flag.load(ordering: .relaxed) }

  /// Throws ``TableError/interrupted`` when cancellation was requested.
  @inline(__always)
  public func check() throws(TableError) {
    if isCancelled { throw TableError.interrupted }
  }

  /// A token that is never cancelled, for callers outside the kernel.
  public static let none = Cancellation()

  /// Rows handled per block between two polls in ``forEachBlock(_:_:)``: a pass over 64 Ki rows with random
  /// access takes a few milliseconds, so an interrupt waits that long at most.
  public static let rowBlock = 1 << 16

  /// Calls `body` on consecutive ranges of at most ``rowBlock`` of `0..<count`, polling this token before
  /// each: the shape of every O(n) pass over a column that must stay interruptible.
  @inlinable
  public func forEachBlock(_ count: Int, _ body: (Range<Int>) -> Void) throws(TableError) {
    var start = 0
    while start < count {
      try check()
      let end = Swift.min(count, start + Self.rowBlock)
      body(start..<end)
      start = end
    }
  }

  /// Sorts `values` ascending, in place: small arrays in one go, long ones with ``sort(_:by:)`` so an
  /// interrupt can cut in (the per-group sorts of `median` and `distinct`).
  @inlinable
  public func sortAscending<Element: Comparable>(_ values: inout [Element]) throws(TableError) {
    if values.count <= Self.sortBlock { values.sort() } else { try sort(&values, by: <) }
  }

  /// Elements sorted per block between two polls of the token in ``sort(_:by:)``; it bounds how long an
  /// interrupt waits (a block of 32 Ki rows sorts in about a millisecond natively).
  public static let sortBlock = 1 << 15

  /// Sorts `items` in place by `areInIncreasingOrder`, a strict total order (ties already broken, so the
  /// result is unique), polling this token between steps: throws ``TableError/interrupted`` when cancelled.
  ///
  /// One `sort` of hundreds of thousands of rows is a single step of tens of milliseconds with no natural
  /// place to poll. Up to ``sortBlock`` elements are sorted in one go; longer collections are sorted in
  /// blocks merged bottom-up, checking the token after every block and every stretch of merged output.
  /// The blocks use the standard sort with the caller's comparator as it is (a comparator that counts its
  /// calls and throws would slow every comparison). Ten tree fits on 200k rows, whose presort is five such
  /// sorts, took a median 1.71 s against 1.51 s with the unpolled sort.
  ///
  /// - Complexity: O(n log n) comparisons, O(n) extra space.
  @inlinable
  public func sort<Element>(_ items: inout [Element], by areInIncreasingOrder: (Element, Element) -> Bool)
    throws(TableError)
  {
    try sort(&items[...], by: areInIncreasingOrder)
  }

  /// ``sort(_:by:)-(inout [Element],_)`` for a slice of an array, sorted in place.
  @inlinable
  public func sort<Element>(_ items: inout ArraySlice<Element>, by less: (Element, Element) -> Bool)
    throws(TableError)
  {
    let block = Self.sortBlock
    let lower = items.startIndex
    let upper = items.endIndex
    var start = lower
    while start < upper {
      try check()
      let end = Swift.min(upper, start + block)
      items[start..<end].sort(by: less)
      start = end
    }
    guard upper - lower > block else { return }
    var source = Array(items)
    var target = source
    let n = source.count
    var width = block
    while width < n {
      var lo = 0
      while lo < n {
        let mid = Swift.min(n, lo + width)
        let hi = Swift.min(n, lo + 2 * width)
        var i = lo
        var j = mid
        var k = lo
        while k < hi {
          // Poll between stretches of output so one long merge cannot delay an interrupt.
          if (k - lo) & (block - 1) == 0 { try check() }
          if j >= hi || (i < mid && !less(source[j], source[i])) {
            target[k] = source[i]
            i += 1
          } else {
            target[k] = source[j]
            j += 1
          }
          k += 1
        }
        lo = hi
      }
      swap(&source, &target)
      width *= 2
    }
    items.replaceSubrange(lower..<upper, with: source)
  }
}

/// Reports progress of long work: `(done, total, note)`; the language throttles and renders it.
public typealias ProgressCallback = @Sendable (_ done: Int, _ total: Int, _ note: String) -> Void

/// Frees the partial results of an interrupted command off the evaluating thread.
///
/// Returning the pages of a half-built result to the system costs time in proportion to what was
/// written: an interrupted self-join of 3M orders held about 600 MB of new columns, and freeing them took
/// up to 150 ms before the interrupt could be answered. Handing the last references to a background queue
/// lets the error go out at once. The queue waits a moment first, so that the evaluating thread has
/// dropped its own references by then and the background release is the last one.
public enum DeferredRelease {
  /// Keeps `value` alive on a background queue for a short while, then drops it there.
  public static func release<T: Sendable>(_ value: T) {
    DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + .milliseconds(20)) {
      withExtendedLifetime(value) {}
    }
  }
}
