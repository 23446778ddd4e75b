import XCTest

@testable import ShopMineData

final class TimestampTests: XCTestCase {
  func testParsesDateOnlyAsMidnightUTC() {
    XCTAssertEqual(Timestamp.parse("2024-03-05"), 1_709_596_800_000_000)
    XCTAssertEqual(Timestamp.parse("1970-01-01"), 0)
  }

  func testParsesTimeWithTOrSpaceFractionAndOffsets() {
    let base = Timestamp.make(year: 2024, month: 3, day: 5, hour: 10, minute: 20, second: 30)
    XCTAssertEqual(Timestamp.parse("2024-03-05T10:20:30"), base)
    XCTAssertEqual(Timestamp.parse("2024-03-05 10:20:30"), base)
    XCTAssertEqual(Timestamp.parse("2024-03-05T10:20:30Z"), base)
    XCTAssertEqual(Timestamp.parse("2024-03-05T10:20:30.25"), base + 250_000)
    XCTAssertEqual(Timestamp.parse("2024-03-05T18:20:30+08:00"), base)
    XCTAssertEqual(Timestamp.parse("2024-03-05T05:20:30-0500"), base)
    XCTAssertEqual(Timestamp.parse("2024-03-05T10:20"), base - 30_000_000)
  }

  func testRejectsMalformedText() {
    for bad in ["", "2024", "2024-13-01", "2024-02-30", "2024-03-05T25:00:00", "2024-03-05X", "20240305", "abc"] {
      XCTAssertNil(Timestamp.parse(bad), bad)
    }
    XCTAssertEqual(Timestamp.parse("2024-02-29"), 1_709_164_800_000_000)  // a leap day is a date
    XCTAssertNil(Timestamp.parse("2023-02-29"))
  }

  func testFormatsDateOnlyAtMidnightElseSeconds() {
    XCTAssertEqual(Timestamp.format(Timestamp.make(year: 2024, month: 3, day: 5)), "2024-03-05")
    XCTAssertEqual(
      Timestamp.format(Timestamp.make(year: 2024, month: 3, day: 5, hour: 9, minute: 5, second: 7)),
      "2024-03-05T09:05:07")
    XCTAssertEqual(Timestamp.format(Timestamp.make(year: 1969, month: 12, day: 31, hour: 23)), "1969-12-31T23:00:00")
    XCTAssertEqual(Timestamp.format(Timestamp.parse("2024-03-05T10:20:30.5")!), "2024-03-05T10:20:30.500000")
  }

  func testCivilFieldsAndWeekdayMondayZero() {
    let t = Timestamp.make(year: 2024, month: 3, day: 5, hour: 10, minute: 20, second: 30)
    XCTAssertEqual(Timestamp.year(t), 2024)
    XCTAssertEqual(Timestamp.month(t), 3)
    XCTAssertEqual(Timestamp.day(t), 5)
    XCTAssertEqual(Timestamp.hour(t), 10)
    XCTAssertEqual(Timestamp.minute(t), 20)
    XCTAssertEqual(Timestamp.second(t), 30)
    XCTAssertEqual(Timestamp.weekday(t), 1)  // 2024-03-05 was a Tuesday
    XCTAssertEqual(Timestamp.weekday(0), 3)  // 1970-01-01 was a Thursday
    XCTAssertEqual(Timestamp.weekday(Timestamp.make(year: 1969, month: 12, day: 29)), 0)  // a Monday
  }

  func testDateFloorsAndDaysBetweenCountsCalendarDays() {
    let late = Timestamp.make(year: 2024, month: 3, day: 1, hour: 23)
    let early = Timestamp.make(year: 2024, month: 3, day: 2, hour: 1)
    XCTAssertEqual(Timestamp.date(late), Timestamp.make(year: 2024, month: 3, day: 1))
    XCTAssertEqual(Timestamp.daysBetween(late, early), 1)
    XCTAssertEqual(
      Timestamp.daysBetween(Timestamp.make(year: 2024, month: 1, day: 1), Timestamp.make(year: 2025, month: 1, day: 1)),
      366)
    XCTAssertEqual(Timestamp.date(-1), -Timestamp.microsPerDay)
  }

  func testRoundTripsEveryDayOverFourCenturies() {
    var days = Timestamp.daysFromCivil(year: 1800, month: 1, day: 1)
    let end = Timestamp.daysFromCivil(year: 2200, month: 1, day: 1)
    while days < end {
      let (y, m, d) = Timestamp.civilFromDays(days)
      XCTAssertEqual(Timestamp.daysFromCivil(year: y, month: m, day: d), days)
      days += 1
    }
  }
}
