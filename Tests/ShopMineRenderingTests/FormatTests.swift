import RichOutput
import ShopMineData
import XCTest

@testable import ShopMineRendering

final class FormatTests: XCTestCase {
  func testFixedRoundsAndNeverPrintsNegativeZero() {
    XCTAssertEqual(DecimalFormat.fixed(3.14159, decimals: 2), "3.14")
    XCTAssertEqual(DecimalFormat.fixed(-0.0004, decimals: 3), "0.000")
    XCTAssertEqual(DecimalFormat.fixed(0.5, decimals: 0), "1")
    XCTAssertEqual(DecimalFormat.fixed(-1234.5678, decimals: 1), "-1234.6")
    XCTAssertEqual(DecimalFormat.fixed(0.05, decimals: 3), "0.050")
    XCTAssertEqual(DecimalFormat.trimmed(2.50, maxDecimals: 4), "2.5")
    XCTAssertEqual(DecimalFormat.trimmed(-0.00001, maxDecimals: 2), "0")
  }

  func testScientificLikePandas() {
    XCTAssertEqual(DecimalFormat.scientific(0.000012345, significant: 5), "1.2345e-05")
    XCTAssertEqual(DecimalFormat.scientific(3e20, significant: 5), "3.0000e+20")
    XCTAssertEqual(DecimalFormat.scientific(-9.99999e7, significant: 3), "-1.00e+08")
  }

  func testThousandsGrouping() {
    XCTAssertEqual(DecimalFormat.groupThousands("1234567.25"), "1,234,567.25")
    XCTAssertEqual(DecimalFormat.groupThousands("-1000"), "-1,000")
    XCTAssertEqual(DecimalFormat.groupThousands("999"), "999")
  }

  func testNiceTicks() {
    XCTAssertEqual(NiceTicks.values(0, 1, count: 5), [0, 0.2, 0.4, 0.6, 0.8, 1])
    XCTAssertEqual(NiceTicks.values(0.1, 0.35, count: 5), [0.1, 0.15, 0.2, 0.25, 0.3, 0.35])
    XCTAssertEqual(NiceTicks.values(-7, 23, count: 5), [-5, 0, 5, 10, 15, 20])
    XCTAssertEqual(NiceTicks.values(0, 1_000_000, count: 4), [0, 200_000, 400_000, 600_000, 800_000, 1_000_000])
    let (lo, hi) = NiceTicks.nice(3.2, 97.5, count: 5)
    XCTAssertEqual(lo, 0)
    XCTAssertEqual(hi, 100)
  }

  func testWholeNumberDataGetsWholeNumberTicks() {
    // Months 1…3: a plain linear scale steps by 0.5; an int column must not show "1.5".
    let plain = LinearScale(domain: 1...3).niced(count: 5)
    XCTAssertEqual(plain.ticks(count: 5), [1, 1.5, 2, 2.5, 3])
    let months = LinearScale(domain: 1...3, integral: true).niced(count: 5)
    XCTAssertEqual(months.ticks(count: 5), [1, 2, 3])
    XCTAssertEqual(PositionScale.linear(months).ticks(count: 5).map(\.label), ["1", "2", "3"])
    // A wide integer range keeps its nice step.
    XCTAssertEqual(LinearScale(domain: 0...100, integral: true).ticks(count: 5), [0, 20, 40, 60, 80, 100])
  }

  func testTickLabelsGroupThousandsAndUseSIAboveAMillion() {
    XCTAssertEqual(NumberFormat.tickLabels([0, 2500, 5000, 7500], step: 2500), ["0", "2,500", "5,000", "7,500"])
    XCTAssertEqual(NumberFormat.tickLabels([0, 0.25, 0.5], step: 0.25), ["0", "0.25", "0.5"])
    XCTAssertEqual(NumberFormat.tickLabels([0, 1.5e6, 3e6], step: 1.5e6), ["0", "1.5M", "3M"])
    XCTAssertEqual(NumberFormat.tickLabels([2e9, 4e9], step: 2e9), ["2G", "4G"])
  }

  func testNegativeLabelsUseTypographicMinus() {
    XCTAssertEqual(NumberFormat.tickLabels([-10, -5, 0, 5], step: 5), ["−10", "−5", "0", "5"])
    XCTAssertEqual(NumberFormat.tickLabels([-2000, 0], step: 2000), ["−2,000", "0"])
    XCTAssertEqual(NumberFormat.compact(-1234567), "−1.23M")
  }

  func testCompactLabels() {
    XCTAssertEqual(NumberFormat.compact(1234.5), "1,235")
    XCTAssertEqual(NumberFormat.compact(0.1234), "0.123")
    XCTAssertEqual(NumberFormat.compact(0.000012), "1.2e−5")
    XCTAssertEqual(NumberFormat.compact(42), "42")
  }

  func testLogTicksShortSpanLabelsOneTwoFive() {
    let ticks = LogTicks.values(1, 100)
    XCTAssertEqual(ticks.map(\.value), [1, 2, 5, 10, 20, 50, 100])
    XCTAssertTrue(ticks.allSatisfy(\.major))
  }

