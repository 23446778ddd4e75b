import JupyterProtocol
import XCTest

@testable import ShopMineLanguage

/// Completion at many cursor positions, including after astral-plane text.
final class CompletionTests: XCTestCase {
  func engineWithUsers() -> ShopMineEngine {
    let engine = ShopMineEngine()
    let sink = RecordingSink()
    _ = engine.execute(
      ExecutionRequest(code: "users = generate users 10 seed 42\nthreshold = 5", executionCount: 1),
      sink: sink)
    return engine
  }

  func testVerbsAtLineStart() {
    let r = ShopMineEngine().complete("pri", cursor: 3)
    XCTAssertEqual(r.matches, ["print"])
    XCTAssertEqual(r.cursorStart, 0)
    XCTAssertEqual(r.cursorEnd, 3)
  }

  func testVerbsAfterPipe() {
    let r = engineWithUsers().complete("users | so", cursor: 10)
    XCTAssertEqual(r.matches, ["sort"])
    XCTAssertEqual(r.cursorStart, 8)
  }

  func testNamesAtLineStart() {
    let r = engineWithUsers().complete("thr", cursor: 3)
    XCTAssertEqual(r.matches, ["threshold"])
  }

  func testColumnsOfTheTableFlowingIn() {
    let e = engineWithUsers()
    XCTAssertEqual(e.complete("users | where sp", cursor: 16).matches, ["spend", "split_part"])
    // In a row expression, columns come first, then functions.
    XCTAssertEqual(
      e.complete("users | where spend > 5 and c", cursor: 29).matches,
      ["city", "churned", "ceil", "coalesce", "concat", "contains", "count"])
    // Through a derive: the new column flows on.
    XCTAssertEqual(e.complete("users | derive big = spend * 2 | sort bi", cursor: 40).matches, ["big"])
    // Through select: only the selected columns.
    XCTAssertEqual(
      e.complete("users | select age, city | where c", cursor: 34).matches,
      ["city", "ceil", "coalesce", "concat", "contains", "count"])
    // Written subject.
    XCTAssertEqual(e.complete("normalize users on brow", cursor: 23).matches, ["browse_time"])
  }

  /// An engine that has run `code` (`nil`, with a failure, when it did not run).
  func engine(running code: String) -> ShopMineEngine? {
    let engine = ShopMineEngine()
    let run = engine.execute(ExecutionRequest(code: code, executionCount: 1), sink: RecordingSink())
    guard case .ok = run else {
      XCTFail("\(run)")
      return nil
    }
    return engine
  }

  func testColumnsOfARemoteTableWithoutAQuery() {
    guard
      let engine = engine(
        running: """
          db = connect "sqlite::memory:"
          save (generate users 10 seed 42) to table users in db
          remote = db.users | derive rich = spend > 1000
          """)
    else { return }
    XCTAssertEqual(engine.complete("remote | where sp", cursor: 17).matches, ["spend", "split_part"])
    XCTAssertEqual(engine.complete("remote | where ri", cursor: 17).matches, ["rich", "right"])
    let inspected = engine.inspect("remote", cursor: 6, detailLevel: 0)
    XCTAssertTrue(inspected.found)
    XCTAssertTrue(inspected.bundle.plainText?.contains("rich  bool") ?? false, "\(inspected)")
  }

  func testTablesOfAConnectionAfterItsNameAndADot() {
    guard
      let engine = engine(
        running: """
          db = connect "sqlite::memory:"
          save (generate users 10 seed 42) to table users in db
          save (generate orders 10 seed 42) to table orders in db
          save (generate orders 10 seed 42) to table `order lines` in db
          """)
    else { return }
    // Every table `db.NAME` can spell, wherever a value is typed; the word after the dot is replaced.
    let all = engine.complete("t = db.", cursor: 7)
    XCTAssertEqual(all.matches, ["orders", "users"])
    XCTAssertEqual(all.cursorStart, 7)
    XCTAssertEqual(engine.complete("kmeans (db.us", cursor: 13).matches, ["users"])
    XCTAssertEqual(engine.complete("db.users | join db.o", cursor: 20).matches, ["orders"])
    // A name that is not a connection offers no tables.
    XCTAssertFalse(engine.complete("x.", cursor: 2).matches.contains("users"))
  }

