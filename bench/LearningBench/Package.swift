// swift-tools-version: 6.0
// Benchmark driver for ShopMineLearning, run by bench/learning_bench.py side by side with scikit-learn.
// The root package exposes no library product, so this package compiles the same sources through symlinks:
// Sources/ShopMineLearning → ../../Sources/ShopMineLearning, Sources/ShopMineData → ../../Sources/ShopMineData.
import PackageDescription

let package = Package(
  name: "LearningBench",
  targets: [
    .target(name: "ShopMineData"),
    .target(name: "ShopMineLearning", dependencies: ["ShopMineData"]),
    .executableTarget(name: "learning-bench", dependencies: ["ShopMineLearning", "ShopMineData"]),
  ],
  swiftLanguageModes: [.v6]
)
