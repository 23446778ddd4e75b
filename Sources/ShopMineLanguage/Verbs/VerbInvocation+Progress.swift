import ShopMineData

extension VerbInvocation {
  /// A progress display for this verb's long work, with a display id unique in the session and the same
  /// on every run of the same notebook (`progress-<execution count>-<n>`, n counting from 1 in the cell).
  ///
  /// Hand `reporter.callback` to the library call and call `reporter.finish(note:)` when it returns;
  /// nothing shows unless the work takes longer than ``ProgressReporter/defaultDelay``, and then with the
  /// first report after the delay (`load`, whose reader reports often, keeps its bar in megabytes from the
  /// first frame). Fits use ``withProgress(label:total:finish:_:)``, which adds the heartbeat (the display
  /// appears at the delay even when the library has not reported yet, and its elapsed time moves) and
  /// also closes the display when the work fails.
  public func progress(label: String, total: Int = 0) -> ProgressReporter {
    ProgressReporter(sink: sink, label: label, total: total, displayID: evaluator.nextProgressDisplayID())
  }

  /// Runs `body` (a fit, a mining pass) under one shared progress display and the interrupt token.
  ///
  /// Library errors become diagnostics. The display, when it showed, ends in its final state:
  /// `finish(result)` as the note (`42 iterations`), or `interrupted` / `failed` when `body` throws, so
  /// no bar is left running above a traceback.
  public func withProgress<T>(
    label: String, total: Int = 0, finish: (T) -> String? = { _ in nil },
    _ body: (Cancellation, @escaping ProgressCallback) throws(TableError) -> T
  ) throws(Diagnostic) -> T {
    let reporter = progress(label: label, total: total)
    let cancellation = self.cancellation
    let callback = reporter.callback
    let value: T
    do throws(Diagnostic) {
      value = try ProgressHeartbeat.shared.while(reporter) { () throws(Diagnostic) in
        try data { () throws(TableError) in try body(cancellation, callback) }
      }
    } catch {
      reporter.stop(reason: error.name == "KeyboardInterrupt" ? "interrupted" : "failed")
      throw error
    }
    reporter.finish(note: finish(value))
    return value
  }
}
