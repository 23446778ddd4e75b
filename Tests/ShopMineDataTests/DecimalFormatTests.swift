import XCTest

@testable import ShopMineData

/// Numbers inside sentences and labels: the one formatter's policy for signs, rounding and NaN.
final class DecimalFormatTests: XCTestCase {
  func testSentenceNumbersRoundHalfAwayAndUseTheTypographicMinus() {
    XCTAssertEqual(DecimalFormat.sentence(1.849, decimals: 2), "1.85")
    XCTAssertEqual(DecimalFormat.sentence(-1.05, decimals: 1, signed: true), "\u{2212}1.1")
    XCTAssertEqual(DecimalFormat.sentence(1.8, decimals: 1, signed: true), "+1.8")
    // A value that rounds to zero has no sign.
    XCTAssertEqual(DecimalFormat.sentence(-0.01, decimals: 1), "0.0")
    XCTAssertEqual(DecimalFormat.sentence(12.5, decimals: 0), "13")
  }

  func testAValueThatDoesNotApplyReadsNotApplicable() {
    XCTAssertEqual(DecimalFormat.sentence(.nan, decimals: 2), DecimalFormat.notApplicable)
    XCTAssertEqual(DecimalFormat.notApplicable, "n/a")
    XCTAssertEqual(DecimalFormat.sentence(.infinity, decimals: 2), "∞")
    XCTAssertEqual(DecimalFormat.sentence(-.infinity, decimals: 2), "\u{2212}∞")
  }
}
