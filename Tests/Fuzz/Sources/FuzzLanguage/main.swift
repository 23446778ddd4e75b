import Foundation
import JupyterProtocol
import ShopMineLanguage
import Synchronization

/// Discards every output; the fuzzer looks for traps, leaks and hangs, not for output.
final class NullSink: OutputSink {
  func stream(_ name: StreamName, _ text: String) {}
  func display(_ bundle: MIMEBundle, displayID: String?) {}
  func updateDisplay(_ bundle: MIMEBundle, displayID: String) {}
  func clearOutput(wait: Bool) {}
  func readInput(prompt: String, password: Bool) throws -> String { throw InputError.notAllowed }
}

/// Interrupts the running input after a deadline, so that a legitimately long command (`sleep 100`, a big
/// fit) ends as "interrupted" instead of counting as a hang.
///
/// One thread for the whole run, armed and disarmed around each input, so that an input leaves nothing
/// allocated behind it. (A `DispatchWorkItem` per input stayed queued until its deadline, so every input
/// ended with more mallocs than frees, and libFuzzer answered each one with a full LeakSanitizer scan:
/// 98% of the run's time in `perf`, 6 inputs per second.)
final class Watchdog: Sendable {
  private struct Armed {
    var deadline: UInt64
    var engine: ShopMineEngine
  }
  private let armed = Mutex<Armed?>(nil)

  init() {
    let thread = Thread { [self] in
      while true {
        usleep(5_000)
        let now = DispatchTime.now().uptimeNanoseconds
        armed.withLock { state in
          if let current = state, now >= current.deadline {
            current.engine.interrupt()
            state = nil
          }
        }
      }
    }
    thread.start()
  }

  func arm(_ engine: ShopMineEngine, milliseconds: UInt64) {
    let deadline = DispatchTime.now().uptimeNanoseconds + milliseconds * 1_000_000
    armed.withLock { $0 = Armed(deadline: deadline, engine: engine) }
  }

  func disarm() { armed.withLock { $0 = nil } }
}

let sink = NullSink()
let watchdog = Watchdog()

/// One input: a cell. It is parsed and run in a fresh session (so every crash reproduces from its one
/// input), then completed, inspected and checked for completeness at a cursor taken from its length, which
/// is where code-point cursor bugs live. The watchdog interrupts a cell after 300 ms.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLanguage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let code = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  // A small budget keeps `generate orders 20000000` from spending the fuzzer's time and memory; a refused
  // statement is part of what is tested.
  let engine = ShopMineEngine(memoryBudget: MemoryBudget(bytes: 32 << 20))
  watchdog.arm(engine, milliseconds: 300)
  _ = engine.execute(ExecutionRequest(code: code, executionCount: 1), sink: sink)
  watchdog.disarm()
  let scalars = code.unicodeScalars.count
  for cursor in [scalars, scalars / 2, size % (scalars + 2)] {
    _ = engine.complete(code, cursor: cursor)
    _ = engine.inspect(code, cursor: cursor, detailLevel: cursor & 1)
  }
  _ = engine.isComplete(code)
  return 0
}
