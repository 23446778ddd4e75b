// swift-tools-version: 6.0
// Bench driver for the rules and recommenders modules; built (release) and run by bench/rules_bench.py and
// bench/recommenders_bench.py. The main package exports no library products, so the three modules are
// compiled here from the same sources through symlinks in Sources/.
import PackageDescription

let package = Package(
  name: "ShopMineModelsBench",
  platforms: [.macOS(.v14)],
  targets: [
    .target(name: "ShopMineData"),
    .target(name: "ShopMineRules", dependencies: ["ShopMineData"]),
    .target(name: "ShopMineRecommenders", dependencies: ["ShopMineData"]),
    .executableTarget(
      name: "shopmine-models-bench", dependencies: ["ShopMineData", "ShopMineRules", "ShopMineRecommenders"]),
  ],
  swiftLanguageModes: [.v6]
)
