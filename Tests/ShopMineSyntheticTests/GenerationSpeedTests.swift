import Foundation
import ShopMineData
import XCTest

@testable import ShopMineSynthetic

/// Wall time of large generations, printed when `SHOPMINE_SYNTH_BENCH` is set (run in release:
/// `swift test -c release --filter GenerationSpeed`). Not a timed assertion: CI machines vary.
final class GenerationSpeedTests: XCTestCase {
  func testMillionOrderLinesTiming() throws {
    guard ProcessInfo.processInfo.environment["SHOPMINE_SYNTH_BENCH"] != nil else {
      throw XCTSkip("set SHOPMINE_SYNTH_BENCH=1 to time large generations")
    }
    for (kind, count): (String, Int) in [
      ("orders", 1_000_000), ("events", 1_000_000), ("reviews", 200_000), ("users", 1_000_000),
      ("products", 100_000),
    ] {
      // CPU time as well as wall time: on a shared, oversubscribed machine only the former is stable.
      let cpuStart = clock()
      let start = ContinuousClock.now
      let table = try SyntheticShop.generate(kind, count: count, seed: 1)
      let elapsed = ContinuousClock.now - start
      let cpu = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
      print("generate \(kind) \(count): wall \(elapsed), cpu \(cpu) s (\(table.rowCount) rows)")
    }
  }
}
