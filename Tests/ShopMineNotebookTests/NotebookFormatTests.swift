import JupyterProtocol
import XCTest

@testable import ShopMineNotebook

final class NotebookFormatTests: XCTestCase {
  func testPythonReprOfFloats() {
    XCTAssertEqual(PythonStyleJSON.pythonRepr(1.0), "1.0")
    XCTAssertEqual(PythonStyleJSON.pythonRepr(0.1), "0.1")
    XCTAssertEqual(PythonStyleJSON.pythonRepr(1e-5), "1e-05")
    XCTAssertEqual(PythonStyleJSON.pythonRepr(1e16), "1e+16")
    XCTAssertEqual(PythonStyleJSON.pythonRepr(1e15), "1000000000000000.0")
    XCTAssertEqual(PythonStyleJSON.pythonRepr(-2.5e-7), "-2.5e-07")
    XCTAssertEqual(PythonStyleJSON.pythonRepr(.nan), "null")
  }

  func testWritesLikeJsonDumpsIndentOneSortedKeys() {
    let value: JSONValue = ["b": [1, 2.5], "a": ["z": "é\n\"q\"\u{01}", "e": [:], "l": []]]
    XCTAssertEqual(
      PythonStyleJSON.string(value),
      "{\n \"a\": {\n  \"e\": {},\n  \"l\": [],\n  \"z\": \"é\\n\\\"q\\\"\\u0001\"\n },\n \"b\": [\n  1,\n  2.5\n ]\n}")
  }

  func testSplitLinesMatchesPythonSplitlinesKeepends() {
    XCTAssertEqual(Cell.splitLines("a\nb\r\nc\rd"), ["a\n", "b\r\n", "c\r", "d"])
    XCTAssertEqual(Cell.splitLines("a\n"), ["a\n"])
    XCTAssertEqual(Cell.splitLines(""), [])
    XCTAssertEqual(Cell.splitLines("x\u{2028}y"), ["x\u{2028}", "y"])
  }

  func testCellsWithoutIDsGetStablePositionalIDs() throws {
    let json: JSONValue = [
      "nbformat": 4, "nbformat_minor": 4, "metadata": [:],
      "cells": [
        ["cell_type": "code", "source": ["a = 1\n", "a"], "metadata": [:], "outputs": [], "execution_count": nil],
        ["cell_type": "markdown", "source": "# T", "metadata": [:], "id": "keep"],
      ],
    ]
    let nb = try Notebook(json: json)
    XCTAssertEqual(nb.cells.map(\.id), ["cell-0001", "keep"])
    XCTAssertEqual(nb.cells[0].source, "a = 1\na")
    XCTAssertEqual(nb.nbformatMinor, 5)
  }

  func testRejectsWhatIsNotANotebook() {
    XCTAssertThrowsError(try Notebook(json: ["cells": []])) { error in
      XCTAssertEqual((error as? NotebookError)?.message, "not a notebook: the 'nbformat' field is missing")
    }
    XCTAssertThrowsError(try Notebook(json: ["nbformat": 3, "cells": []]))
  }

  func testHTMLReportRendersMarkdownCodeAndRichestOutput() {
    let nb = Notebook(cells: [
      Cell(id: "m", kind: .markdown, source: "# Title\n\nSome *text*"),
      Cell(
        id: "c", kind: .code, source: "plot x\nshow <y>",
        outputs: [
          [
            "output_type": "display_data",
            "data": ["text/plain": "chart", "image/svg+xml": "<?xml version=\"1.0\"?>\n<svg></svg>"], "metadata": [:],
          ],
          ["output_type": "error", "ename": "E", "evalue": "v", "traceback": ["\u{1B}[0;31merror\u{1B}[0m: bad <x>"]],
        ], executionCount: 3),
    ])
    let html = HTMLReport.render(nb, title: "report")
    XCTAssertTrue(html.contains("<h1>Title</h1>"))
    XCTAssertTrue(html.contains("<em>text</em>"))
    XCTAssertTrue(html.contains("<div class=\"svg\"><svg></svg></div>"))
    XCTAssertTrue(html.contains("<td class=\"ln\">2</td><td><code>show &lt;y&gt;</code></td>"))
    XCTAssertTrue(html.contains("<pre class=\"error\">error: bad &lt;x&gt;</pre>"))
    XCTAssertTrue(html.contains("In [3]:"))
    XCTAssertFalse(html.contains("<script"))
  }
}
