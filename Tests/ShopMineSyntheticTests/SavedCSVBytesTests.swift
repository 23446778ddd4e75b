import Crypto
import Foundation
import ShopMineData
import XCTest

@testable import ShopMineSynthetic

/// Issue 3: "two `generate` runs with the same seed give identical CSV bytes", through the writer `save`
/// uses (``CSVWriter/write(_:to:options:cancellation:)``), with each file's SHA-256 pinned so that any
/// change to the generator or to the CSV writer shows up here.
final class SavedCSVBytesTests: XCTestCase {
  /// (kind, rows, SHA-256 of the saved CSV) for seed 42. The digests equal `sha256sum` of the files that
  /// `shopmine run` writes for `t = generate KIND N seed 42` / `save t to "KIND.csv"`.
  static let pinned: [(kind: String, rows: Int, sha256: String)] = [
    ("users", 100, "454cb5162d620026cfd13a2aa7b1bb28f610f8ae4ca8557256c666076566a46d"),
    ("products", 500, "f675925e21c3f0882e0ca5080da67e748c6222dc7fa4a58d8304eaf657bb2ccf"),
    ("orders", 5000, "fa2f720a20c87bb937091a0b1bd8b53e8cb9c3193a1775f5dc11bbaa128d36f3"),
    ("reviews", 2000, "64f2c5334d6b3a5c8fc89f9dd01a407c36c7ccf11b6396711e624856e13aaf62"),
    ("events", 2000, "c5178df27cf2dd68465d1a6febf56e40878f0a918320a3c66f3a6ebb87053cbb"),
  ]

  /// A fresh folder per test, removed afterwards.
  private var folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("shopmine-saved-csv-\(UUID().uuidString)")

  override func setUpWithError() throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  /// Generates `kind` afresh and saves it as CSV; returns the file's bytes.
  private func savedBytes(_ kind: String, rows: Int, seed: Int64, run: Int) throws -> [UInt8] {
    let table = try SyntheticShop.generate(kind, count: rows, seed: seed)
    XCTAssertEqual(table.rowCount, rows, kind)
    let path = folder.appendingPathComponent("\(kind)-\(run).csv").path
    try CSVWriter.write(table, to: path)
    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  func testEachKindSavedTwiceWithOneSeedGivesIdenticalBytesAndThePinnedDigest() throws {
    XCTAssertEqual(Self.pinned.map(\.kind), SyntheticShop.kinds, "every kind is pinned")
    for (kind, rows, digest) in Self.pinned {
      let first = try savedBytes(kind, rows: rows, seed: 42, run: 1)
      let second = try savedBytes(kind, rows: rows, seed: 42, run: 2)
      XCTAssertEqual(first.count, second.count, kind)
      XCTAssertTrue(first == second, "\(kind): two saves with seed 42 differ")
      XCTAssertEqual(sha256Hex(first), digest, "\(kind) \(rows) seed 42")
      // The file is a real table: a header line and one line per row (no field holds a newline).
      XCTAssertEqual(first.filter { $0 == UInt8(ascii: "\n") }.count, rows + 1, kind)
    }
  }

  func testAnotherSeedChangesEveryDigest() throws {
    for (kind, rows, digest) in Self.pinned {
      XCTAssertNotEqual(sha256Hex(try savedBytes(kind, rows: rows, seed: 43, run: 3)), digest, kind)
    }
  }
}

/// SHA-256 of `bytes` as lowercase hex, through swift-crypto (the package's HMAC dependency).
func sha256Hex(_ bytes: [UInt8]) -> String {
  Crypto.SHA256.hash(data: bytes).map { byte in
    let hex = String(byte, radix: 16)
    return byte < 16 ? "0" + hex : hex
  }.joined()
}
