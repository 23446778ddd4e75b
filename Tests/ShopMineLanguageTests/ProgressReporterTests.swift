import Foundation
import JupyterProtocol
import ShopMineData
import Synchronization
import XCTest

@testable import ShopMineLanguage

/// A clock the test moves by hand.
final class FakeClock: Sendable {
  private let seconds = Mutex(0.0)
  func set(_ t: Double) { seconds.withLock { $0 = t } }
  var now: @Sendable () -> Double { { [self] in self.seconds.withLock { $0 } } }
}

/// The shared progress display: delay, throttling, final state and display ids.
final class ProgressReporterTests: XCTestCase {
  /// Every (time, output) the sink saw, with the time read from the fake clock.
  final class TimedSink: OutputSink {
    let clock: FakeClock
    var events: [(time: Double, output: RecordingSink.Output, id: String?)] = []
    init(_ clock: FakeClock) { self.clock = clock }
    func stream(_ name: StreamName, _ text: String) { events.append((clock.now(), .stream(name, text), nil)) }
    func display(_ bundle: MIMEBundle, displayID: String?) { events.append((clock.now(), .display(bundle), displayID)) }
    func updateDisplay(_ bundle: MIMEBundle, displayID: String) {
      events.append((clock.now(), .update(bundle, displayID), displayID))
    }
    func clearOutput(wait: Bool) {}
    func readInput(prompt: String, password: Bool) throws -> String { throw InputError.notAllowed }
  }

  func text(_ output: RecordingSink.Output) -> String? {
    switch output {
    case .display(let b), .update(let b, _): return b.plainText
    default: return nil
    }
  }

  func testUpdatesAreThrottledToTenPerSecondAndEndInTheFinalState() {
    let clock = FakeClock()
    let sink = TimedSink(clock)
    let reporter = ProgressReporter(
      sink: sink, label: "load", total: 1_000_000, displayID: "progress-7-1",
      now: clock.now)
    // 3,000 reports over 3 s: one every millisecond.
    for i in 1...3000 {
      clock.set(Double(i) / 1000)
      reporter.callback(i * 333, 1_000_000, "reading CSV")
    }
    reporter.finish(note: "1,000,000 rows")
    let events = sink.events
    // Nothing before the half-second delay; the first output is the display, the rest updates.
    XCTAssertEqual(events.first?.time, 0.5)
    guard case .display = events.first?.output else { return XCTFail("first output is not a display") }
    XCTAssertTrue(events.dropFirst().allSatisfy { if case .update = $0.output { true } else { false } })
    XCTAssertTrue(events.allSatisfy { $0.id == "progress-7-1" })
    // At most 10 outputs in any one-second window, not counting the final state.
    let times = events.dropLast().map(\.time)
    for start in stride(from: 0.0, through: 3.0, by: 0.001) {
      let inWindow = times.filter { $0 >= start && $0 < start + 1 }.count
      XCTAssertLessThanOrEqual(inWindow, 10, "window at \(start)")
    }
    // 25 states 0.1 s apart from 0.5 s (0.5, 0.601, 0.702…: a report lands every millisecond, and the
    // throttle waits a full 0.1 s after each emission) + the final one.
    XCTAssertEqual(events.count, 26)
    XCTAssertEqual(text(events[1].output), "load ██░░░░░░░░ 20% 200133/1000000 reading CSV · 0.6 s, about 2.4 s left")
    XCTAssertEqual(text(events[events.count - 1].output), "load: 1,000,000 rows, 3.0 s")
    if case .update(let b, _) = events[events.count - 1].output {
      XCTAssertEqual(
        b.data["text/html"]?.stringValue,
        "<div><progress value=\"1\" max=\"1\"></progress> <span>load: 1,000,000 rows, 3.0 s</span></div>")
    }
    // Reports after the end change nothing.
    reporter.callback(1, 1, "")
    reporter.finish()
    XCTAssertEqual(sink.events.count, 26)
  }

  func testQuickWorkShowsNothing() {
    let clock = FakeClock()
    let sink = TimedSink(clock)
    let reporter = ProgressReporter(sink: sink, label: "load", total: 10, displayID: "p", now: clock.now)
    for i in 1...10 {
      clock.set(Double(i) * 0.04)
      reporter.update(done: i)
    }
    reporter.finish(note: "10 rows")
    XCTAssertTrue(sink.events.isEmpty)
    XCTAssertFalse(reporter.isShown)
  }

  func testLongWorkWithoutReportsStillShowsItsFinalLine() {
    let clock = FakeClock()
    let sink = TimedSink(clock)
    let reporter = ProgressReporter(sink: sink, label: "k-means", total: 50, displayID: "p", now: clock.now)
    clock.set(0.1)
    reporter.update(done: 3)
    clock.set(0.84)
    reporter.finish(note: "42 iterations")
    XCTAssertEqual(sink.events.count, 1)
    guard case .display(let b)? = sink.events.first?.output else { return XCTFail("no display") }
    XCTAssertEqual(b.plainText, "k-means: 42 iterations, 0.8 s")
  }

