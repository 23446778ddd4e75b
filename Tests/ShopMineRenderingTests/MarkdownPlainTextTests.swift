import ShopMineRendering
import XCTest

final class MarkdownPlainTextTests: XCTestCase {
  func testHeadingsAreUnderlinedAndFencesIndented() {
    let markdown = "# Title\n\n## where\n\nKeep rows.\n\n```\nwhere EXPR\n\nx\n```\n\n### Notes ###\n"
    XCTAssertEqual(
      MarkdownPlainText.render(markdown),
      "Title\n=====\n\nwhere\n-----\n\nKeep rows.\n\n    where EXPR\n\n    x\n\nNotes\n")
  }

  func testCodeSpansLoseTheirBackticksButKeepTheirText() {
    XCTAssertEqual(MarkdownPlainText.render("use `kmeans` and `` `Customer ID` ``"), "use kmeans and `Customer ID`")
    XCTAssertEqual(MarkdownPlainText.render("``a ` b``"), "a ` b")
    // Inside a span nothing is markup: a backslash stays.
    XCTAssertEqual(MarkdownPlainText.render("`a\\*b`"), "a\\*b")
  }

  func testASpanMayCrossALineBreakOfItsParagraph() {
    XCTAssertEqual(MarkdownPlainText.render("see `plot\nbar` now\n\n`x`"), "see plot\nbar now\n\nx")
  }

  func testUnmatchedBackticksAndOtherMarkupStayAsWritten() {
    XCTAssertEqual(MarkdownPlainText.render("a ` b"), "a ` b")
    XCTAssertEqual(MarkdownPlainText.render("- item\n- 2 * 3"), "- item\n- 2 * 3")
    XCTAssertEqual(MarkdownPlainText.render("\\`not code\\`"), "`not code`")
  }

  func testFencesOfTildesOrLongerRunsCloseOnlyOnTheirOwnKind() {
    XCTAssertEqual(MarkdownPlainText.render("~~~~\n```\n~~~~\nafter"), "    ```\nafter")
    XCTAssertEqual(MarkdownPlainText.render("```mine\nprint 1\n```"), "    print 1")
  }

  func testAnUnclosedFenceRunsToTheEnd() {
    XCTAssertEqual(MarkdownPlainText.render("```\nprint 1\n"), "    print 1\n")
  }

  func testHashesWithoutASpaceAreNoHeading() {
    XCTAssertEqual(MarkdownPlainText.render("#5 is not a heading"), "#5 is not a heading")
  }
}
