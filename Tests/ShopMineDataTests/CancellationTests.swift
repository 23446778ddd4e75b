import XCTest

@testable import ShopMineData

final class CancellationTests: XCTestCase {
  private func randomValues(_ n: Int, seed: UInt64) -> [Int] {
    var state = seed
    return (0..<n).map { _ in
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Int(state >> 40)
    }
  }

  /// With a token nobody cancels, the polling sort is the standard library's sort: a short array (one
  /// block), several blocks with an uneven tail, and a slice in the middle of an array.
  func testPollingSortEqualsTheStandardSort() throws {
    for n in [0, 1, 1_000, Cancellation.sortBlock, Cancellation.sortBlock * 5 + 123] {
      let values = randomValues(n, seed: UInt64(n) + 1)
      var sorted = values
      try Cancellation().sort(&sorted, by: <)
      XCTAssertEqual(sorted, values.sorted(), "\(n) values")
    }
    let values = randomValues(200_000, seed: 42)
    var slice = values
    try Cancellation().sort(&slice[1_000..<190_000], by: >)
    XCTAssertEqual(Array(slice[1_000..<190_000]), values[1_000..<190_000].sorted(by: >))
    XCTAssertEqual(Array(slice[..<1_000]), Array(values[..<1_000]))
    XCTAssertEqual(Array(slice[190_000...]), Array(values[190_000...]))
  }

  /// A cancel that arrives in the middle of one long sort stops it within a block's worth of comparisons,
  /// with the interrupt error: the sort is no longer one unpolled step.
  func testPollingSortStopsWithinABlockOfACancel() {
    let token = Cancellation()
    var items = randomValues(1_000_000, seed: 7)
    var comparisons = 0
    var cancelledAt = 0
    XCTAssertThrowsError(
      try token.sort(&items) { a, b in
        comparisons += 1
        if comparisons == 100_000 {
          token.cancel()
          cancelledAt = comparisons
        }
        return a < b
      }
    ) { XCTAssertEqual($0 as? TableError, .interrupted) }
    XCTAssertEqual(cancelledAt, 100_000)
    // Sorting one block of 32 Ki random values takes about 32 Ki × 15 comparisons; the whole sort ~20 M.
    XCTAssertLessThan(comparisons - cancelledAt, Cancellation.sortBlock * 16)
  }
}