  func testSortOffersColumnsThenDirections() {
    let e = engineWithUsers()
    // First the columns, in table order (then functions, for expression keys); no direction yet.
    let keys = e.complete("users | sort ", cursor: 13).matches
    XCTAssertEqual(keys.first, "user_id", "\(keys)")
    XCTAssertTrue(keys.contains("spend") && keys.contains("city") && !keys.contains("asc"), "\(keys)")
    // After a key, its direction.
    XCTAssertEqual(e.complete("users | sort spend ", cursor: 19).matches, ["asc", "desc"])
    XCTAssertEqual(e.complete("users | sort spend d", cursor: 20).matches, ["desc"])
    // A second key after a comma: columns again.
    XCTAssertTrue(e.complete("users | sort spend desc, ", cursor: 25).matches.contains("city"))
  }

  func testOptionWords() {
    let e = engineWithUsers()
    XCTAssertEqual(e.complete("generate users 10 se", cursor: 20).matches, ["seed"])
    XCTAssertEqual(e.complete("users | group by city ag", cursor: 24).matches, ["aggregate"])
  }

  func testWordChoices() {
    XCTAssertEqual(ShopMineEngine().complete("generate or", cursor: 11).matches, ["orders"])
  }

  func testAfterAstralPlaneEmoji() {
    let e = engineWithUsers()
    let code = "print \"😀\"\nusers | where sp"
    let cursor = code.unicodeScalars.count
    let r = e.complete(code, cursor: cursor)
    XCTAssertEqual(r.matches, ["spend", "split_part"])
    XCTAssertEqual(r.cursorStart, cursor - 2)
    XCTAssertEqual(r.cursorEnd, cursor)
  }

  func testCursorInTheMiddle() {
    let e = engineWithUsers()
    // Cursor after "sp" with more text after it.
    let r = e.complete("users | where sp > 5", cursor: 16)
    XCTAssertEqual(r.matches, ["spend", "split_part"])
  }

  func testFilePathsInsideLoadQuotes() throws {
    let dir = NSTemporaryDirectory() + "shopmine-complete-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
    try "a\n1\n".write(toFile: dir + "/data/ratings.csv", atomically: true, encoding: .utf8)
    XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir))
    let code = "r = load \"data/ra"
    let r = ShopMineEngine().complete(code, cursor: code.unicodeScalars.count)
    XCTAssertEqual(r.matches, ["data/ratings.csv"])
    XCTAssertEqual(r.cursorStart, 10)
    XCTAssertEqual(ShopMineEngine().complete("load \"da", cursor: 8).matches, ["data/"])
  }

  func testPathsAreFilteredByTheTypedNameAndCapped() throws {
    let dir = NSTemporaryDirectory() + "shopmine-complete-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for i in 0..<1_200 {
      XCTAssertTrue(FileManager.default.createFile(atPath: dir + String(format: "/f%04d.csv", i), contents: Data()))
    }
    XCTAssertTrue(FileManager.default.createFile(atPath: dir + "/.hidden.csv", contents: Data()))
    let engine = ShopMineEngine()
    func matches(_ typed: String) -> [String] {
      let code = "load \"\(dir)/\(typed)"
      return engine.complete(code, cursor: code.unicodeScalars.count).matches
        .map { String($0.dropFirst(dir.count + 1)) }
    }
    let all = matches("")
    XCTAssertEqual(all.count, Completer.pathCandidateLimit)
    XCTAssertEqual(all.prefix(3), ["data/", "f0000.csv", "f0001.csv"])
    XCTAssertEqual(all.last, "f0998.csv")
    XCTAssertEqual(matches("f11"), (1_100..<1_200).map { String(format: "f%04d.csv", $0) })
    XCTAssertEqual(matches("f1199"), ["f1199.csv"])
    XCTAssertEqual(matches("."), [".hidden.csv"])
    XCTAssertEqual(matches("d"), ["data/"])
    XCTAssertEqual(matches("x"), [])
  }

  func testTypesMetadata() throws {
    let r = ShopMineEngine().complete("pri", cursor: 3)
    let types = try XCTUnwrap(r.metadata["_jupyter_types_experimental"]?.arrayValue)
    XCTAssertEqual(types.first?["text"], "print")
    // Verbs are keywords of the language (JupyterLab shows a keyword icon, not a function's).
    XCTAssertEqual(types.first?["type"], "keyword")
    XCTAssertEqual(types.first?["start"], 0)
    XCTAssertEqual(types.first?["end"], 3)
  }
}
