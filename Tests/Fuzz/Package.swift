// swift-tools-version:5.4
// libFuzzer targets for ShopMine's untrusted inputs: one executable per input, built by scripts/fuzz.sh with
// `-sanitize=fuzzer,address` (and `-parse-as-library`, so each target's `LLVMFuzzerTestOneInput` is the entry
// point and libFuzzer supplies `main`). Tools version 5.4 on purpose: from 5.5 on SwiftPM renames an
// executable's entry point (`<Target>_main`) and links `main` to it, which leaves nothing for libFuzzer's
// `main` to replace and fails to link under `-parse-as-library`. Kept out of the root package so a normal
// build never needs the sanitizer runtimes.
import PackageDescription

let package = Package(
  name: "ShopMineFuzz",
  dependencies: [.package(name: "ShopMine", path: "../..")],
  targets: [
    // The language: lexer, parser, evaluator, completion, inspection, is_complete.
    .executableTarget(
      name: "FuzzLanguage", dependencies: [.product(name: "ShopMineLanguage", package: "ShopMine")]),
    // The same without running: lexer, parser, completion, inspection at a rate a 10 M-input run can reach.
    .executableTarget(
      name: "FuzzSyntax", dependencies: [.product(name: "ShopMineLanguage", package: "ShopMine")]),
    // The wire decoder and the request contents it hands to the kernel.
    .executableTarget(
      name: "FuzzWire", dependencies: [.product(name: "JupyterProtocol", package: "ShopMine")]),
    // The CSV reader (type inference, quoting, widening).
    .executableTarget(name: "FuzzCSV", dependencies: [.product(name: "ShopMineData", package: "ShopMine")]),
    // The notebook reader and Jupyter-style writer.
    .executableTarget(
      name: "FuzzNotebook",
      dependencies: [
        .product(name: "ShopMineNotebook", package: "ShopMine"),
        .product(name: "JupyterProtocol", package: "ShopMine"),
      ]),
  ]
)
