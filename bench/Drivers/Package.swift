// swift-tools-version: 6.0
// Benchmark drivers: small executables that time ShopMine's libraries on workloads written by the Python
// side of each benchmark (bench/*.py), which times the anchor library on the same data in the same run.
// They depend on the root package by path, so they always measure the code in this checkout.
import PackageDescription

let package = Package(
  name: "ShopMineBenchDrivers",
  platforms: [.macOS(.v14)],
  dependencies: [.package(name: "ShopMine", path: "../..")],
  targets: [
    .executableTarget(name: "csvbench", dependencies: [.product(name: "ShopMineData", package: "ShopMine")]),
    .executableTarget(
      name: "insights-bench",
      dependencies: [
        .product(name: "ShopMineData", package: "ShopMine"), .product(name: "ShopMineInsights", package: "ShopMine"),
      ]),
    .executableTarget(
      name: "learning-bench",
      dependencies: [
        .product(name: "ShopMineData", package: "ShopMine"), .product(name: "ShopMineLearning", package: "ShopMine"),
      ]),
    .executableTarget(
      name: "models-bench",
      dependencies: [
        .product(name: "ShopMineData", package: "ShopMine"), .product(name: "ShopMineRules", package: "ShopMine"),
        .product(name: "ShopMineRecommenders", package: "ShopMine"),
      ]),
  ],
  swiftLanguageModes: [.v6]
)
