import ShopMineData

extension VerbInvocation {
  /// A progress display for this verb's long work, with a display id unique in the session and the same
  /// on every run of the same notebook (`progress-<execution count>-<n>`, n counting from 1 in the cell).
  ///
  /// Hand `reporter.callback` to the library call and call `reporter.finish(note:)` when it returns;
  /// nothing shows unless the work takes longer than ``ProgressReporter/defaultDelay``.
  public func progress(label: String, total: Int = 0) -> ProgressReporter {
    ProgressReporter(sink: sink, label: label, total: total, displayID: evaluator.nextProgressDisplayID())
  }
}
