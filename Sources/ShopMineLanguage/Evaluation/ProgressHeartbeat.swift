import Dispatch
import Foundation

/// The one thread that drives the heartbeat of every running progress display in the process: from a
/// display's delay on, it calls ``ProgressReporter/beat()`` every ``interval`` until the work ends.
///
/// Why one shared thread and not a `DispatchSourceTimer` per fit: libdispatch frees a cancelled source's
/// handler into the continuation cache of whichever worker thread disposes of it, so every fit would leave
/// 64 bytes parked on another thread, which the fuzzer's leak check counts after every input. Here a fit's
/// heartbeat costs a lock and an array slot, and the thread sleeps while nothing runs.
///
/// Registration is scoped (``while(_:_:)``): the table holds its reporters strongly, so a reporter
/// must never stay in it after its work.
final class ProgressHeartbeat: @unchecked Sendable {
  static let shared = ProgressHeartbeat()

  /// Seconds between beats of one display (4 a second: the elapsed time moves visibly while staying well
  /// inside the reporter's 10-a-second throttle).
  static let interval = 0.25
  private static let intervalNanoseconds = nanoseconds(interval)

  private struct Entry {
    let reporter: ProgressReporter
    /// When the next beat is due, in `DispatchTime` nanoseconds.
    var due: UInt64
  }

  /// Guards `entries` and `threadStarted`; the thread waits on it for the next due beat or a new entry.
  private let condition = NSCondition()
  private var entries: [Entry] = []
  private var threadStarted = false
  /// The reporters of one tick, beaten outside the lock. Touched only by the heartbeat thread; kept to reuse
  /// its storage.
  private var beating: [ProgressReporter] = []

  private init() {}

  /// Runs `body` with `reporter` beaten every ``interval`` from its delay on; the beats stop before this
  /// returns or throws. A beat of a finished reporter does nothing, so one in flight at the end is harmless.
  func `while`<T, E: Error>(_ reporter: ProgressReporter, _ body: () throws(E) -> T) throws(E) -> T {
    start(reporter)
    defer { stop(reporter) }
    return try body()
  }

  /// Reporters being beaten now (none once every statement has ended).
  var activeCount: Int {
    condition.lock()
    defer { condition.unlock() }
    return entries.count
  }

  private func start(_ reporter: ProgressReporter) {
    let now = DispatchTime.now().uptimeNanoseconds
    condition.lock()
    entries.append(Entry(reporter: reporter, due: now + Self.nanoseconds(reporter.delay)))
    if !threadStarted {
      threadStarted = true
      let thread = Thread { [self] in run() }
      thread.name = "shopmine-progress"
      thread.start()
    }
    condition.signal()
    condition.unlock()
  }

  private func stop(_ reporter: ProgressReporter) {
    condition.lock()
    entries.removeAll { $0.reporter === reporter }
    condition.unlock()
  }

  private func run() {
    condition.lock()
    while true {
      guard var next = entries.first?.due else {
        condition.wait()
        continue
      }
      for entry in entries where entry.due < next { next = entry.due }
      let now = DispatchTime.now().uptimeNanoseconds
      if next > now {
        _ = condition.wait(until: Date(timeIntervalSinceNow: Double(next - now) / 1e9))
        continue
      }
      for i in entries.indices where entries[i].due <= now {
        beating.append(entries[i].reporter)
        // A late tick (a busy machine) resumes the rhythm from now instead of beating to catch up.
        entries[i].due = max(entries[i].due + Self.intervalNanoseconds, now + 1)
      }
      condition.unlock()
      for reporter in beating { reporter.beat() }
      beating.removeAll(keepingCapacity: true)
      condition.lock()
    }
  }

  private static func nanoseconds(_ seconds: Double) -> UInt64 {
    seconds > 0 ? UInt64(min(seconds, 1e9) * 1e9) : 0
  }
}
