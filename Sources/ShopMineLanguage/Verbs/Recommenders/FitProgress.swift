import Foundation
import JupyterProtocol
import ShopMineData
import ShopMineRendering
import Synchronization

/// A progress bar for one long fit (fpgrowth, ALS, SVD, recommending for many users), shown in place with
/// `update_display_data`.
///
/// The bar appears only once the work has run for ``delay`` seconds, so quick fits print nothing and
/// their output stays deterministic; afterwards updates are throttled by ``ProgressThrottle``. Library
/// workers call the callback from their own threads, so the state sits behind a mutex and the sink is
/// only ever called while holding it (one writer at a time).
final class FitProgress: @unchecked Sendable {
  /// Seconds before the bar first shows.
  static let delay = 0.3
  private static let counter = Atomic<Int>(0)

  private struct State {
    var throttle = ProgressThrottle()
    var shown = false
    var done = 0
    var total = 0
    var note: String?
  }

  private let sink: any OutputSink
  private let label: String
  private let displayID: String
  private let clock = ContinuousClock()
  private let start: ContinuousClock.Instant
  private let state = Mutex(State())

  /// Starts timing; nothing is displayed yet.
  init(sink: any OutputSink, label: String) {
    self.sink = sink
    self.label = label
    let n = Self.counter.wrappingAdd(1, ordering: .relaxed).newValue
    self.displayID = "shopmine-progress-\(label)-\(n)"
    self.start = clock.now
  }

  private var elapsed: Double {
    let d = clock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }

  /// The callback to hand to the library.
  var callback: ProgressCallback {
    { [self] done, total, note in self.report(done: done, total: total, note: note) }
  }

  private func report(done: Int, total: Int, note: String) {
    let seconds = elapsed
    state.withLock { s in
      s.done = max(s.done, done)
      s.total = total
      s.note = note == label ? nil : note
      guard seconds >= Self.delay, s.throttle.shouldEmit(at: seconds) else { return }
      let bundle = ProgressRenderer.bundle(
        label: label, done: s.done, total: s.total, elapsed: seconds, finished: false, note: nil)
      if s.shown {
        sink.updateDisplay(bundle, displayID: displayID)
      } else {
        sink.display(bundle, displayID: displayID)
        s.shown = true
      }
    }
  }

  /// Replaces the bar by its final line (`als: 15/15, 2.1 s`) when it was shown.
  func finish(note: String? = nil) {
    let seconds = elapsed
    state.withLock { s in
      guard s.shown else { return }
      let bundle = ProgressRenderer.bundle(
        label: label, done: s.done, total: s.total, elapsed: seconds, finished: true, note: note)
      sink.updateDisplay(bundle, displayID: displayID)
    }
  }
}
