import Foundation
import JupyterProtocol
import ShopMineData
import ShopMineRendering
import Synchronization

/// A live progress display for one piece of long work (`load` of a big CSV, a model fit), updated in
/// place through `update_display_data`.
///
/// - Nothing shows until the work has run for ``delay`` seconds, so quick work leaves no output and
///   notebooks stay deterministic.
/// - Then one `display_data` with the reporter's display id, followed by updates at most
///   `maxPerSecond` times a second (``ProgressThrottle``; Jupyter server drops iopub traffic above
///   1000 messages/s, and a bar needs far fewer).
/// - ``finish(note:)`` (or ``stop(reason:)``) always sends the final state once the display exists (`load: 1,000,000 rows, 0.8 s`),
///   and shows it directly when the work outlasted the delay without a progress report in between.
/// - While ``ProgressHeartbeat`` drives it (as ``VerbInvocation/withProgress(label:total:finish:_:)`` does for
///   every fit), ``beat()`` also looks at the state every interval from the delay on, so work whose
///   library reports rarely or never (a kNN similarity pass, one long SVD epoch) still shows the display
///   at the delay, its elapsed time moving, and a report the throttle held back appears once the
///   interval has passed. Beats share the throttle, so the rate limit holds for both together.
///   An output identical to the last one is never sent again.
///
/// Library workers call ``callback`` from their own threads (the CSV reader reports from every parsing
/// chunk), so the state sits behind a mutex and the sink is only called while holding it: one writer at
/// a time, in order. That is why the class is `@unchecked Sendable` — the sink is touched only there.
public final class ProgressReporter: @unchecked Sendable {
  /// Seconds before the display first appears.
  public static let defaultDelay = 0.5

  private struct State {
    var throttle: ProgressThrottle
    var shown = false
    var finished = false
    var done = 0
    var total: Int
    var note: String?
    /// The text of the last output, so an unchanged state is not sent again.
    var lastText: String?
  }

  public let label: String
  public let displayID: String
  public let delay: Double
  private let sink: any OutputSink
  private let now: @Sendable () -> Double
  private let state: Mutex<State>

  /// A reporter for `label` (`load`, `k-means`) with `total` steps (≤ 0: unknown).
  ///
  /// `now` gives seconds since the work started; the default reads a monotonic clock from this call.
  /// Tests pass a fake clock.
  public init(
    sink: any OutputSink, label: String, total: Int, displayID: String, delay: Double = defaultDelay,
    maxPerSecond: Double = 10, now: (@Sendable () -> Double)? = nil
  ) {
    self.sink = sink
    self.label = label
    self.displayID = displayID
    self.delay = delay
    self.state = Mutex(State(throttle: ProgressThrottle(maxPerSecond: maxPerSecond), total: total))
    if let now {
      self.now = now
    } else {
      let clock = ContinuousClock()
      let start = clock.now
      self.now = {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
      }
    }
  }

  /// The callback to hand to library code (`CSVReader.read(…, progress:)`, model fits).
  public var callback: ProgressCallback {
    { [self] done, total, note in self.update(done: done, total: total, note: note) }
  }

  /// Whether the display has been sent.
  public var isShown: Bool { state.withLock { $0.shown } }

  /// Records progress; shows or updates the display when the delay has passed and the throttle allows.
  /// `note` equal to the label, or empty, adds nothing.
  public func update(done: Int, total: Int? = nil, note: String? = nil) {
    let seconds = now()
    state.withLock { s in
      guard !s.finished else { return }
      // Parallel workers may report out of order; the bar never moves back.
      s.done = max(s.done, done)
      if let total { s.total = total }
      s.note = (note == nil || note == label || note?.isEmpty == true) ? nil : note
      emitRunning(at: seconds, &s)
    }
  }

  /// The heartbeat (``ProgressHeartbeat``): shows or refreshes the running state when the throttle allows;
  /// nothing once finished.
  func beat() {
    let seconds = now()
    state.withLock { s in
      guard !s.finished else { return }
      emitRunning(at: seconds, &s)
    }
  }

  /// Sends the running state after the delay, within the throttle, unless it reads as the last output.
  private func emitRunning(at seconds: Double, _ s: inout State) {
    guard seconds >= delay else { return }
    let text = ProgressRenderer.text(
      label: label, done: s.done, total: s.total, elapsed: seconds, phase: .running, note: s.note)
    guard text != s.lastText, s.throttle.shouldEmit(at: seconds) else { return }
    let bundle = ProgressRenderer.bundle(
      label: label, done: s.done, total: s.total, elapsed: seconds, phase: .running, note: s.note)
    send(bundle, &s)
  }

  /// Ends the display in its final state (`load: 1,000,000 rows, 0.8 s`; without a note, `done/total`).
  /// Sends nothing when the work was quicker than the delay. Later calls do nothing.
  public func finish(note: String? = nil) { end(.finished(note: note)) }

  /// Ends the display as stopped early (`reason`: `interrupted`, `failed`), its bar where the work
  /// stopped, so it does not read as finished. Sends nothing when the work was quicker than the delay.
  public func stop(reason: String) { end(.stopped(reason: reason)) }

  private func end(_ phase: ProgressRenderer.Phase) {
    let seconds = now()
    state.withLock { s in
      guard !s.finished else { return }
      s.finished = true
      guard s.shown || seconds >= delay else { return }
      _ = s.throttle.shouldEmit(at: seconds, finished: true)
      let bundle = ProgressRenderer.bundle(label: label, done: s.done, total: s.total, elapsed: seconds, phase: phase)
      send(bundle, &s)
    }
  }

  /// `1,000,000`: a count with thousands grouped, for final notes (locale-free, so output is the same
  /// on every machine).
  public static func grouped(_ n: Int) -> String { CountText.grouped(n) }

  /// The first bundle opens the display; later ones replace it.
  private func send(_ bundle: MIMEBundle, _ s: inout State) {
    s.lastText = bundle.plainText
    if s.shown {
      sink.updateDisplay(bundle, displayID: displayID)
    } else {
      sink.display(bundle, displayID: displayID)
      s.shown = true
    }
  }
}
