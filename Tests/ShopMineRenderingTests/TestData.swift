import Foundation
import RichOutput
import ShopMineData
import XCTest

@testable import ShopMineRendering

/// Small deterministic tables shaped like ShopMine's generated data (users, daily revenue, a
/// correlation matrix), built here so rendering tests do not depend on the generator's evolution.
enum TestData {
  struct Rng {
    var state: UInt64
    mutating func next() -> Double {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Double((z ^ (z >> 31)) >> 11) * 0x1.0p-53
    }
    /// Box–Muller normal.
    mutating func normal() -> Double {
      let u = max(next(), 1e-12)
      return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * next())
    }
  }

  static let cities = ["Shanghai", "Beijing", "Shenzhen", "Chengdu", "Hangzhou"]

  /// `n` users with three behaviour segments.
  static func users(_ n: Int, seed: UInt64 = 1) -> Table {
    var rng = Rng(state: seed)
    var ids: [Int64] = []
    var browse: [Double] = []
    var spend: [Double] = []
    var reviews: [Int64] = []
    var rating: [Double] = []
    var city: [String?] = []
    for i in 0..<n {
      let segment = i % 3
      ids.append(Int64(i + 1))
      let b = [12.0, 35, 60][segment] + rng.normal() * 6
      browse.append((b * 100).rounded() / 100)
      spend.append((max(5, [120.0, 480, 900][segment] + rng.normal() * 90) * 100).rounded() / 100)
      reviews.append(Int64(max(0, [1.0, 6, 14][segment] + rng.normal() * 2).rounded()))
      rating.append(((3.2 + Double(segment) * 0.6 + rng.normal() * 0.4) * 10).rounded() / 10)
      city.append(cities[Int(rng.next() * Double(cities.count)) % cities.count])
    }
    return Table(
      uncheckedColumns: [
        Column(name: "user_id", ints: ids), Column(name: "browse_time", floats: browse),
        Column(name: "spend", floats: spend), Column(name: "review_count", ints: reviews),
        Column(name: "rating", floats: rating), Column(name: "city", strings: city),
      ], rowCount: n)
  }

  /// Daily revenue over `days` days from 2024-01-01.
  static func daily(_ days: Int, seed: UInt64 = 2) -> Table {
    var rng = Rng(state: seed)
    let start = Timestamp.make(year: 2024, month: 1, day: 1)
    let ts = (0..<days).map { start + Int64($0) * Timestamp.microsPerDay }
    let revenue = (0..<days).map { d in
      ((5000 + 1500 * sin(Double(d) / 7 * 2 * .pi) + Double(d) * 40 + rng.normal() * 400) * 100).rounded() / 100
    }
    return Table(
      uncheckedColumns: [Column(name: "day", timestamps: ts), Column(name: "revenue", floats: revenue)],
      rowCount: days)
  }

  /// A correlation-matrix table like `corr` returns: a `column` name column and one column per feature.
  static func correlations(_ users: Table, features: [String]) -> Table {
    let columns = features.map { name in (users.column(named: name)?.doubles() ?? []).map { $0 ?? .nan } }
    func corr(_ a: [Double], _ b: [Double]) -> Double {
      let n = Double(a.count)
      let ma = a.reduce(0, +) / n
      let mb = b.reduce(0, +) / n
      var sab = 0.0, saa = 0.0, sbb = 0.0
      for i in a.indices {
        sab += (a[i] - ma) * (b[i] - mb)
        saa += (a[i] - ma) * (a[i] - ma)
        sbb += (b[i] - mb) * (b[i] - mb)
      }
      return sab / (saa * sbb).squareRoot()
    }
    var out = [Column(name: "column", strings: features)]
    for (j, name) in features.enumerated() {
      out.append(Column(name: name, floats: columns.map { corr($0, columns[j]) }))
    }
    return Table(uncheckedColumns: out, rowCount: features.count)
  }
}

/// Golden-file comparison: set `SHOPMINE_UPDATE_GOLDENS=1` to rewrite the files under Fixtures/golden,
/// and `SHOPMINE_GALLERY=/some/dir` to also write every SVG there for viewing.
enum Golden {
  static var directory: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden")
  }

  static func check(_ text: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let url = directory.appendingPathComponent(name)
    if let gallery = ProcessInfo.processInfo.environment["SHOPMINE_GALLERY"] {
      try? FileManager.default.createDirectory(atPath: gallery, withIntermediateDirectories: true)
      try? text.write(toFile: gallery + "/" + name, atomically: true, encoding: .utf8)
    }
    if ProcessInfo.processInfo.environment["SHOPMINE_UPDATE_GOLDENS"] == "1" {
      try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      XCTAssertNoThrow(try text.write(to: url, atomically: true, encoding: .utf8), file: file, line: line)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      XCTFail("missing golden \(name); run with SHOPMINE_UPDATE_GOLDENS=1", file: file, line: line)
      return
    }
    guard text != expected else { return }
    // Report the first differing line rather than two whole documents.
    let a = text.split(separator: "\n", omittingEmptySubsequences: false)
    let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
    let got = i < a.count ? String(a[i]) : "<end>"
    let want = i < b.count ? String(b[i]) : "<end>"
    XCTFail(
      "\(name) differs from its golden at line \(i + 1):\n  got:  \(got)\n  want: \(want)\n"
        + "(rerun with SHOPMINE_UPDATE_GOLDENS=1 if the change is intended)", file: file, line: line)
  }
}

/// Parses `xml` with Foundation's XMLParser (FoundationXML on Linux) and returns the error, if any.
#if canImport(FoundationXML)
  import FoundationXML
#endif

final class XMLCollector: NSObject, XMLParserDelegate {
  var elements: [String] = []
  var texts: [String] = []
  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    elements.append(name)
  }
  func parser(_ parser: XMLParser, foundCharacters string: String) {
    texts.append(string)
  }
}

func parseXML(_ xml: String) -> (ok: Bool, error: String?, collector: XMLCollector) {
  let parser = XMLParser(data: Data(xml.utf8))
  let collector = XMLCollector()
  parser.delegate = collector
  let ok = parser.parse()
  return (ok, parser.parserError.map { "\($0)" }, collector)
}

/// Minimal JSON text for test output (sorted keys, so files are stable); the protocol module's writer
/// is not needed for tests.
func jsonText(_ value: JSONValue) -> String {
  switch value {
  case .null: return "null"
  case .bool(let b): return b ? "true" : "false"
  case .int(let i): return String(i)
  case .double(let d): return d.isFinite ? "\(d)" : "null"
  case .string(let s):
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      default:
        if scalar.value < 0x20 {
          out += String(format: "\\u%04x", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  case .array(let a): return "[" + a.map(jsonText).joined(separator: ",") + "]"
  case .object(let o):
    return "{" + o.keys.sorted().map { jsonText(.string($0)) + ":" + jsonText(o[$0] ?? .null) }.joined(separator: ",")
      + "}"
  }
}

/// Writes a chart's Vega-Lite spec next to its SVG in the gallery folder (for schema validation).
func galleryVegaLite(_ chart: RenderedChart, named name: String) {
  guard let gallery = ProcessInfo.processInfo.environment["SHOPMINE_GALLERY"] else { return }
  try? FileManager.default.createDirectory(atPath: gallery, withIntermediateDirectories: true)
  try? jsonText(chart.vegaLite).write(toFile: gallery + "/" + name, atomically: true, encoding: .utf8)
}
