import Foundation
import ShopMineData
import ShopMineLanguage
import XCTest

/// Files written before the one model-file format (Fixtures/model-files-v1, made by its
/// make_fixtures.mine) still load, and give exactly what the same model fitted now gives; saved again they
/// are written in the current format and load back the same.
final class ModelFileCompatibilityTests: XCTestCase {
  var dir = ""

  override func setUpWithError() throws {
    dir = NSTemporaryDirectory() + "shopmine-model-files-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/model-files-v1")
    for name in try FileManager.default.contentsOfDirectory(atPath: fixtures.path) where name.hasSuffix(".model") {
      try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent(name).path, toPath: dir + "/" + name)
    }
    XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir))
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(atPath: dir)
  }

  @discardableResult
  func ok(_ h: inout Harness, _ code: String, file: StaticString = #filePath, line: UInt = #line) -> Harness.Run {
    let r = h.run(code)
    XCTAssertNil(r.error, r.plainTraceback ?? "", file: file, line: line)
    return r
  }

  /// The same statement's result on the model fitted now and on the one read from the old file.
  func assertSame(_ h: inout Harness, _ fresh: String, _ loaded: String, line: UInt = #line) {
    ok(&h, "a = \(fresh)", line: line)
    ok(&h, "b = \(loaded)", line: line)
    guard case .table(let a)? = h.engine.session["a"], case .table(let b)? = h.engine.session["b"] else {
      return XCTFail("\(fresh) / \(loaded) gave no tables", line: line)
    }
    XCTAssertGreaterThan(a.rowCount, 0, fresh, line: line)
    XCTAssertEqual(a, b, "\(fresh) / \(loaded)", line: line)
  }

  func testVersionOneFilesOfEveryFamilyLoadAndAgreeWithAFreshFit() throws {
    var h = Harness()
    ok(
      &h,
      """
      orders = generate orders 400 seed 7
      users = generate users 120 seed 7
      km = kmeans users on age, spend k 3 seed 1
      churn = tree users target churned on age, spend, purchase_freq depth 3
      mf = als orders user user_id item product_id factors 4 iterations 3 seed 1
      pop = popular orders user user_id item product_id
      el = elasticity orders price price quantity quantity by category
      """)
    for name in ["kmeans", "tree", "als", "popular", "elasticity"] {
      ok(&h, "old_\(name) = load model \"\(name).model\"")
      // Saved again, the file is in the current format, and it reads back to the same model.
      ok(&h, "save old_\(name) to \"\(name)-v2.model\"")
      let bytes = try String(contentsOfFile: dir + "/\(name)-v2.model", encoding: .utf8)
      XCTAssertTrue(bytes.hasPrefix("{\"format\":\"shopmine-model\",\"kind\":\""), name)
      XCTAssertTrue(bytes.hasSuffix(",\"version\":2}"), name)
      ok(&h, "new_\(name) = load model \"\(name)-v2.model\"")
    }
    for prefix in ["old_", "new_"] {
      assertSame(&h, "predict km on users", "predict \(prefix)kmeans on users")
      assertSame(&h, "predict churn on users", "predict \(prefix)tree on users")
      assertSame(&h, "recommend mf for users [1, 2, 3] top 5", "recommend \(prefix)als for users [1, 2, 3] top 5")
      assertSame(&h, "recommend pop for users [4, 5] top 5", "recommend \(prefix)popular for users [4, 5] top 5")
      XCTAssertEqual(ok(&h, "el").result, ok(&h, "\(prefix)elasticity").result)
    }
  }

  func testAFileOfAnotherProgramOrAnUnknownKindIsAClearError() throws {
    var h = Harness()
    try #"{"format": "other-tool", "version": 1}"#.write(
      toFile: dir + "/other.model", atomically: true, encoding: .utf8)
    XCTAssertEqual(
      h.run("m = load model \"other.model\"").error?.value,
      "'other.model' is not a ShopMine model file (format 'other-tool')")
    try #"{"format": "shopmine-model", "version": 2, "kind": "prophet", "model": {}}"#
      .write(toFile: dir + "/prophet.model", atomically: true, encoding: .utf8)
    XCTAssertEqual(
      h.run("m = load model \"prophet.model\"").error?.value, "'prophet.model' holds an unknown model kind 'prophet'")
    XCTAssertNil(h.engine.session["m"])
  }
}