  func testInterruptedWorkEndsWhereItStoppedNotFull() {
    let clock = FakeClock()
    let sink = TimedSink(clock)
    let reporter = ProgressReporter(sink: sink, label: "als", total: 15, displayID: "p", now: clock.now)
    clock.set(0.3)
    reporter.update(done: 0)
    clock.set(0.7)
    reporter.update(done: 6)
    clock.set(1.2)
    reporter.stop(reason: "interrupted")
    reporter.finish(note: "too late")  // after the end, nothing changes
    guard case .update(let last, _)? = sink.events.last?.output else { return XCTFail("no final update") }
    XCTAssertEqual(last.plainText, "als: interrupted at 40% (6/15) after 1.2 s")
    XCTAssertEqual(
      last.data["text/html"]?.stringValue,
      "<div><progress value=\"6\" max=\"15\"></progress> <span>als: interrupted at 40% (6/15) after 1.2 s</span></div>")
  }

  func testUnknownTotalShowsACount() {
    let clock = FakeClock()
    let sink = TimedSink(clock)
    let reporter = ProgressReporter(sink: sink, label: "scan", total: 0, displayID: "p", now: clock.now)
    clock.set(0.7)
    reporter.update(done: 1200)
    XCTAssertEqual(sink.events.first.flatMap { text($0.output) }, "scan … 1200")
  }

  func testGroupedCounts() {
    XCTAssertEqual(ProgressReporter.grouped(0), "0")
    XCTAssertEqual(ProgressReporter.grouped(999), "999")
    XCTAssertEqual(ProgressReporter.grouped(1000), "1,000")
    XCTAssertEqual(ProgressReporter.grouped(1_000_000), "1,000,000")
    XCTAssertEqual(ProgressReporter.grouped(-12345), "-12,345")
  }

  // MARK: Through the engine

  /// A verb that runs `ms` milliseconds of fake work with a progress display and returns its id.
  static let probe = VerbSpec(
    "probe", summary: "test only", subject: .none,
    positionals: [ParameterSpec("ms", .value)],
    evaluate: { inv throws(Diagnostic) in
      let ms = try inv.int("ms") ?? 0
      let progress = inv.progress(label: "probe", total: ms)
      for i in stride(from: 0, to: ms, by: 10) {
        Thread.sleep(forTimeInterval: 0.01)
        progress.callback(i + 10, ms, "")
      }
      progress.finish(note: "done")
      return .scalar(.string(progress.displayID))
    })

  /// A verb whose work never reports (like a library pass with no progress callback): `quiet MS [fail]`.
  static let quiet = VerbSpec(
    "quiet", summary: "test only", subject: .none,
    positionals: [ParameterSpec("ms", .value)],
    options: [ParameterSpec("fail", .flag)],
    evaluate: { inv throws(Diagnostic) in
      let ms = try inv.int("ms") ?? 0
      let fail = inv.has("fail")
      _ = try inv.withProgress(label: "quiet", finish: { _ in "done" }) { _, _ throws(TableError) in
        Thread.sleep(forTimeInterval: Double(ms) / 1000)
        if fail { throw TableError.invalidArgument("quiet failed on purpose") }
        return 0
      }
      return .nothing
    })

  /// Runs `code` as cell number `count` of an engine that also knows `probe`.
  func run(_ engine: ShopMineEngine, _ code: String, count: Int) -> Harness.Run {
    let sink = RecordingSink()
    let outcome = engine.execute(ExecutionRequest(code: code, executionCount: count), sink: sink)
    return Harness.Run(sink: sink, outcome: outcome)
  }

  func testDisplayIDsNameTheCellAndCountWithinIt() {
    let engine = ShopMineEngine(catalog: VerbCatalog(VerbCatalog.all + [Self.probe]))
    let r = run(engine, "a = probe 0\nb = probe 0\nprint a, b", count: 3)
    XCTAssertEqual(r.sink.stdout, "progress-3-1 progress-3-2\n")
    XCTAssertTrue(r.sink.outputs.allSatisfy { if case .stream = $0 { true } else { false } })
  }

  func testSlowWorkShowsAThrottledBarThenItsFinalState() {
    let engine = ShopMineEngine(catalog: VerbCatalog(VerbCatalog.all + [Self.probe]))
    let started = Date()
    let r = run(engine, "probe 900", count: 1)
    let elapsed = Date().timeIntervalSince(started)
    XCTAssertEqual(r.result, "\"progress-1-1\"")
    let progress = r.sink.outputs.filter { if case .stream = $0 { false } else { true } }
    guard case .display(let first)? = progress.first else { return XCTFail("no progress display: \(r.sink.outputs)") }
    XCTAssertTrue(first.plainText?.hasPrefix("probe ") == true, first.plainText ?? "")
    // From 0.5 s to the end at ≤ 10 a second, plus the final state (the sleeps run long on a busy machine,
    // so the bound follows the measured time).
    XCTAssertLessThanOrEqual(progress.count, Int(((elapsed - 0.5) * 10).rounded(.up)) + 1, "in \(elapsed) s")
    guard case .update(let last, let id)? = progress.last else { return XCTFail("no final update") }
    XCTAssertEqual(id, "progress-1-1")
    XCTAssertTrue(last.plainText?.hasPrefix("probe: done, ") == true, last.plainText ?? "")
  }

