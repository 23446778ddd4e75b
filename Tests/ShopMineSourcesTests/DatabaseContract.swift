import ShopMineData
import ShopMineSources
import XCTest

/// Checks that every engine behind the ``Database`` seam must pass, shared by the engines' tests.
enum DatabaseContract {
  /// Every type, each with a missing value, and values at the edges (Int64.max, a tiny float, quotes).
  static func sample() -> Table {
    Table(
      uncheckedColumns: [
        Column(name: "id", ints: [1, 2, .max]),
        Column(name: "price", floats: [1.5, .nan, -2.25e-300], validity: ValidityMask([true, false, true])),
        Column(name: "ok", bools: [true, false, true], validity: ValidityMask([true, true, false])),
        Column(name: "city", strings: ["Beijing", nil, "Zürich 北京 'quoted' \\n"]),
        Column(
          name: "ts",
          timestamps: [
            0, Timestamp.make(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 58, microsecond: 123_456),
            -1,
          ],
          validity: ValidityMask([true, true, false])),
      ], rowCount: 3)
  }

  /// A table and a column named like an injection (`x"; drop table users; --`) are only names: written,
  /// described, filtered on a value with a quote, and the `users` table still there.
  static func assertNamesThatLookLikeSQLAreOnlyNames(
    _ db: any Database, hostile: String, users: String, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    try db.write(
      Table(uncheckedColumns: [Column(name: "id", ints: [7])], rowCount: 1), to: users, mode: .create,
      control: FetchControl())
    let odd = Table(
      uncheckedColumns: [Column(name: hostile, strings: ["it's; --"]), Column(name: "n", ints: [1])], rowCount: 1)
    try db.write(odd, to: hostile, mode: .create, control: FetchControl())
    let columns = try db.columns(ofTable: hostile)
    XCTAssertEqual(columns.map(\.name), [hostile, "n"], file: file, line: line)
    var q = SQLQuery.table([hostile], columns: columns.map { ($0.name, $0.type) }, dialect: db.dialect)
    let oracle = TypeOracle.over(
      Table(uncheckedColumns: [Column(name: hostile, strings: []), Column(name: "n", ints: [])], rowCount: 0))
    q = try XCTUnwrap(
      q.filtered(.binary(.equal, .column(hostile), .literal(.string("it's; --"))), types: oracle, dialect: db.dialect),
      file: file, line: line)
    let back = try db.fetch(q.text(db.dialect), types: [.string, .int], control: FetchControl())
    XCTAssertEqual(back.rowCount, 1, file: file, line: line)
    XCTAssertEqual(back.columns[0][0], .string("it's; --"), file: file, line: line)
    let names = try db.tables().columns[0]
    let listed = Set((0..<names.count).compactMap { if case .string(let s) = names[$0] { s } else { nil } })
    XCTAssertTrue(listed.isSuperset(of: [users, hostile]), "\(listed)", file: file, line: line)
  }
}
