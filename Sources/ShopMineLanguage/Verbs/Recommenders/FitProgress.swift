import JupyterProtocol
import ShopMineData
import Synchronization

/// A progress display for one long fit, for callers that hold a sink rather than a ``VerbInvocation``.
///
/// A thin wrapper over ``ProgressReporter`` (same delay, throttle and final line); verbs should prefer
/// `inv.progress(label:)`, whose display ids are stable across runs of a notebook.
final class FitProgress: Sendable {
  private static let counter = Atomic<Int>(0)
  private let reporter: ProgressReporter

  /// Starts timing; nothing is displayed until the work outlasts ``ProgressReporter/defaultDelay``.
  init(sink: any OutputSink, label: String) {
    let n = Self.counter.wrappingAdd(1, ordering: .relaxed).newValue
    reporter = ProgressReporter(sink: sink, label: label, total: 0, displayID: "shopmine-progress-\(label)-\(n)")
  }

  /// The callback to hand to the library.
  var callback: ProgressCallback { reporter.callback }

  /// Ends the display with its final line, when it was shown.
  func finish(note: String? = nil) { reporter.finish(note: note) }
}
