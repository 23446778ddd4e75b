import JupyterProtocol

/// Renders the shared progress display: a text bar and an HTML `<progress>` element.
///
/// The language owns the display id and throttling (see ``ProgressThrottle``); this type only draws one
/// state. Running: `k-means ████████░░ 80% 40/50` (unknown total: `itemcf … 1.2 s` until something is
/// counted, then `scan … 1200`). Finished: `k-means: 50/50, 0.8 s` (or the caller's
/// `note`, e.g. `k-means: 42 iterations, 0.8 s`).
public enum ProgressRenderer {
  /// Cells in the text bar.
  public static let barWidth = 10

  /// The bundle for one progress state. `total` ≤ 0 means unknown (no bar, just the count).
  public static func bundle(
    label: String, done: Int, total: Int, elapsed: Double, finished: Bool,
    note: String? = nil
  ) -> MIMEBundle {
    MIMEBundle(data: [
      "text/plain": .string(
        text(label: label, done: done, total: total, elapsed: elapsed, finished: finished, note: note)),
      "text/html": .string(
        html(label: label, done: done, total: total, elapsed: elapsed, finished: finished, note: note)),
    ])
  }

  /// The `text/plain` line.
  public static func text(
    label: String, done: Int, total: Int, elapsed: Double, finished: Bool,
    note: String? = nil
  ) -> String {
    if finished {
      let what = note ?? (total > 0 ? "\(done)/\(total)" : "\(done)")
      return "\(label): \(what), \(seconds(elapsed))"
    }
    guard total > 0 else {
      // Work that has counted nothing yet (a fit whose library does not report) shows its running time,
      // so a display refreshed by the heartbeat visibly moves.
      let count = done > 0 ? "\(done)" : seconds(elapsed)
      return "\(label) … \(count)" + (note.map { " \($0)" } ?? "")
    }
    let fraction = max(0, min(1, Double(done) / Double(total)))
    let filled = Int((fraction * Double(barWidth)).rounded(.down))
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
    let percent = Int((fraction * 100).rounded(.down))
    return "\(label) \(bar) \(percent)% \(done)/\(total)" + (note.map { " \($0)" } ?? "")
  }

  /// The `text/html` form: a native `<progress>` element (kept by notebook sanitisers, styled by the
  /// browser, no CSS needed) followed by the same words as the text bar.
  public static func html(
    label: String, done: Int, total: Int, elapsed: Double, finished: Bool,
    note: String? = nil
  ) -> String {
    let words = Escaping.html(
      text(label: label, done: done, total: total, elapsed: elapsed, finished: finished, note: note))
    if finished {
      return "<div><progress value=\"1\" max=\"1\"></progress> <span>\(words)</span></div>"
    }
    let element =
      total > 0
      ? "<progress value=\"\(max(0, min(done, total)))\" max=\"\(total)\"></progress>"
      : "<progress></progress>"
    return "<div>\(element) <span>\(words)</span></div>"
  }

  /// Elapsed time for people: `0.8 s`, `12 s`, `2 min 5 s`.
  public static func seconds(_ s: Double) -> String {
    guard s.isFinite, s >= 0 else { return "0 s" }
    if s < 10 { return DecimalFormat.fixed(s, decimals: 1) + " s" }
    if s < 60 { return DecimalFormat.fixed(s, decimals: 0) + " s" }
    let total = Int(s.rounded())
    return "\(total / 60) min \(total % 60) s"
  }
}

/// Decides when a progress display may update: at most `maxPerSecond` times a second (Jupyter's iopub
/// limit is 1000 messages/s; 10/s is plenty for a bar), always for the final state.
public struct ProgressThrottle: Sendable, Hashable {
  public let minInterval: Double
  private var lastEmit: Double?

  public init(maxPerSecond: Double = 10) {
    minInterval = maxPerSecond > 0 ? 1 / maxPerSecond : 0
  }

  /// Whether to emit at time `now` (seconds, any monotonic origin); records the emission when true.
  public mutating func shouldEmit(at now: Double, finished: Bool = false) -> Bool {
    if finished || lastEmit.map({ now - $0 >= minInterval }) ?? true {
      lastEmit = now
      return true
    }
    return false
  }
}