  func testWorkThatNeverReportsStillShowsALiveDisplayFromTheDelay() {
    let engine = ShopMineEngine(catalog: VerbCatalog(VerbCatalog.all + [Self.quiet]))
    let started = Date()
    let r = run(engine, "quiet 1200", count: 1)
    let elapsed = Date().timeIntervalSince(started)
    XCTAssertNil(r.error, r.plainTraceback ?? "")
    let progress = r.sink.outputs.filter { if case .stream = $0 { false } else { true } }
    // The heartbeat opened the display while the work ran: running states, then the final one.
    guard case .display(let first)? = progress.first else { return XCTFail("no progress display: \(r.sink.outputs)") }
    XCTAssertTrue(first.plainText?.hasPrefix("quiet … 0.") == true, first.plainText ?? "")
    XCTAssertGreaterThanOrEqual(progress.count, 3, "\(progress)")
    XCTAssertLessThanOrEqual(progress.count, Int(((elapsed - 0.5) * 10).rounded(.up)) + 1, "in \(elapsed) s")
    var texts: [String] = []
    for output in progress {
      switch output {
      case .display(let b), .update(let b, _): texts.append(b.plainText ?? "")
      default: XCTFail("unexpected \(output)")
      }
    }
    XCTAssertEqual(Set(texts).count, texts.count, "an unchanged state was sent twice: \(texts)")
    XCTAssertTrue(texts.last?.hasPrefix("quiet: done, ") == true, texts.last ?? "")
  }

  func testFailedWorkClosesItsDisplay() {
    let engine = ShopMineEngine(catalog: VerbCatalog(VerbCatalog.all + [Self.quiet]))
    let r = run(engine, "quiet 800 fail", count: 1)
    XCTAssertEqual(r.error?.value, "quiet failed on purpose")
    guard case .update(let last, _)? = r.sink.outputs.last(where: { if case .update = $0 { true } else { false } })
    else { return XCTFail("no final update: \(r.sink.outputs)") }
    XCTAssertTrue(last.plainText?.hasPrefix("quiet: failed after ") == true, last.plainText ?? "")
    // Nothing arrives after the statement has ended.
    let count = r.sink.outputs.count
    Thread.sleep(forTimeInterval: 0.6)
    XCTAssertEqual(r.sink.outputs.count, count)
  }

  /// A verb whose work answers how many displays the heartbeat is driving while it runs.
  static let beaten = VerbSpec(
    "beaten", summary: "test only", subject: .none,
    evaluate: { inv throws(Diagnostic) in
      let count = try inv.withProgress(label: "beaten") { _, _ throws(TableError) in
        ProgressHeartbeat.shared.activeCount
      }
      return .scalar(.int(Int64(count)))
    })

  func testTheHeartbeatDrivesAFitOnlyWhileItRuns() {
    // The shared heartbeat holds its reporters strongly; one left behind would beat (and hold its sink)
    // forever. Quick, slow (displayed) and failing work all let go of it by the end of the statement.
    let engine = ShopMineEngine(catalog: VerbCatalog(VerbCatalog.all + [Self.quiet, Self.beaten]))
    XCTAssertEqual(run(engine, "beaten", count: 1).result, "1")
    XCTAssertEqual(ProgressHeartbeat.shared.activeCount, 0)
    for (n, code) in ["quiet 10", "quiet 700", "quiet 700 fail", "quiet 10 fail"].enumerated() {
      let r = run(engine, code, count: n + 2)
      XCTAssertEqual(r.error != nil, code.hasSuffix("fail"), code)
      XCTAssertEqual(ProgressHeartbeat.shared.activeCount, 0, code)
    }
    XCTAssertEqual(run(engine, "beaten", count: 9).result, "1")
  }

  func testLoadOfASmallFileShowsNoProgress() throws {
    let path = NSTemporaryDirectory() + "shopmine-progress-\(UUID().uuidString).csv"
    try "a,b\n1,2\n3,4\n".write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    var h = Harness()
    let r = h.run("load \"\(path)\"")
    XCTAssertNil(r.error, r.plainTraceback ?? "")
    XCTAssertTrue(r.sink.outputs.isEmpty, "\(r.sink.outputs)")
    XCTAssertTrue(r.result?.hasSuffix("2 rows × 2 columns") == true, r.result ?? "")
  }
}
