import JupyterProtocol
import ShopMineLearning
import XCTest

@testable import ShopMineLanguage

final class CompletenessTests: XCTestCase {
  let engine = ShopMineEngine()

  func testComplete() {
    XCTAssertEqual(engine.isComplete("print \"hello\""), .complete)
    XCTAssertEqual(engine.isComplete("x = 1 + 2"), .complete)
    XCTAssertEqual(engine.isComplete(""), .complete)
    XCTAssertEqual(engine.isComplete("users | where spend > 5\n"), .complete)
  }

  func testIncomplete() {
    XCTAssertEqual(engine.isComplete("print \"hello"), .incomplete(indent: ""))
    XCTAssertEqual(engine.isComplete("x = (1 +"), .incomplete(indent: "    "))
    XCTAssertEqual(engine.isComplete("x = [1, 2"), .incomplete(indent: "    "))
    XCTAssertEqual(engine.isComplete("users |"), .incomplete(indent: "  "))
    XCTAssertEqual(engine.isComplete("print 1,"), .incomplete(indent: "  "))
    XCTAssertEqual(engine.isComplete("x ="), .incomplete(indent: "  "))
  }

  func testInvalid() {
    XCTAssertEqual(engine.isComplete("x = 1)"), .invalid)
    XCTAssertEqual(engine.isComplete("x = 1 @ 2"), .invalid)
    XCTAssertEqual(engine.isComplete("1 + + ) 2"), .invalid)
  }
}

/// `help VERB`, the verbs' declared parameters and docs/LANGUAGE.md say the same thing.
final class HelpTests: XCTestCase {
  func testCommittedReferenceIsAFreshGeneration() throws {
    let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/LANGUAGE.md")
    let committed = try String(contentsOf: docs, encoding: .utf8)
    let fresh = LanguageReference.markdown()
    if committed != fresh {
      let a = committed.split(separator: "\n", omittingEmptySubsequences: false)
      let b = fresh.split(separator: "\n", omittingEmptySubsequences: false)
      let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
      XCTFail(
        "docs/LANGUAGE.md differs from `shopmine reference` from line \(line + 1): regenerate it with "
          + "`.build/release/shopmine reference > docs/LANGUAGE.md`")
    }
  }

  func testEveryVerbAndListedTopicHasHelp() throws {
    for spec in VerbCatalog.standard.specs {
      let text = try XCTUnwrap(HelpLibrary.text(for: spec.name), spec.name)
      XCTAssertTrue(text.hasPrefix("## \(spec.name)\n"), "help file for \(spec.name)")
      XCTAssertTrue(text.contains("Example"), "help of \(spec.name) has an example")
    }
    let overview = HelpLibrary.overview()
    for topic in HelpLibrary.topics {
      XCTAssertNotNil(HelpLibrary.text(for: topic), "help topic '\(topic)'")
      XCTAssertTrue(overview.contains("help \(topic)"), "the overview names 'help \(topic)'")
    }
  }

  func testOptionsSectionComesFromTheDeclaration() throws {
    // The default is the library's own (scikit-learn's max_iter), read here, not written again.
    let iterations = KMeansOptions(k: 1).maxIterations
    let help = try XCTUnwrap(HelpLibrary.text(for: "kmeans"))
    XCTAssertTrue(
      help.contains("- `iterations N`: Lloyd iterations per run at most (default \(iterations); 1 to 1000000)"), help)
    XCTAssertTrue(help.contains("- `seed S`: random seed (default set seed)"), help)
    XCTAssertTrue(help.contains("- `trace`: show every iteration"), help)
    // kmeans has options only; `where` has its condition only.
    XCTAssertTrue(try XCTUnwrap(HelpLibrary.text(for: "where")).contains("Arguments:\n\n- `CONDITION`"))
    // The options come before the example.
    let options = try XCTUnwrap(help.range(of: "Options:"))
    let example = try XCTUnwrap(help.range(of: "\nExample"))
    XCTAssertLessThan(options.lowerBound, example.lowerBound)
  }

  func testDeclaredDefaultsLieInTheirRangesAndSharedOptionsAgree() {
    var byName: [String: [String: ParameterSpec]] = [:]
    for spec in VerbCatalog.standard.specs {
      for p in spec.positionals + spec.options {
        if case .integer(let range, let value?) = p.rule {
          XCTAssertTrue(range.contains(value), "\(spec.name) \(p.name): default \(value) outside \(range)")
        }
        byName[spec.name, default: [:]][p.name] = p
      }
    }
    // Plot kinds share one option list: an option that two kinds declare must mean the same in both.
    var plotOptions: [String: ParameterSpec] = [:]
    for kind in PlotKinds.all {
      for option in kind.options {
        if let earlier = plotOptions[option.name] {
          XCTAssertEqual(earlier, option, "plot option '\(option.name)' declared two ways")
        }
        plotOptions[option.name] = option
      }
    }
  }

  func testAValueOutsideTheDeclaredRangeIsRefusedWithTheRange() {
    let engine = ShopMineEngine()
    let sink = RecordingSink()
    _ = engine.execute(ExecutionRequest(code: "u = generate users 50 seed 1", executionCount: 1), sink: sink)
    let outcome = engine.execute(
      ExecutionRequest(code: "kmeans u k 2 on spend iterations 0", executionCount: 2), sink: sink)
    guard case .error(let e) = outcome else { return XCTFail("\(outcome)") }
    XCTAssertEqual(e.value, "'iterations' must be between 1 and 1000000, not 0")
  }

  func testHelpWhereOpensThePager() {
    let engine = ShopMineEngine()
    let outcome = engine.execute(ExecutionRequest(code: "help where", executionCount: 1), sink: RecordingSink())
    guard case .ok(_, let payloads) = outcome else { return XCTFail("\(outcome)") }
    XCTAssertEqual(payloads.first?["data"]?["text/markdown"]?.stringValue?.hasPrefix("## where\n"), true)
    XCTAssertEqual(payloads.first?["data"]?["text/plain"]?.stringValue?.hasPrefix("where\n-----\n"), true)
  }

  func testHelpForUnknownTopicSuggests() {
    let engine = ShopMineEngine()
    let outcome = engine.execute(ExecutionRequest(code: "help wher", executionCount: 1), sink: RecordingSink())
    guard case .error(let e) = outcome else { return XCTFail("\(outcome)") }
    XCTAssertEqual(e.value, "no help for 'wher'")
    XCTAssertTrue(e.traceback.contains { $0.contains("did you mean 'where'?") })
  }
}
