// swift-tools-version: 6.0
// Benchmark CLI for ShopMineInsights (RFM and isolation forest over 1 M rows), driven by
// bench/insights_bench.py, which runs pandas / scikit-learn on the same data side by side.
//
// The root package exposes only the `shopmine` executable, so this package compiles the two modules it
// needs from the root's sources through symlinks (Sources/ShopMineData, Sources/ShopMineInsights).
import PackageDescription

let package = Package(
  name: "InsightsBench",
  platforms: [.macOS(.v14)],
  targets: [
    .target(name: "ShopMineData", path: "Sources/ShopMineData"),
    .target(name: "ShopMineInsights", dependencies: ["ShopMineData"], path: "Sources/ShopMineInsights"),
    .executableTarget(
      name: "insights-bench", dependencies: ["ShopMineData", "ShopMineInsights"],
      path: "Sources/insights-bench"),
  ],
  swiftLanguageModes: [.v6]
)
