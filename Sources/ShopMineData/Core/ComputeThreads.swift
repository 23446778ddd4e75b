import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The threads that run long computations, and the priority they run at.
///
/// A Jupyter kernel must answer its heartbeat within milliseconds while a fit keeps every core busy. On a
/// machine with two cores the heartbeat's threads (and the front end pinging it) otherwise wait for a
/// time slice behind the workers: a 30 s ALS fit once delayed a ping by 50 ms. The kernel therefore asks,
/// once, for compute threads to run at a lower priority (a higher `nice`); each thread that starts
/// computing — the evaluating thread, every worker of ``perform(iterations:_:)`` — takes that priority
/// first. Alone on the machine a lower priority costs nothing: it only decides who waits when threads
/// compete. Outside the kernel (scripts, tests, benchmarks) nothing changes.
public enum ComputeThreads {
  private static let niceness = Atomic<Int32>(0)

  /// Makes every thread that computes from now on run at `nice` level `value` (0 leaves them alone).
  public static func lowerPriority(to value: Int32) {
    niceness.store(max(0, min(value, 19)), ordering: .relaxed)
  }

  /// Gives the calling thread the compute priority, if one was asked for. Cheap to call again: a thread
  /// already at that level (or lower) is left as it is. Without the right to raise a priority back, a
  /// thread never gets a higher one here.
  public static func enter() {
    let target = niceness.load(ordering: .relaxed)
    guard target > 0 else { return }
    #if os(Linux)
      // On Linux (NPTL) `nice` belongs to each thread, and PRIO_PROCESS with id 0 means the calling thread,
      // not the whole process (setpriority(2), "Bugs").
      let which = __priority_which_t(PRIO_PROCESS.rawValue)
      errno = 0
      let current = getpriority(which, 0)
      guard errno != 0 || current < target else { return }
      _ = setpriority(which, 0, target)
    #endif
  }

  /// Runs `body(0) … body(iterations - 1)` in parallel on the cores (`DispatchQueue.concurrentPerform`),
  /// each worker at the compute priority. Returns when all have returned.
  public static func perform(iterations: Int, _ body: (Int) -> Void) {
    withoutActuallyEscaping(body) { body in
      let shared = UncheckedSendable(value: body)
      DispatchQueue.concurrentPerform(iterations: iterations) { index in
        enter()
        shared.value(index)
      }
    }
  }
}
