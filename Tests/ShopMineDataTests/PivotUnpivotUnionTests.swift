import XCTest

@testable import ShopMineData

/// `pivot` with several rows, values and aggregates, `unpivot` (pandas' melt order) and `union` by name.
final class PivotUnpivotUnionTests: XCTestCase {
  let sales =
    (try? Table(
      names: ["month", "region", "category", "revenue", "units"],
      rows: [
        [.string("2024-02"), .string("N"), .string("home"), .int(5), .float(1)],
        [.string("2024-01"), .string("N"), .string("books"), .int(10), .float(2)],
        [.string("2024-01"), .string("S"), .string("books"), .int(3), .float(3)],
        [.string("2024-01"), .string("N"), .string("books"), .int(4), .float(4)],
        [.string("2024-02"), .string("S"), .missing, .int(100), .float(5)],
        [.missing, .string("S"), .string("home"), .int(100), .float(6)],
      ])) ?? .empty

  func testPivotOneValueNamesColumnsByLevelSortedWithMissingCells() throws {
    let wide = try sales.pivot(rows: ["month"], columns: "category", values: ["revenue"], aggregate: .sum)
    XCTAssertEqual(wide.columnNames, ["month", "books", "home"])
    // Rows and levels sorted; missing keys left out; an int sum stays int; an empty cell is missing.
    XCTAssertEqual(
      wide.rows, [[.string("2024-01"), .int(17), .missing], [.string("2024-02"), .missing, .int(5)]])
    let filled = try sales.pivot(
      rows: ["month"], columns: "category", values: ["revenue"], aggregate: .sum, fill: .int(0))
    XCTAssertEqual(filled.rows[0], [.string("2024-01"), .int(17), .int(0)])
  }

  func testPivotSeveralRowsAndValues() throws {
    let wide = try sales.pivot(rows: ["month", "region"], columns: "category", values: ["revenue", "units"])
    XCTAssertEqual(
      wide.columnNames, ["month", "region", "revenue_books", "revenue_home", "units_books", "units_home"])
    XCTAssertEqual(wide.rowCount, 3)
    XCTAssertEqual(wide.rows[0], [.string("2024-01"), .string("N"), .float(7), .missing, .float(3), .missing])
    XCTAssertThrowsError(try sales.pivot(rows: ["category"], columns: "category", values: ["revenue"]))
    XCTAssertThrowsError(try sales.pivot(rows: ["mont"], columns: "category", values: ["revenue"]))
  }

  func testPivotOfAnEmptyTable() throws {
    let wide = try sales.gatheringRows([]).pivot(rows: ["month"], columns: "category", values: ["revenue"])
    XCTAssertEqual(wide.columnNames, ["month"])
    XCTAssertEqual(wide.rowCount, 0)
  }

  func testUnpivotInMeltOrderWithIdsKept() throws {
    let wide = try Table(
      names: ["id", "books", "home"], rows: [[.int(1), .int(10), .float(0.5)], [.int(2), .missing, .float(2)]])
    let long = try wide.unpivoted(columns: ["books", "home"], name: "category", value: "revenue")
    XCTAssertEqual(long.columnNames, ["id", "category", "revenue"])
    XCTAssertEqual(
      long.rows,
      [
        [.int(1), .string("books"), .float(10)], [.int(2), .string("books"), .missing],
        [.int(1), .string("home"), .float(0.5)], [.int(2), .string("home"), .float(2)],
      ])
    XCTAssertEqual(try wide.unpivoted(columns: ["books"]).columnNames, ["id", "home", "name", "value"])
    XCTAssertEqual(try wide.gatheringRows([]).unpivoted(columns: ["books", "home"]).rowCount, 0)
  }

  func testUnpivotRefusesTextWithNumbersAndNameClashes() throws {
    let t = try Table(names: ["id", "a", "b"], rows: [[.int(1), .int(2), .string("x")]])
    XCTAssertThrowsError(try t.unpivoted(columns: ["a", "b"])) { error in
      XCTAssertEqual(
        (error as? TableError)?.message, "cannot unpivot int column 'a' and string column 'b' into one column")
    }
    XCTAssertThrowsError(try t.unpivoted(columns: ["a"], name: "id"))
    XCTAssertThrowsError(try t.unpivoted(columns: ["a", "a"]))
  }

  func testUnionByNameFillsMissingColumnsAndWidens() throws {
    let a = try Table(names: ["id", "x"], rows: [[.int(1), .int(2)]])
    let b = try Table(names: ["y", "x", "id"], rows: [[.string("s"), .float(0.5), .int(3)]])
    let all = try a.union(b)
    XCTAssertEqual(all.columnNames, ["id", "x", "y"])
    XCTAssertEqual(all.rows, [[.int(1), .float(2), .missing], [.int(3), .float(0.5), .string("s")]])
    XCTAssertEqual(try a.union(b, commonOnly: true).columnNames, ["id", "x"])
    let text = try Table(names: ["x"], rows: [[.string("no")]])
    XCTAssertThrowsError(try a.union(text)) { error in
      XCTAssertEqual(
        (error as? TableError)?.message, "union cannot stack column 'x': int in the first table, string in the second")
    }
    XCTAssertEqual(try a.union(a.gatheringRows([])).rows, a.rows)
  }
}
