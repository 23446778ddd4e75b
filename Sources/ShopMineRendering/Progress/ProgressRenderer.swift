import RichOutput
import ShopMineData

/// Renders the shared progress display: one bar (an HTML `<progress>` element, or a text bar where only
/// text shows), the count, the elapsed time and an estimate of the rest.
///
/// The language owns the display id and throttling (see ``ProgressThrottle``); this type only draws one
/// state. Running: `k-means ████████░░ 80% 40/50 · 0.4 s, about 0.1 s left` (HTML: the `<progress>`
/// element and the same words without the text bar). Until something is counted, and for an unknown
/// total, it shows no percentage (`itemcf … 1.2 s`), so a display left behind by a restarted kernel never
/// claims 0 %. Finished: `k-means: 42 iterations, 0.8 s` with a full bar. Stopped: `k-means: interrupted
/// at 80% (40/50) after 0.4 s`, the bar left where the work stopped, so it does not read as finished.
public enum ProgressRenderer {
  /// Cells in the text bar.
  public static let barWidth = 10

  /// Where the work is.
  public enum Phase: Sendable, Hashable {
    case running
    /// Ended normally; `note` replaces the `done/total` count (`42 iterations`, `1,000,000 rows`).
    case finished(note: String?)
    /// Ended early: `reason` is `interrupted` or `failed`.
    case stopped(reason: String)
  }

  /// The bundle for one progress state. `total` ≤ 0 means unknown (no bar, just the count).
  public static func bundle(
    label: String, done: Int, total: Int, elapsed: Double, phase: Phase, note: String? = nil
  ) -> MIMEBundle {
    MIMEBundle(data: [
      "text/plain": .string(text(label: label, done: done, total: total, elapsed: elapsed, phase: phase, note: note)),
      "text/html": .string(html(label: label, done: done, total: total, elapsed: elapsed, phase: phase, note: note)),
    ])
  }

  /// The `text/plain` line.
  public static func text(
    label: String, done: Int, total: Int, elapsed: Double, phase: Phase, note: String? = nil
  ) -> String {
    words(label: label, done: done, total: total, elapsed: elapsed, phase: phase, note: note, textBar: true)
  }

  /// The `text/html` form: a native `<progress>` element (kept by notebook sanitisers, styled by the
  /// browser and the notebook's theme, no CSS needed) followed by the words without the text bar.
  public static func html(
    label: String, done: Int, total: Int, elapsed: Double, phase: Phase, note: String? = nil
  ) -> String {
    let words = Escaping.html(
      words(label: label, done: done, total: total, elapsed: elapsed, phase: phase, note: note, textBar: false))
    let bar: String
    switch phase {
    case .finished:
      bar = "<progress value=\"1\" max=\"1\"></progress> "
    case .stopped:
      // Left where the work stopped; with nothing counted there is no bar at all.
      bar = total > 0 && done > 0 ? "<progress value=\"\(min(done, total))\" max=\"\(total)\"></progress> " : ""
    case .running:
      // Indeterminate (animated, no value) until something is counted.
      bar =
        total > 0 && done > 0
        ? "<progress value=\"\(min(done, total))\" max=\"\(total)\"></progress> " : "<progress></progress> "
    }
    return "<div>\(bar)<span>\(words)</span></div>"
  }

  static func words(
    label: String, done: Int, total: Int, elapsed: Double, phase: Phase, note: String?, textBar: Bool
  ) -> String {
    let counted = total > 0 && done > 0
    let fraction = counted ? max(0, min(1, Double(done) / Double(total))) : 0
    let percent = Int((fraction * 100).rounded(.down))
    switch phase {
    case .finished(let finalNote):
      let what = finalNote ?? (total > 0 ? "\(done)/\(total)" : "\(done)")
      return "\(label): \(what), \(seconds(elapsed))"
    case .stopped(let reason):
      let at = counted ? " at \(percent)% (\(done)/\(total))" : (done > 0 ? " at \(done)" : "")
      return "\(label): \(reason)\(at) after \(seconds(elapsed))"
    case .running:
      let extra = note.map { " \($0)" } ?? ""
      guard counted else {
        // Nothing counted yet, or no total: the running time (or the count), so the display visibly moves.
        let count = done > 0 ? "\(done)" : seconds(elapsed)
        return "\(label) … \(count)" + extra
      }
      let filled = Int((fraction * Double(barWidth)).rounded(.down))
      let bar =
        textBar ? " " + String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled) : ""
      var line = "\(label)\(bar) \(percent)% \(done)/\(total)\(extra) · \(seconds(elapsed))"
      // The rest at the rate so far; only once there is a rate worth extrapolating (5 % and 0.2 s in).
      if fraction >= 0.05, fraction < 1, elapsed >= 0.2 {
        line += ", about \(seconds(elapsed * (1 - fraction) / fraction)) left"
      }
      return line
    }
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
