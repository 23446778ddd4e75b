import Dispatch
import JupyterProtocol
import ShopMineLanguage

/// Discards every output; the fuzzer looks for traps, leaks and hangs, not for output.
final class NullSink: OutputSink {
  func stream(_ name: StreamName, _ text: String) {}
  func display(_ bundle: MIMEBundle, displayID: String?) {}
  func updateDisplay(_ bundle: MIMEBundle, displayID: String) {}
  func clearOutput(wait: Bool) {}
  func readInput(prompt: String, password: Bool) throws -> String { throw InputError.notAllowed }
}

let sink = NullSink()

/// One input: a cell. It is parsed and run in a fresh session (so every crash reproduces from its one
/// input), then completed, inspected and checked for completeness at a cursor taken from its length, which
/// is where code-point cursor bugs live. A watchdog interrupts a cell after 300 ms, so a legitimately long
/// command (`sleep 100`, a big fit) ends as "interrupted" instead of counting as a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLanguage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let code = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  // A small budget keeps `generate orders 20000000` from spending the fuzzer's time and memory; a refused
  // statement is part of what is tested.
  let engine = ShopMineEngine(memoryBudget: MemoryBudget(bytes: 32 << 20))
  // The work item stays queued until its deadline even when cancelled: it holds only the token, weakly, so
  // the session is freed with the engine at the end of the input (or LeakSanitizer, which cannot follow
  // Swift's spare-bit-tagged enum payloads, reports the tables still held as leaks).
  let watchdog = DispatchWorkItem { [weak token = engine.cancellation] in token?.cancel() }
  DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(300), execute: watchdog)
  _ = engine.execute(ExecutionRequest(code: code, executionCount: 1), sink: sink)
  watchdog.cancel()
  let scalars = code.unicodeScalars.count
  for cursor in [scalars, scalars / 2, size % (scalars + 2)] {
    _ = engine.complete(code, cursor: cursor)
    _ = engine.inspect(code, cursor: cursor, detailLevel: cursor & 1)
  }
  _ = engine.isComplete(code)
  return 0
}