  func testLogTicksLongSpanLabelsDecades() {
    let ticks = LogTicks.values(1, 1e6)
    XCTAssertEqual(ticks.filter(\.major).map(\.value), [1, 10, 100, 1000, 1e4, 1e5, 1e6])
    XCTAssertEqual(ticks.filter { !$0.major }.count, 6 * 8)
    XCTAssertEqual(
      [1, 10, 1000, 1e4, 1e6, 0.01, 1e-5].map(NumberFormat.logLabel),
      ["1", "10", "1,000", "10,000", "1M", "0.01", "1e−5"])
  }

  func testLogScaleMapsDecadesEvenly() {
    let s = LogScale(domain: 1...1000, range: (0, 300))
    XCTAssertEqual(s.map(10), 100, accuracy: 1e-9)
    XCTAssertEqual(s.map(100), 200, accuracy: 1e-9)
  }

  func testTimeTicksDailyOverTwoWeeks() {
    let lo = Timestamp.make(year: 2024, month: 3, day: 1)
    let hi = Timestamp.make(year: 2024, month: 3, day: 15)
    let (ticks, interval) = TimeTicks.values(lo, hi, count: 7)
    XCTAssertEqual(interval, TimeTicks.Interval(unit: .day, count: 2))
    XCTAssertEqual(
      ticks.map { DateFormat.label($0, interval: interval, lo: lo, hi: hi) },
      ["Mar 1", "Mar 3", "Mar 5", "Mar 7", "Mar 9", "Mar 11", "Mar 13", "Mar 15"])
  }

  func testTimeTicksMonthlyAndYearly() {
    let lo = Timestamp.make(year: 2023, month: 11, day: 20)
    let hi = Timestamp.make(year: 2024, month: 5, day: 2)
    let (ticks, interval) = TimeTicks.values(lo, hi, count: 6)
    XCTAssertEqual(interval, TimeTicks.Interval(unit: .month, count: 1))
    XCTAssertEqual(
      ticks.map { DateFormat.label($0, interval: interval, lo: lo, hi: hi) },
      ["Dec 2023", "Jan 2024", "Feb 2024", "Mar 2024", "Apr 2024", "May 2024"])
    let y0 = Timestamp.make(year: 2001, month: 6, day: 1)
    let y1 = Timestamp.make(year: 2024, month: 6, day: 1)
    let (years, yearly) = TimeTicks.values(y0, y1, count: 5)
    XCTAssertEqual(yearly.unit, .year)
    XCTAssertEqual(
      years.map { DateFormat.label($0, interval: yearly, lo: y0, hi: y1) }, ["2005", "2010", "2015", "2020"])
  }

  func testTimeTicksHoursAndMinutes() {
    let lo = Timestamp.make(year: 2024, month: 3, day: 5, hour: 9)
    let hi = Timestamp.make(year: 2024, month: 3, day: 5, hour: 21)
    let (ticks, interval) = TimeTicks.values(lo, hi, count: 5)
    XCTAssertEqual(interval, TimeTicks.Interval(unit: .hour, count: 3))
    XCTAssertEqual(
      ticks.map { DateFormat.label($0, interval: interval, lo: lo, hi: hi) },
      ["Mar 5 09:00", "Mar 5 12:00", "Mar 5 15:00", "Mar 5 18:00", "Mar 5 21:00"])
    let m1 = Timestamp.make(year: 2024, month: 3, day: 5, hour: 9, minute: 2)
    let m2 = Timestamp.make(year: 2024, month: 3, day: 5, hour: 9, minute: 58)
    let (minutes, mi) = TimeTicks.values(m1, m2, count: 4)
    XCTAssertEqual(minutes.map { DateFormat.label($0, interval: mi, lo: m1, hi: m2) }, ["09:15", "09:30", "09:45"])
  }

  func testWeeklyTicksStartOnMonday() {
    let lo = Timestamp.make(year: 2024, month: 1, day: 3)
    let hi = Timestamp.make(year: 2024, month: 3, day: 1)
    let (ticks, interval) = TimeTicks.values(lo, hi, count: 10)
    XCTAssertEqual(interval, TimeTicks.Interval(unit: .day, count: 7))
    XCTAssertTrue(ticks.allSatisfy { Timestamp.weekday($0) == 0 })
    XCTAssertEqual(
      ticks.map { DateFormat.label($0, interval: interval, lo: lo, hi: hi) },
      ["Jan 8", "Jan 15", "Jan 22", "Jan 29", "Feb 5", "Feb 12", "Feb 19", "Feb 26"])
  }

  func testEscapingCoversMarkupAndControlCharacters() {
    XCTAssertEqual(Escaping.xml("a<b & \"c\" 'd'>\u{1}"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
  }

  func testDisplayWidthCountsCJKAsTwoCells() {
    XCTAssertEqual(DisplayWidth.of("浏览时间"), 8)
    XCTAssertEqual(DisplayWidth.of("abc"), 3)
    XCTAssertEqual(DisplayWidth.truncate("上海市浦东新区", to: 7), "上海市…")
  }
}
