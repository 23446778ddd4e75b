import XCTest

@testable import ShopMineData

final class DateFormatTests: XCTestCase {
  /// The wall time and offset `text` spells in `format`, or `nil`.
  private func parse(_ format: String, _ text: String) throws -> (local: Int64, offset: Int?)? {
    let f = try DateFormat(format)
    var text = text
    return text.withUTF8 { buffer in
      guard let base = buffer.baseAddress else { return nil }
      return f.parse(base, count: buffer.count)
    }
  }

  private func local(_ format: String, _ text: String) throws -> Int64? { try parse(format, text)?.local }

  func testEachDirectiveReadsItsField() throws {
    let t = Timestamp.make
    XCTAssertEqual(try local("%Y-%m-%d", "2024-03-05"), t(2024, 3, 5, 0, 0, 0, 0))
    XCTAssertEqual(try local("%d/%m/%Y", "5/3/2024"), t(2024, 3, 5, 0, 0, 0, 0))
    XCTAssertEqual(try local("%d%m%Y", "05032024"), t(2024, 3, 5, 0, 0, 0, 0))
    XCTAssertEqual(try local("%y", "68"), t(2068, 1, 1, 0, 0, 0, 0))
    XCTAssertEqual(try local("%y", "69"), t(1969, 1, 1, 0, 0, 0, 0))
    XCTAssertEqual(try local("%e.%m.%Y", " 5.03.2024"), t(2024, 3, 5, 0, 0, 0, 0))
    XCTAssertEqual(try local("%Y %j", "2024 366"), t(2024, 12, 31, 0, 0, 0, 0))
    XCTAssertEqual(try local("%H:%M:%S", "23:59:58"), t(1900, 1, 1, 23, 59, 58, 0))
    XCTAssertEqual(try local("%I:%M %p", "12:05 AM"), t(1900, 1, 1, 0, 5, 0, 0))
    XCTAssertEqual(try local("%I:%M %p", "12:05 pm"), t(1900, 1, 1, 12, 5, 0, 0))
    XCTAssertEqual(try local("%I%p", "7PM"), t(1900, 1, 1, 19, 0, 0, 0))
    XCTAssertEqual(try local("%S.%f", "01.5"), t(1900, 1, 1, 0, 0, 1, 500_000))
    XCTAssertEqual(try local("%S.%f", "01.123456789"), t(1900, 1, 1, 0, 0, 1, 123_456))
    XCTAssertEqual(try local("%d %b %Y", "05 SEP 2024"), t(2024, 9, 5, 0, 0, 0, 0))
    XCTAssertEqual(try local("%B %d, %Y", "September 5, 2024"), t(2024, 9, 5, 0, 0, 0, 0))
    XCTAssertEqual(try local("%a %d %b %Y", "Thu 05 Sep 2024"), t(2024, 9, 5, 0, 0, 0, 0))
    XCTAssertEqual(try local("%A", "wednesday"), t(1900, 1, 1, 0, 0, 0, 0))
    XCTAssertEqual(try local("%Y年%m月%d日", "2024年3月5日"), t(2024, 3, 5, 0, 0, 0, 0))
    XCTAssertEqual(try local("100%% %Y", "100% 2024"), t(2024, 1, 1, 0, 0, 0, 0))
    // A space in the format matches one or more spaces.
    XCTAssertEqual(try local("%d %m %Y", "05   03 2024"), t(2024, 3, 5, 0, 0, 0, 0))
  }

  func testOffsetsAreReadApartFromTheWallTime() throws {
    for (text, offset) in [("Z", 0), ("+01:00", 3600), ("-0530", -19800), ("+08", 28800)] {
      let parsed = try parse("%Y-%m-%d %H:%M%z", "2024-03-05 10:00\(text)")
      XCTAssertEqual(parsed?.local, Timestamp.make(year: 2024, month: 3, day: 5, hour: 10))
      XCTAssertEqual(parsed?.offset, offset, text)
    }
    XCTAssertNil(try parse("%Y-%m-%d", "2024-03-05")?.offset)
  }

  func testTextThatDoesNotMatchIsNil() throws {
    for (format, text) in [
      ("%d/%m/%Y", "31/02/2024"), ("%d/%m/%Y", "2024-03-05"), ("%d/%m/%Y", "05/03/24"), ("%d/%m/%Y", "05/03/2024 "),
      ("%Y", "24"), ("%m", "13"), ("%H", "24"), ("%M", "60"), ("%S", "60"), ("%I %p", "0 AM"), ("%Y-%j", "2023-366"),
      ("%b", "Sepp"), ("%d/%m/%Y", "12.03.2024"), ("%Y%m%d", "202403"), ("%z", "+2400"),
    ] {
      XCTAssertNil(try parse(format, text), "\(format) \(text)")
    }
  }

  func testBadFormatsAreRefusedSayingWhy() {
    for (format, phrase) in [
      ("%d/%q/%Y", "unknown directive '%q'"), ("%Y-%", "lone '%'"), ("%I:%M", "%I and %p together"),
      ("%H %p", "%I and %p together"), ("%Y %Y", "same field twice"), ("%Y %y", "same field twice"),
      ("%d %b %m", "same field twice"), ("day", "no directive"),
    ] {
      XCTAssertThrowsError(try DateFormat(format), format) { error in
        let message = (error as? TableError)?.message ?? ""
        XCTAssertTrue(message.contains(phrase), message)
        XCTAssertTrue(message.contains("%Y"), "lists the directives: \(message)")
      }
    }
  }

  func testZoneRulesFollowJavaTimeAcrossDaylightSavingChanges() throws {
    let berlin = try XCTUnwrap(ZoneRules(identifier: "Europe/Berlin"))
    func utc(_ d: Int, _ mo: Int, _ h: Int, _ mi: Int) -> Int64 {
      berlin.utc(fromLocal: Timestamp.make(year: 2024, month: mo, day: d, hour: h, minute: mi))
    }
    func expect(_ d: Int, _ mo: Int, _ h: Int, _ mi: Int) -> Int64 {
      Timestamp.make(year: 2024, month: mo, day: d, hour: h, minute: mi)
    }
    XCTAssertEqual(utc(15, 1, 12, 0), expect(15, 1, 11, 0))  // winter, +01:00
    XCTAssertEqual(utc(15, 7, 12, 0), expect(15, 7, 10, 0))  // summer, +02:00
    XCTAssertEqual(utc(31, 3, 1, 59), expect(31, 3, 0, 59))
    XCTAssertEqual(utc(31, 3, 2, 30), expect(31, 3, 1, 30), "a skipped time moves forward by the gap")
    XCTAssertEqual(utc(31, 3, 3, 0), expect(31, 3, 1, 0))
    XCTAssertEqual(utc(27, 10, 1, 59), expect(26, 10, 23, 59))
    XCTAssertEqual(utc(27, 10, 2, 30), expect(27, 10, 0, 30), "a repeated time is its first instant")
    XCTAssertEqual(utc(27, 10, 3, 0), expect(27, 10, 2, 0))
    let shanghai = try XCTUnwrap(ZoneRules(identifier: "Asia/Shanghai"))
    XCTAssertEqual(
      shanghai.utc(fromLocal: Timestamp.make(year: 2024, month: 6, day: 1, hour: 8)),
      Timestamp.make(year: 2024, month: 6, day: 1))
    XCTAssertNil(ZoneRules(identifier: "Europe/Berln"))
    XCTAssertNil(ZoneRules(identifier: ""))
  }
}
